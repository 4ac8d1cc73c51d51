// Package app is Exhibit's desktop application: windows, screens, menus,
// dialogs, settings and background jobs. Fyne's app package is imported
// as fyneapp.
package app
