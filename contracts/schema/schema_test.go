package schema

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestSchemaMatchesRoot keeps the embedded copy identical to the root
// schema.sql, the single source of truth.
func TestSchemaMatchesRoot(t *testing.T) {
	t.Parallel()

	root, err := os.ReadFile(filepath.Join("..", "..", "schema.sql"))
	if errors.Is(err, fs.ErrNotExist) {
		// Outside the repository (the module as a third party downloads it)
		// there is no root copy to compare with.
		t.Skip("no ../../schema.sql: not inside the testlens repository")
	}
	if err != nil {
		t.Fatal(err)
	}
	if string(root) != SQL {
		t.Fatal("contracts/schema/schema.sql differs from the root schema.sql; run: make sync-schema")
	}
}
