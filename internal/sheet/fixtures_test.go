package sheet

import (
	"bytes"
	"fmt"
	"github.com/exhibit-app/exhibit/internal/testkit"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
)

// fixedTime is the export time of every test document.
var fixedTime = time.Date(2024, 3, 5, 16, 20, 0, 0, time.FixedZone("", 3*3600))

func fp(v float64) *float64 { return &v }

const (
	hashBefore = "3f5a9c0e7b21d4468a0c1e2f9b7d5a3c8e6f4b2a1d0c9e8f7a6b5c4d3e2f1a0b"
	hashAfter  = "a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00"
)

// pairSheet is a before/after sheet with every kind of mark, excerpts in
// English, Russian and Arabic, and the images at w×h pixels.
func pairSheet(w, h int) Sheet {
	before := Panel{
		Label: "Before", Image: streetScene(w, h, false),
		Annotations: []catalog.Annotation{
			{Kind: catalog.KindCallout, Points: []catalog.Point{{X: 0.48, Y: 0.30}}, Color: "#1E88E5", Number: 1, Label: "Intact roof", Note: "four storeys, flat roof"},
			{Kind: catalog.KindRect, Points: []catalog.Point{{X: 0.36, Y: 0.22}, {X: 0.60, Y: 0.62}}, Color: "#1E88E5", Width: 3, Label: "Al-Nour school"},
		},
		TakenAt: "2017-10-12 14:03:00 +03:00", Camera: "Canon EOS 5D Mark III",
		Lat: fp(35.950123), Lon: fp(39.012345), Alt: fp(251.4),
		FileName: "DCIM/100CANON/IMG_0412.JPG", SHA256: hashBefore, ImageID: 412,
	}
	after := Panel{
		Label: "After", Image: streetScene(w, h, true),
		Annotations: []catalog.Annotation{
			{Kind: catalog.KindRect, Points: []catalog.Point{{X: 0.36, Y: 0.36}, {X: 0.60, Y: 0.62}}, Color: "#E53935", Width: 4, Label: "Collapsed floors"},
			{Kind: catalog.KindEllipse, Points: []catalog.Point{{X: 0.62, Y: 0.36}, {X: 0.78, Y: 0.60}}, Color: "#FDD835", Width: 3, Label: "Scorched windows", Note: "soot above every opening"},
			{Kind: catalog.KindArrow, Points: []catalog.Point{{X: 0.9, Y: 0.9}, {X: 0.55, Y: 0.63}}, Color: "#FB8C00", Width: 5, Label: "Rubble on the street"},
			{Kind: catalog.KindPolyline, Points: []catalog.Point{{X: 0.05, Y: 0.66}, {X: 0.2, Y: 0.64}, {X: 0.35, Y: 0.67}, {X: 0.5, Y: 0.65}}, Color: "#43A047", Width: 2, Label: "Debris line"},
			{Kind: catalog.KindCallout, Points: []catalog.Point{{X: 0.48, Y: 0.22}}, Color: "#E53935", Number: 2, Label: "Smoke plume", Note: "visible in three other photos of the same hour"},
			{Kind: catalog.KindCallout, Points: []catalog.Point{{X: 0.20, Y: 0.75}}, Color: "#E53935", Number: 1, Label: "Burnt-out car"},
			{Kind: catalog.KindText, Points: []catalog.Point{{X: 0.03, Y: 0.04}}, Color: "#FFFFFF", Label: "Street 23 Shabat"},
		},
		TakenAt: "2017-10-19 09:12:00 +03:00", Camera: "Apple iPhone 7 (back camera)",
		Lat: fp(35.950201), Lon: fp(39.012298),
		FileName: "from-witness/2017-10-19 street view, west side of the school (copy 2).jpeg", SHA256: hashAfter, ImageID: 977,
	}
	return Sheet{
		Title:      "Al-Nour school, Street 23 Shabat",
		Subtitle:   "Pair 3",
		Images:     []Panel{before, after},
		DateWindow: "not before 2017-10-12 14:03 +03:00 — not after 2017-10-19 09:12 +03:00",
		Notes: "The upper floors of the school collapsed between the two photos. " +
			"Свидетель сообщил о пожаре 15 октября. " +
			"قال الشاهد إن الحريق بدأ في 15 أكتوبر.",
		AlignmentNote: "After image aligned to before by an affine fit of 4 points (RMS 1.8 px)",
		Excerpts: []Quote{
			{Text: "Witnesses described a strike on the school building in the early hours of 15 October, after which the upper floors collapsed onto the street.",
				ReportTitle: "Civilian harm in Raqqa, October 2017", Page: 14, PageEnd: 15, Paragraph: 3, Note: "matches the rubble heap"},
			{Text: "Жители квартала покинули дома за два дня до удара.", ReportTitle: "Отчёт мониторинговой группы", Page: 7, Paragraph: 12},
			{Text: "تعرضت المدرسة للقصف في الخامس عشر من أكتوبر", ReportTitle: "تقرير الشبكة", Paragraph: 2},
		},
	}
}

// singleSheet is a sheet of one image with a text mark and a callout.
func singleSheet(w, h int) Sheet {
	return Sheet{
		Title: "Street 23 Shabat, looking east",
		Images: []Panel{{
			Image: streetScene(w, h, true),
			Annotations: []catalog.Annotation{
				{Kind: catalog.KindCallout, Points: []catalog.Point{{X: 0.5, Y: 0.5}}, Color: "#8E24AA", Number: 1, Label: "Heap of rubble"},
			},
			TakenAt: "2017-11-02 10:45:12", Camera: "DJI FC6310",
			Lat: fp(-35.1), Lon: fp(-39.2), Alt: fp(-3.2),
			FileName: "DJI_0042.JPG", SHA256: hashBefore,
		}},
		Notes: "Single image taken by drone two weeks after the strike.",
	}
}

// longSheet is a pair sheet whose excerpts fill several pages.
func longSheet(w, h int) Sheet {
	s := pairSheet(w, h)
	s.Title = "Long excerpts"
	words := strings.Fields("the building on the corner of the street was hit twice during the night and residents who returned in the morning found the stairwell blocked by concrete and the north wall gone")
	var long []string
	for i := range 520 {
		long = append(long, words[i%len(words)]+strings.Repeat("s", i%3))
	}
	s.Excerpts = append(s.Excerpts, Quote{Text: strings.Join(long, " "), ReportTitle: "A very long statement", Page: 2, PageEnd: 9, Paragraph: 1})
	for i := range 6 {
		s.Excerpts = append(s.Excerpts, Quote{Text: strings.Repeat("Another excerpt that keeps going, word after word, to fill the page. ", 3+i), ReportTitle: "Field notes", Page: 30 + i})
	}
	return s
}

// needPoppler skips the test when the poppler tools are missing.
func needPoppler(t testing.TB) {
	t.Helper()
	for _, tool := range []string{"pdftoppm", "pdftotext", "pdfimages"} {
		if _, err := exec.LookPath(tool); err != nil {
			testkit.Missing(t, fmt.Sprintf("%s not found (Debian: apt-get install poppler-utils): %v", tool, err))
		}
	}
}

// writePDF writes sheets to a PDF file in a temporary folder and returns
// its path and bytes.
func writePDF(t testing.TB, sheets []Sheet, opt Options) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, sheets, opt); err != nil {
		t.Fatalf("Write: %v", err)
	}
	path := filepath.Join(t.TempDir(), "sheet.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

// run runs a command and returns its standard output.
func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v: %s", name, args, err, errb.String())
	}
	return out.String()
}

// testOptions are the options of the test documents.
func testOptions() Options {
	return Options{Created: fixedTime, Version: "1.0.0-test", CaseName: "Raqqa 2017"}
}
