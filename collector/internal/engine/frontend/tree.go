package frontend

// Tree is the checkout a Source belongs to, for front ends whose tests depend
// on other files: a Python test class inherits test methods from a class
// that another module of the repository defines. A front end reads other
// files only through Summarize, which keeps per-file summaries (never file
// contents) for the rest of the scan, so a large repository is never held
// whole in memory. Implementations are safe for concurrent use.
type Tree interface {
	// Summarize returns summarize applied to the content of the file at
	// relPath (slash-separated, relative to the repository root), computing
	// it at most once per scan for each relPath and key: concurrent callers
	// wait for the first. summarize must not call Summarize. ok is false when
	// relPath is not a regular file of the checkout outside the folders the
	// walk skips, is over the per-file size limit, or cannot be read.
	Summarize(relPath, key string, summarize func(content []byte) any) (v any, ok bool)
	// Files lists, sorted, the names of the regular files directly in the
	// folder relDir ("." for the root) that the walk would see; ok is false
	// when relDir is not such a folder.
	Files(relDir string) (names []string, ok bool)
	// Folders lists, sorted, the names of the folders directly in relDir
	// that the walk would enter; ok is false when relDir is not such a
	// folder.
	Folders(relDir string) (names []string, ok bool)
}
