package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
)

func init() { extraCommands = append(extraCommands, newAnnotateCmd, newAnnotationsCmd) }

// annotationJSON is the annotation contract: id, kind, points (fractions of
// the upright image), color, width, label, note, and number for callouts.
type annotationJSON struct {
	ID     int64           `json:"id,omitempty"`
	Kind   string          `json:"kind"`
	Points []catalog.Point `json:"points"`
	Color  string          `json:"color"`
	Width  float64         `json:"width"`
	Label  string          `json:"label"`
	Note   string          `json:"note"`
	Number *int            `json:"number,omitempty"`
	Image  int64           `json:"image,omitempty"`
	Pair   int64           `json:"pair,omitempty"`
	Side   string          `json:"side,omitempty"`
}

func toAnnotationJSON(a *catalog.Annotation, p *catalog.Pair) annotationJSON {
	j := annotationJSON{ID: a.ID, Kind: string(a.Kind), Points: a.Points, Color: a.Color, Width: a.Width, Label: a.Label,
		Note: a.Note, Image: a.ImageID, Pair: a.PairID}
	if a.Kind == catalog.KindCallout {
		n := a.Number
		j.Number = &n
	}
	if p != nil {
		j.Side = "before"
		if a.ImageID == p.AfterID {
			j.Side = "after"
		}
	}
	return j
}

// parsePair reads a pair given as "pair:3", "p3" or "3".
func parsePair(s string) (int64, error) {
	if id, ok := pairRef(s); ok {
		return id, nil
	}
	return parseID("pair", s)
}

// pairRef reads "pair:3" (or "p3"); ok is false for anything else.
func pairRef(s string) (int64, bool) {
	for _, prefix := range []string{"pair:", "p"} {
		if rest, found := strings.CutPrefix(strings.ToLower(s), prefix); found {
			if id, err := parseID("pair", rest); err == nil {
				return id, true
			}
		}
	}
	return 0, false
}

func newAnnotateCmd(g *globals) *cobra.Command {
	var file, side string
	var pairID int64
	cmd := &cobra.Command{
		Use:   "annotate IMAGE --json FILE | annotate --pair PAIR --side before|after --json FILE",
		Short: "Add annotations from a JSON file (an array of annotations)",
		Long: `Add annotations, read from a JSON array (FILE, or - for standard input):
  [{"kind": "rect", "points": [[0.1, 0.2], [0.4, 0.5]], "color": "#E53935", "width": 4,
    "label": "collapsed building", "note": "..."}, ...]
kind: rect and ellipse (two opposite corners), arrow (tail, then head),
polyline (its vertices), callout and text (one anchor point; a callout has a
"number", given the next one when left out). Points are fractions (0..1) of the
upright image. The annotations are on the image itself, or, with --pair and
--side, on one side of a pair.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if file == "" {
				return fmt.Errorf("give the annotations with --json FILE (or - for standard input)")
			}
			var in io.Reader = cmd.InOrStdin()
			if file != "-" {
				f, err := os.Open(file)
				if err != nil {
					return fmt.Errorf("annotate: %w", err)
				}
				defer f.Close()
				in = f
			}
			var js []annotationJSON
			dec := json.NewDecoder(in)
			dec.DisallowUnknownFields()
			if err := dec.Decode(&js); err != nil {
				return fmt.Errorf("annotate: read %s: %w (want a JSON array of annotations)", file, err)
			}
			c := g.c
			var err error
			var imageID int64
			var pair *catalog.Pair
			switch {
			case pairID != 0:
				if pair, err = c.Pair(ctx, pairID); err != nil {
					return err
				}
				switch side {
				case "before":
					imageID = pair.BeforeID
				case "after":
					imageID = pair.AfterID
				default:
					return fmt.Errorf("--side %q: want before or after", side)
				}
			case len(args) == 1:
				im, err := c.FindImage(ctx, args[0])
				if err != nil {
					return err
				}
				imageID = im.ID
			default:
				return fmt.Errorf("annotate: give an IMAGE, or --pair and --side")
			}
			anns := make([]catalog.Annotation, len(js))
			for i, j := range js {
				if j.ID != 0 {
					return fmt.Errorf("annotation %d has an id: annotate adds new annotations", i+1)
				}
				anns[i] = catalog.Annotation{ImageID: imageID, PairID: pairID, Kind: catalog.AnnotationKind(j.Kind), Points: j.Points,
					Color: j.Color, Width: j.Width, Label: j.Label, Note: j.Note}
				if j.Number != nil {
					anns[i].Number = *j.Number
				}
			}
			added, err := c.AddAnnotations(ctx, anns)
			if err != nil {
				return err
			}
			out := []annotationJSON{}
			for _, a := range added {
				out = append(out, toAnnotationJSON(a, pair))
			}
			return writeJSON(cmd.OutOrStdout(), out)
		},
	}
	cmd.Flags().StringVar(&file, "json", "", "the JSON file of annotations (- for standard input)")
	cmd.Flags().Int64Var(&pairID, "pair", 0, "annotate one side of this pair")
	cmd.Flags().StringVar(&side, "side", "", "before or after (with --pair)")
	return needsCase(cmd, false)
}

func newAnnotationsCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "annotations IMAGE|pair:PAIR",
		Short: "List the annotations of an image, or of a pair (pair:3)",
		Long: `List annotations. IMAGE is an id, SHA-256 prefix, path or file name: the annotations made
on the image itself. pair:ID: the pair's annotations on both sides, with those
made on its two images.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			var err error
			var anns []*catalog.Annotation
			var pair *catalog.Pair
			if id, ok := pairRef(args[0]); ok {
				if pair, err = c.Pair(ctx, id); err != nil {
					return err
				}
				anns, err = c.Annotations(ctx, catalog.AnnotationScope{PairID: id, WithImages: true})
			} else {
				im, ferr := c.FindImage(ctx, args[0])
				if ferr != nil {
					return ferr
				}
				anns, err = c.Annotations(ctx, catalog.AnnotationScope{ImageID: im.ID})
			}
			if err != nil {
				return err
			}
			out := []annotationJSON{}
			for _, a := range anns {
				out = append(out, toAnnotationJSON(a, pair))
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), out)
			}
			for _, a := range out {
				num := ""
				if a.Number != nil {
					num = fmt.Sprintf(" #%d", *a.Number)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%d\t%s%s\t%s\t%v\t%s\n", a.ID, a.Kind, num, a.Side, a.Points, a.Label)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	return needsCase(cmd, false)
}
