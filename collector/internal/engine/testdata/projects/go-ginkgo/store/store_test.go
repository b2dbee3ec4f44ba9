package store

import (
	"testing"

	"github.com/stretchr/testify/suite"
)

type StoreSuite struct {
	suite.Suite
}

func (s *StoreSuite) TestOpen() {}

func TestStore(t *testing.T) {
	suite.Run(t, new(StoreSuite))
}
