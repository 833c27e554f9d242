// Package words puts values into the words of the messages of magicbelljwt and its
// command: durations as people write them, and the types of JSON values.
package words

import (
	"strconv"
	"time"
)

// Duration formats d, rounded to the second, in days, hours, minutes and seconds with
// the units that are zero left out: "365d", "1d", "2h30m", "1m5s". A negative d is
// formatted as its magnitude. A d that is not zero never formats as "0s", so that a
// token that expired a moment ago does not read "expired 0s ago".
func Duration(d time.Duration) string {
	var t time.Time
	return Between(t, t.Add(d))
}

// Between formats the time from a to b as Duration does, for any two times, however
// far apart: a time.Duration holds only about 292 years.
func Between(a, b time.Time) string {
	if b.Before(a) {
		a, b = b, a
	}
	s, rest := b.Unix()-a.Unix(), time.Duration(b.Nanosecond()-a.Nanosecond())
	if rest < 0 {
		s, rest = s-1, rest+time.Second
	}
	return seconds(s, rest)
}

// seconds formats s whole seconds and rest, less than one more, rounded.
func seconds(s int64, rest time.Duration) string {
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
