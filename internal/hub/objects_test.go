package hub

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/minio/minio-go/v7"

	"github.com/exhibit-app/exhibit/internal/hubtest"
)

// TestMissingOriginalReported: an original deleted from the bucket is
// reported by the sync of a laptop that lacks it and by Fetch, and put
// back by the sync of the laptop that holds it.
func TestMissingOriginalReported(t *testing.T) {
	tm, alice, bob := twoLaptops(t)
	c := ctx(t)
	sha := alice.image("a.jpg").SHA256
	// bob has it only through the store: his copy of alice's folder is
	// hidden by checking the cache alone.
	p, err := Fetch(c, bob.c, sha)
	if err != nil {
		t.Fatalf("fetch: %v", err)
	}
	if got, _, err := hashFile(p); err != nil || got != sha {
		t.Fatalf("fetched %s: sha %s, %v", p, got, err)
	}
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	cl, err := hubtest.Client(tm.s3.Endpoint)
	if err != nil {
		t.Fatal(err)
	}
	if err := cl.RemoveObject(c, tm.bucket, "originals/"+sha, minio.RemoveObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := Fetch(c, bob.c, sha); !errors.Is(err, ErrMissingObject) {
		t.Errorf("fetch of a deleted original: got %v, want ErrMissingObject", err)
	}
	r := bob.sync()
	if len(r.Missing) != 1 || r.Missing[0].SHA256 != sha || r.Missing[0].Kind != KindOriginal {
		t.Errorf("bob's sync: missing %+v, want original %s", r.Missing, sha)
	}
	if err := os.Rename(alice.imgs, alice.imgs+".away"); err != nil { // bob's laptop has no copy
		t.Fatal(err)
	}
	all, err := FetchAll(c, bob.c, nil)
	if err != nil || all.Fetched != 1 || len(all.Missing) != 1 || all.Missing[0].SHA256 != sha {
		t.Errorf("fetch all: %+v, %v; want b.jpg fetched, a.jpg missing", all, err)
	}
	if err := os.Rename(alice.imgs+".away", alice.imgs); err != nil {
		t.Fatal(err)
	}
	r = alice.sync()
	if len(r.Missing) != 1 || !r.Missing[0].Restored || r.OriginalsUp != 1 {
		t.Errorf("alice's sync: %+v, want the original put back", r)
	}
	if _, err := Fetch(c, bob.c, sha); err != nil {
		t.Errorf("fetch after alice put it back: %v", err)
	}
}

// TestOriginalFetchedWhenRead: a clone reads an original it has no copy
// of through the Fetcher: from the store, into its originals folder.
func TestOriginalFetchedWhenRead(t *testing.T) {
	_, alice, bob := twoLaptops(t)
	c := ctx(t)
	if err := os.Rename(alice.imgs, alice.imgs+".away"); err != nil { // bob's laptop has no copy
		t.Fatal(err)
	}
	im := bob.image("b.jpg")
	if _, _, err := bob.c.ReadOriginal(c, im); err == nil {
		t.Fatal("read an original with no copy and no fetcher")
	}
	bob.c.SetFetcher(Fetcher(bob.c))
	data, path, err := bob.c.ReadOriginal(c, im)
	if err != nil {
		t.Fatalf("read through the fetcher: %v", err)
	}
	if path != filepath.Join(bob.c.OriginalsDir(), im.SHA256) || len(data) == 0 {
		t.Errorf("read %d bytes from %s", len(data), path)
	}
}
