// Package winspool sends raw print jobs to a printer installed in the
// Windows print spooler, such as a USB label printer with its vendor driver.
//
// Importing the package registers the "winspool" scheme with printer.Open,
// so "winspool:Xprinter XP-420B" (the printer's name in Windows) opens a
// Transport. Each job goes to the spooler as one document of data type RAW
// (OpenPrinter, StartDocPrinter, WritePrinter, EndDocPrinter in
// winspool.drv), so the driver passes the TSPL or ESC/POS bytes unchanged.
//
// The spooler takes the job into its queue, so Send returning means the job
// is queued, not that the printer took it, and no status is read back. On
// other systems opening a winspool address fails with ErrUnsupported.
package winspool
