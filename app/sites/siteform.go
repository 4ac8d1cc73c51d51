package sites

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/catalog"
)

// The precisions offered, as the dialog shows them, and what they stand
// for (the last one takes its metres from the entry beside it).
var precisionChoices = []struct{ label, value string }{
	{"exact (±10 m)", catalog.PrecisionExact},
	{"vicinity (±100 m)", catalog.PrecisionVicinity},
	{"locality (±1 km)", catalog.PrecisionLocality},
	{"metres…", catalog.PrecisionMetres},
}

// siteForm is the dialog that adds a site or edits one: its name, its
// position (latitude and longitude, or both pasted at once, "36.0,38.9"),
// its radius and the precision of its position. What is typed is read
// with the catalog's rules (catalog.ParseLatLon, ParseRadius,
// ParsePrecision, CheckSiteName), and what is wrong said under the form;
// the dialog stays open, with what was typed, until the site is stored.
type siteForm struct {
	name, lat, lon, radius, metres *widget.Entry
	prec                           *widget.Select
	msg                            *widget.Label
	ok, cancel                     *widget.Button
	d                              dialog.Dialog
	w                              fyne.Window

	tried bool // Add (or Save) was tapped once: every problem is said
	busy  bool // the site is being written
	// submit stores what the form holds and calls done with the error.
	submit func(n catalog.NewSite, done func(error))
}

// newSiteForm makes the dialog, filled in from s when it edits one (nil:
// a new site, at lat, lon when they are given).
func newSiteForm(w fyne.Window, title, confirm string, s *catalog.Site, submit func(catalog.NewSite, func(error))) *siteForm {
	f := &siteForm{submit: submit, w: w}
	f.name = widget.NewEntry()
	f.name.SetPlaceHolder("No. 12, Old Mill Street")
	f.lat = widget.NewEntry()
	f.lat.SetPlaceHolder("36.0 (or paste 36.0,38.9)")
	f.lon = widget.NewEntry()
	f.lon.SetPlaceHolder("38.9")
	f.radius = widget.NewEntry()
	f.radius.SetText(strconv.Itoa(catalog.DefaultSiteRadius))
	f.metres = widget.NewEntry()
	f.metres.SetPlaceHolder("metres")
	f.prec = widget.NewSelect(nil, func(string) {
		if f.precisionValue() == catalog.PrecisionMetres {
			f.metres.Enable()
		} else {
			f.metres.Disable()
		}
		f.check()
	})
	for _, p := range precisionChoices {
		f.prec.Options = append(f.prec.Options, p.label)
	}
	f.prec.SetSelected(precisionChoices[0].label)
	if s != nil {
		f.fill(s)
	}
	f.lat.OnChanged = f.pasted(f.lat)
	f.lon.OnChanged = f.pasted(f.lon)
	for _, e := range []*widget.Entry{f.name, f.radius, f.metres} {
		e.OnChanged = func(string) { f.check() }
	}
	f.msg = widget.NewLabel("")
	f.msg.Wrapping = fyne.TextWrapWord
	f.msg.Importance = widget.DangerImportance
	f.msg.Hide()
	form := widget.NewForm(
		widget.NewFormItem("Name", f.name),
		widget.NewFormItem("Latitude", f.lat),
		widget.NewFormItem("Longitude", f.lon),
		widget.NewFormItem("Radius (m)", f.radius),
		widget.NewFormItem("Precision", container.NewGridWithColumns(2, f.prec, f.metres)),
	)
	help := ui.Caption("The position claimed (a report's, a witness's), in decimal degrees; it is verified later (exhibit site edit --verified-at). " +
		"The radius is how far around it the site reaches.")
	help.Wrapping = fyne.TextWrapWord
	f.cancel = widget.NewButton("Cancel", func() { f.d.Hide() })
	f.ok = widget.NewButtonWithIcon(confirm, theme.ConfirmIcon(), f.confirm)
	f.ok.Importance = widget.HighImportance
	buttons := container.NewHBox(layout.NewSpacer(), f.cancel, f.ok)
	f.d = dialog.NewCustomWithoutButtons(title, container.NewVBox(form, help, f.msg, buttons), w)
	f.d.Resize(fyne.NewSize(ui.DialogWidth(w, 520), 0))
	return f
}

// fill puts a site's values in the form.
func (f *siteForm) fill(s *catalog.Site) {
	f.name.SetText(s.Name)
	f.lat.SetText(formatDegrees(s.Lat))
	f.lon.SetText(formatDegrees(s.Lon))
	f.radius.SetText(strconv.FormatFloat(s.RadiusM, 'f', -1, 64))
	for _, p := range precisionChoices {
		if p.value == s.Precision {
			f.prec.SetSelected(p.label)
		}
	}
	if s.Precision == catalog.PrecisionMetres {
		f.metres.SetText(strconv.FormatFloat(s.PrecisionM, 'f', -1, 64))
	}
}

func formatDegrees(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// pasted returns what the entry e does on a change: a position pasted
// whole into it ("36.0,38.9", as copied from a map: more than one
// character at once) is split into its latitude and longitude; typed
// one character at a time, it is left as it is.
func (f *siteForm) pasted(e *widget.Entry) func(string) {
	prev := e.Text
	return func(t string) {
		was := prev
		prev = t
		if len([]rune(t))-len([]rune(was)) > 1 && strings.ContainsAny(strings.TrimSpace(t), ", ;") {
			if lat, lon, err := catalog.ParseLatLon(t); err == nil {
				f.lat.SetText(formatDegrees(lat))
				f.lon.SetText(formatDegrees(lon))
				return // SetText checked the form again
			}
		}
		f.check()
	}
}

// precisionValue returns the precision chosen.
func (f *siteForm) precisionValue() string {
	for _, p := range precisionChoices {
		if p.label == f.prec.Selected {
			return p.value
		}
	}
	return catalog.PrecisionExact
}

// errNotFilled is what values says while the form is not filled in yet.
var errNotFilled = errors.New("give the site a name and its position")

// values reads the form with the catalog's rules: the site, or the first
// thing wrong, said so that the user can put it right.
func (f *siteForm) values() (catalog.NewSite, error) {
	var n catalog.NewSite
	var err error
	if strings.TrimSpace(f.name.Text) == "" || strings.TrimSpace(f.lat.Text) == "" || strings.TrimSpace(f.lon.Text) == "" {
		return n, errNotFilled
	}
	if n.Name, err = catalog.CheckSiteName(f.name.Text); err != nil {
		return n, err
	}
	if n.Lat, n.Lon, err = catalog.ParseLatLon(strings.TrimSpace(f.lat.Text) + "," + strings.TrimSpace(f.lon.Text)); err != nil {
		return n, positionError(err)
	}
	if n.RadiusM, err = catalog.ParseRadius(f.radius.Text); err != nil {
		return n, err
	}
	n.Precision = f.precisionValue()
	if n.Precision == catalog.PrecisionMetres {
		if strings.TrimSpace(f.metres.Text) == "" {
			return n, errors.New("precision: give the metres beside metres… (or choose exact, vicinity or locality)")
		}
		n.Precision = f.metres.Text
	}
	if _, _, err := catalog.ParsePrecision(n.Precision); err != nil {
		return n, err
	}
	return n, nil
}

// positionError says what is wrong with the position without repeating
// the two entries joined ("position "91,38": latitude 91 must be…").
func positionError(err error) error {
	msg := err.Error()
	if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "position ") {
		msg = msg[i+2:]
	}
	if strings.Contains(msg, "is not a number") {
		msg += " (decimal degrees: 36.0123, south and west negative)"
	}
	return errors.New(msg)
}

// check says what is wrong, once the form is filled in (or Add was
// tapped).
func (f *siteForm) check() {
	if f.msg == nil || f.d == nil {
		return // still being made
	}
	_, err := f.values()
	if err == nil || (errors.Is(err, errNotFilled) && !f.tried) {
		f.msg.Hide()
		return
	}
	f.say(err)
}

// say shows an error under the form.
func (f *siteForm) say(err error) {
	f.msg.SetText(ui.ErrorText(err))
	f.msg.Show()
	f.d.Resize(fyne.NewSize(ui.DialogWidth(f.w, 520), 0))
}

// confirm stores the site, or says what is wrong.
func (f *siteForm) confirm() {
	if f.busy {
		return
	}
	f.tried = true
	n, err := f.values()
	if err != nil {
		f.say(err)
		return
	}
	f.busy = true
	f.ok.Disable()
	f.submit(n, func(err error) {
		f.busy = false
		f.ok.Enable()
		if err != nil {
			f.say(err)
			return
		}
		f.d.Hide()
	})
}
