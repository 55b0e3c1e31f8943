//go:build cgo

package usb

import (
	"slices"

	"github.com/google/gousb"
)

// USB printer class protocols (bInterfaceProtocol of class 7, subclass 1).
const (
	protocolUnidirectional gousb.Protocol = 1
	protocolBidirectional  gousb.Protocol = 2
)

// printerInterface is the interface and endpoints a job goes through.
type printerInterface struct {
	config, number, alt int
	out                 int // bulk OUT endpoint number
	in                  int // bulk IN endpoint number, or -1 without one
	inPacketSize        int
}

// findPrinterInterface picks the printer interface from the descriptors. It
// looks at the active configuration first, and within it prefers a
// bidirectional setting (which has a bulk IN endpoint for status) over a
// unidirectional one. Endpoint numbers come from the descriptors because
// they differ between models (0x01/0x82, 0x03/0x81, ...).
func findPrinterInterface(desc *gousb.DeviceDesc, activeConfig int) (printerInterface, bool) {
	configs := make([]int, 0, len(desc.Configs))
	for n := range desc.Configs {
		configs = append(configs, n)
	}
	slices.Sort(configs)
	slices.SortStableFunc(configs, func(a, b int) int {
		return boolRank(b == activeConfig) - boolRank(a == activeConfig)
	})

	for _, n := range configs {
		best, bestRank := printerInterface{}, -1
		for _, iface := range desc.Configs[n].Interfaces {
			for _, setting := range iface.AltSettings {
				candidate, ok := bulkEndpoints(setting)
				if !ok {
					continue
				}
				rank := protocolRank(setting.Protocol)
				if rank > bestRank {
					candidate.config = n
					best, bestRank = candidate, rank
				}
			}
		}
		if bestRank >= 0 {
			return best, true
		}
	}
	return printerInterface{}, false
}

func bulkEndpoints(setting gousb.InterfaceSetting) (printerInterface, bool) {
	if setting.Class != gousb.ClassPrinter {
		return printerInterface{}, false
	}

	pi := printerInterface{number: setting.Number, alt: setting.Alternate, out: -1, in: -1}
	addrs := make([]gousb.EndpointAddress, 0, len(setting.Endpoints))
	for a := range setting.Endpoints {
		addrs = append(addrs, a)
	}
	slices.Sort(addrs)

	for _, a := range addrs {
		ep := setting.Endpoints[a]
		if ep.TransferType != gousb.TransferTypeBulk {
			continue
		}
		if ep.Direction == gousb.EndpointDirectionOut && pi.out < 0 {
			pi.out = ep.Number
		}
		if ep.Direction == gousb.EndpointDirectionIn && pi.in < 0 {
			pi.in = ep.Number
			pi.inPacketSize = ep.MaxPacketSize
		}
	}
	return pi, pi.out >= 0
}

// protocolRank orders settings: bidirectional, then unidirectional, then
// anything else such as IEEE 1284.4, which needs a protocol this package
// does not speak on top of the bulk pipes.
func protocolRank(p gousb.Protocol) int {
	switch p {
	case protocolBidirectional:
		return 2
	case protocolUnidirectional:
		return 1
	}
	return 0
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
