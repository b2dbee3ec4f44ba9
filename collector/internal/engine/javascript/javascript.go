// Package javascript is the engine's front end for its language family. It is
// being built (issue 3); until then it accepts no file, so the engine's
// output is exactly as before.
package javascript

import (
	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/contracts/inventory"
)

// Extractor is the front end. Its zero value is ready.
type Extractor struct{}

// Language returns the language of the files it reports.
func (Extractor) Language() inventory.Language { return "" }

// Candidate accepts nothing yet.
func (Extractor) Candidate(string) bool { return false }

// Extract is never called while Candidate accepts nothing.
func (Extractor) Extract(*frontend.Source) (inventory.File, bool, error) {
	return inventory.File{}, false, nil
}
