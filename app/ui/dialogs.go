package ui

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ShowError shows a dialog saying what could not be done (title, e.g.
// "Could not open the case") and why (err), in words a user can act on.
func ShowError(w fyne.Window, title string, err error) {
	msg := ErrorText(err)
	icon := widget.NewIcon(theme.NewErrorThemedResource(theme.ErrorIcon()))
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	text.Selectable = true
	body := container.NewBorder(nil, nil, container.NewVBox(icon), nil, text)
	d := dialog.NewCustom(title, "Close", body, w)
	d.Resize(fyne.NewSize(DialogWidth(w, 560), 0))
	d.Show()
}

// ErrorText makes an error readable: first letter in capitals, a final
// full stop, and internal errors said as such.
func ErrorText(err error) string {
	if err == nil {
		return ""
	}
	msg := strings.TrimSpace(err.Error())
	if errors.Is(err, ErrPanic) {
		msg += "\n\nThis is a bug in Exhibit; nothing was lost. Please report it with what you were doing."
	}
	msg = Capitalize(msg)
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, ")") && !strings.HasSuffix(msg, "\n") {
		msg += "."
	}
	return msg
}

// Capitalize puts the first letter of s in capitals.
func Capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Confirm asks before a change that removes something (a link, a note);
// yes runs only when the user confirms.
func Confirm(w fyne.Window, title, message, action string, yes func()) {
	d := dialog.NewConfirm(title, message, func(ok bool) {
		if ok {
			yes()
		}
	}, w)
	d.SetConfirmText(action)
	d.SetDismissText("Cancel")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// DialogWidth returns want, or less when the window is narrower.
func DialogWidth(w fyne.Window, want float32) float32 {
	if w == nil {
		return want
	}
	if ws := w.Canvas().Size().Width; ws > 0 && ws-80 < want {
		return max(ws-80, 280)
	}
	return want
}
