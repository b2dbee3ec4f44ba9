//go:build !unix

package frontendtest

import "time"

// cpuTime is not measured on this platform: cpu-ns/file is not reported.
func cpuTime() time.Duration { return 0 }
