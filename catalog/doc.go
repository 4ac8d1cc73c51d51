// Package catalog holds an Exhibit case: the SQLite catalog of images and
// reports, the import pipeline, search and the audit trail.
//
// It is the bottom layer of Exhibit: it imports nothing from Fyne, from
// app or from viewer (see deps_test.go), so that every capability can be
// driven from the command line and tested without a display.
package catalog
