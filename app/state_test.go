package app

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// stateWriterEnv makes the test binary a writer of the state file named
// by its value, saving a new last case again and again until killed (see
// TestMain).
const stateWriterEnv = "EXHIBIT_TEST_STATE_WRITER"

// writeStatesForever is the writer TestStateSurvivesKill kills.
func writeStatesForever(path string) {
	f := &stateFile{path: path}
	for i := 0; ; i++ {
		f.update(func(st *appState) {
			st.LastCase = fmt.Sprintf("/cases/Case %d.exhibit", i)
			st.LastScreen = ui.ScreenReview
			st.WindowSize = []float64{1280 + float64(i%7), 820}
		})
		if i == 0 {
			fmt.Println("wrote") // the killer waits for this: a loaded machine starts slowly
		}
	}
}

// TestStateSurvivesKill kills a process writing the state file, again and
// again, at random moments: the file always holds a whole state, with a
// last case.
func TestStateSurvivesKill(t *testing.T) {
	path := filepath.Join(t.TempDir(), stateFileName)
	first := &stateFile{path: path, st: appState{LastCase: "/cases/First.exhibit"}}
	if err := first.save(); err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for round := range 12 {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), stateWriterEnv+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Killed at a random moment after its first whole write, so that
		// every round kills a writer that is writing.
		if _, err := bufio.NewReader(out).ReadString('\n'); err != nil {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("round %d: the writer did not start: %v", round, err)
		}
		time.Sleep(time.Duration(rand.IntN(60)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		f, err := openStateFile(path)
		if err != nil || !strings.HasPrefix(f.st.LastCase, "/cases/") {
			data, _ := os.ReadFile(path)
			t.Fatalf("round %d: after a kill, the state file holds %q (%v)", round, data, err)
		}
	}
	f, _ := openStateFile(path)
	if f.st.LastCase == "/cases/First.exhibit" {
		t.Error("the killed writers never wrote: the test proves nothing")
	}
}

// TestLastCaseSurvivesLostPreferences: the preferences lost (Fyne's file
// emptied by a kill while it was written), the state file still gives the
// last case, screen and window size; the state file damaged, the
// preferences give them.
func TestLastCaseSurvivesLostPreferences(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "state", stateFileName)
	s := NewSettingsWithState(a.Preferences(), path)
	s.SetLastCase("/cases/Raqqa.exhibit")
	s.SetLastScreen(ui.ScreenCompare)
	s.SetWindowSize(fyne.NewSize(1500, 900))

	lost := test.NewTempApp(t).Preferences() // nothing in them
	got := NewSettingsWithState(lost, path)
	if got.LastCase() != "/cases/Raqqa.exhibit" || got.LastScreen() != ui.ScreenCompare || got.WindowSize() != fyne.NewSize(1500, 900) {
		t.Errorf("preferences lost: last case %q, screen %q, window %v", got.LastCase(), got.LastScreen(), got.WindowSize())
	}

	for _, damaged := range []string{"", `{"last_case": "/cases/Ra`, "\x00\x00\x00"} {
		if err := os.WriteFile(path, []byte(damaged), 0o644); err != nil {
			t.Fatal(err)
		}
		got := NewSettingsWithState(a.Preferences(), path)
		if got.LastCase() != "/cases/Raqqa.exhibit" || got.LastScreen() != ui.ScreenCompare {
			t.Errorf("state file %q: last case %q, screen %q; want the preferences' ones", damaged, got.LastCase(), got.LastScreen())
		}
	}
}
