//go:build integration

package integration

import "testing"

func TestDatabase(t *testing.T) {}
