package hubtest

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// SuperPassword is the password of the test cluster's superuser,
// "postgres".
const SuperPassword = "exhibit-test-super"

// Postgres is a PostgreSQL cluster started for tests: local TCP
// connections need a password (SCRAM), as on a real server.
type Postgres struct {
	Port   int
	dir    string // the cluster's folder: data/, the socket, the log
	cmd    *exec.Cmd
	exited chan struct{} // closed when the server's process has ended
	user   serverUser
	next   atomic.Int64 // for NewDatabase's names
}

// pgBinDir finds PostgreSQL's programs: $EXHIBIT_PG_BIN, else the newest
// /usr/lib/postgresql/N/bin (Debian), else the folder of initdb on PATH.
func pgBinDir() (string, error) {
	if d := os.Getenv("EXHIBIT_PG_BIN"); d != "" {
		return d, nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return pgMajor(dirs[i]) > pgMajor(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", fmt.Errorf("PostgreSQL's initdb is not installed (scripts/deps.sh test installs postgresql)")
}

// pgMajor reads N in /usr/lib/postgresql/N/bin.
func pgMajor(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

// StartPostgres makes a new cluster in a temporary folder and starts it on
// a free port; it is stopped and removed when t ends.
func StartPostgres(t testing.TB) *Postgres {
	t.Helper()
	p, err := startPostgres()
	if err != nil {
		Unavailable(t, err)
	}
	t.Cleanup(p.Stop)
	return p
}

func startPostgres() (*Postgres, error) {
	bin, err := pgBinDir()
	if err != nil {
		return nil, err
	}
	u, err := currentServerUser()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "exhibit-pg-")
	if err != nil {
		return nil, fmt.Errorf("make the cluster's folder: %w", err)
	}
	p := &Postgres{dir: dir, user: u}
	if err := p.initdb(bin); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	// A port found free may be taken before the server binds it: try again.
	for range 3 {
		if err = p.start(bin); err == nil {
			return p, nil
		}
	}
	os.RemoveAll(dir)
	return nil, err
}

// initdb makes the cluster: superuser postgres with SuperPassword; trust
// on the socket, SCRAM passwords over TCP.
func (p *Postgres) initdb(bin string) error {
	pw := filepath.Join(p.dir, "pwfile")
	if err := os.WriteFile(pw, []byte(SuperPassword+"\n"), 0o600); err != nil {
		return fmt.Errorf("write the superuser's password: %w", err)
	}
	if err := p.user.own(p.dir); err != nil {
		return fmt.Errorf("give the cluster's folder to the postgres user: %w", err)
	}
	cmd := p.user.command(filepath.Join(bin, "initdb"), "-D", filepath.Join(p.dir, "data"), "-U", "postgres",
		"--pwfile="+pw, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
	cmd.Dir = p.dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("initdb: %w: %s", err, lastLines(out, 5))
	}
	return nil
}

// start runs the server on a free port and waits until it answers.
func (p *Postgres) start(bin string) error {
	ports, err := freePorts(1)
	if err != nil {
		return err
	}
	p.Port = ports[0]
	logf, err := os.Create(filepath.Join(p.dir, "log"))
	if err != nil {
		return fmt.Errorf("make the server's log: %w", err)
	}
	defer logf.Close()
	cmd := p.user.command(filepath.Join(bin, "postgres"), "-D", filepath.Join(p.dir, "data"),
		"-p", strconv.Itoa(p.Port), "-k", p.dir, "-c", "listen_addresses=127.0.0.1",
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=100")
	cmd.Dir = p.dir
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	p.cmd = cmd
	exited := make(chan struct{})
	p.exited = exited
	go func() { cmd.Wait(); close(exited) }()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			b, _ := os.ReadFile(filepath.Join(p.dir, "log"))
			return fmt.Errorf("postgres stopped at once: %s", lastLines(b, 5))
		case <-time.After(100 * time.Millisecond):
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		conn, err := pgx.Connect(ctx, p.URL("postgres", SuperPassword, "postgres"))
		cancel()
		if err == nil {
			conn.Close(context.Background())
			return nil
		}
	}
	p.Stop()
	return fmt.Errorf("postgres did not answer on port %d within a minute", p.Port)
}

// URL is the connection URL for user (password may be "") to database db.
func (p *Postgres) URL(user, password, db string) string {
	u := url.URL{Scheme: "postgres", Host: "127.0.0.1:" + strconv.Itoa(p.Port), Path: "/" + db, RawQuery: "sslmode=disable"}
	if password != "" {
		u.User = url.UserPassword(user, password)
	} else {
		u.User = url.User(user)
	}
	return u.String()
}

// SuperURL is the superuser's URL to database db.
func (p *Postgres) SuperURL(db string) string { return p.URL("postgres", SuperPassword, db) }

// NewDatabase makes an empty database of a name of its own and returns
// its name.
func (p *Postgres) NewDatabase(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("hub%d_%d", os.Getpid(), p.next.Add(1))
	p.Exec(t, "postgres", "CREATE DATABASE "+name)
	return name
}

// Exec runs SQL statements as the superuser in database db.
func (p *Postgres) Exec(t testing.TB, db, sql string, args ...any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, p.SuperURL(db))
	if err != nil {
		t.Fatalf("connect to %s as the superuser: %v", db, err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// Stop ends the server (fast shutdown) and removes its folder.
func (p *Postgres) Stop() {
	if p.cmd != nil && p.cmd.Process != nil {
		stopProcess(p.cmd, p.exited, 30*time.Second)
		p.cmd = nil
	}
	os.RemoveAll(p.dir)
}

// stopProcess sends SIGINT to cmd's process group, then SIGKILL if it has
// not ended (exited closed) after grace.
func stopProcess(cmd *exec.Cmd, exited <-chan struct{}, grace time.Duration) {
	pgid := cmd.Process.Pid
	_ = syscallKill(-pgid, sigInt)
	select {
	case <-exited:
	case <-time.After(grace):
		_ = syscallKill(-pgid, sigKill)
		<-exited
	}
}

// lastLines returns the last n lines of b, for an error message.
func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(bytes.TrimSpace(b))), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "; ")
}
