package lookalike

import "testing"

// No ginkgo import: these are local functions, not specs.
func Describe(name string, body func()) { body() }
func It(name string, body func())       { body() }

var _ = Describe("local", func() {
	It("not a spec", func() {})
})

func TestReal(t *testing.T) {}
