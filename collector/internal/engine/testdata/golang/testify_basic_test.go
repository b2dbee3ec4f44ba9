package basic

import (
	"testing"

	"github.com/stretchr/testify/suite"
)

type UserSuite struct {
	suite.Suite
	db map[string]string
}

func (s *UserSuite) SetupTest() { s.db = map[string]string{} }

func (s *UserSuite) TestCreate() {
	s.db["a"] = "b"
	s.Equal("b", s.db["a"])
}

// Testify's filter is ^Test: a lower-case letter after the prefix counts.
func (s *UserSuite) Testlowercase() {}

func (s *UserSuite) TestSkipped() {
	s.T().Skip("not ready")
}

func (s *UserSuite) TestSkipLater() {
	s.NotNil(s.db)
	s.T().Skip("decided at run time")
}

func (s *UserSuite) TestSubtests() {
	s.Run("empty name", func() {})
	for _, tc := range []struct{ name string }{{"first"}, {"second"}} {
		s.Run(tc.name, func() {})
	}
}

// Listed by testify, which fails it: "invalid signature".
func (s *UserSuite) TestHelper(name string) {}

// Not run by testify: not Test methods.
func (s *UserSuite) helperTest()     {}
func (s *UserSuite) CheckSomething() {}

func TestUserSuite(t *testing.T) {
	suite.Run(t, new(UserSuite))
}

// A plain test next to the suite.
func TestPlain(t *testing.T) {
	t.Run("sub", func(t *testing.T) {})
}
