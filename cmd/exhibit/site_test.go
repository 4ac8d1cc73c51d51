package main

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSiteCommandsJSON runs every site command and georef, and checks the
// JSON fields scripts depend on.
func TestSiteCommandsJSON(t *testing.T) {
	for _, tool := range []string{"exiftool", "gdal_translate", "gdalinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (Debian: libimage-exiftool-perl, gdal-bin)", tool)
		}
	}
	corpus := corpusDir(t)
	caseDir := filepath.Join(t.TempDir(), "S.exhibit")
	src := t.TempDir()
	shell := func(name string, args ...string) {
		t.Helper()
		if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
	}
	sample := filepath.Join(corpus, "goexif", "sample1.jpg")
	for name, date := range map[string]string{"before.jpg": "2017:09:01 10:00:00", "after.jpg": "2017:10:02 10:00:00", "late.jpg": "2017:10:20 10:00:00"} {
		shell("exiftool", "-q", "-o", filepath.Join(src, name), "-all=", "-DateTimeOriginal="+date, "-GPSLatitude=35.9501", "-GPSLatitudeRef=N",
			"-GPSLongitude=39.01", "-GPSLongitudeRef=E", sample)
	}
	// A GeoTIFF over the site, and a JPEG whose world file appears after
	// the import.
	shell("gdal_translate", "-q", "-of", "GTiff", "-outsize", "20", "20", "-a_srs", "EPSG:32637", "-a_ullr", "500000", "3979000", "502000", "3977000",
		sample, filepath.Join(src, "sat.tif"))
	plain := t.TempDir()
	shell("gdal_translate", "-q", "-of", "JPEG", "-co", "WORLDFILE=YES", "-outsize", "20", "20", "-a_srs", "EPSG:32637", "-a_ullr", "500000", "3979000", "502000", "3977000",
		sample, filepath.Join(plain, "world.jpg"))
	b, _ := os.ReadFile(filepath.Join(plain, "world.jpg"))
	os.WriteFile(filepath.Join(src, "world.jpg"), b, 0o644)
	mustRun(t, "--case", caseDir, "import", src)

	ls := decode(t, mustRun(t, "--case", caseDir, "ls", "--json")).([]any)
	byName := map[string]map[string]any{}
	for _, v := range ls {
		m := hasKeys(t, "ls", v, "id", "footprint")
		byName[filepath.Base(m["paths"].([]any)[0].(string))] = m
	}
	fp := hasKeys(t, "footprint", byName["sat.tif"]["footprint"], "type", "coordinates")
	if fp["type"] != "Polygon" || len(fp["coordinates"].([]any)[0].([]any)) != 5 {
		t.Errorf("sat.tif footprint %v", fp)
	}
	if byName["before.jpg"]["footprint"] != nil || byName["world.jpg"]["footprint"] != nil {
		t.Errorf("footprints where none: %v %v", byName["before.jpg"]["footprint"], byName["world.jpg"]["footprint"])
	}

	// The world file appears: georef reads it; show --json has it, as
	// gdalinfo sees the JPEG (beside its world file and .aux.xml).
	out, _ := exec.Command("gdalinfo", "-json", filepath.Join(plain, "world.jpg")).Output()
	os.Rename(filepath.Join(plain, "world.wld"), filepath.Join(src, "world.jgw"))
	os.WriteFile(filepath.Join(src, "world.prj"), []byte("EPSG:32637"), 0o644)
	gr := decode(t, mustRun(t, "--case", caseDir, "georef", "--json")).([]any)
	if len(gr) != 2 {
		t.Fatalf("georef: %v", gr)
	}
	for _, v := range gr {
		hasKeys(t, "georef", v, "image", "footprint", "source", "epsg", "changed")
	}
	show := hasKeys(t, "show", decode(t, mustRun(t, "--case", caseDir, "show", "--json", filepath.Join(src, "world.jpg"))), "footprint")
	ring := show["footprint"].(map[string]any)["coordinates"].([]any)[0].([]any)
	var info struct {
		WGS84Extent struct {
			Coordinates [][][2]float64 `json:"coordinates"`
		} `json:"wgs84Extent"`
	}
	json.Unmarshal(out, &info)
	if len(info.WGS84Extent.Coordinates) != 1 {
		t.Fatalf("gdalinfo: %s", out)
	}
	for i, p := range info.WGS84Extent.Coordinates[0] {
		q := ring[i].([]any)
		if math.Abs(q[0].(float64)-p[0]) > 1e-6 || math.Abs(q[1].(float64)-p[1]) > 1e-6 {
			t.Errorf("corner %d: %v, gdalinfo %v", i, q, p)
		}
	}

	add := hasKeys(t, "site add", decode(t, mustRun(t, "--case", caseDir, "site", "add", "Al-Nour bakery", "--at", "35.95,39.01", "--radius", "100", "--precision", "vicinity", "--json")),
		"id", "name", "lat", "lon", "radius_m", "precision", "precision_m", "status", "verified", "notes", "tags")
	if add["radius_m"].(float64) != 100 || add["precision"] != "vicinity" || add["status"] != "unverified" {
		t.Errorf("site add: %v", add)
	}
	for _, bad := range [][]string{{"--at", "NaN,39"}, {"--at", "35,1e309"}, {"--at", "35,39", "--radius", "Inf"}, {"--at", "35,39", "--precision", "-3"}} {
		if _, err := run(t, append([]string{"--case", caseDir, "site", "add", "Bad"}, bad...)...); err == nil {
			t.Errorf("site add %v accepted", bad)
		}
	}
	sl := decode(t, mustRun(t, "--case", caseDir, "site", "ls", "--json")).([]any)
	if len(sl) != 1 {
		t.Fatalf("site ls: %v", sl)
	}
	hasKeys(t, "site ls", sl[0], "id", "name", "lat", "lon", "radius_m", "precision", "status", "image_count")

	sug := decode(t, mustRun(t, "--case", caseDir, "site", "suggest", "al-nour bakery", "--json")).([]any)
	if len(sug) != 5 { // three photos 11 m away, the GeoTIFF, the world-filed JPEG
		t.Errorf("suggest: %d %v", len(sug), sug)
	}
	for _, v := range sug {
		hasKeys(t, "suggest", v, "image", "why", "distance_m")
	}
	mustRun(t, "--case", caseDir, "site", "attach", "1", "sat.tif")
	mustRun(t, "--case", caseDir, "site", "reject", "1", "world.jpg", "--why", "cloud")
	code := hasKeys(t, "site code", decode(t, mustRun(t, "--case", caseDir, "site", "code", "1", "before.jpg", "intact", "--note", "roof whole", "--json")),
		"site", "image", "state", "note", "coder", "blind", "at")
	if !strings.Contains(code["coder"].(string), "@") {
		t.Errorf("coder %v is not user@computer", code["coder"])
	}
	mustRun(t, "--case", caseDir, "site", "code", "1", "after.jpg", "damaged")
	mustRun(t, "--case", caseDir, "site", "code", "1", "late.jpg", "intact")
	mustRun(t, "--case", caseDir, "site", "code", "1", "before.jpg", "intact", "--coder", "ben", "--blind")
	mustRun(t, "--case", caseDir, "site", "code", "1", "after.jpg", "destroyed", "--coder", "ben", "--blind")
	mustRun(t, "--case", caseDir, "site", "edit", "1", "--verified-at", "35.95005,39.01001", "--how", "matched on a satellite image", "--note", "ask the baker", "--tag", "bakery")

	sh := hasKeys(t, "site show", decode(t, mustRun(t, "--case", caseDir, "site", "show", "Al-Nour bakery", "--json")),
		"id", "name", "lat", "lon", "radius_m", "images", "window", "contradictions", "verified", "status")
	if sh["status"] != "verified" {
		t.Errorf("status %v", sh["status"])
	}
	for _, v := range sh["images"].([]any) {
		hasKeys(t, "site show image", v, "image", "taken_at", "state", "coder", "note", "codes")
	}
	win := hasKeys(t, "window", sh["window"], "not_before", "not_after", "before_image", "after_image")
	if win["not_before"] != "2017-10-20T10:00:00" || win["not_after"] != nil || win["after_image"] != nil {
		// after.jpg is disputed (damaged / destroyed): not used; intact
		// as of late.jpg.
		t.Errorf("window %v", win)
	}
	cs := sh["contradictions"].([]any)
	if len(cs) != 1 {
		t.Errorf("contradictions %v", cs)
	}
	for _, v := range cs {
		hasKeys(t, "contradiction", v, "image", "state", "taken_at", "reason")
	}
	blind := hasKeys(t, "blind", decode(t, mustRun(t, "--case", caseDir, "site", "show", "1", "--blind", "--coder", "ben", "--json")), "blind", "hidden_codes")
	if blind["blind"] != true || blind["hidden_codes"].(float64) != 3 {
		t.Errorf("blind show for ben: %v %v", blind["blind"], blind["hidden_codes"])
	}
	ag := decode(t, mustRun(t, "--case", caseDir, "site", "agreement", "--json")).([]any)
	if len(ag) != 1 {
		t.Fatalf("agreement %v", ag)
	}
	a := hasKeys(t, "agreement", ag[0], "coders", "items", "agreed", "observed", "expected", "kappa", "disagreements")
	if a["items"].(float64) != 2 || a["agreed"].(float64) != 1 || len(a["disagreements"].([]any)) != 1 {
		t.Errorf("agreement %v", a)
	}
	hasKeys(t, "disagreement", a["disagreements"].([]any)[0], "site", "image", "states")

	mustRun(t, "--case", caseDir, "site", "rm", "Al-Nour bakery")
	if sl := decode(t, mustRun(t, "--case", caseDir, "site", "ls", "--json")).([]any); len(sl) != 0 {
		t.Errorf("removed site listed: %v", sl)
	}
	if sl := decode(t, mustRun(t, "--case", caseDir, "site", "ls", "--removed", "--json")).([]any); len(sl) != 1 || sl[0].(map[string]any)["removed_at"] == nil {
		t.Errorf("removed site not kept: %v", sl)
	}
	mustRun(t, "--case", caseDir, "verify")
}
