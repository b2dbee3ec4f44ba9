package dbtest

import (
	"context"
	"testing"
)

func TestNewGivesIsolatedMigratedDatabases(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	first, _ := NewPool(t)
	second, _ := NewPool(t)

	if _, err := first.Exec(ctx, "INSERT INTO repositories (url) VALUES ('https://example.com/a/b')"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := second.QueryRow(ctx, "SELECT count(*) FROM repositories").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("second database sees %d repositories of the first", n)
	}
	var riverTables int
	if err := second.QueryRow(ctx, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'river_%'").Scan(&riverTables); err != nil {
		t.Fatal(err)
	}
	if riverTables < 4 {
		t.Fatalf("River's tables are missing: found %d", riverTables)
	}
}
