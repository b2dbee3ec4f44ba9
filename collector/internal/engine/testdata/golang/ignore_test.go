//go:build ignore

package main

import "testing"

func TestNeverBuilt(t *testing.T) {}
