package worker

import (
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

func TestRefusedDataIsPermanent(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{fmt.Errorf("copy tests: %w", &pgconn.PgError{Code: "22021"}), true}, // invalid byte sequence
		{&pgconn.PgError{Code: "22001"}, true},                               // string too long
		{&pgconn.PgError{Code: "40001"}, false},                              // serialization failure: retry
		{&pgconn.PgError{Code: "57P01"}, false},                              // admin shutdown: retry
		{errors.New("connection reset"), false},
	} {
		if got := refusedData(tc.err); got != tc.want {
			t.Errorf("refusedData(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}
