// Package humantime formats durations as people write them, for the messages of
// magicbelljwt and its command.
package humantime

import (
	"strconv"
	"time"
)

// Duration formats d, rounded to the second, in days, hours, minutes and seconds with
// the units that are zero left out: "365d", "1d", "2h30m", "1m5s". A negative d is
// formatted as its magnitude. A d that is not zero never formats as "0s", so that a
// token that expired a moment ago does not read "expired 0s ago".
func Duration(d time.Duration) string {
	// Whole seconds and the rest, each made positive; -d itself would overflow for
	// the most negative Duration.
	s, rest := int64(d/time.Second), d%time.Second
	if d < 0 {
		s, rest = -s, -rest
	}
	if rest >= time.Second/2 || (s == 0 && rest > 0) {
		s++
	}
	if s == 0 {
		return "0s"
	}
	var b []byte
	for _, u := range []struct {
		secs int64
		name byte
	}{{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}} {
		if n := s / u.secs; n > 0 {
			b = append(strconv.AppendInt(b, n, 10), u.name)
			s -= n * u.secs
		}
	}
	return string(b)
}
