package demo

import "math"

// Link is a link the sample case should have between a picture and an
// excerpt of the sample report.
type Link struct {
	ImageRole string
	// ParagraphContains is a substring found in exactly one paragraph of
	// the report.
	ParagraphContains string
	Note              string
	// Region is the part of the upright picture the excerpt speaks of, as
	// x, y, width, height in fractions, or nil for the whole picture.
	Region *[4]float64
}

// Annotation is a mark to put on a sample picture. Its fields mirror
// catalog.Annotation: Kind is one of "rect", "ellipse", "arrow",
// "polyline", "callout", "text"; Points are in fractions of the upright
// picture ((0,0) top left); Width is in pixels of the picture scaled to a
// 1000 px long side; Number is set on callouts only.
type Annotation struct {
	Kind   string
	Points [][2]float64
	Color  string
	Width  float64
	Label  string
	Note   string
	Number int
}

// Colours of the suggested annotations.
const (
	red    = "#E53935"
	yellow = "#FFC107"
	cyan   = "#00BCD4"
	white  = "#FFFFFF"
)

// shotByRole returns the shot with the role, or false.
func shotByRole(role string) (shot, bool) {
	for _, s := range shots() {
		if s.role == role {
			return s, true
		}
	}
	return shot{}, false
}

// frac projects a world point into a shot, in fractions of the upright
// picture.
func frac(role string, p vec3) [2]float64 {
	s, ok := shotByRole(role)
	if !ok {
		return [2]float64{}
	}
	cam := s.cam(s.w, s.h)
	return cam.frac(p)
}

// boxCorners returns the eight corners of an axis-aligned box.
func boxCorners(x0, y0, z0, x1, y1, z1 float64) []vec3 {
	var out []vec3
	for _, x := range []float64{x0, x1} {
		for _, y := range []float64{y0, y1} {
			for _, z := range []float64{z0, z1} {
				out = append(out, v3(x, y, z))
			}
		}
	}
	return out
}

// region is the box, in upright fractions clipped to the picture, around
// the points as a shot sees them.
func region(role string, pts []vec3, pad float64) *[4]float64 {
	x0, y0 := math.Inf(1), math.Inf(1)
	x1, y1 := math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		f := frac(role, p)
		x0, x1 = math.Min(x0, f[0]), math.Max(x1, f[0])
		y0, y1 = math.Min(y0, f[1]), math.Max(y1, f[1])
	}
	x0, y0 = clamp01(x0-pad), clamp01(y0-pad)
	x1, y1 = clamp01(x1+pad), clamp01(y1+pad)
	r := [4]float64{round4(x0), round4(y0), round4(x1 - x0), round4(y1 - y0)}
	return &r
}

func round4(v float64) float64 { return math.Round(v*10000) / 10000 }

func pt(role string, p vec3) [2]float64 {
	f := frac(role, p)
	return [2]float64{round4(f[0]), round4(f[1])}
}

// Key places of the sample, in town metres.
var (
	no12Box      = boxCorners(2.5, 0, 5, 20.5, 10, 18.5) // the heap and what stands of No. 12
	no12Before   = boxCorners(7, 0, 6, 20, 14.1, 18)     // No. 12 before the strike
	no14Hole     = v3(7, 10.3, 23)
	no14Soot     = v3(7.2, 5.6, 18.4) // soot on No. 14 over the gap
	partyWall    = boxCorners(7, 0, 18, 20, 17.4, 18)
	craterAt     = v3(1.8, 0, 3.5)
	burntCar     = v3(-5.6, 0.8, 17)
	otherCraters = []vec3{{38, 0, 52}, {-28, 0, -58}, {70, 0, 8}, {-40, 0, 14}}
)

// Links returns the links the sample case should have between the
// pictures and the report.
func Links() []Link {
	return []Link{
		{"street-before", "The photograph of Souq Street taken on 11 October 2017", "No. 12, intact, with its shops open", region("street-before", no12Before, 0.01)},
		{"street-after", "No. 12 Souq Street no longer stands", "The heap of No. 12 seen from Souq Street", region("street-after", no12Box, 0.01)},
		{"street-after", "The photograph of Souq Street taken on 11 October 2017", "The same view after the strike", nil},
		{"satellite-before", "The satellite image of 9 October 2017", "Roofs of Nos. 10, 12 and 14", region("satellite-before", boxCorners(7, 0, -3, 21, 17, 25.5), 0.01)},
		{"satellite-after", "The image of 17 October 2017 shows the plot", "The plot of No. 12 covered with debris", region("satellite-after", no12Box, 0.01)},
		{"drone-before", "A picture taken from the same place on 12 October 2017", "The row intact", region("drone-before", no12Before, 0.02)},
		{"drone-after", "The drone pictures of 16/10/2017", "The gap left by No. 12", region("drone-after", no12Box, 0.02)},
		{"drone-after-north", "No. 10 has broken windows and soot", "No. 10 and the heap from the north-west", nil},
		{"witness-rubble", "The inside of the party wall of No. 14", "The bare party wall", region("witness-rubble", partyWall, 0.0)},
		{"witness-rubble", "Witness B, a teacher", "The back wall left standing", region("witness-rubble", no12Box, 0.0)},
		{"witness-facade", "No. 14 lost almost all its windows", "Soot over the windows and the hole near the corner", nil},
		{"witness-crater", "A crater about five metres across", "The crater in the carriageway", region("witness-crater", boxCorners(craterAt.X-3, 0, craterAt.Z-3, craterAt.X+3, 0.3, craterAt.Z+3), 0.0)},
		{"witness-market-before", "a phone picture of the shops taken on 12.10.2017", "The shops of Nos. 10 to 14 before the strike", region("witness-market-before", boxCorners(7, 0, -3, 7, 4, 25.5), 0.01)},
	}
}

// Pair returns the suggested before/after pair and its title.
func Pair() (beforeRole, afterRole, title string) {
	return "street-before", "street-after", "Souq Street, 11 and 16 October 2017"
}

// alignWorld returns four points seen in both street pictures: the tip of
// the minaret, the top front corners of the two buildings on the corners
// of Al-Madrasa Street (No. 14 and the one across from it), and the start
// of a dash of the centre line.
func alignWorld() []vec3 {
	t := makeTown(false)
	var west *building
	for _, b := range t.buildings {
		if b.x1 == -mainHalf && b.z1 == 30-sideHalf {
			west = b
		}
	}
	n := t.north
	return []vec3{
		{minaretAt.X, 37.5, minaretAt.Z},
		{n.x0, n.h, n.z1},
		{west.x1, west.h, west.z1},
		{0, 0, -12},
	}
}

// AlignmentPoints returns four pairs of matching points of the street
// pictures, in fractions of the upright pictures: after[i] shows the same
// place as before[i]. They are projections of the same points of the
// model through both cameras, so they are exact.
func AlignmentPoints() (after, before [][2]float64) {
	for _, p := range alignWorld() {
		after = append(after, pt("street-after", p))
		before = append(before, pt("street-before", p))
	}
	return after, before
}

// Annotations returns suggested annotations by picture role.
func Annotations() map[string][]Annotation {
	out := map[string][]Annotation{}
	// Street after: the heap, the soot, numbered places, a label.
	r := region("street-after", no12Box, 0.005)
	rect := func(r *[4]float64) [][2]float64 {
		return [][2]float64{{r[0], r[1]}, {round4(r[0] + r[2]), round4(r[1] + r[3])}}
	}
	soot := pt("street-after", no14Soot)
	out["street-after"] = []Annotation{
		{Kind: "rect", Points: rect(r), Color: red, Width: 4, Label: "No. 12 (collapsed)", Note: "Heap of rubble where No. 12 stood"},
		{Kind: "arrow", Points: [][2]float64{{round4(soot[0] - 0.12), round4(soot[1] - 0.12)}, soot}, Color: yellow, Width: 4, Label: "Soot", Note: "Scorch marks on No. 14 over the gap"},
		{Kind: "callout", Points: [][2]float64{pt("street-after", craterAt)}, Color: red, Width: 3, Number: 1, Note: "Crater in the carriageway"},
		{Kind: "callout", Points: [][2]float64{pt("street-after", no14Hole)}, Color: red, Width: 3, Number: 2, Note: "Hole in the front of No. 14"},
		{Kind: "callout", Points: [][2]float64{pt("street-after", burntCar)}, Color: red, Width: 3, Number: 3, Note: "Burnt-out car in front of No. 11"},
		{Kind: "text", Points: [][2]float64{{r[0], round4(math.Min(0.97, r[1]+r[3]+0.02))}}, Color: white, Width: 2, Label: "No. 12 Souq Street"},
	}
	// Satellite after: the heap and the craters.
	sat := []Annotation{
		{Kind: "rect", Points: rect(region("satellite-after", no12Box, 0.004)), Color: red, Width: 3, Label: "No. 12", Note: "Collapsed building"},
	}
	for i, c := range append([]vec3{craterAt}, otherCraters...) {
		a := pt("satellite-after", c.add(v3(-4, 0, 4)))
		b := pt("satellite-after", c.add(v3(4, 0, -4)))
		sat = append(sat, Annotation{Kind: "ellipse", Points: [][2]float64{a, b}, Color: yellow, Width: 3})
		sat = append(sat, Annotation{Kind: "callout", Points: [][2]float64{{b[0], a[1]}}, Color: yellow, Width: 3, Number: i + 1, Note: "Crater"})
	}
	out["satellite-after"] = sat
	// The portrait picture of No. 14: the hole and the burnt windows.
	hole := pt("witness-facade", no14Hole)
	out["witness-facade"] = []Annotation{
		{Kind: "arrow", Points: [][2]float64{{round4(hole[0] + 0.2), round4(hole[1] + 0.08)}, hole}, Color: yellow, Width: 4, Label: "Hole", Note: "Hole about two metres across, third floor"},
		{Kind: "rect", Points: rect(region("witness-facade", boxCorners(7, 3.3, 18, 7, 10, 25.5), 0)), Color: cyan, Width: 3, Note: "Windows burnt out, soot above"},
	}
	return out
}
