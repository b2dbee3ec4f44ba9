package bench

import "testing"

func BenchmarkEncode(b *testing.B) {
	for _, size := range []string{"small", "large"} {
		b.Run(size, func(b *testing.B) {
			b.Run("parallel", func(b *testing.B) {})
		})
	}
	b.Run("plain", func(b *testing.B) {
		b.Skip("not on this machine")
	})
}
