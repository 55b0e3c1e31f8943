package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"github.com/printstation/printstation/app"
)

// Colours of the scan feedback: text and the pale banner behind it.
var (
	colorOK          = color.NRGBA{R: 0x1b, G: 0x8a, B: 0x3c, A: 0xff}
	colorAlarm       = color.NRGBA{R: 0xd3, G: 0x1f, B: 0x26, A: 0xff}
	colorOKBanner    = color.NRGBA{R: 0x1b, G: 0x8a, B: 0x3c, A: 0x30}
	colorAlarmBanner = color.NRGBA{R: 0xd3, G: 0x1f, B: 0x26, A: 0x40}
)

func newFeedback() (*canvas.Text, *canvas.Rectangle) {
	text := canvas.NewText("", theme.Color(theme.ColorNameForeground))
	text.TextSize = 26
	text.TextStyle = fyne.TextStyle{Bold: true}
	banner := canvas.NewRectangle(color.Transparent)
	return text, banner
}

func (u *UI) showOK(text string) {
	u.setFeedback(text, colorOK, colorOKBanner)
}

// showAlarm shows text in red and sounds the alarm: the parcel in the
// packer's hand must not go out as it is.
func (u *UI) showAlarm(text string) {
	u.setFeedback(text, colorAlarm, colorAlarmBanner)
	u.opts.Alarm.Sound()
}

// showProblem shows text in red without the alarm: a mistake in a form,
// not a parcel that must stop.
func (u *UI) showProblem(text string) {
	u.setFeedback(text, colorAlarm, colorAlarmBanner)
}

func (u *UI) showError(err error) {
	u.setFeedback(Message(app.UserMessage(err)), colorAlarm, colorAlarmBanner)
}

func (u *UI) setFeedback(text string, fg, bg color.Color) {
	u.feedback.Text = text
	u.feedback.Color = fg
	u.feedback.Refresh()
	u.banner.FillColor = bg
	u.banner.Refresh()
}

// Feedback returns the text of the last scan or batch result.
func (u *UI) Feedback() string { return u.feedback.Text }
