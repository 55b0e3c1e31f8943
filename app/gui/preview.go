package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// labelPreview shows the label of the parcel chosen on a screen, drawn by
// the same code that renders it for the printer.
type labelPreview struct {
	u       *UI
	content fyne.CanvasObject
	image   *canvas.Image
	caption *widget.Label
}

func newLabelPreview(u *UI) *labelPreview {
	p := &labelPreview{u: u}
	p.image = canvas.NewImageFromResource(nil)
	p.image.FillMode = canvas.ImageFillContain
	p.image.SetMinSize(fyne.NewSize(200, 340))
	p.caption = widget.NewLabel(T("preview.none"))
	p.caption.Wrapping = fyne.TextWrapWord
	title := widget.NewLabel(T("preview.title"))
	title.TextStyle = fyne.TextStyle{Bold: true}
	p.content = container.NewBorder(title, p.caption, nil, nil, p.image)
	return p
}

// show previews the label of a parcel; "" or a parcel without a waybill
// clears the preview.
func (p *labelPreview) show(parcelID string) {
	p.image.Resource = nil
	p.caption.SetText(T("preview.none"))
	if parcelID != "" {
		png, err := p.u.station.PreviewPNG(parcelID)
		if err == nil {
			p.image.Resource = fyne.NewStaticResource(parcelID+".png", png)
			p.caption.SetText(T("preview.parcel", map[string]any{"Parcel": parcelID}))
		}
	}
	p.image.Refresh()
}
