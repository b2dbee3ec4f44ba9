package helpers

import "testing"

type route struct{ Method, Path string }

var api = []*route{{"GET", "/users"}, {"POST", "/users/:id"}}

// testRouterAPI is a helper that runs one subtest per row of the table it is
// given: the tests that pass it a literal table (a package-level one of
// the file, or a local) get those subtests; a helper that writes its
// parameter (shadow) is not read, nor a name computed at run time.
func testRouterAPI(t *testing.T, rs []*route) {
	for _, r := range rs {
		t.Run(r.Path, func(t *testing.T) {})
	}
}

func TestGitHubAPI(t *testing.T) { testRouterAPI(t, api) }

func TestLocalTable(t *testing.T) {
	local := []*route{{"GET", "/a"}}
	testRouterAPI(t, local)
}

func assertOk(t *testing.T, name string, fn func(testing.TB)) {
	t.Helper()
	t.Run(name, func(t *testing.T) { fn(t) })
}

func TestNames(t *testing.T) {
	assertOk(t, "Empty struct", func(testing.TB) {})
	assertOk(t, "Nested", func(testing.TB) {})
	name := computed()
	assertOk(t, name, func(testing.TB) {})
}

func computed() string { return "computed" }

func shadow(t *testing.T, api []*route) {
	api = nil
	for _, r := range api {
		t.Run(r.Path, func(t *testing.T) {})
	}
}

func TestWritten(t *testing.T) { shadow(t, api) }
