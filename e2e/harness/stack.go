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
	"strings"
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
		if err := BuildModule(ctx, root, b.module, b.out); err != nil {
			return Binaries{}, err
		}
	}
	return bins, nil
}

// BuildModule compiles root/<module>/cmd/<module> into out.
func BuildModule(ctx context.Context, root, module, out string) error {
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, "./cmd/"+module)
	cmd.Dir = filepath.Join(root, module)
	cmd.Env = GoEnv(root)
	if output, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("build %s: %v\n%s", module, err, output)
	}
	return nil
}

// GoEnv is this process's environment plus what a GOWORK=off build of the
// repository at root needs (scripts/goenv.sh): the released contracts
// versions come from the file-system proxy committed in third_party/goproxy,
// and the checksum database is not asked about the repository's modules.
// A root whose tree has no such proxy (an older commit) gets it unchanged.
func GoEnv(root string) []string {
	env := os.Environ()
	proxy := filepath.Join(root, "third_party", "goproxy")
	if _, err := os.Stat(proxy); err != nil {
		return env
	}
	upstream := os.Getenv("GOPROXY")
	if upstream == "" {
		upstream = "https://proxy.golang.org,direct"
	}
	nosum := "github.com/testlens/testlens"
	if v := os.Getenv("GONOSUMDB"); v != "" {
		nosum += "," + v
	}
	return append(env, "GOPROXY=file://"+filepath.ToSlash(proxy)+","+upstream, "GONOSUMDB="+nosum)
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

	opts           Options
	env            []string
	out            io.Writer
	web, collector *process
	logs           *lockedBuffer
	stopOnce       sync.Once
	stopErr        error

	lastCollectorPeakRSS int64
}

// process is one started binary; done closes when it has exited.
type process struct {
	name string
	cmd  *exec.Cmd
	done chan struct{}
	err  error
}

func (s *Stack) launch(name string, args []string, extraEnv ...string) (*process, error) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(append([]string{}, s.env...), extraEnv...)
	cmd.Stdout, cmd.Stderr = prefixed(s.out, name+"| "), prefixed(s.out, name+"| ")
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	p := &process{name: name, cmd: cmd, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// stop sends SIGTERM and waits up to timeout, then kills.
func (p *process) stop(timeout time.Duration) error {
	if p == nil {
		return nil
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
		if p.err != nil {
			return fmt.Errorf("%s exited: %w", p.name, p.err)
		}
		return nil
	case <-time.After(timeout):
		_ = p.cmd.Process.Kill()
		<-p.done
		return fmt.Errorf("%s did not stop within %s of SIGTERM", p.name, timeout)
	}
}

// Start launches collector and web, and returns once web answers /readyz.
func Start(ctx context.Context, opts Options) (*Stack, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	s := &Stack{URL: "http://127.0.0.1:" + strconv.Itoa(port), opts: opts, logs: &lockedBuffer{}}
	s.out = s.logs
	if opts.Logs != nil {
		s.out = io.MultiWriter(s.logs, opts.Logs)
	}
	s.env = append(os.Environ(), "DATABASE_URL="+opts.DatabaseURL)
	s.env = append(s.env, opts.Env...)

	if s.collector, err = s.launch("collector", []string{opts.Binaries.Collector, "run"}); err != nil {
		return nil, err
	}
	if s.web, err = s.launch("web", []string{opts.Binaries.Web}, "TESTLENS_ADDR=127.0.0.1:"+strconv.Itoa(port)); err != nil {
		s.Stop()
		return nil, err
	}
	if err := s.waitReady(ctx); err != nil {
		s.Stop()
		return nil, fmt.Errorf("%w\nlogs:\n%s", err, s.Logs())
	}
	if err := s.waitCollectorStarted(ctx); err != nil {
		s.Stop()
		return nil, fmt.Errorf("%w\nlogs:\n%s", err, s.Logs())
	}
	return s, nil
}

// waitCollectorStarted waits for the collector's "collector started" log
// line, so that a test never signals a collector that is still starting.
func (s *Stack) waitCollectorStarted(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for !strings.Contains(s.Logs(), `"msg":"collector started"`) {
		select {
		case <-ctx.Done():
			return errors.New("the collector did not log that it started")
		case <-s.collector.done:
			return fmt.Errorf("the collector exited while starting: %v", s.collector.err)
		case <-time.After(20 * time.Millisecond):
		}
	}
	return nil
}

// StopCollector sends SIGTERM to the collector alone and waits for it to
// exit, returning an error when it does not exit cleanly within timeout.
func (s *Stack) StopCollector(timeout time.Duration) error {
	err := s.collector.stop(timeout)
	if st := s.collector.cmd.ProcessState; st != nil {
		if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
			s.lastCollectorPeakRSS = ru.Maxrss * 1024
		}
	}
	s.collector = nil
	return err
}

// LastCollectorPeakRSS is the peak resident memory, in bytes, of the last
// collector stopped with StopCollector.
func (s *Stack) LastCollectorPeakRSS() int64 { return s.lastCollectorPeakRSS }

// StartCollector starts a (new) collector process, with extra environment.
func (s *Stack) StartCollector(extraEnv ...string) error {
	if s.collector != nil {
		return errors.New("a collector is already running")
	}
	p, err := s.launch("collector", []string{s.opts.Binaries.Collector, "run"}, extraEnv...)
	s.collector = p
	return err
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
		s.stopErr = errors.Join(s.web.stop(30*time.Second), s.collector.stop(30*time.Second))
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

// CommitAll makes dir a git repository whose main branch holds everything in
// it: the fixture repositories tests and benchmarks analyse.
func CommitAll(dir string) error {
	for _, args := range [][]string{
		{"init", "-q", "-b", "main"},
		{"add", "."},
		{"-c", "user.name=testlens", "-c", "user.email=testlens@example.com", "commit", "-q", "-m", "fixture"},
	} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("git %v: %v: %s", args, err, out)
		}
	}
	return nil
}
