package hubtest

import (
	"os"
	"sync"
	"testing"
)

// The servers a test binary shares: started by the first test that asks,
// stopped by Main when the tests end.
var shared struct {
	mu    sync.Mutex
	pg    *Postgres
	pgErr error
	s3    *S3
	s3Err error
}

// Main runs the tests and then stops the shared servers; call it from
// TestMain.
func Main(m *testing.M) {
	code := m.Run()
	shared.mu.Lock()
	if shared.pg != nil {
		shared.pg.Stop()
	}
	if shared.s3 != nil {
		shared.s3.Stop()
	}
	shared.mu.Unlock()
	os.Exit(code)
}

// SharedPostgres returns the test binary's cluster, starting it the first
// time (give each test a database of its own: NewDatabase). Only with Main.
func SharedPostgres(t testing.TB) *Postgres {
	t.Helper()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.pg == nil && shared.pgErr == nil {
		shared.pg, shared.pgErr = startPostgres()
	}
	if shared.pgErr != nil {
		Unavailable(t, shared.pgErr)
	}
	return shared.pg
}

// SharedS3 returns the test binary's store, starting it the first time
// (give each test a bucket of its own). Only with Main.
func SharedS3(t testing.TB) *S3 {
	t.Helper()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.s3 == nil && shared.s3Err == nil {
		shared.s3, shared.s3Err = startS3()
	}
	if shared.s3Err != nil {
		Unavailable(t, shared.s3Err)
	}
	return shared.s3
}
