package humantime

import (
	"math"
	"testing"
	"time"
)

func TestDuration(t *testing.T) {
	const day = 24 * time.Hour
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{time.Nanosecond, "1s"},
		{400 * time.Millisecond, "1s"},
		{-400 * time.Millisecond, "1s"},
		{1499 * time.Millisecond, "1s"},
		{1500 * time.Millisecond, "2s"},
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
		{math.MaxInt64, "106751d23h47m17s"},
		{math.MinInt64 + 1, "106751d23h47m17s"},
	} {
		if got := Duration(tt.d); got != tt.want {
			t.Errorf("Duration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}
