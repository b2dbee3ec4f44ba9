package harness

import "strings"

// ParseStats reads the key=value pairs of the "stats " line that
// `collector inventory --stats` writes to stderr; empty when there is none.
func ParseStats(stderr string) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(stderr, "\n") {
		rest, ok := strings.CutPrefix(line, "stats ")
		if !ok {
			continue
		}
		for _, kv := range strings.Fields(rest) {
			k, v, _ := strings.Cut(kv, "=")
			out[k] = v
		}
	}
	return out
}
