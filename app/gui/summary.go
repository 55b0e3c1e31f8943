package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/printstation/printstation/app"
)

// summaryScreen shows today's counts and a bar chart of labels printed
// per hour.
type summaryScreen struct {
	u       *UI
	content fyne.CanvasObject
	totals  *widget.Label
	chart   *hourChart
	sum     app.DailySummary
}

func (u *UI) newSummaryScreen() *summaryScreen {
	s := &summaryScreen{u: u}
	s.totals = widget.NewLabel("")
	s.totals.TextStyle = fyne.TextStyle{Bold: true}
	s.chart = newHourChart()
	caption := widget.NewLabel(T("summary.chart"))
	s.content = container.NewBorder(container.NewVBox(s.totals, caption), nil, nil, nil, s.chart.content)
	return s
}

func (s *summaryScreen) refresh() {
	sum, err := s.u.station.DailySummary(s.u.opts.Now())
	if err != nil {
		s.u.showError(err)
		return
	}
	s.sum = sum
	s.totals.SetText(T("summary.totals", map[string]any{
		"Day": sum.Day.Format("2006-01-02"), "Printed": sum.Printed, "Shipped": sum.Shipped, "SetAside": sum.SetAside, "Reprints": sum.Reprints,
	}))
	var printed [24]int
	for h, c := range sum.Hours {
		printed[h] = c.Printed + c.Reprints
	}
	s.chart.set(printed)
}

// hourChart draws 24 bars, one per hour, with the hour under every third
// bar. The bars are plain rectangles, so the chart needs no chart library.
type hourChart struct {
	content *fyne.Container
	bars    [24]*canvas.Rectangle
	values  [24]int
}

func newHourChart() *hourChart {
	c := &hourChart{}
	objects := make([]fyne.CanvasObject, 0, 48+1)
	axis := canvas.NewLine(theme.Color(theme.ColorNameForeground))
	objects = append(objects, axis)
	for h := range c.bars {
		c.bars[h] = canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		objects = append(objects, c.bars[h])
	}
	for h := 0; h < 24; h++ {
		label := canvas.NewText("", theme.Color(theme.ColorNameForeground))
		if h%3 == 0 {
			label.Text = hourText(h)
		}
		label.TextSize = theme.CaptionTextSize()
		objects = append(objects, label)
	}
	c.content = container.New(&hourChartLayout{chart: c}, objects...)
	return c
}

func hourText(h int) string {
	return string(rune('0'+h/10)) + string(rune('0'+h%10))
}

func (c *hourChart) set(values [24]int) {
	c.values = values
	c.content.Refresh()
}

// hourChartLayout places the axis, the 24 bars scaled to the largest value
// and the hour labels.
type hourChartLayout struct{ chart *hourChart }

func (l *hourChartLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(24*12, 160) }

func (l *hourChartLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	const labelHeight = 18
	plot := size.Height - labelHeight
	step := size.Width / 24
	maxValue := 1
	for _, v := range l.chart.values {
		maxValue = max(maxValue, v)
	}

	axis := objects[0].(*canvas.Line)
	axis.Position1 = fyne.NewPos(0, plot)
	axis.Position2 = fyne.NewPos(size.Width, plot)
	for h := 0; h < 24; h++ {
		height := plot * float32(l.chart.values[h]) / float32(maxValue)
		bar := objects[1+h]
		bar.Resize(fyne.NewSize(step*0.7, height))
		bar.Move(fyne.NewPos(float32(h)*step+step*0.15, plot-height))
		label := objects[25+h]
		label.Resize(fyne.NewSize(step*3, labelHeight))
		label.Move(fyne.NewPos(float32(h)*step, plot))
	}
}
