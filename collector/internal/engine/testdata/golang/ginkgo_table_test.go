package calc_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

var _ = Describe("Calculator", func() {
	DescribeTable("adds",
		func(a, b, sum int) {
			Expect(a + b).To(Equal(sum))
		},
		Entry("small numbers", 1, 2, 3),
		Entry(nil, 0, 0, 0),
		FEntry("focused row", 2, 2, 4),
		PEntry("pending row", 3, 3, 6),
		XEntry("crossed-out row", 4, 4, 8),
		Entry("pending by decorator", Pending, 5, 5, 10),
		Entry("negative "+"numbers", -1, -2, -3),
	)

	DescribeTable("rows from a slice",
		func(n int) {},
		[]TableEntry{
			Entry("one", 1),
			Entry("two", 2),
		},
	)

	XDescribeTable("a skipped table",
		func(n int) {},
		Entry("row", 1),
	)

	It("is an ordinary spec", func() {})
})
