package main

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

func TestVerify(t *testing.T) {
	atTime(t, testNow)
	tok := tokenAt(t, testNow, time.Hour)
	for _, stdin := range []string{"", tok, tok + "\n", "  " + tok + " \r\n"} {
		args := []string{"verify", tok}
		if stdin != "" {
			args = []string{"verify", "-"}
		}
		r := runWith(bothKeys, stdin, args...)
		var out struct {
			Header  map[string]string
			Payload map[string]any
		}
		if r.code != 0 || json.Unmarshal([]byte(r.stdout), &out) != nil || out.Header["alg"] != "HS256" || out.Payload["user_external_id"] != "Zoë 🎉" ||
			r.stderr != "exp: 2026-11-23 13:00:00 UTC, expires in 1h\n" {
			t.Errorf("stdin %q: exit %d\n%s%s", stdin, r.code, r.stdout, r.stderr)
		}
	}
	// Half a second into the token's last second, it has not expired: Verify floors the
	// clock, and so do the words.
	atTime(t, testNow.Add(time.Hour-500*time.Millisecond))
	if r := runWith(bothKeys, "", "verify", tok); r.code != 0 || r.stderr != "exp: 2026-11-23 13:00:00 UTC, expires in 1s\n" {
		t.Errorf("at the last second: exit %d, %q", r.code, r.stderr)
	}
}

func TestVerify_RefusesInvalidTokens(t *testing.T) {
	atTime(t, testNow)
	tok := tokenAt(t, testNow, time.Hour)
	for _, tt := range []struct{ token, msg string }{
		{tokenAt(t, testNow.Add(-2*time.Hour), time.Hour), "invalid token: magicbelljwt: token has invalid claims: token is expired: it expired at 2026-11-23 11:00:00 UTC, 1h ago"},
		{tok[:len(tok)-2], "invalid token: magicbelljwt: token is malformed: the signature segment is cut short or damaged: base64url cannot end after 41 characters"},
		{mint("sk_other", `{"alg":"HS256"}`, `{"user_external_id":"u","api_key":"`+apiKey+`","exp":1795438800}`),
			"invalid token: magicbelljwt: token signature is invalid: it was signed with a different secret key (or by another project)"},
		{"e30.." + strings.Repeat("x", 9000), "invalid token: magicbelljwt: token is malformed: 9005 bytes, over the limit of 8192"},
	} {
		r := runWith(bothKeys, "", "verify", tt.token)
		if r.code != 1 || r.stdout != "" || r.stderr != "magicbell-jwt verify: "+tt.msg+"\n" {
			t.Errorf("exit %d, stdout %q, stderr %q; want %q", r.code, r.stdout, r.stderr, tt.msg)
		}
	}
}

// failingReader fails after what it holds.
type failingReader struct{ r io.Reader }

func (f failingReader) Read(p []byte) (int, error) {
	if n, err := f.r.Read(p); err == nil {
		return n, nil
	}
	return 0, errors.New("input/output error")
}

// TestToken_Input covers where the token comes from and its bound: an argument or
// stdin, each at most 64 KiB, whatever follows.
func TestToken_Input(t *testing.T) {
	big := strings.Repeat("x", 64<<10+1)
	for _, tt := range []struct {
		stdin  io.Reader
		args   []string
		stderr string
	}{
		{failingReader{strings.NewReader("")}, []string{"decode"}, "magicbell-jwt decode: reading the token from stdin: input/output error\n"},
		{failingReader{strings.NewReader(big)}, []string{"decode", "-"}, "magicbell-jwt decode: the token is over the limit of 64 KiB\n"},
		{strings.NewReader(""), []string{"decode", big}, "magicbell-jwt decode: the token is over the limit of 64 KiB\n"},
		{strings.NewReader(""), []string{"verify", big}, "magicbell-jwt verify: the token is over the limit of 64 KiB\n"},
	} {
		var stdout, stderr strings.Builder
		setKeys(nil)
		code := run(tt.args, tt.stdin, &stdout, &stderr)
		if code != 2 || stdout.Len() != 0 || stderr.String() != tt.stderr {
			t.Errorf("%.20q: exit %d, stdout %q, stderr %q; want %q", tt.args, code, stdout.String(), stderr.String(), tt.stderr)
		}
	}
	// The largest token taken: decode explains it, and Verify's limit refuses it.
	r := runWith(nil, strings.Repeat("x", 64<<10), "decode")
	if r.code != 1 || !strings.Contains(r.stderr, "FAIL format: 65536 bytes, over the limit of 8192\n") {
		t.Errorf("decode of 64 KiB: exit %d\n%s", r.code, r.stderr)
	}
}
