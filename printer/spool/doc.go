// Package spool keeps printers fed with label jobs and reports the fate of
// every job it takes exactly once.
//
// A Spooler takes jobs in order from a channel and sends them to one printer
// through a printer.Transport, one connection at a time. The producer renders
// the next jobs into the channel while the printer prints, so the channel's
// buffer is the read-ahead. Before the first job, and again after every
// fault, the Spooler queries the printer's status (TSPL ESC ! ?, ESC/POS
// DLE EOT) when the transport can; between jobs the status reply that
// confirms each job serves as the check before the next.
//
// Every job the Spooler takes gets exactly one Result:
//
//   - Printed: the printer confirmed that it took the job and reported no
//     fault.
//   - NotSent: no byte of the job reached the printer, so sending it again
//     cannot print a second label. Only jobs that are still held when Run
//     ends get it; a job that failed with nothing sent is retried after
//     Resume instead.
//   - Unknown: bytes went out but the printer did not confirm, or confirmed
//     with a fault. The label may or may not have come out, so a packer
//     must look before it is sent again.
//
// A fault (paper out, head or cover open, paused, ribbon out, offline,
// unreachable, a broken connection) pauses the Spooler: it reports a Fault
// and waits for Resume, which the packer triggers after fixing the printer.
// It then checks the status again and continues with the first job not yet
// confirmed. The record of which label is queued, sent or printed belongs
// to the caller (the parcel ledger), which stores each Result as it arrives:
// Run does not take the next job before the callback returns.
//
// A Pool spreads one channel of jobs over several Spoolers, to the least
// loaded printer or in turn, and only to printers whose template matches the
// job's.
package spool
