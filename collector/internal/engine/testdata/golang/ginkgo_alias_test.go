package session_test

import (
	"time"

	"github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// Local aliases of ginkgo's nodes, as gomega's own gexec tests write them
// (var So = It): a call through the alias is that node.
var (
	Describe = ginkgo.Describe
	specify  = ginkgo.It
	later    = ginkgo.PIt
)

var _ = Describe("Session", func() {
	ginkgo.When("the command exits", func() {
		ginkgo.It("closes the buffers", func() {
			Expect(true).To(BeTrue())
		})

		var So = ginkgo.It

		So("this means that eventually should short circuit", func() {
			t := time.Now()
			Expect(time.Since(t)).To(BeNumerically("<", time.Second))
		})
	})

	specify("runs through a package-level alias", func() {})
	later("is pending through an alias of PIt", func() {})

	// Not aliases: a call result, and a shadowing name that holds a string.
	It := "not a node"
	_ = It
})
