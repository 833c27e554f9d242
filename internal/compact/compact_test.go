package compact

import (
	"strings"
	"testing"
)

func TestHexEscape(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want rune
		ok   bool
	}{
		{"ud800", 0xd800, true}, {"uDBFF", 0xdbff, true}, {"u00e9x", 0xe9, true}, {"uabcF", 0xabcf, true}, {"uDA0A", 0xda0a, true}, {"u0A9f", 0x0a9f, true},
		{"ud80", 0, false}, {"xd800", 0, false}, {"ud8z0", 0, false}, {"u-800", 0, false}, {"ud8g0", 0, false}, {"ud8G0", 0, false},
	} {
		if r, ok := hexEscape([]byte(tt.in), 0); r != tt.want || ok != tt.ok {
			t.Errorf("hexEscape(%q) = %#x, %v; want %#x, %v", tt.in, r, ok, tt.want, tt.ok)
		}
	}
}

func TestLoneSurrogate(t *testing.T) {
	for _, tt := range []struct {
		text string
		lone bool
	}{
		{`"\ud800\udc00"`, false}, // the first pair
		{`"\udbff\udfff"`, false}, // the last pair
		{`"\uD800\uDC00"`, false},
		{`"\ud7ff\ue000"`, false}, // the neighbours of the surrogates
		{`"\ud800\ue000"`, true},  // a high surrogate and the first code point after the low ones
		{`"\ud800\udbff"`, true},
		{`"\ud83c\udf89\ud800"`, true}, // a lone one right after a pair
		{`"\ud83c\udf89\udc00"`, true},
		{`"\uDA00"`, true},
		{`"\udfff"`, true},
		{`"\\ud800"`, false}, // an escaped backslash, then text
		{`"\ud800\\udc00"`, true},
		{`"x\ud800`, true},      // at the end of the text
		{`"\ud800\udc0"`, true}, // too short to be a second half
	} {
		if err := loneSurrogate([]byte(tt.text)); (err != nil) != tt.lone {
			t.Errorf("loneSurrogate(%s) = %v, want lone %v", tt.text, err, tt.lone)
		}
	}
}

// TestCheckText covers each class of byte, and its neighbours, with its own message.
func TestCheckText(t *testing.T) {
	for _, tt := range []struct{ token, msg string }{
		{"a.b.c", ""},
		{"AZaz09-_.x.y", ""},
		{"a b.c.d", "whitespace at byte 1"},
		{"a\tb.c.d", "whitespace at byte 1"},
		{"a\vb.c.d", "whitespace at byte 1"},
		{"a\fb.c.d", "whitespace at byte 1"},
		{"a\rb.c.d", "whitespace at byte 1"},
		{"a=.c.d", "padding '=' at byte 1: JWT segments are base64url without padding"},
		{"a+.c.d", `'+' at byte 1: JWT segments are base64url, which has '-' and '_' where standard base64 has '+' and '/'`},
		{"a/.c.d", `'/' at byte 1: JWT segments are base64url, which has '-' and '_'`},
		{"a\x80.c.d", "non-ASCII byte 0x80 at byte 1: a JWT is ASCII"},
		{"a\xff.c.d", "non-ASCII byte 0xff at byte 1"},
		{"a\x7f.c.d", `'\x7f' at byte 1 is not base64url`},
		{"a\x1f.c.d", `'\x1f' at byte 1 is not base64url`},
		{"a,.c.d", `',' at byte 1 is not base64url`}, // the neighbours of '-' and '.'
		{"a@.c.d", `'@' at byte 1 is not base64url`}, // before 'A'
		{"a[.c.d", `'[' at byte 1 is not base64url`}, // after 'Z'
		{"a`.c.d", "'`' at byte 1 is not base64url"}, // before 'a', after '_'
		{"a{.c.d", `'{' at byte 1 is not base64url`}, // after 'z'
		{"a:.c.d", `':' at byte 1 is not base64url`}, // after '9'
		{"Bearer a.b.c", `starts with "Bearer "`},
		{"", "the token is empty"},
		{"abc", "1 segment, want 3 separated by dots"},
		{"a.b", "2 segments, want 3 separated by dots"},
		{"a.b.c.d", "4 segments, want 3 separated by dots"},
	} {
		err := checkText(tt.token)
		if tt.msg == "" && err != nil || tt.msg != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.msg)) {
			t.Errorf("checkText(%q) = %v, want %q", tt.token, err, tt.msg)
		}
	}
}
