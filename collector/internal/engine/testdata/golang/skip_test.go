package skip

import (
	"os"
	"testing"
)

func TestSkip(t *testing.T) {
	t.Skip("not ready")
}

func TestSkipf(t *testing.T) {
	t.Skipf("flaky: %s", "issue 12")
}

func TestSkipNow(t *testing.T) {
	t.SkipNow()
}

// TestSkipInsideIf decides at run time: active.
func TestSkipInsideIf(t *testing.T) {
	if os.Getenv("CI") == "" {
		t.Skip("only on CI")
	}
}

// TestSkipNotFirst skips after other work: active.
func TestSkipNotFirst(t *testing.T) {
	t.Parallel()
	t.Skip("after Parallel")
}

// TestSkipOtherT skips some other T: active.
func TestSkipOtherT(t *testing.T) {
	other := t
	other.Skip()
}

func TestSkippedParent(t *testing.T) {
	t.Skip("whole test")
	t.Run("child", func(t *testing.T) {})
}

func TestSkippedChild(t *testing.T) {
	t.Run("skipped", func(t *testing.T) {
		t.Skip("later")
	})
	t.Run("active", func(t *testing.T) {
		if testing.Short() {
			t.Skip()
		}
	})
	t.Run("outer skip", func(inner *testing.T) {
		t.Skip("skips the parent, not this subtest")
	})
}

func BenchmarkSkipped(b *testing.B) {
	b.Skip("slow")
}

func FuzzSkipped(f *testing.F) {
	f.Skip()
}
