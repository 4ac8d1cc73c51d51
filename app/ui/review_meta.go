package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// MetaRow is one line of the metadata panel: what, its value, and the
// text a copy button copies ("" for none).
type MetaRow struct {
	Key, Value, copy string
}

// MetaRows lists what is known of an image, in the panel's order.
func MetaRows(im *catalog.Image) []MetaRow {
	na := "not recorded"
	rows := []MetaRow{
		{Key: "Name", Value: im.Name()},
		{Key: "Captured", Value: TakenText(im)},
	}
	if im.Asserted != nil || im.Shift != nil {
		rows = append(rows, MetaRow{Key: "In the file", Value: fileTakenText(im)})
	}
	if im.ModifiedAt != nil {
		rows = append(rows, MetaRow{Key: "Modified", Value: clockText(*im.ModifiedAt, im.ModifiedOffset) + " (the file's ModifyDate, not a capture time)"})
	}
	cam := catalog.CameraName(im.Make, im.Model)
	if cam == "" {
		cam = na
	}
	rows = append(rows, MetaRow{Key: "Camera", Value: cam})
	if im.Lens != "" {
		rows = append(rows, MetaRow{Key: "Lens", Value: im.Lens})
	}
	if im.HasGPS() {
		g := GpsText(*im.Lat, *im.Lon)
		rows = append(rows, MetaRow{Key: "GPS", Value: g + "  (decimal degrees)", copy: g})
	} else if im.NoFix() {
		rows = append(rows, MetaRow{Key: "GPS", Value: "no fix (0°, 0°)"})
	} else {
		rows = append(rows, MetaRow{Key: "GPS", Value: na})
	}
	if im.Alt != nil {
		rows = append(rows, MetaRow{Key: "Altitude", Value: strconv.FormatFloat(*im.Alt, 'f', 1, 64) + " m"})
	}
	if im.Direction != nil {
		rows = append(rows, MetaRow{Key: "Direction", Value: DirectionText(*im.Direction)})
	}
	if im.GPSTime != nil {
		rows = append(rows, MetaRow{Key: "GPS clock", Value: TimeText(*im.GPSTime)})
	}
	if s := im.ClockOffsetText(); s != "" {
		rows = append(rows, MetaRow{Key: "Clocks", Value: s})
	}
	w, h := im.UprightSize()
	size := fmt.Sprintf("%d × %d px", w, h)
	if w != im.Width {
		size += fmt.Sprintf(" (stored %d × %d, turned upright)", im.Width, im.Height)
	}
	rows = append(rows,
		MetaRow{Key: "Pixels", Value: size},
		MetaRow{Key: "File", Value: strings.ToUpper(im.Format) + ", " + FormatBytes(im.Size) + fmt.Sprintf(" (%s bytes)", FormatCount(int(im.Size)))},
		MetaRow{Key: "SHA-256", Value: im.SHA256, copy: im.SHA256},
	)
	paths := im.Paths()
	if len(paths) == 0 {
		rows = append(rows, MetaRow{Key: "Path", Value: "no longer at any known path"})
	}
	for i, p := range paths {
		k := "Path"
		if len(paths) > 1 {
			k = fmt.Sprintf("Path %d", i+1)
		}
		rows = append(rows, MetaRow{Key: k, Value: p, copy: p})
	}
	for _, l := range im.Locations {
		if l.GoneAt != nil {
			rows = append(rows, MetaRow{Key: "No longer at", Value: l.Path + "  (since " + TimeText(*l.GoneAt) + ")"})
		}
	}
	rows = append(rows, MetaRow{Key: "Imported", Value: TimeText(im.ImportedAt)})
	if im.MetaNote != "" {
		rows = append(rows, MetaRow{Key: "Reader notes", Value: im.MetaNote})
	}
	rows = append(rows, MetaRow{Key: "Image id", Value: strconv.FormatInt(im.ID, 10)})
	return rows
}

// NewMetaPanel shows an image's metadata as rows of key and value; values
// can be selected, and GPS, SHA-256 and paths copied.
func NewMetaPanel(im *catalog.Image, clip fyne.Clipboard) fyne.CanvasObject {
	grid := container.New(NewColumnsLayout(110))
	for _, r := range MetaRows(im) {
		k := DimLabel(r.Key)
		v := widget.NewLabel(r.Value)
		v.Wrapping = fyne.TextWrapWord
		if r.copy != "" && r.Key != "GPS" {
			v.Wrapping = fyne.TextWrapBreak // hashes and paths have no spaces to wrap at
		}
		v.Selectable = true
		if r.Key == "SHA-256" {
			v.TextStyle.Monospace = true
		}
		var value fyne.CanvasObject = v
		if r.copy != "" {
			text := r.copy
			b := CopyButton("", clip, func() string { return text })
			b.Importance = widget.LowImportance
			value = container.NewBorder(nil, nil, nil, container.NewVBox(b), v)
		}
		grid.Add(k)
		grid.Add(value)
	}
	return grid
}
