package hubtest

import "syscall"

const (
	sigInt  = syscall.SIGINT
	sigKill = syscall.SIGKILL
)

// syscallKill sends sig to pid (a process group when negative).
func syscallKill(pid int, sig syscall.Signal) error { return syscall.Kill(pid, sig) }
