package hubtest

import (
	"bytes"
	"context"
	"io"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/minio/minio-go/v7"
)

func TestMain(m *testing.M) { Main(m) }

// TestPostgres: the cluster takes the superuser's password over TCP,
// refuses a wrong one, and a database made for a test is there.
func TestPostgres(t *testing.T) {
	p := SharedPostgres(t)
	db := p.NewDatabase(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, p.SuperURL(db))
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	var got string
	if err := conn.QueryRow(ctx, "SELECT current_database()").Scan(&got); err != nil || got != db {
		t.Fatalf("current_database() = %q, %v; want %q", got, err, db)
	}
	if c, err := pgx.Connect(ctx, p.URL("postgres", "wrong", db)); err == nil {
		c.Close(ctx)
		t.Fatal("a wrong password was taken")
	}
}

// TestS3: an object written to the store reads back the same.
func TestS3(t *testing.T) {
	s := SharedS3(t)
	c, err := Client(s.Endpoint)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := c.MakeBucket(ctx, "hubtest", minio.MakeBucketOptions{}); err != nil {
		t.Fatalf("make bucket: %v", err)
	}
	want := []byte("an original")
	if _, err := c.PutObject(ctx, "hubtest", "x", bytes.NewReader(want), int64(len(want)), minio.PutObjectOptions{}); err != nil {
		t.Fatalf("put: %v", err)
	}
	o, err := c.GetObject(ctx, "hubtest", "x", minio.GetObjectOptions{})
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	got, err := io.ReadAll(o)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("read back %q, %v; want %q", got, err, want)
	}
}
