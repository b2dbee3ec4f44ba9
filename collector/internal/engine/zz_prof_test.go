package engine

import (
	"os"
	"testing"
)

func BenchmarkScanDir(b *testing.B) { benchScan(b, os.Getenv("SCAN_DIR")) }
