// Package export gathers, from a case, what a comparison sheet shows (the
// images upright and aligned, their annotations, captions, hashes and the
// excerpts linked to them) and writes the sheets through internal/sheet,
// recording every file written in the case's audit trail with its SHA-256.
// It needs no display: the command line and the desktop app both use it.
package export
