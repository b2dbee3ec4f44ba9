package qualified_test

import (
	"fmt"

	"github.com/onsi/ginkgo/v2"
	g "github.com/onsi/gomega"
)

var _ = ginkgo.Describe("Server", ginkgo.Ordered, func() {
	ginkgo.It("starts", func() {
		g.Expect(true).To(g.BeTrue())
	})

	for _, port := range []int{80, 443} {
		ginkgo.It(fmt.Sprintf("listens on %d", port), func() {})
	}

	ginkgo.Context("with "+"TLS", func() {
		ginkgo.FIt("serves https", func() {})
		ginkgo.It("is pending", ginkgo.Pending, func() {})
	})

	ginkgo.DescribeTable("routes",
		func(path string) {},
		ginkgo.Entry("root", "/"),
		ginkgo.Entry(fmt.Sprintf("health %d", 1), "/healthz"),
	)
})

// Describe is not ginkgo's here: a local function of the same name.
func Describe(string, func()) {}

var _ = Describe("not a ginkgo container", func() {})
