package hubtest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// The S3 credentials of the test store's administrator.
const (
	S3AccessKey = "exhibit-test-access"
	S3SecretKey = "exhibit-test-secret-key-0123456789"
)

// S3 is a SeaweedFS server (master, volume, filer and S3 gateway in one
// process) started for tests.
type S3 struct {
	Endpoint string // http://127.0.0.1:PORT
	dir      string
	cmd      *exec.Cmd
	exited   chan struct{}
}

// StartS3 starts SeaweedFS on free ports in a temporary folder; it is
// stopped and removed when t ends.
func StartS3(t testing.TB) *S3 {
	t.Helper()
	s, err := startS3()
	if err != nil {
		Unavailable(t, err)
	}
	t.Cleanup(s.Stop)
	return s
}

// BucketURL is the store URL a hub is given for bucket.
func (s *S3) BucketURL(bucket string) string { return s.Endpoint + "/" + bucket }

// SetEnv sets the AWS_* variables to the store's credentials for t.
func (s *S3) SetEnv(t testing.TB) {
	t.Setenv("AWS_ACCESS_KEY_ID", S3AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", S3SecretKey)
}

func startS3() (*S3, error) {
	bin, err := weedBinary()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "exhibit-s3-")
	if err != nil {
		return nil, fmt.Errorf("make the store's folder: %w", err)
	}
	if err := writeS3Config(dir); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	for range 3 {
		s := &S3{dir: dir}
		if err = s.start(bin); err == nil {
			return s, nil
		}
	}
	os.RemoveAll(dir)
	return nil, err
}

// writeS3Config writes the identities file: one administrator.
func writeS3Config(dir string) error {
	cfg := map[string]any{"identities": []any{map[string]any{
		"name":        "exhibit-test",
		"credentials": []any{map[string]string{"accessKey": S3AccessKey, "secretKey": S3SecretKey}},
		"actions":     []string{"Admin", "Read", "List", "Tagging", "Write"},
	}}}
	b, _ := json.Marshal(cfg)
	if err := os.WriteFile(filepath.Join(dir, "s3.json"), b, 0o600); err != nil {
		return fmt.Errorf("write the store's credentials: %w", err)
	}
	return nil
}

// start runs weed server on free ports and waits until S3 answers.
func (s *S3) start(bin string) error {
	p, err := freePorts(8)
	if err != nil {
		return err
	}
	data := filepath.Join(s.dir, "data")
	if err := os.MkdirAll(data, 0o755); err != nil {
		return fmt.Errorf("make the store's folder: %w", err)
	}
	logf, err := os.Create(filepath.Join(s.dir, "log"))
	if err != nil {
		return fmt.Errorf("make the store's log: %w", err)
	}
	defer logf.Close()
	port := func(i int) string { return strconv.Itoa(p[i]) }
	cmd := serverUser{}.command(bin, "server", "-dir="+data, "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
		"-master.port="+port(0), "-master.port.grpc="+port(1), "-master.telemetry=false", "-master.volumeSizeLimitMB=64",
		"-volume.port="+port(2), "-volume.port.grpc="+port(3), "-volume.max=0",
		"-filer", "-filer.port="+port(4), "-filer.port.grpc="+port(5),
		"-s3", "-s3.port="+port(6), "-s3.port.grpc="+port(7), "-s3.port.iceberg=0", "-s3.port.lance=0",
		"-s3.config="+filepath.Join(s.dir, "s3.json"))
	cmd.Dir = s.dir
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start weed: %w", err)
	}
	s.cmd = cmd
	s.exited = make(chan struct{})
	go func() { cmd.Wait(); close(s.exited) }()
	s.Endpoint = "http://127.0.0.1:" + port(6)
	if err := s.waitReady(90 * time.Second); err != nil {
		s.stopProcess()
		b, _ := os.ReadFile(filepath.Join(s.dir, "log"))
		return fmt.Errorf("%w: %s", err, lastLines(b, 5))
	}
	return nil
}

// waitReady waits until the S3 gateway answers a request and a volume
// server has joined (a first bucket can be written).
func (s *S3) waitReady(limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case <-s.exited:
			return fmt.Errorf("weed server stopped at once")
		case <-time.After(200 * time.Millisecond):
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := probeWrite(ctx, s.Endpoint)
		cancel()
		if err == nil {
			return nil
		}
	}
	return fmt.Errorf("SeaweedFS's S3 gateway at %s did not take a write within %s", s.Endpoint, limit)
}

// stopProcess ends weed.
func (s *S3) stopProcess() {
	if s.cmd != nil && s.cmd.Process != nil {
		stopProcess(s.cmd, s.exited, 5*time.Second)
		s.cmd = nil
	}
}

// Stop ends the server and removes its folder.
func (s *S3) Stop() {
	s.stopProcess()
	os.RemoveAll(s.dir)
}
