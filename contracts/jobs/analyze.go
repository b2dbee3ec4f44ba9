// Package jobs defines the River job arguments that web enqueues and the
// collector works: the contract between two services released on their own
// schedules.
//
// Every args type carries an explicit version. Rules for changing them:
//   - a new optional field is added to the current version (old collectors
//     ignore it, new collectors see its zero value in old jobs);
//   - anything else (renaming, retyping, changing meaning) is a new version,
//     and the collector keeps decoding every version a supported web release
//     may still enqueue;
//   - a golden fixture of each released version lives in testdata/ and must
//     decode forever.
package jobs

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/riverqueue/river"
)

// QueueAnalysis is the River queue of repository analyses. Only collectors
// work it.
const QueueAnalysis = "analysis"

// KindAnalyzeRepository is the River kind of AnalyzeRepositoryArgs, stable
// across versions.
const KindAnalyzeRepository = "analyze_repository"

// AnalyzeRepositoryVersion is the version web enqueues today.
const AnalyzeRepositoryVersion = 1

// AnalyzeRepositoryMaxAttempts bounds retries of transient failures (network,
// database). With River's attempt⁴ backoff the last retry starts about six
// minutes after the first failure, long enough to ride out a restart of a
// dependency, short enough that a client waiting on the analysis gets an answer.
const AnalyzeRepositoryMaxAttempts = 5

// AnalyzeRepositoryTimeout is the hard limit of one attempt: clone, parse and
// store. The collector's worker returns it from Timeout(); River's default of
// one minute is far too short for a clone. Exceeding it fails the analysis
// (a limit, not retried).
const AnalyzeRepositoryTimeout = 15 * time.Minute

// AnalyzeRepositoryArgs asks a collector to inventory one repository at one
// ref and to store the result under an existing analysis row.
type AnalyzeRepositoryArgs struct {
	// Version is the args version; see AnalyzeRepositoryVersion.
	Version int `json:"version"`
	// AnalysisID is the analyses row the result belongs to. It is the only
	// field that counts for uniqueness: one analysis, one live job.
	AnalysisID int64 `json:"analysis_id" river:"unique"`
	// RepositoryURL is the URL the client submitted, already accepted by the
	// repository URL policy (package repourl).
	RepositoryURL string `json:"repository_url"`
	// Ref is the branch, tag or commit to analyze; empty means the remote's
	// default branch.
	Ref string `json:"ref,omitempty"`
}

// NewAnalyzeRepositoryArgs returns args of the current version.
func NewAnalyzeRepositoryArgs(analysisID int64, repositoryURL, ref string) AnalyzeRepositoryArgs {
	return AnalyzeRepositoryArgs{
		Version:       AnalyzeRepositoryVersion,
		AnalysisID:    analysisID,
		RepositoryURL: repositoryURL,
		Ref:           ref,
	}
}

// Kind implements river.JobArgs.
func (AnalyzeRepositoryArgs) Kind() string { return KindAnalyzeRepository }

// InsertOpts implements river.JobArgsWithInsertOpts. Uniqueness by the
// analysis id (the river:"unique" tag) makes a replayed enqueue of the same
// analysis a no-op rather than a second run.
func (AnalyzeRepositoryArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{
		Queue:       QueueAnalysis,
		MaxAttempts: AnalyzeRepositoryMaxAttempts,
		UniqueOpts:  river.UniqueOpts{ByArgs: true},
	}
}

// UnmarshalJSON decodes every supported version into the current shape and
// refuses versions this build does not know, so that a job from a newer web
// fails loudly instead of being worked with missing fields.
func (a *AnalyzeRepositoryArgs) UnmarshalJSON(data []byte) error {
	type plain AnalyzeRepositoryArgs
	var p plain
	if err := json.Unmarshal(data, &p); err != nil {
		return err
	}
	switch p.Version {
	case 1:
		// v1 is the current shape.
	default:
		return fmt.Errorf("analyze_repository args: unsupported version %d (this build handles 1..%d)", p.Version, AnalyzeRepositoryVersion)
	}
	if p.AnalysisID <= 0 {
		return fmt.Errorf("analyze_repository args: analysis_id must be positive, got %d", p.AnalysisID)
	}
	if p.RepositoryURL == "" {
		return fmt.Errorf("analyze_repository args: repository_url is empty")
	}
	*a = AnalyzeRepositoryArgs(p)
	return nil
}

// All returns one value of every args type web may enqueue, so that the
// collector can prove it registered a worker for each kind.
func All() []river.JobArgs {
	return []river.JobArgs{NewAnalyzeRepositoryArgs(1, "https://example.com/o/r", "")}
}
