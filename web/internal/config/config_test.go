package config_test

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/testlens/testlens/web/internal/config"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestFromEnv(t *testing.T) {
	t.Parallel()

	t.Run("Defaults", func(t *testing.T) {
		t.Parallel()
		c, err := config.FromEnv(env(map[string]string{"DATABASE_URL": "postgres://db/testlens"}))
		if err != nil {
			t.Fatal(err)
		}
		want := config.Config{DatabaseURL: "postgres://db/testlens", Addr: ":8080", ShutdownTimeout: 10 * time.Second,
			LogLevel: slog.LevelInfo, LogFormat: "text"}
		if c != want {
			t.Errorf("config = %+v, want %+v", c, want)
		}
	})

	t.Run("EverythingSet", func(t *testing.T) {
		t.Parallel()
		c, err := config.FromEnv(env(map[string]string{
			"DATABASE_URL":               "postgres://db/testlens",
			"TESTLENS_ADDR":              "127.0.0.1:0",
			"TESTLENS_ALLOW_LOCAL_REPOS": "1",
			"TESTLENS_SHUTDOWN_TIMEOUT":  "3s",
			"TESTLENS_LOG_LEVEL":         "debug",
			"TESTLENS_LOG_FORMAT":        "JSON",
		}))
		if err != nil {
			t.Fatal(err)
		}
		want := config.Config{DatabaseURL: "postgres://db/testlens", Addr: "127.0.0.1:0", AllowLocalRepos: true,
			ShutdownTimeout: 3 * time.Second, LogLevel: slog.LevelDebug, LogFormat: "json"}
		if c != want {
			t.Errorf("config = %+v, want %+v", c, want)
		}
	})

	t.Run("AllowLocalSpellings", func(t *testing.T) {
		t.Parallel()
		for v, want := range map[string]bool{"1": true, "true": true, "TRUE": true, "yes": true, "0": false, "false": false, "": false} {
			c, err := config.FromEnv(env(map[string]string{"DATABASE_URL": "x", "TESTLENS_ALLOW_LOCAL_REPOS": v}))
			if err != nil || c.AllowLocalRepos != want {
				t.Errorf("%q: AllowLocalRepos = %v, %v; want %v", v, c.AllowLocalRepos, err, want)
			}
		}
	})

	t.Run("ErrorsNameTheVariable", func(t *testing.T) {
		t.Parallel()
		for _, tc := range []struct {
			env  map[string]string
			want []string
		}{
			{map[string]string{}, []string{"DATABASE_URL is required"}},
			{map[string]string{"DATABASE_URL": "x", "TESTLENS_SHUTDOWN_TIMEOUT": "soon"}, []string{"TESTLENS_SHUTDOWN_TIMEOUT"}},
			{map[string]string{"DATABASE_URL": "x", "TESTLENS_SHUTDOWN_TIMEOUT": "0s"}, []string{"TESTLENS_SHUTDOWN_TIMEOUT must be positive"}},
			{map[string]string{"DATABASE_URL": "x", "TESTLENS_LOG_LEVEL": "loud"}, []string{"TESTLENS_LOG_LEVEL"}},
			{map[string]string{"DATABASE_URL": "x", "TESTLENS_LOG_FORMAT": "xml"}, []string{"TESTLENS_LOG_FORMAT"}},
			{map[string]string{"DATABASE_URL": "x", "TESTLENS_ALLOW_LOCAL_REPOS": "maybe"}, []string{"TESTLENS_ALLOW_LOCAL_REPOS"}},
			// Every problem at once, so an operator fixes them in one go.
			{map[string]string{"TESTLENS_LOG_FORMAT": "xml", "TESTLENS_SHUTDOWN_TIMEOUT": "-1s"}, []string{"TESTLENS_SHUTDOWN_TIMEOUT", "TESTLENS_LOG_FORMAT", "DATABASE_URL"}},
		} {
			_, err := config.FromEnv(env(tc.env))
			if err == nil {
				t.Errorf("%v: no error", tc.env)
				continue
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%v: error %q does not mention %s", tc.env, err, w)
				}
			}
		}
	})
}
