// Package app is Exhibit's desktop application: the main window, its menus
// and shortcuts, settings, the status bar and background jobs; it wires
// the screens together. A screen is a package of its own under app/
// (library, review, reports, compare, mapscreen, sites; importer for the
// import dialog, exports for the export dialogs) that asks
// the window, its host, for a small Host interface it defines; the main
// window implements them all (host.go). Screens never import each other,
// nor app: what they share is in app/ui (and app/marks). Fyne's app
// package is imported as fyneapp.
package app
