//go:build unix

package extract_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used: unlike the wall
// clock, it does not count the time other processes take the CPU.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
