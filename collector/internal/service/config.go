// Package service runs the collector: a River client that works the
// analysis queue until it is told to stop.
package service

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/testlens/testlens/contracts/jobs"
)

// Config is the collector's configuration, read from the environment.
type Config struct {
	// DatabaseURL is the PostgreSQL holding the queue and the inventories
	// (DATABASE_URL). Required.
	DatabaseURL string
	// AllowLocalRepos accepts local paths and file:// URLs
	// (TESTLENS_ALLOW_LOCAL_REPOS=1). Only for demos and tests. Defaults to false.
	AllowLocalRepos bool
	// Concurrency is how many analyses one collector runs at once
	// (TESTLENS_COLLECTOR_CONCURRENCY). Each clones and parses with
	// ParseWorkers goroutines, so memory grows with it. Defaults to 2.
	Concurrency int
	// ParseWorkers is how many files one analysis parses at once
	// (TESTLENS_PARSE_WORKERS). Defaults to the number of CPUs.
	ParseWorkers int
	// AnalysisTimeout bounds one attempt of an analysis
	// (TESTLENS_ANALYSIS_TIMEOUT, a Go duration). Defaults to 15m.
	AnalysisTimeout time.Duration
	// CloneTimeout bounds fetching a repository (TESTLENS_CLONE_TIMEOUT).
	// Defaults to 5m.
	CloneTimeout time.Duration
	// ParseTimeLimit bounds parsing within one analysis
	// (TESTLENS_PARSE_TIME_LIMIT). Files not parsed by then are reported with
	// a skip reason and the analysis completes; it must be shorter than
	// AnalysisTimeout. Defaults to 10m.
	ParseTimeLimit time.Duration
	// MaxRepoBytes refuses repositories whose fetched commit is larger
	// (TESTLENS_MAX_REPO_BYTES). Defaults to 1 GiB.
	MaxRepoBytes int64
	// MaxFileBytes skips, with a reason, test files larger than this
	// (TESTLENS_MAX_FILE_BYTES). Defaults to 2 MiB.
	MaxFileBytes int64
	// SoftStopTimeout is how long running analyses may finish after SIGTERM
	// before they are cancelled and handed back to the queue
	// (TESTLENS_SOFT_STOP_TIMEOUT). Defaults to 30s.
	SoftStopTimeout time.Duration
	// LogLevel is debug, info, warn or error (TESTLENS_LOG_LEVEL).
	// Defaults to info.
	LogLevel slog.Level
}

// WithDefaults returns c with every zero field set to its default.
func (c Config) WithDefaults() Config {
	if c.Concurrency <= 0 {
		c.Concurrency = 2
	}
	if c.AnalysisTimeout <= 0 {
		c.AnalysisTimeout = jobs.AnalyzeRepositoryTimeout
	}
	if c.CloneTimeout <= 0 {
		c.CloneTimeout = 5 * time.Minute
	}
	if c.ParseTimeLimit <= 0 {
		c.ParseTimeLimit = 10 * time.Minute
	}
	if c.MaxRepoBytes <= 0 {
		c.MaxRepoBytes = 1 << 30
	}
	if c.MaxFileBytes <= 0 {
		c.MaxFileBytes = 2 << 20
	}
	if c.SoftStopTimeout <= 0 {
		c.SoftStopTimeout = 30 * time.Second
	}
	return c
}

// FromEnv reads the configuration from getenv (os.Getenv in production),
// applies defaults and validates it. Errors name the variable.
func FromEnv(getenv func(string) string) (Config, error) {
	var (
		c    Config
		errs []error
	)
	c.DatabaseURL = getenv("DATABASE_URL")
	if c.DatabaseURL == "" {
		errs = append(errs, errors.New("DATABASE_URL is required (e.g. postgres://user@host:5432/testlens)"))
	}
	c.AllowLocalRepos = parseBool(getenv, "TESTLENS_ALLOW_LOCAL_REPOS", &errs)
	c.Concurrency = parseInt(getenv, "TESTLENS_COLLECTOR_CONCURRENCY", 1, 1000, &errs)
	c.ParseWorkers = parseInt(getenv, "TESTLENS_PARSE_WORKERS", 1, 1024, &errs)
	c.AnalysisTimeout = parseDuration(getenv, "TESTLENS_ANALYSIS_TIMEOUT", &errs)
	c.CloneTimeout = parseDuration(getenv, "TESTLENS_CLONE_TIMEOUT", &errs)
	c.ParseTimeLimit = parseDuration(getenv, "TESTLENS_PARSE_TIME_LIMIT", &errs)
	c.MaxRepoBytes = int64(parseInt(getenv, "TESTLENS_MAX_REPO_BYTES", 1, 1<<62, &errs))
	c.MaxFileBytes = int64(parseInt(getenv, "TESTLENS_MAX_FILE_BYTES", 1, 1<<40, &errs))
	c.SoftStopTimeout = parseDuration(getenv, "TESTLENS_SOFT_STOP_TIMEOUT", &errs)
	if v := getenv("TESTLENS_LOG_LEVEL"); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			errs = append(errs, fmt.Errorf("TESTLENS_LOG_LEVEL=%q: want debug, info, warn or error", v))
		}
	}
	c = c.WithDefaults()
	if c.CloneTimeout > c.AnalysisTimeout {
		errs = append(errs, fmt.Errorf("TESTLENS_CLONE_TIMEOUT (%s) must not exceed TESTLENS_ANALYSIS_TIMEOUT (%s)", c.CloneTimeout, c.AnalysisTimeout))
	}
	if c.ParseTimeLimit >= c.AnalysisTimeout {
		errs = append(errs, fmt.Errorf("TESTLENS_PARSE_TIME_LIMIT (%s) must be shorter than TESTLENS_ANALYSIS_TIMEOUT (%s)", c.ParseTimeLimit, c.AnalysisTimeout))
	}
	return c, errors.Join(errs...)
}

func parseBool(getenv func(string) string, name string, errs *[]error) bool {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return false
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("%s=%q: want 1/0 or true/false", name, v))
	}
	return b
}

func parseInt(getenv func(string) string, name string, lo, hi int, errs *[]error) int {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		*errs = append(*errs, fmt.Errorf("%s=%q: want a whole number from %d to %d", name, v, lo, hi))
	}
	return n
}

func parseDuration(getenv func(string) string, name string, errs *[]error) time.Duration {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return 0
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		*errs = append(*errs, fmt.Errorf("%s=%q: want a positive Go duration such as 90s or 15m", name, v))
	}
	return d
}
