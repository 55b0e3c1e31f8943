// Package emulator is a network TSPL label printer for tests and the demo.
//
// Start listens on 127.0.0.1 and accepts raw jobs as a port 9100 printer
// does. The emulator parses every job with its own TSPL parser, written
// independently of the project's encoder, so a test that prints through the
// real transport checks the encoder against a second reading of the language.
// It records each printed label (texts, barcode and QR contents, bitmap count,
// copies) and every malformed input it saw, replies to the status queries
// ESC ! ? and ESC ! S, and has knobs for the faults real printers show:
// paper out, head open, a slow reader, a reset connection and a printer that
// rejects connections.
//
// Quoted strings are decoded as GB18030, a superset of the GB2312 and GBK
// encodings Chinese label printers accept.
package emulator
