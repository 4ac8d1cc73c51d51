// Package reportparse splits investigators' reports (plain text, Markdown,
// HTML, PDF) into citable excerpts: one Block per paragraph, with its
// number over the whole report, the heading it falls under and, for a
// PDF, the pages it is on and the printed page label. It touches no
// database and fetches nothing from the network.
//
// Parse detects the format from the content, then from the extension,
// and calls emit for each block as it is found; a PDF is read page by
// page, holding a window of three pages. Bad input gets one-line errors
// (*Error, with errors.Is kinds ErrEmpty, ErrBinary, ErrEncoding,
// ErrMalformed, ErrEncrypted, ErrNoTextLayer…) and never a panic.
//
// Choices common to all formats:
//   - Heading is the path of the headings a paragraph falls under,
//     outermost first, joined by " › " ("2. Damage › Witness account").
//     Headings are not blocks. A heading equal to the report's title is
//     left out of the path, since the report itself is cited.
//   - Text has its white space collapsed; a block without a single letter
//     or digit (a separator such as "* * *") is skipped.
//   - Bullets of list items are dropped; list numbers are kept in plain
//     text and PDF, dropped in Markdown and HTML (as their parsers do).
//
// The heuristics of each format are documented on parseText (text.go),
// parseMarkdown (markdown.go), parseHTML (html.go), and for PDF in
// pdf.go (PDFium, through catalog/pdfengine, and streaming), pdflayout.go
// (characters into lines, columns and table rows: one excerpt per row,
// cells joined with " | "), pdfbidi.go (ligatures of right-to-left
// letters) and pdfpara.go (running headers and footers, headings,
// paragraphs, paragraphs across columns and pages).
//
// A PDF is untrusted input: PDFium (WebAssembly, in a sandbox of its own)
// repairs damaged cross-reference structures, each opening of a document
// lives at most pdfTimeout, and the characters read are bounded per page
// and per document, so that a crafted file gets its text, an error or a
// warning in bounded time.
//
// Normalize, TextHash and MentionsDate serve search and identity: an
// excerpt keeps its TextHash across a corrected re-import as long as its
// own words did not change.
package reportparse
