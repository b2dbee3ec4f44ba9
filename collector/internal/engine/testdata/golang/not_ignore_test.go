//go:build !ignore

package notignore

import "testing"

func TestBuilt(t *testing.T) {}
