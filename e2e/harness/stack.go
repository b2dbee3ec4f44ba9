// Package harness runs the real Testlens binaries as separate processes
// against a real PostgreSQL — the one wiring path shared by the end-to-end
// tests and `make demo`.
package harness

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// RepoRoot finds the repository root (the folder holding go.work) from the
// working directory upwards.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.work above the working directory: run from inside the testlens repository")
		}
		dir = parent
	}
}

// Binaries are the paths of the built web and collector executables.
type Binaries struct {
	Web, Collector string
}

// Build compiles web and collector from the repository at root into outDir.
func Build(ctx context.Context, root, outDir string) (Binaries, error) {
	bins := Binaries{Web: filepath.Join(outDir, "web"), Collector: filepath.Join(outDir, "collector")}
	for _, b := range []struct{ module, out string }{{"web", bins.Web}, {"collector", bins.Collector}} {
		cmd := exec.CommandContext(ctx, "go", "build", "-o", b.out, "./cmd/"+b.module)
		cmd.Dir = filepath.Join(root, b.module)
		if out, err := cmd.CombinedOutput(); err != nil {
			return Binaries{}, fmt.Errorf("build %s: %v\n%s", b.module, err, out)
		}
	}
	return bins, nil
}

// Options configures a Stack.
type Options struct {
	Binaries    Binaries
	DatabaseURL string
	// Env is added to both processes' environment (e.g.
	// TESTLENS_ALLOW_LOCAL_REPOS=1).
	Env []string
	// Logs receives both processes' output. Defaults to a buffer that
	// Stack.Logs returns.
	Logs io.Writer
}

// Stack is a running web and collector.
type Stack struct {
	// URL is the web server's base URL.
	URL string

	web, collector *exec.Cmd
	logs           *lockedBuffer
	stopOnce       sync.Once
	stopErr        error
}

// Start launches collector and web, and returns once web answers /readyz.
func Start(ctx context.Context, opts Options) (*Stack, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	s := &Stack{URL: "http://127.0.0.1:" + strconv.Itoa(port), logs: &lockedBuffer{}}
	var out io.Writer = s.logs
	if opts.Logs != nil {
		out = io.MultiWriter(s.logs, opts.Logs)
	}
	env := append(os.Environ(), "DATABASE_URL="+opts.DatabaseURL)
	env = append(env, opts.Env...)

	s.collector = exec.Command(opts.Binaries.Collector, "run")
	s.collector.Env = env
	s.collector.Stdout, s.collector.Stderr = prefixed(out, "collector| "), prefixed(out, "collector| ")
	if err := s.collector.Start(); err != nil {
		return nil, fmt.Errorf("start collector: %w", err)
	}
	s.web = exec.Command(opts.Binaries.Web)
	s.web.Env = append(env, "TESTLENS_ADDR=127.0.0.1:"+strconv.Itoa(port))
	s.web.Stdout, s.web.Stderr = prefixed(out, "web| "), prefixed(out, "web| ")
	if err := s.web.Start(); err != nil {
		s.Stop()
		return nil, fmt.Errorf("start web: %w", err)
	}
	if err := s.waitReady(ctx); err != nil {
		s.Stop()
		return nil, fmt.Errorf("%w\nlogs:\n%s", err, s.Logs())
	}
	return s, nil
}

func (s *Stack) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+"/readyz", nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("web did not become ready at %s: %v", s.URL, err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Stop sends SIGTERM to both processes and waits for them; it returns an
// error when one does not exit cleanly within 30 seconds.
func (s *Stack) Stop() error {
	s.stopOnce.Do(func() {
		var errs []error
		for _, p := range []struct {
			name string
			cmd  *exec.Cmd
		}{{"web", s.web}, {"collector", s.collector}} {
			if p.cmd == nil || p.cmd.Process == nil {
				continue
			}
			_ = p.cmd.Process.Signal(syscall.SIGTERM)
			done := make(chan error, 1)
			go func() { done <- p.cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					errs = append(errs, fmt.Errorf("%s exited: %w", p.name, err))
				}
			case <-time.After(30 * time.Second):
				_ = p.cmd.Process.Kill()
				<-done
				errs = append(errs, fmt.Errorf("%s did not stop within 30s of SIGTERM", p.name))
			}
		}
		s.stopErr = errors.Join(errs...)
	})
	return s.stopErr
}

// Logs returns what both processes printed so far.
func (s *Stack) Logs() string { return s.logs.String() }

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// prefixed writes each line with a prefix, so interleaved logs stay legible.
func prefixed(w io.Writer, prefix string) io.Writer {
	return &prefixWriter{w: w, prefix: []byte(prefix), atStart: true}
}

type prefixWriter struct {
	mu      sync.Mutex
	w       io.Writer
	prefix  []byte
	atStart bool
}

func (p *prefixWriter) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out bytes.Buffer
	for _, c := range b {
		if p.atStart {
			out.Write(p.prefix)
			p.atStart = false
		}
		out.WriteByte(c)
		if c == '\n' {
			p.atStart = true
		}
	}
	if _, err := p.w.Write(out.Bytes()); err != nil {
		return 0, err
	}
	return len(b), nil
}
