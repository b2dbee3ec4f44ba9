package api

import (
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
)

// historyLength is how many analyses getRepository returns in history.
const historyLength = 20

// Repository is a repository that has been submitted, with its latest
// analysis.
type Repository struct {
	ID             int64     `json:"id" doc:"Identifier of the repository." example:"7"`
	URL            string    `json:"url" doc:"Canonical URL of the repository." example:"https://github.com/owner/repo"`
	CreatedAt      time.Time `json:"created_at" doc:"When the repository was first submitted."`
	LatestAnalysis *Analysis `json:"latest_analysis,omitempty" doc:"The most recently submitted analysis of the repository, in whatever status."`
}

// RepositoryDetail is a repository with its recent analyses.
type RepositoryDetail struct {
	Repository
	History []*Analysis `json:"history" doc:"The last 20 analyses of the repository, newest first (the first is latest_analysis). Older ones: listAnalyses with repository_url."`
}

// registerRepositories registers every operation of the repositories
// resource.
func registerRepositories(a huma.API, d Deps) {
	huma.Register(a, huma.Operation{
		OperationID: "listRepositories",
		Method:      http.MethodGet,
		Path:        "/v1/repositories",
		Summary:     "List repositories",
		Description: "Pages through the submitted repositories, the one with the newest analysis first, each with that analysis. " +
			"Follow next_cursor (or the Link rel=next header) until it is absent.",
		Tags:   []string{tagRepositories},
		Errors: []int{http.StatusUnprocessableEntity, http.StatusServiceUnavailable},
	}, d.listRepositories)

	huma.Register(a, huma.Operation{
		OperationID: "getRepository",
		Method:      http.MethodGet,
		Path:        "/v1/repositories/{id}",
		Summary:     "Get a repository",
		Description: "Returns a repository with its latest analysis and the history of its last 20 analyses.",
		Tags:        []string{tagRepositories},
		Errors:      errsRead,
	}, d.getRepository)
}
