package catalog

import "strings"

// imageExtensions are the extensions of files that should hold images, the
// one list of them: the app's "Import files" dialog offers them, and a file
// so named whose content is no image is an import failure, not a skip.
// (Import itself recognises an image by its content, never its name.)
var imageExtensions = []string{".jpg", ".jpeg", ".jpe", ".png", ".tif", ".tiff", ".webp", ".gif", ".heic", ".heif", ".avif",
	".psd", ".psb", ".jp2", ".j2k", ".j2c", ".jpf", ".jpx", ".bmp", ".ico", ".pcx", ".ppm", ".pgm", ".pbm", ".pnm"}

// ImageExtensions returns the extensions of files that should hold images,
// lower case with the dot (".jpg"); a new slice each call.
func ImageExtensions() []string { return append([]string(nil), imageExtensions...) }

// IsImageExtension reports whether ext (".JPG", ".jpeg"; with the dot, any
// case) names a file that should hold an image.
func IsImageExtension(ext string) bool {
	ext = strings.ToLower(ext)
	for _, e := range imageExtensions {
		if e == ext {
			return true
		}
	}
	return false
}

// reportExtensions are the extensions of the files "Add a report" offers:
// text, Markdown, HTML, PDF, and pictures of documents (read by OCR).
var reportExtensions = []string{".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}

// ReportExtensions returns the extensions of files that may be added as
// reports, lower case with the dot; a new slice each call.
func ReportExtensions() []string { return append([]string(nil), reportExtensions...) }
