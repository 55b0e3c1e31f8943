// Package printer delivers finished label jobs to a printer.
//
// A Job is the complete byte stream of one print job (TSPL or ESC/POS) that
// another package has already encoded. A Transport sends jobs to one printer:
//
//   - TCP sends raw jobs to a network printer on port 9100, then queries the
//     printer's status (TSPL ESC ! ?) so that Send returns only after the
//     printer has read the whole job, and reports faults such as paper out.
//     For ESC/POS printers (Language ESCPOS) the query is DLE EOT 1, 2, 4.
//   - LP writes jobs to a device file of the system's printer driver, such
//     as /dev/usb/lp0 of Linux's usblp, without libusb.
//   - Dir is a virtual printer that writes each job, and its preview PNG, to a
//     folder. The demo and tests use it when no printer is attached.
//   - The Windows spooler (RAW jobs) is in printer/winspool.
//   - USB printers are in the printer/usb package, which needs cgo and libusb.
//     It registers the "usb" scheme with RegisterScheme so that Open can build
//     one without this package depending on cgo.
//
// Open builds a Transport from an address such as "tcp://192.0.2.10:9100",
// "dir:/home/me/labels", "lp:/dev/usb/lp0" or "usb://0483:5743". A Profile
// holds one printer's setup (address, language, label size, code page) and
// its test label; Status decodes TSPL and ESC/POS status replies, and
// MessageKeys names the message that explains to a packer what to do.
// Package printer/spool keeps printers fed and reports each job's fate.
//
// Errors a caller acts on are values: ErrUnreachable and ErrTimeout for the
// connection, ErrNothingSent next to them when no byte of the job left (so
// sending it again cannot print twice), and ErrPaperOut, ErrHeadOpen and the
// other fault errors for a printer that took the job but reported a
// problem. Use errors.Is to test for them and errors.As with *StatusError to
// read the status bits.
package printer
