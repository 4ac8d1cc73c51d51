// Package layout holds the test that keeps DEVELOPERS.md's layout table
// true: every package of the module has a row, and imports only what its
// row allows. It has no code of its own.
package layout
