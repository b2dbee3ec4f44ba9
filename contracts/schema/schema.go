// Package schema embeds the Testlens database schema.
//
// The file is a byte-identical copy of the repository's root schema.sql, the
// desired state that make migrate applies with Atlas. It is embedded here so
// that tests and tools in any module use the schema of their own commit.
package schema

import _ "embed"

// SQL is the desired state of the application tables (River's tables are
// managed by rivermigrate and are not part of it).
//
//go:embed schema.sql
var SQL string
