// Package emulator is a network label printer for tests and the demo.
//
// Start listens on 127.0.0.1 and accepts raw jobs as a port 9100 printer
// does. Each connection is read as TSPL or ESC/POS, recognised by its first
// bytes (DLE, GS, FS or ESC other than ESC ! start ESC/POS). The emulator
// parses every job with its own parsers, written independently of the
// project's encoders, so a test that prints through the real transport
// checks the encoder against a second reading of the language. It records
// each printed label (texts, barcode and QR contents, bitmap count, copies)
// and every malformed input it saw, draws each label as an image (Label.PNG),
// and replies to the status queries ESC ! ?, ESC ! S and DLE EOT n.
//
// It has knobs for the faults real printers show: paper out after n labels,
// head open, a slow reader, a connection reset mid-job, a printer that
// rejects connections, and one that drops a second connection opened soon
// after the first. With Options.PrintSpeed it models the print engine: labels
// print one at a time at that speed from a small buffer, and IdleGaps
// records how long the engine waited for the computer between labels.
//
// Quoted TSPL strings and ESC/POS text are decoded as GB18030, a superset of
// the GB2312 and GBK encodings Chinese label printers accept.
package emulator
