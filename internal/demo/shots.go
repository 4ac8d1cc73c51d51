package demo

import (
	"math"
	"time"
)

// sunDir returns the unit vector towards a sun at azimuth az (degrees
// clockwise from north) and elevation el.
func sunDir(az, el float64) vec3 {
	a, e := deg(az), deg(el)
	return v3(math.Sin(a)*math.Cos(e), math.Sin(e), math.Cos(a)*math.Cos(e))
}

// The lights of the sample: a clear morning before the strike, a dusty
// afternoon after it, and the two satellite passes.
type lightKey int

const (
	lightMorning lightKey = iota
	lightAfternoon
	lightSatBefore
	lightSatAfter
)

func lightFor(k lightKey) light {
	L := light{
		sunCol:     rgb{1.12, 1.05, 0.92},
		skyCol:     rgb{0.33, 0.37, 0.46},
		bounceCol:  rgb{0.26, 0.22, 0.17},
		fogCol:     rgb{0.80, 0.79, 0.76},
		fogDensity: 1.0 / 1100,
		skyTop:     rgb{0.30, 0.50, 0.78},
		skyHorizon: rgb{0.76, 0.81, 0.86},
		clouds:     0.35,
		seed:       7,
	}
	switch k {
	case lightMorning:
		L.sun = sunDir(140, 46)
	case lightAfternoon:
		L.sun = sunDir(232, 30)
		L.sunCol = rgb{1.12, 1.0, 0.82}
		L.fogCol = rgb{0.80, 0.76, 0.70}
		L.fogDensity = 1.0 / 520
		L.skyTop = rgb{0.40, 0.54, 0.72}
		L.skyHorizon = rgb{0.82, 0.80, 0.76}
		L.clouds = 0.5
		L.seed = 8
	case lightSatBefore:
		L.sun = sunDir(150, 50)
		L.fogDensity = 0
	case lightSatAfter:
		L.sun = sunDir(158, 47)
		L.fogDensity = 0
		L.sunCol = rgb{1.1, 1.02, 0.88}
	}
	return L
}

// shot is one picture of the sample.
type shot struct {
	file        string
	role        string
	w, h        int // upright size
	after       bool
	light       lightKey
	cam         func(w, h int) camera
	model, lens string
	taken       time.Time
	orientation int
	grade       grade
	smoke       []plume
	watermark   string
	satellite   bool // position and direction describe the scene, not the camera
}

// The fictional strike: the night of 14 October 2017, local time +03:00.
var zone = time.FixedZone("+03:00", 3*3600)

func at(day, hour, min, sec int) time.Time {
	return time.Date(2017, time.October, day, hour, min, sec, 0, zone)
}

var (
	gradeCamera = grade{exposure: 1.0, contrast: 1.08, saturation: 1.0, tint: rgb{1, 1, 1}, grain: 0.018, seed: 1}
	gradePhone  = grade{exposure: 1.04, contrast: 1.14, saturation: 1.12, tint: rgb{1.03, 1.0, 0.95}, vignette: 0.22, grain: 0.028, seed: 2}
	gradePhone2 = grade{exposure: 1.0, contrast: 1.1, saturation: 1.05, tint: rgb{0.98, 1.0, 1.03}, vignette: 0.18, grain: 0.03, seed: 3}
	gradeDrone  = grade{exposure: 1.02, contrast: 1.05, saturation: 0.95, tint: rgb{0.99, 1.0, 1.02}, vignette: 0.08, grain: 0.012, haze: 0.03, seed: 4}
	gradeSat    = grade{exposure: 1.0, contrast: 0.92, saturation: 0.8, tint: rgb{0.97, 1.0, 1.04}, grain: 0.02, haze: 0.05, seed: 5}
)

// smoulder is the thin smoke still rising from the heap of No. 12.
var smoulder = []plume{
	{base: v3(13, 2, 12), height: 28, width: 4, wind: v3(-0.25, 0, 0.35), col: rgb{0.55, 0.54, 0.52}, dens: 0.45, seed: 91},
	{base: v3(95, 0, 260), height: 90, width: 14, wind: v3(-0.4, 0, 0.1), col: rgb{0.30, 0.29, 0.28}, dens: 0.7, seed: 92},
}

func shots() []shot {
	return []shot{
		{
			file: "01-street-before.jpg", role: "street-before", w: 2304, h: 1536,
			light: lightMorning, model: "Camera E", lens: "18-55mm f/3.5-5.6",
			taken: at(11, 9, 42, 17), orientation: 1, grade: gradeCamera,
			cam: func(w, h int) camera { return newCamera(v3(-3, 1.6, -40), 4, 1.5, 0, 63, w, h) },
		},
		{
			file: "02-street-after.jpg", role: "street-after", w: 2048, h: 1536, after: true,
			light: lightAfternoon, model: "Phone A", lens: "Phone A back camera 3.99mm f/1.8",
			taken: at(16, 15, 21, 8), orientation: 1, grade: gradePhone, smoke: smoulder[1:],
			cam: func(w, h int) camera { return newCamera(v3(-2.7, 1.55, -39.2), 5.8, 0.6, 1.3, 58, w, h) },
		},
		{
			file: "03-satellite-before.jpg", role: "satellite-before", w: 2048, h: 1536,
			light: lightSatBefore, model: "Satellite C", taken: at(9, 10, 48, 3), orientation: 1,
			grade: gradeSat, satellite: true, watermark: "Exhibit demo · synthetic imagery of a fictional town · 2017-10-09",
			cam: func(w, h int) camera { return lookAt(v3(10, 4000, 10-350), v3(10, 0, 10), 0, 3.2, w, h) },
		},
		{
			file: "04-satellite-after.jpg", role: "satellite-after", w: 2048, h: 1536, after: true,
			light: lightSatAfter, model: "Satellite C", taken: at(17, 10, 51, 44), orientation: 1,
			grade: gradeSat, satellite: true, watermark: "Exhibit demo · synthetic imagery of a fictional town · 2017-10-17",
			cam: func(w, h int) camera { return newCamera(v3(24, 4150, 12-300), -0.8, -85.9, 0, 3.1, w, h) },
		},
		{
			file: "05-drone-before.jpg", role: "drone-before", w: 2304, h: 1296,
			light: lightMorning, model: "Drone B", lens: "24mm f/2.8",
			taken: at(12, 9, 15, 40), orientation: 1, grade: gradeDrone,
			cam: func(w, h int) camera { return lookAt(v3(-26, 44, -32), v3(12, 2, 12), 0, 68, w, h) },
		},
		{
			file: "06-drone-after.jpg", role: "drone-after", w: 2304, h: 1296, after: true,
			light: lightAfternoon, model: "Drone B", lens: "24mm f/2.8",
			taken: at(16, 15, 2, 31), orientation: 1, grade: gradeDrone, smoke: smoulder,
			cam: func(w, h int) camera { return lookAt(v3(-25, 43, -30.5), v3(12.5, 2, 12.5), 0, 68, w, h) },
		},
		{
			file: "07-drone-after-north.jpg", role: "drone-after-north", w: 2304, h: 1296, after: true,
			light: lightAfternoon, model: "Drone B", lens: "24mm f/2.8",
			taken: at(16, 15, 9, 55), orientation: 1, grade: gradeDrone, smoke: smoulder,
			cam: func(w, h int) camera { return lookAt(v3(-40, 60, 70), v3(10, 0, 10), 0, 72, w, h) },
		},
		{
			file: "08-witness-rubble.jpg", role: "witness-rubble", w: 2016, h: 1512, after: true,
			light: lightAfternoon, model: "Phone A", lens: "Phone A back camera 3.99mm f/1.8",
			taken: at(15, 16, 10, 2), orientation: 1, grade: gradePhone, smoke: smoulder[:1],
			cam: func(w, h int) camera { return lookAt(v3(-5.5, 1.65, 7), v3(12, 3.4, 12.5), -1.2, 66, w, h) },
		},
		{
			file: "09-witness-facade-portrait.jpg", role: "witness-facade", w: 1512, h: 2016, after: true,
			light: lightAfternoon, model: "Phone F", lens: "Phone F back camera 4.2mm f/2.0",
			taken: at(15, 16, 14, 40), orientation: 6, grade: gradePhone2,
			cam: func(w, h int) camera { return lookAt(v3(0.5, 1.6, 30), v3(7, 7.5, 21.5), 0.8, 52, w, h) },
		},
		{
			file: "10-witness-crater.jpg", role: "witness-crater", w: 2016, h: 1512, after: true,
			light: lightAfternoon, model: "Phone F", lens: "Phone F back camera 4.2mm f/2.0",
			taken: at(15, 16, 18, 9), orientation: 1, grade: gradePhone2, smoke: smoulder[:1],
			cam: func(w, h int) camera { return lookAt(v3(-0.8, 1.6, -4.5), v3(1.8, 0.6, 5.5), 0.6, 68, w, h) },
		},
		{
			file: "11-witness-market-before.jpg", role: "witness-market-before", w: 2016, h: 1512,
			light: lightMorning, model: "Phone G", lens: "Phone G back camera 4.25mm f/1.8",
			taken: at(12, 10, 5, 12), orientation: 1, grade: gradePhone,
			cam: func(w, h int) camera { return lookAt(v3(-6, 1.6, -3), v3(7, 5.5, 17), 0, 64, w, h) },
		},
	}
}
