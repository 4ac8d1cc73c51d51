package library

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// camera identifies a camera by make and model, as recorded.
type camera struct{ make, model string }

// libraryQuery is what the filter bar asks for.
type libraryQuery struct {
	from, to string  // capture dates as typed ("2017-10-14"); "" for none
	camera   *camera // nil: any
	hasGPS   bool
	linked   *bool
	tag      string
	text     string
	sort     catalog.Sort
	desc     bool
}

// filtered reports whether the query leaves out any image.
func (q libraryQuery) filtered() bool {
	return q.from != "" || q.to != "" || q.camera != nil || q.hasGPS || q.linked != nil || q.tag != "" || strings.TrimSpace(q.text) != ""
}

// filter returns the catalog filter of the query; an error names a date
// that cannot be read.
func (q libraryQuery) filter() (catalog.Filter, error) {
	f := catalog.Filter{HasGPS: q.hasGPS, Linked: q.linked, Tag: q.tag, Text: strings.TrimSpace(q.text), Sort: q.sort, Desc: q.desc}
	if q.from != "" {
		t, err := catalog.ParseDateBound(q.from, false)
		if err != nil {
			return f, fmt.Errorf("from: %w", err)
		}
		f.From = &t
	}
	if q.to != "" { // to the end of the day, or of the minute, typed
		t, err := catalog.ParseDateBound(q.to, true)
		if err != nil {
			return f, fmt.Errorf("to: %w", err)
		}
		f.To = &t
	}
	if q.camera != nil && q.camera.make+q.camera.model != "" {
		// A substring match in the catalog; keep narrows it to exactly this
		// camera.
		f.Camera = strings.TrimSpace(q.camera.make + " " + q.camera.model)
	}
	return f, nil
}

// keep applies what the catalog filter cannot say: exactly this camera.
func (q libraryQuery) keep(ims []*catalog.Image) []*catalog.Image {
	if q.camera == nil {
		return ims
	}
	out := ims[:0:0]
	for _, im := range ims {
		if strings.TrimSpace(im.Make) == q.camera.make && strings.TrimSpace(im.Model) == q.camera.model {
			out = append(out, im)
		}
	}
	return out
}

// cameraCount is a camera of the case and how many images it took.
type cameraCount struct {
	cam   camera
	count int
}

// cameraCounts lists the cameras of ims, most images first.
func cameraCounts(ims []*catalog.Image) []cameraCount {
	n := map[camera]int{}
	for _, im := range ims {
		n[camera{strings.TrimSpace(im.Make), strings.TrimSpace(im.Model)}]++
	}
	out := make([]cameraCount, 0, len(n))
	for c, k := range n {
		out = append(out, cameraCount{c, k})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].count != out[j].count {
			return out[i].count > out[j].count
		}
		return cameraLabel(out[i].cam) < cameraLabel(out[j].cam)
	})
	return out
}

func cameraLabel(c camera) string {
	if c.make == "" && c.model == "" {
		return "Camera not recorded"
	}
	return catalog.CameraName(c.make, c.model)
}

// The choices of the selects.
const (
	anyCamera = "All cameras"
	anyTag    = "All tags"
	anyLink   = "Linked or not"
	onlyLink  = "Linked to an excerpt"
	noLink    = "Not linked"
)

var sortChoices = []struct {
	label string
	sort  catalog.Sort
	desc  bool
}{
	{"Capture time, oldest first", catalog.SortTaken, false},
	{"Capture time, newest first", catalog.SortTaken, true},
	{"Import time, oldest first", catalog.SortImported, false},
	{"Import time, newest first", catalog.SortImported, true},
	{"Name, A to Z", catalog.SortName, false},
	{"Name, Z to A", catalog.SortName, true},
}

// filterBar is the library's filter and sort controls.
type filterBar struct {
	content fyne.CanvasObject
	text    *widget.Entry
	from    *widget.Entry
	to      *widget.Entry
	camera  *widget.Select
	tag     *widget.Select
	linked  *widget.Select
	gps     *widget.Check
	sort    *widget.Select
	clear   *widget.Button

	cameras map[string]camera // select label to camera
	tags    map[string]string // select label to tag
	// changed is called after any control changed, with whether the text
	// search changed (to be debounced).
	changed func(typing bool)
	quiet   bool // setting controls from code: do not call changed
}

func newFilterBar(changed func(typing bool)) *filterBar {
	b := &filterBar{changed: changed, cameras: map[string]camera{}, tags: map[string]string{}, quiet: true}
	fire := func(typing bool) {
		if !b.quiet {
			b.changed(typing)
		}
	}
	b.text = widget.NewEntry()
	b.text.SetPlaceHolder("Search paths, cameras, notes and tags")
	b.text.ActionItem = widget.NewIcon(theme.SearchIcon())
	b.text.OnChanged = func(string) { fire(true) }
	b.text.OnSubmitted = func(string) { fire(false) }
	dateEntry := func(ph string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(ph)
		e.Validator = func(s string) error {
			if strings.TrimSpace(s) == "" {
				return nil
			}
			_, err := catalog.ParseDateBound(s, false)
			return err
		}
		e.OnChanged = func(s string) {
			if e.Validator(s) == nil {
				fire(false)
			}
		}
		return e
	}
	b.from = dateEntry(ui.ExamplePlaceholder("From", "2017-10-01"))
	b.to = dateEntry(ui.ExamplePlaceholder("To", "2017-10-31"))
	b.camera = widget.NewSelect([]string{anyCamera}, func(string) { fire(false) })
	b.camera.SetSelected(anyCamera)
	b.tag = widget.NewSelect([]string{anyTag}, func(string) { fire(false) })
	b.tag.SetSelected(anyTag)
	b.linked = widget.NewSelect([]string{anyLink, onlyLink, noLink}, func(string) { fire(false) })
	b.linked.SetSelected(anyLink)
	b.gps = widget.NewCheck("With GPS", func(bool) { fire(false) })
	var labels []string
	for _, c := range sortChoices {
		labels = append(labels, c.label)
	}
	b.sort = widget.NewSelect(labels, func(string) { fire(false) })
	b.sort.SetSelected(labels[0])
	b.clear = widget.NewButtonWithIcon("Clear", theme.ContentClearIcon(), b.reset)
	b.clear.Importance = widget.LowImportance

	fixed := func(w float32, o fyne.CanvasObject) fyne.CanvasObject {
		return container.New(ui.WidthLayout{Width: w}, o)
	}
	dates := container.NewHBox(widget.NewLabel("Taken"), fixed(200, b.from), fixed(200, b.to))
	row1 := container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel("Sort"), fixed(230, b.sort)), b.text)
	row2 := container.NewHBox(dates, fixed(220, b.camera), fixed(170, b.tag), fixed(200, b.linked), b.gps, b.clear)
	b.content = container.NewVBox(row1, container.NewHScroll(row2))
	b.quiet = false
	return b
}

// query returns what the controls ask for. Dates that cannot be read
// are left out (the entry shows why).
func (b *filterBar) query() libraryQuery {
	q := libraryQuery{text: b.text.Text, hasGPS: b.gps.Checked}
	if b.from.Validator(b.from.Text) == nil {
		q.from = strings.TrimSpace(b.from.Text)
	}
	if b.to.Validator(b.to.Text) == nil {
		q.to = strings.TrimSpace(b.to.Text)
	}
	if c, ok := b.cameras[b.camera.Selected]; ok {
		q.camera = &c
	}
	q.tag = b.tags[b.tag.Selected]
	switch b.linked.Selected {
	case onlyLink:
		t := true
		q.linked = &t
	case noLink:
		f := false
		q.linked = &f
	}
	for _, c := range sortChoices {
		if c.label == b.sort.Selected {
			q.sort, q.desc = c.sort, c.desc
		}
	}
	return q
}

// setChoices fills the camera and tag selects, keeping the current
// choices when they are still there.
func (b *filterBar) setChoices(cams []cameraCount, tags []catalog.TagCount) {
	b.quiet = true
	defer func() { b.quiet = false }()
	cur := b.cameras[b.camera.Selected]
	hadCam := b.camera.Selected != anyCamera
	b.cameras = map[string]camera{}
	opts := []string{anyCamera}
	sel := anyCamera
	for _, c := range cams {
		label := fmt.Sprintf("%s (%s)", cameraLabel(c.cam), ui.FormatCount(c.count))
		b.cameras[label] = c.cam
		opts = append(opts, label)
		if hadCam && c.cam == cur {
			sel = label
		}
	}
	b.camera.SetOptions(opts)
	b.camera.SetSelected(sel)

	curTag := b.tags[b.tag.Selected]
	b.tags = map[string]string{}
	opts = []string{anyTag}
	sel = anyTag
	for _, t := range tags {
		label := fmt.Sprintf("%s (%s)", t.Tag, ui.FormatCount(t.Count))
		b.tags[label] = t.Tag
		opts = append(opts, label)
		if t.Tag == curTag {
			sel = label
		}
	}
	b.tag.SetOptions(opts)
	b.tag.SetSelected(sel)
}

// reset clears every filter (the sort stays).
func (b *filterBar) reset() {
	b.quiet = true
	b.text.SetText("")
	b.from.SetText("")
	b.to.SetText("")
	b.camera.SetSelected(anyCamera)
	b.tag.SetSelected(anyTag)
	b.linked.SetSelected(anyLink)
	b.gps.SetChecked(false)
	b.quiet = false
	b.changed(false)
}

// tagNames returns the tags of the case, as offered by the tag select.
func (b *filterBar) tagNames() []string {
	out := make([]string, 0, len(b.tags))
	for _, t := range b.tags {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
