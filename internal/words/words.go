// Package words puts values into the words of the messages of magicbelljwt and its
// command: durations as people write them, and the types of JSON values.
package words

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Duration formats d exactly, as Between does, whatever its sign: "365d", "2h30m",
// "1m5s", "0s", "0.25s".
func Duration(d time.Duration) string {
	var t time.Time
	return Between(t, t.Add(d))
}

// Between formats the time from a to b exactly, for any two times, however far apart
// (a time.Duration holds only about 292 years): whole seconds in days, hours, minutes
// and seconds, with the units that are zero left out ("365d", "1d", "2h30m", "1m5s",
// "0s"), and a time with a fraction of a second in seconds ("60.25s"), so that words
// never round a time across a limit.
func Between(a, b time.Time) string {
	if b.Before(a) {
		a, b = b, a
	}
	s, ns := b.Unix()-a.Unix(), b.Nanosecond()-a.Nanosecond()
	if ns < 0 {
		s, ns = s-1, ns+1e9
	}
	if ns != 0 {
		return strconv.FormatInt(s, 10) + strings.TrimRight(fmt.Sprintf(".%09d", ns), "0") + "s"
	}
	if s == 0 {
		return "0s"
	}
	var out []byte
	for _, u := range []struct {
		secs int64
		name byte
	}{{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}} {
		if n := s / u.secs; n > 0 {
			out = append(strconv.AppendInt(out, n, 10), u.name)
			s -= n * u.secs
		}
	}
	return string(out)
}

// JSONType names the JSON type of a value that encoding/json decoded into an any:
// "a string", "a number", "a boolean", "an array", "an object" or "null".
func JSONType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return "null"
}

// Count formats n with a comma between groups of three digits: "4,000".
func Count(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
