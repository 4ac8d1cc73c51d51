package team

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/catalog"
)

// version is one side of a conflict, with the row as it left it.
type version struct {
	catalog.ConflictVersion
	row map[string]any
}

// ShowConflicts opens the dialog of the open conflicts: for each row two
// people changed while apart, both versions side by side, who made each
// and when; the investigator takes one, or keeps the row as it stands
// (after merging the texts by hand). Each choice is an entry of the record.
func (b *Bar) ShowConflicts() {
	if b.sess == nil {
		return
	}
	c := b.sess.Case
	type item struct {
		cf       catalog.Conflict
		versions []version
	}
	var items []item
	ui.Background(b.sess.Ctx, func(ctx context.Context) error {
		cs, err := c.Conflicts(ctx)
		if err != nil {
			return err
		}
		for _, cf := range cs {
			if !cf.Open() {
				continue
			}
			it := item{cf: cf}
			for _, v := range cf.Versions {
				row, err := c.ConflictData(ctx, cf.Ref, v.Entry)
				if err != nil {
					return err
				}
				it.versions = append(it.versions, version{v, row})
			}
			items = append(items, it)
		}
		return nil
	}, func(err error) {
		if err != nil {
			dialog.ShowError(err, b.host.Window())
			return
		}
		if len(items) == 0 {
			dialog.ShowInformation("Conflicts", "No conflicts: every row changed while apart has been settled.", b.host.Window())
			return
		}
		box := container.NewVBox()
		var d dialog.Dialog
		for _, it := range items {
			box.Add(b.conflictCard(it.cf, it.versions, func() { d.Hide(); b.ShowConflicts() }))
		}
		scroll := container.NewVScroll(box)
		scroll.SetMinSize(fyne.NewSize(720, 420))
		d = dialog.NewCustom("Conflicts: rows changed by two people while apart", "Close", scroll, b.host.Window())
		d.Show()
	})
}

// conflictCard shows one conflict and its choices; after a choice, again
// calls done.
func (b *Bar) conflictCard(cf catalog.Conflict, vs []version, done func()) fyne.CanvasObject {
	cols := container.NewGridWithColumns(len(vs))
	for _, v := range vs {
		v := v
		who := widget.NewLabel(fmt.Sprintf("%s\n%s", v.Actor, v.At))
		who.Wrapping = fyne.TextWrapWord
		text := widget.NewLabel(RowText(v.row))
		text.Wrapping = fyne.TextWrapWord
		take := widget.NewButton("Take this version", func() { b.resolve(cf.Ref, v.Entry, done) })
		cols.Add(container.NewVBox(who, text, take))
	}
	keep := widget.NewButton("Keep as it stands", func() { b.resolve(cf.Ref, "", done) })
	title := widget.NewLabelWithStyle(ui.Capitalize(cf.What), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return widget.NewCard("", "", container.NewVBox(title, cols, container.NewHBox(keep, widget.NewLabel("(for instance after merging both texts by hand)"))))
}

// resolve settles a conflict in the background.
func (b *Bar) resolve(ref, entry string, done func()) {
	c := b.sess.Case
	ui.Background(b.sess.Ctx, func(ctx context.Context) error {
		return c.ResolveConflict(ctx, ref, entry)
	}, func(err error) {
		if err != nil {
			dialog.ShowError(err, b.host.Window())
			return
		}
		b.host.Changed(nil)
		b.Refresh()
		done()
	})
}

// RowText says a version of a row in a few lines: its text fields first,
// then the others, leaving out ids and bookkeeping.
func RowText(row map[string]any) string {
	if row == nil {
		return "(removed)"
	}
	var keys []string
	for k := range row {
		if k == "id" || strings.HasSuffix(k, "_at") {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var lines []string
	for _, k := range keys {
		v := row[k]
		if v == nil || v == "" {
			continue
		}
		lines = append(lines, fmt.Sprintf("%s: %v", strings.ReplaceAll(k, "_", " "), v))
	}
	if len(lines) == 0 {
		return "(empty)"
	}
	return strings.Join(lines, "\n")
}
