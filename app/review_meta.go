package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// metaRow is one line of the metadata panel: what, its value, and the
// text a copy button copies ("" for none).
type metaRow struct {
	key, value, copy string
}

// metaRows lists what is known of an image, in the panel's order.
func metaRows(im *catalog.Image) []metaRow {
	na := "not recorded"
	rows := []metaRow{
		{key: "Name", value: im.Name()},
		{key: "Captured", value: takenText(im)},
	}
	if im.Asserted != nil || im.Shift != nil {
		rows = append(rows, metaRow{key: "In the file", value: fileTakenText(im)})
	}
	if im.ModifiedAt != nil {
		rows = append(rows, metaRow{key: "Modified", value: clockText(*im.ModifiedAt, im.ModifiedOffset) + " (the file's ModifyDate, not a capture time)"})
	}
	cam := catalog.CameraName(im.Make, im.Model)
	if cam == "" {
		cam = na
	}
	rows = append(rows, metaRow{key: "Camera", value: cam})
	if im.Lens != "" {
		rows = append(rows, metaRow{key: "Lens", value: im.Lens})
	}
	if im.HasGPS() {
		g := gpsText(*im.Lat, *im.Lon)
		rows = append(rows, metaRow{key: "GPS", value: g + "  (decimal degrees)", copy: g})
	} else if im.NoFix() {
		rows = append(rows, metaRow{key: "GPS", value: "no fix (0°, 0°)"})
	} else {
		rows = append(rows, metaRow{key: "GPS", value: na})
	}
	if im.Alt != nil {
		rows = append(rows, metaRow{key: "Altitude", value: strconv.FormatFloat(*im.Alt, 'f', 1, 64) + " m"})
	}
	if im.Direction != nil {
		rows = append(rows, metaRow{key: "Direction", value: directionText(*im.Direction)})
	}
	if im.GPSTime != nil {
		rows = append(rows, metaRow{key: "GPS clock", value: timeText(*im.GPSTime)})
	}
	if s := im.ClockOffsetText(); s != "" {
		rows = append(rows, metaRow{key: "Clocks", value: s})
	}
	w, h := im.UprightSize()
	size := fmt.Sprintf("%d × %d px", w, h)
	if w != im.Width {
		size += fmt.Sprintf(" (stored %d × %d, turned upright)", im.Width, im.Height)
	}
	rows = append(rows,
		metaRow{key: "Pixels", value: size},
		metaRow{key: "File", value: strings.ToUpper(im.Format) + ", " + formatBytes(im.Size) + fmt.Sprintf(" (%s bytes)", formatCount(int(im.Size)))},
		metaRow{key: "SHA-256", value: im.SHA256, copy: im.SHA256},
	)
	paths := im.Paths()
	if len(paths) == 0 {
		rows = append(rows, metaRow{key: "Path", value: "no longer at any known path"})
	}
	for i, p := range paths {
		k := "Path"
		if len(paths) > 1 {
			k = fmt.Sprintf("Path %d", i+1)
		}
		rows = append(rows, metaRow{key: k, value: p, copy: p})
	}
	for _, l := range im.Locations {
		if l.GoneAt != nil {
			rows = append(rows, metaRow{key: "No longer at", value: l.Path + "  (since " + timeText(*l.GoneAt) + ")"})
		}
	}
	rows = append(rows, metaRow{key: "Imported", value: timeText(im.ImportedAt)})
	if im.MetaNote != "" {
		rows = append(rows, metaRow{key: "Reader notes", value: im.MetaNote})
	}
	rows = append(rows, metaRow{key: "Image id", value: strconv.FormatInt(im.ID, 10)})
	return rows
}

// newMetaPanel shows an image's metadata as rows of key and value; values
// can be selected, and GPS, SHA-256 and paths copied.
func newMetaPanel(im *catalog.Image, clip fyne.Clipboard) fyne.CanvasObject {
	grid := container.New(newColumnsLayout(110))
	for _, r := range metaRows(im) {
		k := dimLabel(r.key)
		v := widget.NewLabel(r.value)
		v.Wrapping = fyne.TextWrapWord
		if r.copy != "" && r.key != "GPS" {
			v.Wrapping = fyne.TextWrapBreak // hashes and paths have no spaces to wrap at
		}
		v.Selectable = true
		if r.key == "SHA-256" {
			v.TextStyle.Monospace = true
		}
		var value fyne.CanvasObject = v
		if r.copy != "" {
			text := r.copy
			b := copyButton("", clip, func() string { return text })
			b.Importance = widget.LowImportance
			value = container.NewBorder(nil, nil, nil, container.NewVBox(b), v)
		}
		grid.Add(k)
		grid.Add(value)
	}
	return grid
}
