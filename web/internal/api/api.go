// Package api is the Testlens HTTP API: the huma operations, their input and
// output types, and the mapping between database rows and API resources.
//
// New builds the whole API on a ServeMux; the server package and the tests
// use the same constructor, and so does `web -openapi`, which is why
// registering needs no live dependencies.
package api

import (
	"context"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
)

// Title and Version describe the API in its OpenAPI document. Version is
// the version of the contract (the document), not of the binary.
const (
	Title   = "Testlens API"
	Version = "1.0.0"
)

// Tags group operations in the document and the docs UI.
const (
	tagAnalyses     = "analyses"
	tagRepositories = "repositories"
)

// Deadlines of one request, enforced by timeoutMiddleware: the context of
// the handler (database work) and the write deadline of the connection.
const (
	// defaultTimeout bounds ordinary operations: a few indexed queries.
	defaultTimeout = 15 * time.Second
	// metaTimeout is the Operation.Metadata key of a longer deadline.
	metaTimeout = "testlens.timeout"
)

// New creates the API on mux and registers every operation with the
// dependencies d. d may be the zero value when the API is built only for its
// OpenAPI document.
func New(mux *http.ServeMux, d Deps) huma.API {
	installProblemTypes()
	cfg := huma.DefaultConfig(Title, Version)
	cfg.Info.Description = "Testlens inventories the tests in git repositories: submit a repository, " +
		"wait for the analysis to complete, then read its tests. Errors are RFC 9457 problem+json documents " +
		"whose `type` is a stable URI under " + ProblemBase + "."
	// No $schema fields or describedBy Link headers: they would become a
	// Schema field in every generated SDK model.
	cfg.CreateHooks = nil
	// Contract types get an Inventory prefix (InventoryFile, not File) so
	// that generic names stay free in generated SDKs.
	cfg.Components.Schemas = huma.NewMapRegistry("#/components/schemas/", schemaNamer)

	a := humago.New(mux, cfg)
	a.UseMiddleware(timeoutMiddleware)
	registerAnalyses(a, d)
	registerRepositories(a, d)
	registerHealth(mux, d)
	return a
}

func schemaNamer(t reflect.Type, hint string) string {
	name := huma.DefaultSchemaNamer(t, hint)
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if strings.HasSuffix(t.PkgPath(), "/contracts/inventory") && !strings.HasPrefix(name, "Inventory") {
		return "Inventory" + name
	}
	return name
}

// timeoutMiddleware gives every operation a finite deadline, in one place:
// the handler's context and the connection's write deadline both end after
// defaultTimeout, or after the duration in the operation's metadata.
func timeoutMiddleware(ctx huma.Context, next func(huma.Context)) {
	timeout := defaultTimeout
	if op := ctx.Operation(); op != nil {
		if d, ok := op.Metadata[metaTimeout].(time.Duration); ok {
			timeout = d
		}
	}
	deadline := time.Now().Add(timeout)
	_, w := humago.Unwrap(ctx)
	// Extends the middleware package's default deadline for long streams.
	_ = http.NewResponseController(w).SetWriteDeadline(deadline.Add(time.Second))
	c, cancel := context.WithDeadline(ctx.Context(), deadline)
	defer cancel()
	next(huma.WithContext(ctx, c))
}
