// Package config reads the web service's configuration from the environment:
// one typed struct, defaults applied in one place, validated in one place.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// Environment variable names, in one place so that errors and docs agree.
const (
	EnvDatabaseURL     = "DATABASE_URL"
	EnvAddr            = "TESTLENS_ADDR"
	EnvAllowLocalRepos = "TESTLENS_ALLOW_LOCAL_REPOS"
	EnvShutdownTimeout = "TESTLENS_SHUTDOWN_TIMEOUT"
	EnvLogLevel        = "TESTLENS_LOG_LEVEL"
	EnvLogFormat       = "TESTLENS_LOG_FORMAT"
)

// Log formats accepted by LogFormat.
const (
	LogFormatText = "text"
	LogFormatJSON = "json"
)

// Config is everything the web service needs to start.
type Config struct {
	// DatabaseURL is the PostgreSQL connection string (URL or keyword/value
	// form) of the database that holds both the Testlens tables and River's
	// queue. Pool settings such as pool_max_conns may be given in it. Required;
	// there is no default (DATABASE_URL).
	DatabaseURL string

	// Addr is the TCP address the HTTP server listens on. A port of 0 picks a
	// free port; the address actually bound is logged at startup (a line with
	// msg=listening and addr=HOST:PORT). Defaults to ":8080" (TESTLENS_ADDR).
	Addr string

	// AllowLocalRepos also accepts absolute local paths and file:// URLs as
	// repository URLs. Only for demos and tests: it lets any client make the
	// collector read any git repository on its machine. Accepts 1/true/yes and
	// 0/false/no. Defaults to false (TESTLENS_ALLOW_LOCAL_REPOS).
	AllowLocalRepos bool

	// ShutdownTimeout bounds the graceful shutdown after SIGTERM or SIGINT:
	// in-flight requests get this long to finish before connections are
	// closed. A Go duration such as "10s". Defaults to 10s
	// (TESTLENS_SHUTDOWN_TIMEOUT).
	ShutdownTimeout time.Duration

	// LogLevel is the lowest level logged: debug, info, warn or error.
	// Defaults to info (TESTLENS_LOG_LEVEL).
	LogLevel slog.Level

	// LogFormat is how log lines are written to stderr: "text" (logfmt-like
	// key=value pairs) or "json" (one object per line, for log shippers).
	// Defaults to "text" (TESTLENS_LOG_FORMAT).
	LogFormat string
}

// WithDefaults returns a copy of c with every unset field set to its default.
func (c Config) WithDefaults() Config {
	if c.Addr == "" {
		c.Addr = ":8080"
	}
	if c.ShutdownTimeout == 0 {
		c.ShutdownTimeout = 10 * time.Second
	}
	if c.LogFormat == "" {
		c.LogFormat = LogFormatText
	}
	return c
}

// Validate reports every invalid field at once, each error naming the
// environment variable to fix.
func (c Config) Validate() error {
	var errs []error
	if strings.TrimSpace(c.DatabaseURL) == "" {
		errs = append(errs, fmt.Errorf("%s is required (a PostgreSQL URL such as postgres://user@host:5432/testlens)", EnvDatabaseURL))
	}
	if c.Addr == "" {
		errs = append(errs, fmt.Errorf("%s must not be empty", EnvAddr))
	}
	if c.ShutdownTimeout <= 0 {
		errs = append(errs, fmt.Errorf("%s must be positive, got %s", EnvShutdownTimeout, c.ShutdownTimeout))
	}
	if c.LogFormat != LogFormatText && c.LogFormat != LogFormatJSON {
		errs = append(errs, fmt.Errorf("%s must be %q or %q, got %q", EnvLogFormat, LogFormatText, LogFormatJSON, c.LogFormat))
	}
	return errors.Join(errs...)
}

// FromEnv reads the configuration with getenv (os.Getenv in production),
// applies the defaults and validates the result. Every problem is reported
// in one error, each naming its variable.
func FromEnv(getenv func(string) string) (Config, error) {
	var c Config
	var errs []error
	c.DatabaseURL = getenv(EnvDatabaseURL)
	c.Addr = getenv(EnvAddr)
	c.LogFormat = strings.ToLower(strings.TrimSpace(getenv(EnvLogFormat)))

	if v := strings.TrimSpace(getenv(EnvAllowLocalRepos)); v != "" {
		b, err := parseBool(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", EnvAllowLocalRepos, err))
		}
		c.AllowLocalRepos = b
	}
	if v := strings.TrimSpace(getenv(EnvShutdownTimeout)); v != "" {
		d, err := time.ParseDuration(v)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("%s: %q is not a duration such as 10s", EnvShutdownTimeout, v))
		case d <= 0:
			// Checked here: WithDefaults would silently turn 0 into 10s.
			errs = append(errs, fmt.Errorf("%s must be positive, got %q", EnvShutdownTimeout, v))
		default:
			c.ShutdownTimeout = d
		}
	}
	if v := strings.TrimSpace(getenv(EnvLogLevel)); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			errs = append(errs, fmt.Errorf("%s: %q is not one of debug, info, warn, error", EnvLogLevel, v))
		}
	}
	c = c.WithDefaults()
	if err := c.Validate(); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return Config{}, errors.Join(errs...)
	}
	return c, nil
}

func parseBool(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "yes", "on":
		return true, nil
	case "no", "off":
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("%q is not a boolean (use 1/true or 0/false)", v)
	}
	return b, nil
}
