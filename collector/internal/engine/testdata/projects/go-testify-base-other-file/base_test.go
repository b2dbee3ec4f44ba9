package store

import (
	"testing"

	"github.com/stretchr/testify/suite"
)

// BaseSuite is shared by the suites of this package.
type BaseSuite struct{ suite.Suite }

func TestFooSuite(t *testing.T) { suite.Run(t, new(FooSuite)) }
