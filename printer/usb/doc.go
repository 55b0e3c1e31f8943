// Package usb sends print jobs to USB label printers through libusb
// (github.com/google/gousb, which needs cgo), and finds them. Discover lists
// the attached devices with a printer-class interface (class 7). For each it
// reads the IEEE 1284 device ID: maker, model and command languages.
//
// Built without cgo, the package still parses addresses and device IDs, but
// opening a usb:// address and Discover fail with ErrNoCgo.
//
// Importing the package registers the "usb" scheme with printer.Open, so
// "usb://0483:5743" or "usb://0483:5743/SERIAL" (vendor and product ID in
// hex, optional serial number) opens a Transport.
//
// Each Send opens the device and finds the printer interface (class 7) and
// its bulk endpoints in the descriptors. It detaches the kernel driver (usblp
// on Linux) while the interface is claimed and writes the job. When the
// printer has a bulk IN endpoint, Send also reads the status reply (TSPL
// ESC ! ?, or DLE EOT for ESC/POS). Errors before the first byte of a job
// went out wrap printer.ErrNothingSent. The
// device is released after every job, so unplugging the printer between
// jobs needs no special handling.
//
// On Linux the user needs write access to the device node, usually through a
// udev rule such as
//
//	SUBSYSTEM=="usb", ATTR{idVendor}=="0483", ATTR{idProduct}=="5743", MODE="0666"
//
// Every gousb call sits behind the small interfaces in device.go, so the
// tests run against a fake device without hardware.
package usb
