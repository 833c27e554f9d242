package compact

import "testing"

func TestHexEscape(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want rune
		ok   bool
	}{
		{"ud800", 0xd800, true}, {"uDBFF", 0xdbff, true}, {"u00e9x", 0xe9, true}, {"uabcF", 0xabcf, true},
		{"ud80", 0, false}, {"xd800", 0, false}, {"ud8z0", 0, false}, {"u-800", 0, false}, {"ud8g0", 0, false}, {"ud8G0", 0, false},
	} {
		if r, ok := hexEscape([]byte(tt.in), 0); r != tt.want || ok != tt.ok {
			t.Errorf("hexEscape(%q) = %#x, %v; want %#x, %v", tt.in, r, ok, tt.want, tt.ok)
		}
	}
}
