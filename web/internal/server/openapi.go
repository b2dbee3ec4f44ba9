package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/testlens/testlens/web/internal/api"
)

// OpenAPI returns the API's OpenAPI 3.1 document as "json" (indented) or
// "yaml". It needs no database: the document is built from the operations'
// registrations alone, exactly as the running server serves it.
func OpenAPI(format string) ([]byte, error) {
	doc := api.New(http.NewServeMux(), api.Deps{}).OpenAPI()
	switch format {
	case "json":
		raw, err := doc.MarshalJSON()
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := json.Indent(&buf, raw, "", "  "); err != nil {
			return nil, err
		}
		buf.WriteByte('\n')
		return buf.Bytes(), nil
	case "yaml":
		return doc.YAML()
	default:
		return nil, fmt.Errorf("-openapi: unknown format %q (want json or yaml)", format)
	}
}
