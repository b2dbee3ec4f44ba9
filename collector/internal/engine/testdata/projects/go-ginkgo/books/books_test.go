package books_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

var _ = Describe("Book", func() {
	It("has a title", func() { Expect("x").NotTo(BeEmpty()) })
	PIt("has reviews")
	Context("when borrowed", func() {
		It("has a due date", func() {})
	})
})
