package plain

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The module requires testify and ginkgo, but this file uses neither runner.
func TestAdd(t *testing.T) {
	assert.Equal(t, 2, 1+1)
}
