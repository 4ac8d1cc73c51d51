package georef

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// needTools skips, saying why, when the GDAL tools are not installed.
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (Debian: gdal-bin)", tool)
		}
	}
}

func sh(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// gdalExtent returns gdalinfo's wgs84Extent ring of the image at path.
func gdalExtent(t *testing.T, path string) [][2]float64 {
	t.Helper()
	out, err := exec.Command("gdalinfo", "-json", path).Output()
	if err != nil {
		t.Fatalf("gdalinfo %s: %v", path, err)
	}
	var info struct {
		WGS84Extent *struct {
			Coordinates [][][2]float64 `json:"coordinates"`
		} `json:"wgs84Extent"`
	}
	if err := json.Unmarshal(out, &info); err != nil {
		t.Fatalf("gdalinfo %s: %v", path, err)
	}
	if info.WGS84Extent == nil || len(info.WGS84Extent.Coordinates) != 1 {
		t.Fatalf("gdalinfo %s: no wgs84Extent", path)
	}
	return info.WGS84Extent.Coordinates[0]
}

// sameRing fails unless f's ring is gdal's, corner by corner, to 1e-6°.
func sameRing(t *testing.T, name string, f *Footprint, want [][2]float64) {
	t.Helper()
	if len(want) != 5 {
		t.Fatalf("%s: gdal gives %d points", name, len(want))
	}
	worst := 0.0
	for i := range want {
		for k := 0; k < 2; k++ {
			worst = math.Max(worst, math.Abs(f.Ring[i][k]-want[i][k]))
		}
	}
	if worst > 1e-6 {
		t.Errorf("%s: footprint %v, gdalinfo %v (off by %.2g°)", name, f.Ring, want, worst)
	}
	if f.Ring[0] != f.Ring[4] {
		t.Errorf("%s: ring not closed: %v", name, f.Ring)
	}
}

// TestFootprintsMatchGdalinfo makes GeoTIFFs in several systems (and a
// world-filed JPEG and PNG) with gdal_translate and gdalwarp, and checks
// each footprint against gdalinfo's wgs84Extent.
func TestFootprintsMatchGdalinfo(t *testing.T) {
	needTools(t, "gdal_create", "gdal_translate", "gdalwarp", "gdalinfo")
	dir := t.TempDir()
	sh(t, dir, "gdal_create", "-q", "-outsize", "400", "300", "-bands", "3", "-burn", "128", "-ot", "Byte", "-of", "GTiff", "src.tif")
	tr := func(out string, args ...string) func(*testing.T) {
		return func(t *testing.T) {
			sh(t, dir, append(append([]string{"gdal_translate", "-q"}, args...), "src.tif", out)...)
		}
	}
	cases := []struct {
		name, file string
		make       func(*testing.T)
		epsg       int
	}{
		{"WGS 84", "wgs84.tif", tr("wgs84.tif", "-a_srs", "EPSG:4326", "-a_ullr", "38.99", "35.96", "39.01", "35.945"), 4326},
		{"UTM 37N (Raqqa)", "utm37n.tif", tr("utm37n.tif", "-a_srs", "EPSG:32637", "-a_ullr", "494000", "3981000", "498000", "3978000"), 32637},
		{"UTM 37N far from the central meridian", "utm37n-edge.tif", tr("utm37n-edge.tif", "-a_srs", "EPSG:32637", "-a_ullr", "180000", "7000000", "200000", "6985000"), 32637},
		{"UTM 33S", "utm33s.tif", tr("utm33s.tif", "-a_srs", "EPSG:32733", "-a_ullr", "610000", "8850000", "612000", "8848500"), 32733},
		{"UTM 18N pixel is point", "point.tif", tr("point.tif", "-a_srs", "EPSG:32618", "-a_ullr", "223586", "4217906", "259260", "4184720", "-mo", "AREA_OR_POINT=Point"), 32618},
		{"Web Mercator", "merc.tif", tr("merc.tif", "-a_srs", "EPSG:3857", "-a_ullr", "4340000", "4295000", "4342000", "4293500"), 3857},
		{"warped to UTM 37N", "warped.tif", func(t *testing.T) {
			tr("wgs84-src.tif", "-a_srs", "EPSG:4326", "-a_ullr", "38.99", "35.96", "39.01", "35.945")(t)
			sh(t, dir, "gdalwarp", "-q", "-t_srs", "EPSG:32637", "wgs84-src.tif", "warped.tif")
		}, 32637},
		{"rotated (ModelTransformation)", "rotated.tif", func(t *testing.T) {
			// A world file with rotation terms beside a copy of the
			// plain raster; gdal_translate writes them as a
			// ModelTransformation.
			b, _ := os.ReadFile(filepath.Join(dir, "src.tif"))
			os.WriteFile(filepath.Join(dir, "rot-src.tif"), b, 0o644)
			os.WriteFile(filepath.Join(dir, "rot-src.tfw"), []byte("9.8\n1.7\n1.7\n-9.8\n494000\n3981000\n"), 0o644)
			sh(t, dir, "gdal_translate", "-q", "-a_srs", "EPSG:32637", "rot-src.tif", "rotated.tif")
		}, 32637},
		{"world-filed JPEG in UTM 37N", "world.jpg", func(t *testing.T) {
			tr("world-src.tif", "-a_srs", "EPSG:32637", "-a_ullr", "494000", "3981000", "498000", "3978000")(t)
			sh(t, dir, "gdal_translate", "-q", "-of", "JPEG", "-co", "WORLDFILE=YES", "world-src.tif", "world.jpg")
			// As .jgw, with the .prj as ESRI writes it (gdalinfo takes the
			// system from its own world.jpg.aux.xml, which this reader
			// ignores).
			if err := os.Rename(filepath.Join(dir, "world.wld"), filepath.Join(dir, "world.jgw")); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, "world.prj"), []byte(esriUTM37N), 0o644)
		}, 32637},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.make(t)
			path := filepath.Join(dir, c.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			format := "tiff"
			if strings.HasSuffix(c.file, ".jpg") {
				format = "jpeg"
			}
			w, h := 400, 300
			if c.file == "warped.tif" {
				tags, err := readTIFF(data)
				if err != nil {
					t.Fatal(err)
				}
				w, h = size(tags)
			}
			f, world, err := Find(path, data, format, w, h)
			if err != nil {
				t.Fatalf("Find: %v", err)
			}
			if f.EPSG != c.epsg {
				t.Errorf("EPSG %d, want %d", f.EPSG, c.epsg)
			}
			if (world != "") != (format == "jpeg") {
				t.Errorf("world file %q for %s", world, c.file)
			}
			sameRing(t, c.name, f, gdalExtent(t, path))
		})
	}
}

const esriUTM37N = `PROJCS["WGS_1984_UTM_Zone_37N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",39.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`

// TestCorpusGeoTIFF reads the corpus's GeoTIFF (NAD83 / UTM zone 18N).
func TestCorpusGeoTIFF(t *testing.T) {
	needTools(t, "gdalinfo")
	path := filepath.Join("..", "..", "..", "shared", "corpus", "go-exif", "geotiff_example.tif")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("corpus: %v", err)
	}
	f, err := FromGeoTIFF(data)
	if err != nil {
		t.Fatal(err)
	}
	if f.EPSG != 26918 {
		t.Errorf("EPSG %d, want 26918", f.EPSG)
	}
	sameRing(t, "geotiff_example.tif", f, gdalExtent(t, path))
}

// TestWorldFileWithoutPrj: a PNG with a world file and no .prj is in
// WGS 84; its corners are the world file's, half a pixel out.
func TestWorldFileWithoutPrj(t *testing.T) {
	dir := t.TempDir()
	png := filepath.Join(dir, "a.png")
	os.WriteFile(png, []byte("not read"), 0o644)
	os.WriteFile(filepath.Join(dir, "a.pgw"), []byte("0.001\n0\n0\n-0.002\n39.0005\n35.999\n"), 0o644)
	f, world, err := Find(png, nil, "png", 10, 5)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(world) != "a.pgw" || f.EPSG != 4326 || f.Source != "world" {
		t.Errorf("world %q EPSG %d source %q", world, f.EPSG, f.Source)
	}
	want := [5][2]float64{{39, 36}, {39, 35.99}, {39.01, 35.99}, {39.01, 36}, {39, 36}}
	for i := range want {
		if math.Abs(f.Ring[i][0]-want[i][0]) > 1e-12 || math.Abs(f.Ring[i][1]-want[i][1]) > 1e-12 {
			t.Fatalf("ring %v, want %v", f.Ring, want)
		}
	}
	for _, p := range []struct {
		lon, lat float64
		in       bool
	}{{39.005, 35.995, true}, {39, 36, true}, {39.01, 35.995, true}, {39.0101, 35.995, false}, {39.005, 36.0001, false}, {0, 0, false}} {
		if got := f.Contains(p.lon, p.lat); got != p.in {
			t.Errorf("Contains(%g, %g) = %v, want %v", p.lon, p.lat, got, p.in)
		}
	}
}

// TestRefused: damaged or unsupported georeferences are errors that say
// why; an image without any is ErrNoGeoreference.
func TestRefused(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(s), 0o644)
		return p
	}
	jpg := write("x.jpg", "")
	if _, _, err := Find(jpg, nil, "jpeg", 10, 10); !errors.Is(err, ErrNoGeoreference) {
		t.Errorf("no world file: %v", err)
	}
	if _, _, err := Find(jpg, []byte("II*\x00\x08\x00\x00\x00\x00\x00"), "tiff", 10, 10); !errors.Is(err, ErrNoGeoreference) {
		t.Errorf("plain TIFF: %v", err)
	}
	for _, c := range []struct{ name, world, prj, want string }{
		{"five numbers", "1\n0\n0\n-1\n5\n", "", "six numbers"},
		{"not a number", "1\n0\n0\n-1\n5\nNaN?\n", "", "not a number"},
		{"infinite", "1\n0\n0\n-1\n5\nInf\n", "", "not finite"},
		{"flat", "0\n0\n0\n0\n5\n5\n", "", "pixel size 0"},
		{"off the Earth", "1\n0\n0\n-1\n5\n95\n", "", "not on the Earth"},
		{"Lambert 93", "1\n0\n0\n-1\n700000\n6600000\n", `PROJCS["RGF93 / Lambert-93",GEOGCS["RGF93"],AUTHORITY["EPSG","2154"]]`, "EPSG 2154"},
		{"unknown prj", "1\n0\n0\n-1\n5\n5\n", `PROJCS["Local grid"]`, "no EPSG code"},
	} {
		os.Remove(filepath.Join(dir, "x.prj"))
		write("x.jgw", c.world)
		if c.prj != "" {
			write("x.prj", c.prj)
		}
		_, _, err := Find(jpg, nil, "jpeg", 10, 10)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// TestEPSGFromPRJ reads the top-level code of WKT 1 and 2 and ESRI names.
func TestEPSGFromPRJ(t *testing.T) {
	for _, c := range []struct {
		prj  string
		want int
	}{
		{"EPSG:32637", 32637},
		{`PROJCS["WGS 84 / UTM zone 37N",GEOGCS["WGS 84",AUTHORITY["EPSG","4326"]],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","32637"]]`, 32637},
		{`PROJCRS["WGS 84 / UTM zone 33S",BASEGEOGCRS["WGS 84",ID["EPSG",4326]],ID["EPSG",32733]]`, 32733},
		{esriUTM37N, 32637},
		{`PROJCS["WGS_1984_UTM_Zone_33S",GEOGCS["GCS_WGS_1984"]]`, 32733},
		{`PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984"]]`, 3857},
		{`GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]]`, 4326},
	} {
		got, err := EPSGFromPRJ(c.prj)
		if err != nil || got != c.want {
			t.Errorf("%.40s: %d, %v; want %d", c.prj, got, err, c.want)
		}
	}
}

// FuzzReadTIFF: no input makes the TIFF reader panic.
func FuzzReadTIFF(f *testing.F) {
	f.Add([]byte("II*\x00\x08\x00\x00\x00\x01\x00\x00\x01\x03\x00\x01\x00\x00\x00\x0a\x00\x00\x00"))
	f.Add([]byte("MM\x00+\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00\x10"))
	f.Fuzz(func(t *testing.T, b []byte) {
		FromGeoTIFF(b)
	})
}
