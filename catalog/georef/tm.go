package georef

import "math"

// ellipsoid is a reference ellipsoid: semi-major axis a in metres and
// flattening f.
type ellipsoid struct{ a, f float64 }

var (
	wgs84 = ellipsoid{6378137, 1 / 298.257223563}
	grs80 = ellipsoid{6378137, 1 / 298.257222101}
)

// transverseMercator is a transverse Mercator projection: the ellipsoid,
// the central meridian (degrees), the scale on it, and the false easting
// and northing (metres).
type transverseMercator struct {
	ell              ellipsoid
	lon0, k0, fe, fn float64
	aHat             float64    // rectifying radius A
	beta             [6]float64 // Krüger's β coefficients (inverse)
	e                float64    // eccentricity
	e2m              float64    // 1 - e²
}

// utm returns the projection of UTM zone 1..60, north or south.
func utm(ell ellipsoid, zone int, south bool) *transverseMercator {
	fn := 0.0
	if south {
		fn = 10000000
	}
	return newTM(ell, float64(zone)*6-183, 0.9996, 500000, fn)
}

// newTM prepares the series of Karney (2011), "Transverse Mercator with an
// accuracy of a few nanometers", J. Geodesy 85:475–485, eq. (7), (36).
func newTM(ell ellipsoid, lon0, k0, fe, fn float64) *transverseMercator {
	n := ell.f / (2 - ell.f)
	n2 := n * n
	n3, n4, n5, n6 := n2*n, n2*n2, n2*n2*n, n2*n2*n2
	t := &transverseMercator{ell: ell, lon0: lon0, k0: k0, fe: fe, fn: fn}
	t.aHat = ell.a / (1 + n) * (1 + n2/4 + n4/64 + n6/256)
	t.beta = [6]float64{
		n/2 - 2*n2/3 + 37*n3/96 - n4/360 - 81*n5/512 + 96199*n6/604800,
		n2/48 + n3/15 - 437*n4/1440 + 46*n5/105 - 1118711*n6/3870720,
		17*n3/480 - 37*n4/840 - 209*n5/4480 + 5569*n6/90720,
		4397*n4/161280 - 11*n5/504 - 830251*n6/7257600,
		4583*n5/161280 - 108847*n6/3991680,
		20648693 * n6 / 638668800,
	}
	e2 := ell.f * (2 - ell.f)
	t.e, t.e2m = math.Sqrt(e2), 1-e2
	return t
}

// inverse returns the longitude and latitude, in degrees, of the point at
// easting x and northing y (metres).
func (t *transverseMercator) inverse(x, y float64) (lon, lat float64) {
	xi := (y - t.fn) / (t.k0 * t.aHat)
	eta := (x - t.fe) / (t.k0 * t.aHat)
	xi1, eta1 := xi, eta
	for j := 1; j <= 6; j++ {
		b := t.beta[j-1]
		s, c := math.Sincos(2 * float64(j) * xi)
		xi1 -= b * s * math.Cosh(2*float64(j)*eta)
		eta1 -= b * c * math.Sinh(2*float64(j)*eta)
	}
	sxi, cxi := math.Sincos(xi1)
	sheta := math.Sinh(eta1)
	// τ' = tan χ, χ the conformal latitude.
	tauP := sxi / math.Hypot(sheta, cxi)
	lam := math.Atan2(sheta, cxi)
	tau := t.tauFromConformal(tauP)
	return t.lon0 + lam*180/math.Pi, math.Atan(tau) * 180 / math.Pi
}

// tauFromConformal solves τ'(τ) = tauP for τ = tan φ by Newton's method
// (Karney 2011, eq. (19)–(21)); a few steps reach full precision.
func (t *transverseMercator) tauFromConformal(tauP float64) float64 {
	tau := tauP / t.e2m
	for i := 0; i < 10; i++ {
		s1 := math.Sqrt(1 + tau*tau)
		sig := math.Sinh(t.e * math.Atanh(t.e*tau/s1))
		tp := tau*math.Sqrt(1+sig*sig) - sig*s1
		d := (tauP - tp) / math.Sqrt(1+tp*tp) * (1 + t.e2m*tau*tau) / (t.e2m * s1)
		tau += d
		if math.Abs(d) < 1e-15*math.Max(1, math.Abs(tau)) {
			break
		}
	}
	return tau
}

// webMercatorInverse returns the longitude and latitude, in degrees, of a
// point in EPSG 3857 (spherical Mercator on the WGS 84 semi-major axis).
func webMercatorInverse(x, y float64) (lon, lat float64) {
	const r = 6378137.0
	return x / r * 180 / math.Pi, (2*math.Atan(math.Exp(y/r)) - math.Pi/2) * 180 / math.Pi
}
