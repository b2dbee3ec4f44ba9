package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/testlens/testlens/sdk"
)

// printAnalysis prints an analysis as aligned fields, and its summary per
// framework once completed.
func printAnalysis(w io.Writer, a *testlens.Analysis) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(tw, "%s\t%s\n", name, value)
		}
	}
	field("analysis", fmt.Sprintf("%d", a.ID))
	field("status", string(a.Status))
	field("repository", a.RepositoryURL)
	field("ref", a.Ref)
	field("commit", a.CommitSHA)
	field("engine", a.EngineVersion)
	field("reason", a.FailureReason)
	field("created", stamp(a.CreatedAt))
	field("finished", stamp(a.FinishedAt))
	if !a.FinishedAt.IsZero() && !a.StartedAt.IsZero() {
		field("took", a.FinishedAt.Sub(a.StartedAt).Round(10*time.Millisecond).String())
	}
	field("progress", fmt.Sprintf("files %d/%d, tests %d", a.Progress.FilesDone, a.Progress.FilesTotal, a.Progress.TestsFound))
	tw.Flush()
	s := a.Summary
	if s == nil {
		return
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FRAMEWORK\tFILES\tTESTS\tCASES\tSKIPPED\tTODO\tFOCUSED\tXFAIL")
	for _, f := range s.Frameworks {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", f.Framework, f.Files, f.Tests, f.Cases, f.Skipped, f.Todo, f.Focused, f.Xfail)
	}
	fmt.Fprintf(tw, "total\t%d\t%d\t%d\t\t\t\t\n", s.Files, s.Tests, s.Cases)
	tw.Flush()
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2006-01-02 15:04:05")
}

// progress shows an analysis while it runs: a bar redrawn in place on a
// terminal, one line per change otherwise (logs, pipes, CI).
type progress struct {
	w        io.Writer
	terminal bool
	drawn    bool
	start    time.Time
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, terminal: isTerminal(w), start: time.Now()}
}

// isTerminal reports whether w is a character device (a terminal) that
// understands carriage returns and erasing a line.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

func (p *progress) show(a *testlens.Analysis) {
	pr := a.Progress
	if !p.terminal {
		fmt.Fprintf(p.w, "%6.1fs  %-9s files %d/%d, tests %d\n", time.Since(p.start).Seconds(), a.Status, pr.FilesDone, pr.FilesTotal, pr.TestsFound)
		return
	}
	const width = 30
	filled := 0
	if pr.FilesTotal > 0 {
		filled = min(width*pr.FilesDone/pr.FilesTotal, width)
	}
	if a.Status == testlens.StatusCompleted {
		filled = width
	}
	fmt.Fprintf(p.w, "\r\033[K%-9s [%s%s] %d/%d files, %d tests  %.1fs", a.Status,
		strings.Repeat("#", filled), strings.Repeat("-", width-filled), pr.FilesDone, pr.FilesTotal, pr.TestsFound, time.Since(p.start).Seconds())
	p.drawn = true
}

// done ends the bar's line; it may be called more than once.
func (p *progress) done() {
	if p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}
