package helpers

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// assert and require are helpers: this is a go-testing file.
func TestWithAsserts(t *testing.T) {
	require.NoError(t, nil)
	assert.Equal(t, 1, 1)
}
