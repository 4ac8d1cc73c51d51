package hubtest

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// serverUser is the OS account the servers run as: the test's own, or,
// when the tests run as root (as in CI), "postgres", since PostgreSQL
// refuses to run as root.
type serverUser struct {
	cred *syscall.Credential // nil: the test's own account
}

// currentServerUser finds the account to run the servers as.
func currentServerUser() (serverUser, error) {
	if os.Geteuid() != 0 {
		return serverUser{}, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return serverUser{}, fmt.Errorf("running as root, PostgreSQL needs the OS user postgres (install postgresql): %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return serverUser{cred: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}, nil
}

// own gives the folder, and everything in it, to the account.
func (u serverUser) own(dir string) error {
	if u.cred == nil {
		return nil
	}
	return filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, int(u.cred.Uid), int(u.cred.Gid))
	})
}

// command makes cmd run as the account, and die with the test binary
// (SIGINT: a fast shutdown) should it end without stopping it.
func (u serverUser) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: u.cred, Pdeathsig: syscall.SIGINT, Setpgid: true}
	return cmd
}
