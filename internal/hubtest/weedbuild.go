package hubtest

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
)

// WeedModule and WeedVersion are the SeaweedFS the tests run.
const (
	WeedModule  = "github.com/seaweedfs/seaweedfs"
	WeedVersion = "v0.0.0-20261109003541-7506e5f91cd6"
)

// weedBinary returns the path of SeaweedFS's weed: $EXHIBIT_WEED when set,
// else weed-VERSION in the tests' cache folder, built there the first time
// (some minutes) from the module: `go install` refuses it for its replace
// directives, so its source is downloaded with `go mod download`, copied
// to a writable folder and built. Test binaries building it at once wait
// for one another (a lock file).
func weedBinary() (string, error) {
	if p := os.Getenv("EXHIBIT_WEED"); p != "" {
		return p, nil
	}
	cache, err := testCacheDir()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(cache, "weed-"+WeedVersion)
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	lock, err := os.OpenFile(bin+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return "", fmt.Errorf("lock the weed build: %w", err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return "", fmt.Errorf("lock the weed build: %w", err)
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
	if _, err := os.Stat(bin); err == nil {
		return bin, nil // built by another test binary while this one waited
	}
	if err := buildWeed(cache, bin); err != nil {
		return "", fmt.Errorf("build SeaweedFS %s: %w", WeedVersion, err)
	}
	return bin, nil
}

// testCacheDir is exhibit-test in the user's cache folder.
func testCacheDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find the cache folder: %w", err)
	}
	dir := filepath.Join(base, "exhibit-test")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("make the tests' cache folder: %w", err)
	}
	return dir, nil
}

// buildWeed downloads SeaweedFS's source and builds weed as bin.
func buildWeed(cache, bin string) error {
	work, err := os.MkdirTemp(cache, "weed-build-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	dl := exec.Command("go", "mod", "download", "-json", WeedModule+"@"+WeedVersion)
	dl.Dir = work // outside any module: nothing here is changed
	dl.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GO111MODULE=on")
	out, err := dl.Output()
	if err != nil {
		return fmt.Errorf("go mod download: %w: %s", err, stderrOf(err))
	}
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(out, &info); err != nil || info.Dir == "" {
		return fmt.Errorf("go mod download: no folder in %q (%s)", out, info.Error)
	}
	src := filepath.Join(work, "src")
	if out, err := exec.Command("cp", "-r", info.Dir, src).CombinedOutput(); err != nil {
		return fmt.Errorf("copy the source: %w: %s", err, out)
	}
	if out, err := exec.Command("chmod", "-R", "u+w", src).CombinedOutput(); err != nil {
		return fmt.Errorf("make the source writable: %w: %s", err, out)
	}
	tmp := filepath.Join(work, "weed")
	build := exec.Command("go", "build", "-buildvcs=false", "-o", tmp, "./weed")
	build.Dir = src
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %w: %s", err, lastLines(out, 10))
	}
	return os.Rename(tmp, bin)
}

// stderrOf returns what a failed command wrote on its standard error.
func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return lastLines(ee.Stderr, 5)
	}
	return ""
}
