package compare

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/viewer"
)

// modeNames are the compare modes as the buttons name them, in order (the
// keys 1 to 5).
var modeNames = []string{"Side by side", "Swipe", "Blend", "Difference", "Flicker"}

// modeBar is the compare screen's row of mode buttons, the control of the
// mode shown (opacity, gain, flicker step) and the Align button.
type modeBar struct {
	cs      *compareScreen
	content fyne.CanvasObject
	buttons []*widget.Button
	params  *fyne.Container
	blend   *widget.Slider
	blendTx *widget.Label
	gain    *widget.Slider
	gainTx  *widget.Label
	step    *widget.Button
	swipeTx *widget.Label
	alignB  *widget.Button
}

func newModeBar(cs *compareScreen) *modeBar {
	b := &modeBar{cs: cs}
	row := container.NewHBox()
	for i, name := range modeNames {
		m := viewer.CompareMode(i)
		btn := widget.NewButton(name, func() { cs.cv.SetMode(m) })
		b.buttons = append(b.buttons, btn)
		row.Add(btn)
	}
	b.blend = widget.NewSlider(0, 100)
	b.blend.Step = 1
	b.blend.SetValue(100 * cs.cv.Blend())
	b.blendTx = widget.NewLabel("")
	b.blend.OnChanged = func(v float64) {
		cs.cv.SetBlend(v / 100)
		b.blendTx.SetText(fmt.Sprintf("After at %.0f %%", v))
	}
	b.blendTx.SetText(fmt.Sprintf("After at %.0f %%", b.blend.Value))
	b.gain = widget.NewSlider(1, 32)
	b.gain.Step = 1
	b.gain.SetValue(cs.cv.Gain())
	b.gainTx = widget.NewLabel("")
	b.gain.OnChanged = func(v float64) {
		cs.cv.SetGain(v)
		b.gainTx.SetText(fmt.Sprintf("Gain × %.0f", v))
	}
	b.gainTx.SetText(fmt.Sprintf("Gain × %.0f", b.gain.Value))
	b.step = widget.NewButtonWithIcon("Step (Space)", theme.MediaSkipNextIcon(), cs.cv.FlickerStep)
	b.step.Importance = widget.LowImportance
	b.swipeTx = widget.NewLabel("Drag the divider, or ← →")
	b.swipeTx.Importance = widget.LowImportance
	b.params = container.NewStack()
	b.alignB = widget.NewButtonWithIcon("Align…", theme.ViewRestoreIcon(), func() { cs.align.start() })
	b.content = container.NewBorder(nil, nil, row, b.alignB, b.params)
	return b
}

// show marks the mode's button and shows its control.
func (b *modeBar) show(m viewer.CompareMode) {
	for i, btn := range b.buttons {
		if viewer.CompareMode(i) == m {
			btn.Importance = widget.HighImportance
		} else {
			btn.Importance = widget.MediumImportance
		}
		btn.Refresh()
	}
	slider := func(s *widget.Slider, l *widget.Label) fyne.CanvasObject {
		return container.NewBorder(nil, nil, nil, container.New(ui.WidthLayout{Width: 110}, l), s)
	}
	var o fyne.CanvasObject
	switch m {
	case viewer.ModeBlend:
		o = slider(b.blend, b.blendTx)
	case viewer.ModeDifference:
		o = slider(b.gain, b.gainTx)
	case viewer.ModeFlicker:
		o = container.NewHBox(b.step)
	case viewer.ModeSwipe:
		o = container.NewHBox(b.swipeTx)
	}
	b.params.RemoveAll()
	if o != nil {
		b.params.Add(o)
	}
}
