package names_test

import (
	"fmt"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

func TestNames(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "Entry names")
}

const limit = 10

// How ginkgo names an Entry described by nil: "Entry: " and its parameters
// printed with fmt.Sprint, or the table's EntryDescription format, or the
// table's description function (decided at run time: [i]). The names in the
// golden file are the ones ginkgo v2.25.3 prints for this file in a dry run
// (-ginkgo.dry-run -ginkgo.json-report), where they are static.
var _ = Describe("Parsing", func() {
	DescribeTable("default names",
		func(args ...any) {},
		Entry(nil, 1, "b", 2.71, 3.141),
		Entry(nil, -4, true, nil),
		Entry(nil, []string{"foo:10,11", "bar"}, "foo_test.go", 12),
		Entry(nil, []int{1, 2}, 1e6, 0.000012),
		Entry(nil, Label("fast"), "decorators are not parameters"),
		Entry(nil, limit),
		Entry(nil, fmt.Sprint("computed")),
		Entry("a literal description", 1),
	)

	DescribeTable("formatted names",
		func(a, b int) {},
		EntryDescription("%d plus %d"),
		Entry(nil, 1, 2),
		Entry(EntryDescription("%d and %d, in its own words"), 3, 4),
		Entry("still a string", 5, 6),
	)

	DescribeTable("named by a function",
		func(s string) {},
		func(s string) string { return "with " + s },
		Entry(nil, "help"),
		Entry("a string wins", "h"),
	)
})
