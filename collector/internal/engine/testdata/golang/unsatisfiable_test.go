//go:build linux && !linux

package unsat

import "testing"

func TestNeverBuilt(t *testing.T) {}
