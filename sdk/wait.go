package testlens

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/testlens/testlens/sdk/internal/gen"
)

// Wait waits until the analysis id reaches a terminal status (completed,
// failed or cancelled) and returns it, following it as Watch does. A failed
// or cancelled analysis is no error: check its Status and FailureReason.
// When ctx ends first, or the analysis cannot be read, Wait returns the
// error together with the last state it saw (nil if none).
func (c *Client) Wait(ctx context.Context, id int64) (*Analysis, error) {
	var last *Analysis
	for a, err := range c.Watch(ctx, id) {
		if err != nil {
			if last != nil {
				return last, fmt.Errorf("testlens: analysis %d still %s: %w", id, last.Status, err)
			}
			return nil, err
		}
		last = a
	}
	return last, nil
}

// Watch follows the analysis id until it reaches a terminal status: it
// yields its current state, then each change of status or progress, the
// last one terminal, and then stops. It stops early at the first error
// (ctx done, or an *APIError such as a 404), which it yields with a nil
// analysis.
//
// Watch listens to the server's event stream (getAnalysisEvents) and
// reconnects with Last-Event-ID when the stream breaks, so no change is
// missed; where the stream is unavailable (an older server, a proxy that
// does not pass it through), it polls GetAnalysis instead, every 250ms
// while the analysis changes and up to every 5s while it does not.
func (c *Client) Watch(ctx context.Context, id int64) iter.Seq2[*Analysis, error] {
	return func(yield func(*Analysis, error) bool) {
		w := &watch{c: c, id: id, yield: yield}
		w.run(ctx)
	}
}

// Tuning of Watch's event stream.
const (
	// streamIdle is how long a stream may stay silent before Watch drops it
	// and reconnects: the server sends a comment every 15 seconds.
	streamIdle = 45 * time.Second
	// streamFailures is how many streams in a row may end or fail before
	// their first event before Watch polls instead.
	streamFailures = 3
)

// watch is the state of one Watch.
type watch struct {
	c     *Client
	id    int64
	yield func(*Analysis, error) bool
	// last is the last state yielded; lastEventID the id of the last event.
	last        *Analysis
	lastEventID string
	// done is set once Watch must stop: terminal state or the consumer left.
	done bool
}

func (w *watch) run(ctx context.Context) {
	failures := 0
	for !w.done {
		events, err := w.stream(ctx)
		if w.done {
			return
		}
		// A stream that ends without an event counts as failed too.
		if events > 0 {
			failures = 0
		} else {
			failures++
		}
		var apiErr *APIError
		switch {
		case ctx.Err() != nil:
			w.yield(nil, ctx.Err())
			return
		case errors.Is(err, errNoEventStream), failures >= streamFailures:
			w.c.logf(ctx, "testlens: no event stream, polling instead", "analysis_id", w.id, "err", err)
			w.poll(ctx)
			return
		case errors.As(err, &apiErr):
			switch apiErr.Status {
			case http.StatusNotFound, http.StatusMethodNotAllowed, http.StatusNotAcceptable, http.StatusNotImplemented:
				// No stream here (or no analysis: polling tells which).
				w.poll(ctx)
				return
			}
			if apiErr.Status < 500 {
				w.yield(nil, err)
				return
			}
		}
		// The stream ended or broke before a terminal state: reconnect,
		// resuming after the last event.
		if err := sleep(ctx, min(w.c.pollMin<<failures, w.c.pollMax)); err != nil {
			w.yield(nil, err)
			return
		}
	}
}

// emit yields a when it differs from the last state yielded, and sets done
// when a is terminal or the consumer stopped.
func (w *watch) emit(a *Analysis) (changed bool) {
	if l := w.last; l != nil && (a.Revision < l.Revision ||
		a.Revision == l.Revision && a.Status == l.Status && a.Progress == l.Progress) {
		return false
	}
	w.last = a
	if !w.yield(a, nil) || a.Status.Terminal() {
		w.done = true
	}
	return true
}

// poll follows the analysis by reading it, faster while it changes.
func (w *watch) poll(ctx context.Context) {
	interval := w.c.pollMin
	for {
		a, err := w.c.GetAnalysis(ctx, w.id)
		if err != nil {
			w.yield(nil, err)
			return
		}
		if w.emit(a) {
			interval = w.c.pollMin
		} else {
			interval = min(interval*2, w.c.pollMax)
		}
		if w.done {
			return
		}
		if err := sleep(ctx, interval); err != nil {
			w.yield(nil, err)
			return
		}
	}
}

// errNoEventStream is a 2xx answer to getAnalysisEvents that is not an
// event stream.
var errNoEventStream = errors.New("the answer is not a text/event-stream")

// stream reads one connection of the event stream, emitting each analysis
// event, and returns how many events it read. It returns when the stream
// ends (nil error), breaks, or w.done is set.
func (w *watch) stream(ctx context.Context) (events int, err error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var params gen.GetAnalysisEventsParams
	params.LastEventID = optional(w.lastEventID)
	resp, err := w.c.api.GetAnalysisEvents(ctx, w.id, &params, func(_ context.Context, req *http.Request) error {
		req.Header.Set("Accept", "text/event-stream")
		return nil
	})
	if err != nil {
		return 0, err
	}
	if err := checkResponse(resp); err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt != "text/event-stream" {
		return 0, errNoEventStream
	}

	errIdle := fmt.Errorf("the event stream was silent for %s", w.c.streamIdle)
	idle := time.AfterFunc(w.c.streamIdle, func() { cancel(errIdle) })
	defer idle.Stop()

	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 0, 64<<10), 8<<20)
	var event, data, id string
	for sc.Scan() {
		idle.Reset(w.c.streamIdle)
		line := sc.Text()
		if line == "" { // the end of an event: dispatch it
			if data != "" && (event == "analysis" || event == "") {
				var g gen.Analysis
				if err := json.Unmarshal([]byte(data), &g); err != nil {
					return events, fmt.Errorf("testlens: event of analysis %d: %w", w.id, err)
				}
				events++
				if id != "" {
					w.lastEventID = id
				}
				a := newAnalysis(&g)
				if w.emit(&a); w.done {
					return events, nil
				}
			}
			event, data = "", ""
			continue
		}
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch field {
		case "event":
			event = value
		case "data":
			if data != "" {
				data += "\n"
			}
			data += value
		case "id":
			id = value
		}
		// Comments (":ping") and "retry" need nothing.
	}
	if cause := context.Cause(ctx); cause != nil {
		return events, cause
	}
	return events, sc.Err()
}

// sleep waits for d or until ctx is done, whichever is first.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// logf logs at info level when the client has a logger.
func (c *Client) logf(ctx context.Context, msg string, args ...any) {
	if c.log != nil {
		c.log.InfoContext(ctx, msg, args...)
	}
}
