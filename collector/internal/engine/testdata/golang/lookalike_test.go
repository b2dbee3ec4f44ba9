package lookalike

import "testing"

const source = "func TestFake(t *testing.T) {}"

var raw = `
func TestFakeRaw(t *testing.T) {
	t.Run("fake", nil)
}
`

// func TestCommentedOut(t *testing.T) {
// 	t.Run("nope", func(t *testing.T) {})
// }

/*
func TestBlockComment(t *testing.T) {}
*/

func TestReal(t *testing.T) {
	_ = "t.Run(\"in a string\", func(t *testing.T) {})"
	// t.Run("in a comment", func(t *testing.T) {})
}
