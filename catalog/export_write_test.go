package catalog

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// exportChild, run in a child process, exports a file at path: it writes
// half the file, says "stopped" on standard output and waits for a line
// on standard input; then (stage "renamed") finishes the file, which is
// renamed into place and recorded done once the case's write lock is free
// (the parent holds it). It never ends by itself: it is killed.
func exportChild(dir, stage, path string) {
	c, err := Open(context.Background(), dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	_, err = c.WriteExport(context.Background(), "csv", path, nil, func(w io.Writer) error {
		_, err := io.WriteString(w, strings.Repeat("half,written\n", 1000))
		if bw, ok := w.(*bufio.Writer); ok {
			bw.Flush() // so that the temporary file has bytes when killed
		}
		fmt.Println("stopped")
		bufio.NewReader(os.Stdin).ReadString('\n')
		if stage != "renamed" {
			time.Sleep(time.Hour)
		}
		return err
	})
	fmt.Fprintln(os.Stderr, "the export was not stopped:", err)
	os.Exit(3)
}

// holdWriteLock takes the write lock of the case in dir, as another
// program writing to it would, until release is called; status returns
// the status of the export with this ID meanwhile.
func holdWriteLock(t *testing.T, dir string) (status func(id int64) string, release func()) {
	t.Helper()
	db, err := sql.Open("sqlite", SQLiteURI(filepath.Join(dir, DBName), url.Values{"_txlock": {"immediate"}}))
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.Begin()
	if err != nil {
		db.Close()
		t.Fatal(err)
	}
	status = func(id int64) string {
		var st string
		if err := tx.QueryRow(`SELECT status FROM exports WHERE id = ?`, id).Scan(&st); err != nil {
			t.Errorf("read export %d: %v", id, err)
		}
		return st
	}
	return status, func() { tx.Rollback(); db.Close() }
}

// TestExportKilledMidway kills (SIGKILL) a program exporting a file,
// while the file is written and once it is in place but not yet recorded
// done: the export was recorded pending before anything was written; the
// next program to open the case marks it interrupted, in the audit trail
// too, removes the half-written temporary file, and never leaves a file
// without a record.
func TestExportKilledMidway(t *testing.T) {
	for _, tt := range []struct {
		stage       string
		filePresent bool
	}{
		{"writing", false},
		{"renamed", true},
	} {
		t.Run(tt.stage, func(t *testing.T) {
			caseDir := filepath.Join(t.TempDir(), "K.exhibit")
			c, err := Open(context.Background(), caseDir)
			if err != nil {
				t.Fatal(err)
			}
			c.Close()
			outDir := t.TempDir()
			out := filepath.Join(outDir, "catalog.csv")
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "EXHIBIT_TEST_EXPORT_CASE="+caseDir, "EXHIBIT_TEST_EXPORT_STAGE="+tt.stage, "EXHIBIT_TEST_EXPORT_PATH="+out)
			cmd.Stderr = os.Stderr
			stdout, _ := cmd.StdoutPipe()
			stdin, _ := cmd.StdinPipe()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, err := bufio.NewReader(stdout).ReadString('\n')
			if err != nil || !strings.HasPrefix(line, "stopped") {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("the child did not stop at %s: %q %v", tt.stage, line, err)
			}
			// While the child lives, its export is pending and is left so
			// by a program opening the case.
			live, err := Open(context.Background(), caseDir)
			if err != nil {
				t.Fatal(err)
			}
			es, _ := live.Exports(context.Background())
			live.Close()
			if len(es) != 1 || es[0].Status != ExportPending {
				t.Fatalf("while the child lives: exports %+v; want one pending", es)
			}
			temps, _ := filepath.Glob(filepath.Join(outDir, ".*"+exportTempSuffix))
			if len(temps) != 1 {
				t.Errorf("while writing: temporary files %v; want one", temps)
			}
			if tt.stage == "renamed" {
				// Another program takes the case's write lock: the child
				// renames its file into place, then waits to record it.
				status, release := holdWriteLock(t, caseDir)
				defer release()
				fmt.Fprintln(stdin, "go")
				deadline := time.Now().Add(20 * time.Second)
				for _, err := os.Stat(out); err != nil; _, err = os.Stat(out) {
					if time.Now().After(deadline) {
						cmd.Process.Kill()
						cmd.Wait()
						t.Fatalf("the child's file never took its name: %v", err)
					}
					time.Sleep(10 * time.Millisecond)
				}
				if st := status(es[0].ID); st != ExportPending {
					t.Errorf("the file in place, its export is %s; want pending", st)
				}
				cmd.Process.Signal(syscall.SIGKILL)
				cmd.Wait()
				release()
			}
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()

			c, err = Open(context.Background(), caseDir)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			es, _ = c.Exports(context.Background())
			if len(es) != 1 || es[0].Status != ExportInterrupted || es[0].FinishedAt == nil || es[0].SHA256 != "" || es[0].Error == "" {
				t.Fatalf("after the kill: exports %+v; want one interrupted", es)
			}
			_, serr := os.Stat(out)
			if present := serr == nil; present != tt.filePresent {
				t.Errorf("file at %s present: %v, want %v", out, present, tt.filePresent)
			}
			if left, _ := filepath.Glob(filepath.Join(outDir, ".*")); len(left) != 0 {
				t.Errorf("temporary files left: %v", left)
			}
			audit, _ := c.Audit(context.Background(), fmt.Sprintf("export:%d", es[0].ID))
			var actions []string
			for _, e := range audit {
				actions = append(actions, e.Action)
			}
			if got := strings.Join(actions, " "); got != "export.start export.interrupted" {
				t.Errorf("audit of the export: %s", got)
			}
			if want := map[bool]string{true: `"file":"present"`, false: `"file":"absent"`}[tt.filePresent]; !strings.Contains(audit[len(audit)-1].Details, want) {
				t.Errorf("interrupted entry %s; want %s", audit[len(audit)-1].Details, want)
			}
			if locks, _ := filepath.Glob(filepath.Join(caseDir, runsDir, "*.lock")); len(locks) != 1 {
				t.Errorf("lock files %v; want this program's only", locks)
			}
		})
	}
}

// TestWriteExport: an export is recorded pending, then done with the
// file's hash; one whose writing fails leaves no file, no temporary file,
// and a failed record; one refused for its path records nothing.
func TestWriteExport(t *testing.T) {
	ctx := context.Background()
	c := openTestCase(t)
	dir := t.TempDir()
	var seen []string
	ok := filepath.Join(dir, "a.csv")
	e, err := c.WriteExport(ctx, "csv", ok, map[string]any{"n": 1}, func(w io.Writer) error {
		es, _ := c.Exports(ctx)
		for _, e := range es {
			seen = append(seen, "writing:"+e.Status)
		}
		_, err := io.WriteString(w, "a,b\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum, _ := hashFile(ok); e.SHA256 != sum || e.Size != 4 || e.Status != ExportDone {
		t.Errorf("export %+v; file SHA-256 %s", e, sum)
	}
	if strings.Join(seen, " ") != "writing:pending" {
		t.Errorf("stages seen %v", seen)
	}

	boom := errors.New("disk full")
	bad := filepath.Join(dir, "b.csv")
	if _, err := c.WriteExport(ctx, "csv", bad, nil, func(w io.Writer) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("error %v; want the writer's", err)
	}
	// Cancelled while writing (Ctrl-C).
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if _, err := c.WriteExport(cctx, "csv", filepath.Join(dir, "c.csv"), nil, func(w io.Writer) error { cancel(); return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: error %v", err)
	}
	for _, tt := range []struct{ path, want string }{
		{dir, "it is a folder"},
		{filepath.Join(dir, "no", "d.csv"), "there is no folder"},
	} {
		if _, err := c.WriteExport(ctx, "csv", tt.path, nil, func(w io.Writer) error { return nil }); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v; want %q", tt.path, err, tt.want)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "a.csv" {
		t.Errorf("files left: %v", entries)
	}
	es, _ := c.Exports(ctx)
	var got []string
	for _, e := range es {
		got = append(got, filepath.Base(e.Path)+":"+e.Status)
	}
	if strings.Join(got, " ") != "a.csv:done b.csv:failed c.csv:cancelled" {
		t.Errorf("exports recorded: %v", got)
	}
	if es[1].Error == "" || !strings.Contains(es[1].Error, "disk full") {
		t.Errorf("failed export's error %q", es[1].Error)
	}
}
