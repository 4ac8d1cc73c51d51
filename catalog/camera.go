package catalog

import "strings"

// CameraName is how a camera is named to a reader: the model, with the
// make in front when the model does not already start with the make's
// first word ("Canon EOS 5D" for make Canon, "NIKON D750" for NIKON
// CORPORATION, "Apple iPhone 6"). The EXIF make and model themselves stay
// as recorded in Image.Make and Image.Model.
func CameraName(make, model string) string {
	make, model = strings.TrimSpace(make), strings.TrimSpace(model)
	first, _, _ := strings.Cut(strings.ToLower(make), " ")
	switch {
	case model == "":
		return make
	case make == "" || strings.HasPrefix(strings.ToLower(model), first):
		return model
	default:
		return make + " " + model
	}
}

// Camera returns the image's camera as CameraName names it, or "".
func (im *Image) Camera() string { return CameraName(im.Make, im.Model) }
