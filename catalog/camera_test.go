package catalog

import "testing"

func TestCameraName(t *testing.T) {
	tests := []struct{ make, model, want string }{
		{"Canon", "Canon EOS 5D Mark III", "Canon EOS 5D Mark III"},
		{"NIKON CORPORATION", "NIKON D750", "NIKON D750"},
		{"NIKON", "COOLPIX P6000", "NIKON COOLPIX P6000"},
		{"Apple", "iPhone 6", "Apple iPhone 6"},
		{"  samsung ", " SM-G930F ", "samsung SM-G930F"},
		{"OLYMPUS IMAGING CORP.", "E-M5", "OLYMPUS IMAGING CORP. E-M5"},
		{"", "DMC-FZ8", "DMC-FZ8"},
		{"FUJIFILM", "", "FUJIFILM"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := CameraName(tt.make, tt.model); got != tt.want {
			t.Errorf("CameraName(%q, %q) = %q, want %q", tt.make, tt.model, got, tt.want)
		}
	}
}
