package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/catalog/meta"
)

// fileTagsJSON is what show --all adds: the file the tags were read from and
// every tag as {"group", "name", "value"} (and "note" when a value could not
// be read or was converted), grouped as ExifTool -G1 groups them. The
// investigator's own tags stay in "tags".
type fileTagsJSON struct {
	Path string     `json:"path"`
	Tags []meta.Tag `json:"tags"`
}

// addFileTags reads every tag of the image's original now.
func addFileTags(cmd *cobra.Command, c *catalog.Case, d *imageDetailJSON) error {
	tags, path, err := c.FileTags(cmd.Context(), d.im)
	if err != nil {
		return err
	}
	if tags == nil {
		tags = []meta.Tag{}
	}
	d.FileTags = &fileTagsJSON{Path: path, Tags: tags}
	return nil
}

// printFileTags lists the tags by group, as "[Group] Name  value".
func printFileTags(w io.Writer, f *fileTagsJSON) {
	fmt.Fprintf(w, "\nTags of %s (%d):\n", shown(f.Path), len(f.Tags))
	for _, g := range meta.Groups(f.Tags) {
		fmt.Fprintf(w, "\n[%s]\n", g)
		for _, t := range f.Tags {
			if t.Group != g {
				continue
			}
			line := t.Value
			if t.Note != "" {
				if line != "" {
					line += "  "
				}
				line += "(" + t.Note + ")"
			}
			fmt.Fprintf(w, "  %-32s %s\n", t.Name, line)
		}
	}
}
