// Package server runs the web service: it builds the dependencies from a
// config.Config, serves the API over HTTP with finite timeouts and shuts
// down gracefully. cmd/web calls Run; tests call NewHandler and Serve, so
// that they exercise the same wiring.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/testlens/testlens/contracts/repourl"
	"github.com/testlens/testlens/web/internal/api"
	"github.com/testlens/testlens/web/internal/config"
	"github.com/testlens/testlens/web/internal/middleware"
)

// Version is the version of the web binary, set at build time with
// -ldflags "-X github.com/testlens/testlens/web/internal/server.Version=v1.2.3".
var Version = "dev"

// HTTP server limits. Writes have no server-wide timeout (http.Server's
// WriteTimeout is absolute and would cut every long stream): the middleware
// gives every request a write deadline and each operation its own, so that
// the inventory and event streams may last longer than an ordinary request.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 30 * time.Second
	idleTimeout       = 2 * time.Minute
	writeTimeout      = 30 * time.Second
	maxHeaderBytes    = 64 << 10
	startupPing       = 5 * time.Second
)

// Run serves the API as configured until SIGINT or SIGTERM (or ctx ends),
// then shuts down gracefully within cfg.ShutdownTimeout. It logs the bound
// address at startup (msg=listening addr=HOST:PORT) and returns nil after a
// clean shutdown.
func Run(ctx context.Context, cfg config.Config) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := NewLogger(cfg, os.Stderr)
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("%s: listen: %w", config.EnvAddr, err)
	}
	return Serve(ctx, cfg, ln, log)
}

// Serve is Run on a listener the caller opened, with the caller's logger; it
// closes ln. It returns when ctx is done and the shutdown is over, or when
// the server fails.
func Serve(ctx context.Context, cfg config.Config, ln net.Listener, log *slog.Logger) error {
	defer ln.Close()
	poolCfg, err := pgxpool.ParseConfig(cfg.DatabaseURL)
	if err != nil {
		// pgx's message does not echo the URL, so no password leaks here.
		return fmt.Errorf("%s: %w", config.EnvDatabaseURL, err)
	}
	pool, err := pgxpool.NewWithConfig(context.WithoutCancel(ctx), poolCfg)
	if err != nil {
		return fmt.Errorf("%s: %w", config.EnvDatabaseURL, err)
	}
	defer pool.Close()

	// A database that is down at startup is not fatal: /readyz reports it
	// and requests answer 503 until it is back.
	pingCtx, cancel := context.WithTimeout(ctx, startupPing)
	if err := pool.Ping(pingCtx); err != nil {
		log.WarnContext(ctx, "database not reachable at startup", "err", err)
	}
	cancel()

	deps, err := api.NewDeps(pool, repourl.Policy{AllowLocal: cfg.AllowLocalRepos}, log)
	if err != nil {
		return err
	}
	// Event streams end when the shutdown starts instead of holding it up
	// until ShutdownTimeout; their clients reconnect elsewhere.
	shuttingDown := make(chan struct{})
	deps.Done = shuttingDown
	srv := &http.Server{
		Handler:           NewHandler(deps),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	srv.RegisterOnShutdown(func() { close(shuttingDown) })

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.InfoContext(ctx, "listening", "addr", ln.Addr().String(), "version", Version,
		"allow_local_repos", cfg.AllowLocalRepos)

	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}

	log.Info("shutting down", "timeout", cfg.ShutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		// Requests still running (long inventory streams) are cut off; the
		// stop itself is still the one that was asked for.
		log.Warn("shutdown timeout reached; closing remaining connections", "err", err)
		_ = srv.Close()
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}

// NewHandler returns the complete HTTP handler: the API's routes (with
// /openapi.json, /openapi.yaml and /docs) behind the request middleware.
func NewHandler(d api.Deps) http.Handler {
	mux := http.NewServeMux()
	api.New(mux, d)
	return middleware.Wrap(problemFallback(mux), middleware.Options{
		Log:          d.Log,
		WriteTimeout: writeTimeout,
		QuietPaths:   []string{"/healthz", "/readyz"},
	})
}

// NewLogger returns the service's logger: text or JSON to w at the
// configured level, stamping request ids on lines logged with a request's
// context.
func NewLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	var h slog.Handler = slog.NewTextHandler(w, opts)
	if cfg.LogFormat == config.LogFormatJSON {
		h = slog.NewJSONHandler(w, opts)
	}
	return slog.New(middleware.NewLogHandler(h))
}
