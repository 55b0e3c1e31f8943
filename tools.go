//go:build tools

// Package printstation pins dependencies before the packages that use them exist.
package printstation

import (
	_ "fyne.io/fyne/v2/app"
	_ "github.com/boombuler/barcode/code128"
	_ "github.com/go-resty/resty/v2"
	_ "github.com/google/gousb"
	_ "github.com/rs/zerolog"
	_ "go.etcd.io/bbolt"
	_ "golang.org/x/image/font/opentype"
	_ "golang.org/x/text/encoding/simplifiedchinese"
)
