package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// mapPin is a map pin (Material Design's "place" icon, Apache License 2.0,
// like Fyne's own icons).
var mapPin = fyne.NewStaticResource("map-pin.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000000" d="M12 2C8.13 2 5 5.13 5 9c0 5.25 7 13 7 13s7-7.75 7-13c0-3.87-3.13-7-7-7zm0 9.5c-1.38 0-2.5-1.12-2.5-2.5s1.12-2.5 2.5-2.5 2.5 1.12 2.5 2.5-1.12 2.5-2.5 2.5z"/></svg>`))

// MapIcon is the map screen's tab icon, in the theme's colour.
func MapIcon() fyne.Resource { return theme.NewThemedResource(mapPin) }
