//go:build unix

package frontendtest

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user + system) of the process so far: on a busy
// machine the wall-clock ns/file overstates the cost of a file.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
