package usertoken

import (
	"encoding/json"
	"math"
	"testing"
	"time"
)

func TestBetween_Durations(t *testing.T) {
	const day = 24 * time.Hour
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{time.Nanosecond, "0.000000001s"},
		{400 * time.Millisecond, "0.4s"},
		{-400 * time.Millisecond, "0.4s"},
		{1499 * time.Millisecond, "1.499s"},
		{60250 * time.Millisecond, "60.25s"},
		{-60250 * time.Millisecond, "60.25s"},
		{59 * time.Second, "59s"},
		{time.Minute, "1m"},
		{65 * time.Second, "1m5s"},
		{time.Hour, "1h"},
		{2*time.Hour + 30*time.Minute, "2h30m"},
		{day, "1d"},
		{day + time.Second, "1d1s"},
		{365 * day, "365d"},
		{365*day - time.Second, "364d23h59m59s"},
		{-3 * time.Hour, "3h"},
		{math.MaxInt64 / time.Second * time.Second, "106751d23h47m16s"},
		{math.MaxInt64, "9223372036.854775807s"},
		{math.MinInt64 + 1, "9223372036.854775807s"},
		{math.MinInt64, "9223372036.854775808s"},
	} {
		if got := Between(time.Time{}, time.Time{}.Add(tt.d)); got != tt.want {
			t.Errorf("Between a duration of %v = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestBetween(t *testing.T) {
	y2026 := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	y9999 := time.Unix(253402300799, 0)
	for _, tt := range []struct {
		a, b time.Time
		want string
	}{
		{y2026, y2026, "0s"},
		{y2026, y2026.Add(time.Nanosecond), "0.000000001s"},
		{y2026.Add(time.Nanosecond), y2026, "0.000000001s"},
		{y2026.Add(900 * time.Millisecond), y2026.Add(2 * time.Second), "1.1s"},
		{y2026.Add(400 * time.Millisecond), y2026.Add(2 * time.Second), "1.6s"},
		{y2026.Add(999 * time.Millisecond), y2026.Add(1000 * time.Millisecond), "0.001s"},
		{y2026, y2026.Add(365 * 24 * time.Hour), "365d"},
		{y2026.Add(-24 * time.Hour), y2026, "1d"},
		// Computed apart: (253402300799 - 1795435200) s and 253402300799 s in d, h, m, s.
		{y2026, y9999, "2912116d11h59m59s"},
		{y9999, time.Unix(0, 0), "2932896d23h59m59s"},
	} {
		if got := Between(tt.a, tt.b); got != tt.want {
			t.Errorf("Between(%v, %v) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestJsonType(t *testing.T) {
	for in, want := range map[string]string{`"x"`: "a string", `1.5`: "a number", `true`: "a boolean", `[]`: "an array", `{}`: "an object", `null`: "null"} {
		var v any
		if err := json.Unmarshal([]byte(in), &v); err != nil {
			t.Fatal(err)
		}
		if got := jsonType(v); got != want {
			t.Errorf("jsonType(%s) = %q, want %q", in, got, want)
		}
	}
}
