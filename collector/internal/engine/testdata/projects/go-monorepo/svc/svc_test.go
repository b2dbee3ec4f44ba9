package svc

import "testing"

func TestServe(t *testing.T) {
	t.Run("ok", func(t *testing.T) {})
}
