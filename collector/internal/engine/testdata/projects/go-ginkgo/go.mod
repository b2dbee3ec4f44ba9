module example.com/shop

go 1.22

require (
	github.com/onsi/ginkgo/v2 v2.17.1
	github.com/onsi/gomega v1.32.0
	github.com/stretchr/testify v1.9.0
)
