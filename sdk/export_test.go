package testlens

import "time"

// SetWatchTiming shortens Watch's polling and reconnection intervals and its
// stream silence limit, for tests.
func SetWatchTiming(c *Client, pollMin, pollMax, idle time.Duration) {
	c.pollMin, c.pollMax, c.streamIdle = pollMin, pollMax, idle
}
