package lib

import "testing"

func TestLib(t *testing.T) { t.Skip("later") }
