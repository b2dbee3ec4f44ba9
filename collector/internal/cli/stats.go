package cli

import (
	"fmt"
	"io"
	"syscall"
	"time"

	"github.com/testlens/testlens/collector/internal/engine"
)

// meter measures wall time and the process's CPU time and peak memory.
type meter struct {
	start time.Time
	cpu   time.Duration
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startMeter() meter { return meter{start: time.Now(), cpu: cpuTime()} }

// report prints one line of key=value pairs: per-run averages over runs,
// and the CPU of the warm-up runs before them.
func (m meter) report(w io.Writer, st engine.Stats, runs, workers, warmups int, warmupCPU time.Duration) {
	wall := time.Since(m.start) / time.Duration(runs)
	cpu := (cpuTime() - m.cpu) / time.Duration(runs)
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	perFile := 0.0
	if st.Candidates > 0 {
		perFile = float64(cpu.Microseconds()) / 1000 / float64(st.Candidates)
	}
	fmt.Fprintf(w, "stats workers=%d runs=%d warmup_runs=%d warmup_cpu_ms=%.1f files_walked=%d candidates=%d test_files=%d tests=%d bytes=%d wall_ms=%.1f cpu_ms=%.1f files_per_s=%.0f mb_per_s=%.1f cpu_ms_per_test_file=%.3f peak_rss_mb=%.1f\n",
		workers, runs, warmups, float64(warmupCPU.Microseconds())/1000, st.FilesWalked, st.Candidates, st.FilesReported, st.Tests, st.Bytes,
		float64(wall.Microseconds())/1000, float64(cpu.Microseconds())/1000,
		float64(st.Candidates)/wall.Seconds(), float64(st.Bytes)/1e6/wall.Seconds(),
		perFile, float64(ru.Maxrss)/1024)
}
