package books_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

var _ = Describe("Book", func() {
	var title string

	BeforeEach(func() { title = "Les Miserables" })

	It("has a title", func() {
		Expect(title).NotTo(BeEmpty())
	})

	Context("when it is long", func() {
		It("is a novel", func() {})
		Specify("the reader is patient", func() {})
		When("it is translated", func() {
			It("keeps its title", func() {})
		})
	})

	FIt("is focused", func() {})
	PIt("is pending", func() {})
	XIt("is crossed out", func() {})
	It("is pending by decorator", Pending, func() {})
	It("is focused by decorator", Focus, Label("fast"), func() {})
	It("has no body yet")
	It("skips itself", func() {
		Skip("not on this platform")
	})
	It("skips later", func() {
		Expect(title).To(Equal("x"))
		Skip("decided at run time")
	})

	PDescribe("a pending container", func() {
		It("is pending too", func() {})
		FIt("stays pending though focused", func() {})
	})

	XContext("a crossed-out container", func() {
		It("is skipped", func() {})
	})

	FDescribe("a focused container", func() {
		It("is focused", func() {})
		PIt("is still pending", func() {})
	})

	Describe("a container with a decorator", Pending, func() {
		It("is pending", func() {})
	})
})

// `It("x", ...)` in a comment or a string is not a spec.
var doc = `Describe("not a suite", func() { It("not a spec", func() {}) })`
