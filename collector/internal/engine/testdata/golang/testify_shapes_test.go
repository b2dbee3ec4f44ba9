package repro

import (
	"testing"

	"github.com/stretchr/testify/suite"
)

// A generic suite: testify runs the methods of each instantiation.
type StoreSuite[T comparable] struct {
	suite.Suite
	zero T
}

func (s *StoreSuite[T]) TestPut() {}

func (s *StoreSuite[T]) TestGet() {}

func TestStoreInt(t *testing.T) { suite.Run(t, new(StoreSuite[int])) }

// Run twice by one test (testify's TestRoundTrip and TestRoundTrip#01):
// one declared test.
type CodecSuite struct {
	suite.Suite
	fast bool
}

func (s *CodecSuite) TestRoundTrip() {}

func TestCodec(t *testing.T) {
	suite.Run(t, &CodecSuite{fast: false})
	suite.Run(t, &CodecSuite{fast: true})
}

// Inside a subtest: TestDB/sqlite/TestQuery.
type DBSuite struct {
	suite.Suite
	driver string
}

func (s *DBSuite) TestQuery() {}

func TestDB(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { suite.Run(t, &DBSuite{driver: "sqlite"}) })
}

// Not a suite: no suite.Suite, and nothing runs it.
type fixtures struct{ dir string }

func (f fixtures) TestdataPath(name string) string { return f.dir + "/" + name }

// Built by a constructor of the file.
type ABCIUtilsSuite struct {
	suite.Suite
	height int
}

func NewABCIUtilsSuite(t *testing.T) *ABCIUtilsSuite { return &ABCIUtilsSuite{height: 1} }

func (s *ABCIUtilsSuite) TestVoteExtensions() {}

func TestABCIUtils(t *testing.T) { suite.Run(t, NewABCIUtilsSuite(t)) }
