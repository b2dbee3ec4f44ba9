package legacy_test

import (
	"time"

	. "github.com/onsi/ginkgo"
	"github.com/onsi/ginkgo/extensions/table"
)

var _ = Describe("Legacy", func() {
	It("works", func() {})

	Measure("is fast", func(b Benchmarker) {
		b.Time("runtime", func() { time.Sleep(time.Millisecond) })
	}, 10)

	table.DescribeTable("v1 table",
		func(n int) {},
		table.Entry("one", 1),
		table.PEntry("two", 2),
	)
})

func init() {
	Describe("registered in init", func() {
		It("still counts", func() {})
	})
}
