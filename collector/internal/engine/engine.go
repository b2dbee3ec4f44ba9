// Package engine is the collector's analysis engine: it walks a checkout,
// hands every file that may hold tests to the front end of its language and
// turns what the front ends find into the files of a test inventory.
//
// Front ends live in one sub-package per language (golang/) behind the
// Extractor interface and are listed explicitly by Extractors, so that adding
// a language is one new folder and one line in the registry.
package engine

import (
	"runtime"
	"time"

	"github.com/testlens/testlens/collector/internal/engine/cpp"
	"github.com/testlens/testlens/collector/internal/engine/dart"
	"github.com/testlens/testlens/collector/internal/engine/dotnet"
	"github.com/testlens/testlens/collector/internal/engine/elixir"
	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/golang"
	"github.com/testlens/testlens/collector/internal/engine/javascript"
	"github.com/testlens/testlens/collector/internal/engine/jvm"
	"github.com/testlens/testlens/collector/internal/engine/php"
	"github.com/testlens/testlens/collector/internal/engine/python"
	"github.com/testlens/testlens/collector/internal/engine/ruby"
	"github.com/testlens/testlens/collector/internal/engine/rust"
	"github.com/testlens/testlens/collector/internal/engine/swift"
)

// Version identifies the extraction rules; it is stored with every analysis so
// that a completed analysis of the same commit is reused only when the rules
// have not changed since. Bump it whenever results may change.
const Version = "0.4.17"

// DefaultMaxFileBytes is the default of Config.MaxFileBytes.
const DefaultMaxFileBytes int64 = 2 << 20

// Config tunes one scan. The zero value is ready to use.
type Config struct {
	// Workers is how many files are read and parsed at once; it also bounds
	// how many parsed files wait in memory to be emitted in path order. Zero
	// or negative means the default. Defaults to runtime.GOMAXPROCS(0).
	Workers int

	// MaxFileBytes is the largest candidate file that is parsed. A larger
	// file is still reported, with a SkipReason and no tests, so that a
	// generated or hostile file can neither stall nor exhaust a collector.
	// Zero or negative means the default. Defaults to 2 MiB.
	MaxFileBytes int64

	// TimeLimit bounds the parsing of one scan. Once it has passed, every
	// candidate not yet parsed is still reported, with a SkipReason naming
	// the limit, so a huge repository yields a partial but honest inventory
	// instead of none. Zero means no limit. Defaults to no limit.
	TimeLimit time.Duration

	// Progress, when set, is called with how many candidates are finished
	// (reported or not) out of how many the walk found: once with done = 0
	// right after the walk, then after each candidate, from the goroutine
	// that calls emit. An error stops the scan.
	Progress func(done, total int) error
}

// WithDefaults returns a copy of c where every unset field holds its default.
func (c Config) WithDefaults() Config {
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.MaxFileBytes <= 0 {
		c.MaxFileBytes = DefaultMaxFileBytes
	}
	return c
}

// Extractor is one language front end; see frontend.Extractor.
type Extractor = frontend.Extractor

// FrameworkDefaulter names the framework of files an Extractor reports
// without parsing; see frontend.FrameworkDefaulter.
type FrameworkDefaulter = frontend.FrameworkDefaulter

// Extractors returns the registry: every front end, in the order in which
// they are offered a file (the first whose Candidate accepts it wins).
func Extractors() []Extractor {
	return []Extractor{
		golang.Extractor{},
		javascript.Extractor{},
		python.Extractor{},
		ruby.Extractor{},
		jvm.Extractor{},
		jvm.KotlinExtractor{},
		dotnet.Extractor{},
		php.Extractor{},
		rust.Extractor{},
		cpp.Extractor{},
		swift.Extractor{},
		elixir.Extractor{},
		dart.Extractor{},
	}
}

// Stats counts what one scan did.
type Stats struct {
	// FilesWalked counts the regular files seen outside skipped folders.
	FilesWalked int
	// Candidates counts the files some front end accepted as a candidate.
	Candidates int
	// FilesReported counts the files passed to emit.
	FilesReported int
	// Tests counts the tests of the reported files, expanded cases included.
	Tests int
	// Bytes counts the bytes of candidate files read.
	Bytes int64
	// UnreadableDirs counts the folders that could not be listed; their
	// files are unknown and so cannot be reported.
	UnreadableDirs int
}
