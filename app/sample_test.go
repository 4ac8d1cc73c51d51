package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"context"
	"fmt"
	"strings"
	"testing"
)

// The sample case numbers its images in the order of their names, the
// same on every machine: the README, the smoke script and people trying
// commands out can say "image 1" for the street before the strike.
func TestSampleCaseIDsFollowNames(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	for id := int64(1); id <= 11; id++ {
		im, err := c.Image(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("%02d-", id); !strings.HasPrefix(im.Name(), want) {
			t.Errorf("image %d is %s, want the file whose name starts with %s", id, im.Name(), want)
		}
	}
}
