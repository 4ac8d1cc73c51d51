package catalog

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"testing"
)

func TestReadReportFile(t *testing.T) {
	ctx := context.Background()
	c := openTestCase(t)
	tests := []struct {
		name   string
		change func(path string) error
		want   error // nil: read
	}{
		{"unchanged", func(string) error { return nil }, nil},
		{"changed", func(p string) error { return os.WriteFile(p, []byte("# Report\n\nAnother text.\n"), 0o644) }, ErrChanged},
		{"missing", os.Remove, fs.ErrNotExist},
		{"a folder now", func(p string) error {
			if err := os.Remove(p); err != nil {
				return err
			}
			return os.Mkdir(p, 0o755)
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := reportV1 + "\n" + tt.name + ".\n" // a report of its own
			path := writeReport(t, t.TempDir(), "report.md", text)
			res, err := c.AddReport(ctx, path, ReportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.change(path); err != nil {
				t.Fatal(err)
			}
			b, err := c.ReadReportFile(ctx, res.Report)
			switch {
			case tt.name == "unchanged":
				if err != nil || string(b) != text {
					t.Errorf("read %q, %v", b, err)
				}
			case tt.want == nil:
				if err == nil {
					t.Errorf("read a folder")
				}
			case !errors.Is(err, tt.want):
				t.Errorf("%v, want %v", err, tt.want)
			}
			var ch *ReportChangedError
			if tt.want == ErrChanged && (!errors.As(err, &ch) || ch.ReportID != res.Report.ID) {
				t.Errorf("%v: not a ReportChangedError of report %d", err, res.Report.ID)
			}
		})
	}
}
