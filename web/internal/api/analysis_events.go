package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
)

// Event stream timing.
const (
	// eventsTimeout bounds one stream; the client reconnects with
	// Last-Event-ID after it.
	eventsTimeout = time.Hour
	// eventsPoll is how often a stream reads the analysis for changes.
	eventsPoll = 250 * time.Millisecond
	// eventsPing is how often an idle stream sends a comment, so that
	// proxies and load balancers do not close it.
	eventsPing = 15 * time.Second
	// eventsWriteTimeout bounds each write: a client that does not read
	// for this long is dropped.
	eventsWriteTimeout = 30 * time.Second
	// eventAnalysis is the event name of every message.
	eventAnalysis = "analysis"
)

// AnalysisEventsInput is the input of getAnalysisEvents.
type AnalysisEventsInput struct {
	AnalysisIDInput
	LastEventID string `header:"Last-Event-ID" maxLength:"19" pattern:"^[0-9]+$" doc:"The id of the last event received, when reconnecting: the current state is sent only if it is newer."`
}

func registerAnalysisEvents(a huma.API, d Deps) {
	analysis := a.OpenAPI().Components.Schemas.Schema(reflect.TypeFor[Analysis](), true, "Analysis")
	huma.Register(a, huma.Operation{
		OperationID: "getAnalysisEvents",
		Method:      http.MethodGet,
		Path:        "/v1/analyses/{id}/events",
		Summary:     "Follow an analysis as Server-Sent Events",
		Description: "A text/event-stream of `analysis` events whose data is the Analysis and whose id is its revision: the current state at once, then every change, " +
			"and the stream ends after the event of a terminal state. Reconnect with Last-Event-ID to resume; a comment line is sent every 15 s while nothing changes. " +
			"One stream lasts at most an hour.",
		Tags:     []string{tagAnalyses},
		Errors:   errsRead,
		Metadata: map[string]any{metaTimeout: eventsTimeout},
		Responses: map[string]*huma.Response{"200": {
			Description: "Server-Sent Events, each `id: <revision>`, `event: analysis`, `data: <Analysis JSON>`.",
			Content: map[string]*huma.MediaType{"text/event-stream": {Schema: &huma.Schema{
				Type:        huma.TypeArray,
				Description: "The stream, as a list of the messages it carries (serialised as UTF-8 text per the SSE specification).",
				Items: &huma.Schema{
					Type:     huma.TypeObject,
					Required: []string{"id", "event", "data"},
					Properties: map[string]*huma.Schema{
						"id":    {Type: huma.TypeInteger, Description: "The analysis revision."},
						"event": {Type: huma.TypeString, Enum: []any{eventAnalysis}, Description: "The event name."},
						"data":  analysis,
					},
				},
			}}},
		}},
	}, d.getAnalysisEvents)
}

// getAnalysisEvents answers 404 (or 503) before the stream starts; then it
// streams by polling the row, which every writer bumps the revision of.
func (d Deps) getAnalysisEvents(ctx context.Context, in *AnalysisEventsInput) (*huma.StreamResponse, error) {
	last := int64(-1)
	if in.LastEventID != "" {
		var err error
		if last, err = strconv.ParseInt(in.LastEventID, 10, 64); err != nil {
			return nil, validationError(&huma.ErrorDetail{Location: "header.Last-Event-ID", Message: "not an event id", Value: in.LastEventID})
		}
	}
	a, err := d.findAnalysis(ctx, d.Pool, in.ID, "events: read analysis")
	if err != nil {
		return nil, err
	}
	return &huma.StreamResponse{Body: func(hctx huma.Context) {
		_, w := humago.Unwrap(hctx)
		s := &eventStream{w: hctx.BodyWriter(), rc: http.NewResponseController(w)}
		hctx.SetHeader("Content-Type", "text/event-stream")
		hctx.SetHeader("Cache-Control", "no-cache")
		hctx.SetHeader("X-Accel-Buffering", "no") // nginx: do not buffer the stream
		hctx.SetStatus(http.StatusOK)
		if err := d.streamEvents(hctx.Context(), s, in.ID, a, last); err != nil {
			d.Log.InfoContext(ctx, "event stream ended", "analysis_id", in.ID, "err", err)
		}
	}}, nil
}

// streamEvents sends a when it is newer than last, then every newer state
// of the analysis, until a terminal state has been sent (or was already
// known to the client), ctx ends, the server shuts down or a write fails.
func (d Deps) streamEvents(ctx context.Context, s *eventStream, id int64, a *Analysis, last int64) error {
	// The request's write deadline was for an ordinary response; each
	// write below gets its own.
	_ = s.rc.SetWriteDeadline(time.Time{})
	if err := s.flush(); err != nil { // the headers, even when nothing is newer
		return err
	}
	poll := time.NewTicker(eventsPoll)
	defer poll.Stop()
	ping := time.NewTicker(eventsPing)
	defer ping.Stop()
	var sent *Analysis
	for {
		// An older collector does not bump revision (docs/releasing.md):
		// a state that differs from the one sent is news too.
		if a.Revision > last || (sent != nil && stateChanged(sent, a)) {
			if err := s.send(a); err != nil {
				return err
			}
			last, sent = a.Revision, a
			ping.Reset(eventsPing)
		}
		if sent == nil {
			sent = a // the state the resuming client already has
		}
		if a.Status.Terminal() {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-d.Done:
			return fmt.Errorf("server shutting down")
		case <-ping.C:
			if err := s.comment("ping"); err != nil {
				return err
			}
		case <-poll.C:
			next, err := loadAnalysis(ctx, d.Pool, id)
			if err != nil {
				// The client reconnects with Last-Event-ID.
				return fmt.Errorf("read analysis: %w", err)
			}
			a = next
		}
	}
}

// eventStream writes Server-Sent Events, each flushed at once and within its
// own write deadline.
type eventStream struct {
	w  io.Writer
	rc *http.ResponseController
}

func (s *eventStream) send(a *Analysis) error {
	data, err := json.Marshal(a)
	if err != nil {
		return err
	}
	return s.write(fmt.Appendf(nil, "id: %d\nevent: %s\ndata: %s\n\n", a.Revision, eventAnalysis, data))
}

func (s *eventStream) comment(text string) error {
	return s.write([]byte(": " + text + "\n\n"))
}

func (s *eventStream) write(p []byte) error {
	_ = s.rc.SetWriteDeadline(time.Now().Add(eventsWriteTimeout))
	if _, err := s.w.Write(p); err != nil {
		return err
	}
	return s.flush()
}

func (s *eventStream) flush() error {
	_ = s.rc.SetWriteDeadline(time.Now().Add(eventsWriteTimeout))
	return s.rc.Flush()
}

// stateChanged reports whether b shows a client anything a did not.
func stateChanged(a, b *Analysis) bool {
	return a.Status != b.Status || a.Progress != b.Progress || a.CommitSHA != b.CommitSHA ||
		a.FailureReason != b.FailureReason || a.Attempts != b.Attempts
}
