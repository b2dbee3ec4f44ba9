package store

// More methods of StoreSuite: the runner is in store_test.go, invisible from here.
func (s *StoreSuite) TestCreate() {}

func (s *StoreSuite) TestDelete() {
	s.T().Skip("soft delete first")
}
