package renamed

import tt "testing"

func TestRenamed(t *tt.T) {
	t.Run("sub", func(t *tt.T) {})
}

// TestOldName uses a name the file does not import testing under.
func TestOldName(t *testing.T) {}

func BenchmarkRenamed(b *tt.B) {}
