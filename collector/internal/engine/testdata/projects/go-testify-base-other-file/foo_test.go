package store

// FooSuite is a testify suite: it embeds BaseSuite (declared in
// base_test.go), which embeds suite.Suite. This file does not import the
// suite package.
type FooSuite struct{ BaseSuite }

func (s *FooSuite) TestOne() {}

func (s *FooSuite) TestTwo() {}
