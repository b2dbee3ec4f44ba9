module github.com/testlens/testlens/sdk

go 1.26.0
