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
	atTime(t, testNow, time.UTC)
	good := tokenAt(t, apiKey, secret, testNow, time.Hour)
	r := runWith(bothKeys, "", "verify", good)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var out struct {
		Header map[string]string
		Claims map[string]any
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if out.Header["alg"] != "HS256" || out.Claims["user_external_id"] != "Zoë 🎉" || out.Claims["api_key"] != apiKey ||
		out.Claims["iat"] != float64(testNow.Unix()) || out.Claims["exp"] != float64(testNow.Unix()+3600) {
		t.Errorf("output %+v", out)
	}
	if !strings.Contains(r.stdout, "\n  \"claims\": {\n    \"user_email\"") {
		t.Errorf("output is not indented JSON:\n%s", r.stdout)
	}
	if want := "exp: 2026-11-23 13:00:00 UTC, expires in 1h\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}

	// A token of MagicBell's Go recipe has no iat: none is printed.
	noIat := mint(`{"alg":"HS256"}`, `{"user_external_id":"u","api_key":"`+apiKey+`","exp":1795438800}`)
	if r := runWith(bothKeys, "", "verify", noIat); r.code != 0 || strings.Contains(r.stdout, "iat") {
		t.Errorf("exit %d, stdout %s", r.code, r.stdout)
	}
}

// TestVerify_TakesTheTokenAsPasted covers a token pasted with what surrounds it in a
// shell, a file or an Authorization header, as an argument and on stdin.
func TestVerify_TakesTheTokenAsPasted(t *testing.T) {
	atTime(t, testNow, time.UTC)
	good := tokenAt(t, apiKey, secret, testNow, time.Hour)
	const quotes, bearer = `magicbell-jwt verify: note: removed the surrounding quotes` + "\n", `magicbell-jwt verify: note: removed the leading "Bearer "` + "\n"
	for _, tt := range []struct {
		name, arg, stdin, note string
	}{
		{"as it is", good, "", ""},
		{"with a trailing space", good + " ", "", ""},
		{"with a trailing newline", good + "\n", "", ""},
		{"on stdin with CRLF", "-", "\n  " + good + "\r\n", ""},
		{"on stdin without -", "", good + "\n", ""},
		{"in double quotes", `"` + good + `"`, "", quotes},
		{"in single quotes", `'` + good + `'`, "", quotes},
		{"after Bearer", "Bearer " + good, "", bearer},
		{"after bearer", "bearer  " + good, "", bearer},
		{"on stdin after Bearer", "-", "Bearer " + good + "\n", bearer},
		{"a quoted header value", `"Bearer ` + good + ` "`, "", `magicbell-jwt verify: note: removed the surrounding quotes and the leading "Bearer "` + "\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"verify"}
			if tt.arg != "" {
				args = append(args, tt.arg)
			}
			r := runWith(bothKeys, tt.stdin, args...)
			if r.code != 0 || !strings.Contains(r.stdout, "Zoë 🎉") || r.stderr != tt.note+"exp: 2026-11-23 13:00:00 UTC, expires in 1h\n" {
				t.Errorf("exit %d, stderr %q; want the note %q", r.code, r.stderr, tt.note)
			}
		})
	}
	// Whitespace inside the token is not trimmed, and the library names it.
	r := runWith(bothKeys, "", "verify", good[:50]+" "+good[50:])
	if r.code != 1 || !strings.Contains(r.stderr, "whitespace at byte 50") || strings.Contains(r.stderr, "illegal base64") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestVerify_StdinLimit(t *testing.T) {
	atTime(t, testNow, time.UTC)
	good := tokenAt(t, apiKey, secret, testNow, time.Hour)
	padded := good + strings.Repeat(" ", 64<<10-len(good)) // exactly 64 KiB
	if r := runWith(bothKeys, padded, "verify"); r.code != 0 {
		t.Errorf("64 KiB of stdin: exit %d, stderr %q", r.code, r.stderr)
	}
	r := runWith(bothKeys, padded+" ", "verify")
	if r.code != 2 || r.stderr != "magicbell-jwt verify: standard input is over the limit of 64 KiB: give one token\n" {
		t.Errorf("64 KiB + 1 of stdin: exit %d, stderr %q", r.code, r.stderr)
	}
	// It stops reading there: input that goes on (or, here, then fails) is not waited for.
	var stderr strings.Builder
	endless := io.MultiReader(strings.NewReader(padded+" "), failingReader{})
	code := run([]string{"verify"}, func(k string) string { return bothKeys[k] }, endless, io.Discard, &stderr)
	if code != 2 || stderr.String() != r.stderr {
		t.Errorf("64 KiB + 1 of stdin, then a read error: exit %d, stderr %q", code, stderr.String())
	}
}

func TestVerify_RejectsInvalidTokens(t *testing.T) {
	atTime(t, testNow, time.UTC)
	good := tokenAt(t, apiKey, secret, testNow, time.Hour)
	i, c := len(good)-10, "A" // a signature character that carries only data bits
	if good[i] == 'A' {
		c = "B"
	}
	tampered := good[:i] + c + good[i+1:]
	tests := []struct {
		name, token string
		env         map[string]string
		code        int
		stderr      string
	}{
		{"expired", tokenAt(t, apiKey, secret, testNow.Add(-2*time.Hour), time.Hour), bothKeys, 1, "it expired at 2026-11-23 11:00:00 UTC, 1h ago"},
		{"bad signature", tampered, bothKeys, 1, "signed with a different secret key"},
		{"another project", tokenAt(t, "pk_other", secret, testNow, time.Hour), bothKeys, 1, "another API key"},
		{"another secret", tokenAt(t, apiKey, "sk_other", testNow, time.Hour), bothKeys, 1, "signed with a different secret key"},
		{"malformed", "not-a-token", bothKeys, 1, "malformed"},
		{"no secret key", good, map[string]string{"MAGICBELL_API_KEY": apiKey}, 2, "magicbell-jwt verify: magicbelljwt: invalid secret key: MAGICBELL_API_SECRET (or MAGICBELL_SECRET_KEY) is empty or unset\n" + keyHint + "\n"},
		{"no API key", good, map[string]string{"MAGICBELL_API_SECRET": secret}, 2, "magicbell-jwt verify: magicbelljwt: invalid API key: MAGICBELL_API_KEY is empty or unset\n" + keyHint + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runWith(tt.env, "", "verify", tt.token)
			if r.code != tt.code || r.stdout != "" || !strings.Contains(r.stderr, tt.stderr) || strings.Count(r.stderr, "\n") != tt.code {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and one line saying %q", r.code, r.stdout, r.stderr, tt.code, tt.stderr)
			}
		})
	}
}

// TestPrintExpiry covers the expiry line: days as people write them, local time and
// UTC once each or once when they are the same, and never "expired 0s ago".
func TestPrintExpiry(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	for _, tt := range []struct {
		name string
		now  time.Time
		exp  time.Time
		loc  *time.Location
		want string
	}{
		{"a year", testNow, testNow.Add(365 * 24 * time.Hour), time.UTC, "exp: 2027-11-23 12:00:00 UTC, expires in 365d\n"},
		{"a day, minted within the second", testNow.Add(900 * time.Millisecond), testNow.Add(24 * time.Hour), time.UTC, "exp: 2026-11-24 12:00:00 UTC, expires in 1d\n"},
		{"two and a half hours", testNow, testNow.Add(150 * time.Minute), time.UTC, "exp: 2026-11-23 14:30:00 UTC, expires in 2h30m\n"},
		{"a year and a second", testNow, testNow.Add(365*24*time.Hour + time.Second), time.UTC, "exp: 2027-11-23 12:00:01 UTC, expires in 365d1s\n"},
		{"in another zone", testNow, testNow.Add(time.Hour), cet, "exp: 2026-11-23 14:00:00 CET (2026-11-23 13:00:00 UTC), expires in 1h\n"},
		{"in the year 9999", testNow, time.Unix(253402300799, 0), time.UTC, "exp: 9999-12-31 23:59:59 UTC, expires in 2912116d11h59m59s\n"},
		{"expired a day ago", testNow, testNow.Add(-24 * time.Hour), time.UTC, "exp: 2026-11-22 12:00:00 UTC, expired 1d ago\n"},
		{"expired a second ago", testNow.Add(1100 * time.Millisecond), testNow, time.UTC, "exp: 2026-11-23 12:00:00 UTC, expired 1s ago\n"},
		{"expired exactly a second ago", testNow.Add(time.Second), testNow, time.UTC, "exp: 2026-11-23 12:00:00 UTC, expired 1s ago\n"},
		{"expired this instant", testNow, testNow, time.UTC, "exp: 2026-11-23 12:00:00 UTC, expired just now\n"},
		{"expired a moment ago", testNow.Add(300 * time.Millisecond), testNow, time.UTC, "exp: 2026-11-23 12:00:00 UTC, expired just now\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			atTime(t, tt.now, tt.loc)
			var stderr strings.Builder
			(&command{stderr: &stderr}).printExpiry(tt.exp)
			if stderr.String() != tt.want {
				t.Errorf("got %q, want %q", stderr.String(), tt.want)
			}
		})
	}
}

// failingReader fails every read, as a closed terminal does.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("input/output error") }

func TestToken_Input(t *testing.T) {
	var stderr strings.Builder
	code := run([]string{"verify"}, func(k string) string { return bothKeys[k] }, failingReader{}, &strings.Builder{}, &stderr)
	if code != 2 || stderr.String() != "magicbell-jwt verify: reading the token from standard input: input/output error\n" {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
	for _, tt := range []struct{ in, token, removed string }{
		{"", "", ""},
		{`"`, `"`, ""},
		{`""`, "", "the surrounding quotes"},
		{`''`, "", "the surrounding quotes"},
		{`"abc`, `"abc`, ""},
		{`abc"`, `abc"`, ""},
		{`'abc"`, `'abc"`, ""},
		{`'abc`, `'abc`, ""},
		{`abc'`, `abc'`, ""},
		{` "abc" `, "abc", "the surrounding quotes"},
		{"Bearer", "Bearer", ""},
		{"Bearer ", "Bearer", ""},
		{"Bearer x", "x", `the leading "Bearer "`},
		{"BEARER x", "x", `the leading "Bearer "`},
		{"Bearerx", "Bearerx", ""},
	} {
		token, removed := cleanToken(tt.in)
		if token != tt.token || removed != tt.removed {
			t.Errorf("cleanToken(%q) = %q, %q; want %q, %q", tt.in, token, removed, tt.token, tt.removed)
		}
	}
}
