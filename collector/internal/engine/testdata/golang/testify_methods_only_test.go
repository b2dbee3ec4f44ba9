package methods

import "github.com/stretchr/testify/suite"

// The runner (suite.Run) lives in another file of the package: the methods
// are reported under their type, since the test that runs them is unknown here.
type StoreSuite struct {
	suite.Suite
}

func (s *StoreSuite) TestGet() {}

func (s *StoreSuite) TestPut() {
	s.T().SkipNow()
}

func (s *StoreSuite) SetupSuite() {}
