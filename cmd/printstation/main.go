// Command printstation is the print station for Douyin shop sellers: it
// pulls paid orders, gets a waybill for each parcel, prints the labels and
// writes the tracking numbers back to the shop.
//
// Usage:
//
//	printstation [gui] [flags]        open the window (the demo shop when no --config)
//	printstation demo [flags]         the embedded demo; --headless runs it without a window
//	printstation run --config FILE    one headless run against a real shop and printer
//	printstation sim [flags]          serve the shop simulator on a loopback port
//	printstation emulator [flags]     serve the TCP printer emulator on a loopback port
//	printstation render [flags]       render one order's label as TSPL, ESC/POS or PNG
//	printstation printers list|status|test ADDR
//	                                  find printers, read a status, print a test label
//	printstation backup --out FILE    copy the station's store (stop the station first)
//	printstation log [--code CODE]    show the event log, whole or for one parcel
//	printstation confirm --code CODE --printed=true|false
//	                                  settle a label of unknown fate
//
// Run "printstation COMMAND -h" for the flags of a command.
package main

import (
	"fmt"
	"os"

	// USB printers: registers the usb:// printer address scheme.
	_ "github.com/printstation/printstation/printer/usb"
)

func main() {
	args := os.Args[1:]
	cmd := "gui"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}

	var err error
	switch cmd {
	case "gui":
		err = runGUI(args)
	case "demo":
		err = runDemo(args)
	case "run":
		err = runHeadless(args)
	case "sim":
		err = runSim(args)
	case "emulator":
		err = runEmulator(args)
	case "render":
		err = runRender(args)
	case "printers":
		err = runPrinters(args)
	case "backup":
		err = runBackup(args)
	case "log":
		err = runLog(args)
	case "confirm":
		err = runConfirm(args)
	case "help":
		fmt.Fprint(os.Stdout, usage)
	default:
		fmt.Fprintf(os.Stderr, "printstation: unknown command %q\n\n%s", cmd, usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "printstation:", err)
		os.Exit(1)
	}
}

const usage = `Usage:
  printstation [gui] [flags]        open the window (the demo shop when no --config)
  printstation demo [flags]         the embedded demo; --headless runs it without a window
  printstation run --config FILE    one headless run against a shop and a printer
  printstation sim [flags]          serve the shop simulator on a loopback port
  printstation emulator [flags]     serve the TCP printer emulator on a loopback port
  printstation render [flags]       render one order's label as TSPL, ESC/POS or PNG
  printstation printers list|status|test ADDR
                                    find printers, read a status, print a test label
  printstation backup --out FILE    copy the station's store (stop the station first)
  printstation log [--code CODE]    show the event log, whole or for one parcel
  printstation confirm --code CODE --printed=true|false
                                    settle a label of unknown fate (--list shows them)

Run "printstation COMMAND -h" for the flags of a command.
`
