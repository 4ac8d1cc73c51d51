package review

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// allTagsButton opens the list of every tag of the image's original, read
// from the file when asked (its hash checked).
func (r *reviewScreen) allTagsButton(im *catalog.Image) *widget.Button {
	var b *widget.Button
	b = widget.NewButton("All tags…", func() {
		c, win, clip := r.s.Case, r.host.Window(), r.host.Clipboard()
		b.Disable()
		var tags []catalog.FileTag
		var path string
		ui.Background(r.s.Ctx, func(ctx context.Context) (err error) {
			tags, path, err = c.FileTags(ctx, im)
			return err
		}, func(err error) {
			b.Enable()
			if err != nil {
				ui.ShowError(win, "Could not read the tags", err)
				return
			}
			v := newTagsView(tags, clip)
			d := dialog.NewCustom(fmt.Sprintf("All tags of %s (%d), read from %s", im.Name(), len(tags), path), "Close", v.content, win)
			d.Resize(fyne.NewSize(820, 620))
			d.Show()
		})
	})
	return b
}

// tagsView is a searchable list of tags, each with a copy button, and a
// button that copies every tag shown.
type tagsView struct {
	all, shown []catalog.FileTag
	filter     *widget.Entry
	list       *widget.List
	copyAll    *widget.Button
	count      *widget.Label
	content    fyne.CanvasObject
	clip       fyne.Clipboard
	rowText    map[*widget.Button]string // what each row's copy button copies
}

// newTagsView lists tags; the entry narrows the list to the tags whose
// group, name, value or note contain what is typed (any case).
func newTagsView(tags []catalog.FileTag, clip fyne.Clipboard) *tagsView {
	v := &tagsView{all: tags, shown: tags, clip: clip, rowText: map[*widget.Button]string{}}
	v.filter = widget.NewEntry()
	v.filter.SetPlaceHolder("Filter: group, name or value, e.g. GPS or Model")
	v.list = widget.NewList(
		func() int { return len(v.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			var b *widget.Button
			b = ui.CopyButton("", clip, func() string { return v.rowText[b] })
			return container.NewBorder(nil, nil, nil, b, l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(v.shown) {
				return
			}
			t := v.shown[i]
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(tagLine(t))
			v.rowText[row.Objects[1].(*widget.Button)] = t.String()
		})
	v.count = widget.NewLabel("")
	v.copyAll = ui.CopyButton("Copy all shown", clip, func() string { return tagsText(v.shown) })
	v.filter.OnChanged = v.setFilter
	v.setFilter("")
	v.content = container.NewBorder(v.filter, container.NewHBox(v.count, v.copyAll), nil, nil, v.list)
	return v
}

// setFilter shows the tags that contain s.
func (v *tagsView) setFilter(s string) {
	s = strings.ToLower(strings.TrimSpace(s))
	v.shown = v.all
	if s != "" {
		v.shown = nil
		for _, t := range v.all {
			if strings.Contains(strings.ToLower(tagLine(t)), s) {
				v.shown = append(v.shown, t)
			}
		}
	}
	v.count.SetText(fmt.Sprintf("%d of %d tags", len(v.shown), len(v.all)))
	v.list.Refresh()
}

// tagLine is how a tag is listed: "[Group] Name: value (note)".
func tagLine(t catalog.FileTag) string {
	s := "[" + t.Group + "] " + t.Name + ": " + t.Value
	if t.Note != "" {
		s += " (" + t.Note + ")"
	}
	return s
}

// tagsText is tags as copied: one "group:name=value" a line.
func tagsText(tags []catalog.FileTag) string {
	var b strings.Builder
	for _, t := range tags {
		b.WriteString(t.String())
		b.WriteByte('\n')
	}
	return b.String()
}
