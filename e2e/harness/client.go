package harness

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/testlens/testlens/contracts/inventory"
)

// Client speaks the HTTP API the way a third party would: plain JSON over
// HTTP, no code shared with web.
type Client struct {
	BaseURL string
	HTTP    *http.Client
}

// Analysis is the API's analysis resource.
type Analysis struct {
	ID            int64                    `json:"id"`
	RepositoryURL string                   `json:"repository_url"`
	Ref           string                   `json:"ref"`
	Status        inventory.AnalysisStatus `json:"status"`
	CommitSHA     string                   `json:"commit_sha"`
	FailureReason string                   `json:"failure_reason"`
	EngineVersion string                   `json:"engine_version"`
	Attempts      int                      `json:"attempts"`
	CreatedAt     time.Time                `json:"created_at"`
	StartedAt     *time.Time               `json:"started_at"`
	FinishedAt    *time.Time               `json:"finished_at"`
	Progress      struct {
		FilesTotal int `json:"files_total"`
		FilesDone  int `json:"files_done"`
		TestsFound int `json:"tests_found"`
	} `json:"progress"`
	Summary *inventory.Summary `json:"summary"`
}

// Test is one item of GET /v1/analyses/{id}/tests.
type Test struct {
	ID        int64                `json:"id"`
	Path      string               `json:"path"`
	Framework inventory.Framework  `json:"framework"`
	SuitePath []string             `json:"suite_path"`
	Name      string               `json:"name"`
	Line      int                  `json:"line"`
	Status    inventory.TestStatus `json:"status"`
	Kind      inventory.TestKind   `json:"kind"`
}

// Problem is an RFC 9457 problem+json body.
type Problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Errors []struct {
		Location string `json:"location"`
		Message  string `json:"message"`
	} `json:"errors"`
}

// HTTPError is a non-2xx answer.
type HTTPError struct {
	Status      int
	ContentType string
	Problem     Problem
	Body        string
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("HTTP %d: %s", e.Status, e.Body)
}

func (c *Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: 30 * time.Second}
}

// Do sends a request and decodes a 2xx JSON answer into out (when non-nil).
// It returns the response headers, or an *HTTPError.
func (c *Client) Do(ctx context.Context, method, path string, body, out any) (http.Header, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, rd)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http().Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		he := &HTTPError{Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Body: string(data)}
		_ = json.Unmarshal(data, &he.Problem)
		return resp.Header, he
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return resp.Header, fmt.Errorf("decode %s %s: %w: %s", method, path, err, data)
		}
	}
	return resp.Header, nil
}

// Submit posts a repository for analysis.
func (c *Client) Submit(ctx context.Context, repositoryURL, ref string) (Analysis, http.Header, error) {
	body := map[string]string{"repository_url": repositoryURL}
	if ref != "" {
		body["ref"] = ref
	}
	var a Analysis
	h, err := c.Do(ctx, http.MethodPost, "/v1/analyses", body, &a)
	return a, h, err
}

// Get reads one analysis.
func (c *Client) Get(ctx context.Context, id int64) (Analysis, error) {
	var a Analysis
	_, err := c.Do(ctx, http.MethodGet, "/v1/analyses/"+strconv.FormatInt(id, 10), nil, &a)
	return a, err
}

// Wait polls until the analysis is terminal, calling onChange whenever its
// status or progress changes.
func (c *Client) Wait(ctx context.Context, id int64, onChange func(Analysis)) (Analysis, error) {
	var last Analysis
	for {
		a, err := c.Get(ctx, id)
		if err != nil {
			return a, err
		}
		if onChange != nil && (a.Status != last.Status || a.Progress != last.Progress) {
			onChange(a)
		}
		last = a
		if a.Status.Terminal() {
			return a, nil
		}
		select {
		case <-ctx.Done():
			return a, fmt.Errorf("analysis %d still %s: %w", id, a.Status, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Tests reads every test of an analysis, following next_cursor with pages
// of the given size.
func (c *Client) Tests(ctx context.Context, id int64, limit int) ([]Test, int, error) {
	var (
		all    []Test
		cursor string
		pages  int
	)
	for {
		q := url.Values{"limit": {strconv.Itoa(limit)}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		var page struct {
			Items      []Test `json:"items"`
			NextCursor string `json:"next_cursor"`
		}
		if _, err := c.Do(ctx, http.MethodGet, fmt.Sprintf("/v1/analyses/%d/tests?%s", id, q.Encode()), nil, &page); err != nil {
			return nil, pages, err
		}
		pages++
		all = append(all, page.Items...)
		if page.NextCursor == "" {
			return all, pages, nil
		}
		cursor = page.NextCursor
	}
}

// Inventory reads the whole inventory document of a completed analysis.
func (c *Client) Inventory(ctx context.Context, id int64) (inventory.Document, error) {
	var doc inventory.Document
	_, err := c.Do(ctx, http.MethodGet, fmt.Sprintf("/v1/analyses/%d/inventory", id), nil, &doc)
	return doc, err
}
