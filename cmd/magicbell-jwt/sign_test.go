package main

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestSign(t *testing.T) {
	atTime(t, testNow, time.UTC)
	tests := []struct {
		name   string
		args   []string
		want   map[string]any // payload fields besides iat and exp
		expiry time.Duration
	}{
		{"external ID", []string{"-external-id", "usr_l70vln"}, map[string]any{"user_external_id": "usr_l70vln", "api_key": apiKey}, 365 * 24 * time.Hour},
		{"email and ID, 30 days", []string{"-email", "person@example.com", "-external-id", "Zoë 🎉", "-expiry", "30d"},
			map[string]any{"user_email": "person@example.com", "user_external_id": "Zoë 🎉", "api_key": apiKey}, 30 * 24 * time.Hour},
		{"Go duration", []string{"-email=person@example.com", "-expiry=90m"}, map[string]any{"user_email": "person@example.com", "api_key": apiKey}, 90 * time.Minute},
		{"one day", []string{"-external-id", "u", "-expiry", "1d"}, map[string]any{"user_external_id": "u", "api_key": apiKey}, 86400 * time.Second},
		{"one year", []string{"-external-id", "u", "-expiry", "1y"}, map[string]any{"user_external_id": "u", "api_key": apiKey}, 31536000 * time.Second},
		{"two years", []string{"-external-id", "u", "-expiry", "2y"}, map[string]any{"user_external_id": "u", "api_key": apiKey}, 2 * 31536000 * time.Second},
		{"292 years, the most there is", []string{"-external-id", "u", "-expiry", "292y"}, map[string]any{"user_external_id": "u", "api_key": apiKey}, 292 * 31536000 * time.Second},
		{"flags after the others", []string{"-expiry", "1h", "-external-id", "u"}, map[string]any{"user_external_id": "u", "api_key": apiKey}, time.Hour},
		{"API key flag overrides the environment", []string{"-api-key", "pk_other", "-external-id", "u"}, map[string]any{"user_external_id": "u", "api_key": "pk_other"}, 365 * 24 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runWith(bothKeys, "", append([]string{"sign"}, tt.args...)...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			tok, ok := strings.CutSuffix(r.stdout, "\n")
			if !ok || strings.ContainsAny(tok, " \n") {
				t.Fatalf("stdout %q is not one token and a newline", r.stdout)
			}
			p := payloadOf(t, tok)
			iat, exp := p["iat"].(float64), p["exp"].(float64)
			if iat != float64(testNow.Unix()) || exp-iat != tt.expiry.Seconds() {
				t.Errorf("iat %v, exp %v; want iat %d and exp iat + %v", iat, exp, testNow.Unix(), tt.expiry)
			}
			delete(p, "iat")
			delete(p, "exp")
			if gotJSON, wantJSON := mustJSON(t, p), mustJSON(t, tt.want); gotJSON != wantJSON {
				t.Errorf("payload %s, want %s", gotJSON, wantJSON)
			}
		})
	}
}

func TestExpiryFlag_Set(t *testing.T) {
	const day = 24 * time.Hour
	const tooLong = "is over the largest expiry, 106751d23h47m16s (about 292 years)"
	for _, tt := range []struct {
		in   string
		want time.Duration
		err  string
	}{
		{"1d", day, ""},
		{"30d", 30 * day, ""},
		{"1y", 365 * day, ""},
		{"90m", 90 * time.Minute, ""},
		{"2h30m", 150 * time.Minute, ""},
		{"106751d", 106751 * day, ""},
		{"292y", 292 * 365 * day, ""},
		{"106752d", 0, tooLong},
		{"293y", 0, tooLong},
		{"99999999999999999999d", 0, tooLong},
		{"2562048h", 0, tooLong},
		{"9999999999999999999s", 0, tooLong},
		{"0d", 0, "positive whole number"},
		{"-3d", 0, "positive whole number"},
		{"+3d", 0, "positive whole number"},
		{"1.5d", 0, "positive whole number"},
		{"d", 0, "positive whole number"},
		{"soon", 0, "want a Go duration"},
		{"", 0, "want a Go duration"},
		{"3 days", 0, "want a Go duration"},
	} {
		var e expiryFlag
		err := e.Set(tt.in)
		if tt.err == "" && (err != nil || time.Duration(e) != tt.want) {
			t.Errorf("Set(%q) = %v, %v; want %v", tt.in, time.Duration(e), err, tt.want)
		}
		if tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("Set(%q) error = %v, want it to say %q", tt.in, err, tt.err)
		}
	}
}

func TestExpiryFlag_String(t *testing.T) {
	var nilFlag *expiryFlag
	if got := nilFlag.String(); got != "" {
		t.Errorf("(*expiryFlag)(nil).String() = %q, want \"\"", got)
	}
	const day = 24 * time.Hour
	for d, want := range map[time.Duration]string{
		365 * day: "1y", 730 * day: "2y", 30 * day: "30d", day: "1d", 366 * day: "366d",
		90 * time.Minute: "1h30m", 25 * time.Hour: "1d1h", 0: "0s",
		3650 * day: "10y", 36500 * day: "100y", 3651 * day: "3651d", 292 * 365 * day: "292y", -day: "1d", -365 * day: "365d",
	} {
		e := expiryFlag(d)
		if got := e.String(); got != want {
			t.Errorf("expiryFlag(%v).String() = %q, want %q", d, got, want)
		}
	}
}

// failingWriter fails every write, as a full disk or a closed pipe does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

func TestWriteFailures(t *testing.T) {
	atTime(t, testNow, time.UTC)
	tok := tokenAt(t, apiKey, secret, testNow, time.Hour)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"sign", "-external-id", "u"}, "magicbell-jwt sign: writing to stdout: no space left on device\n"},
		{[]string{"verify", tok}, "magicbell-jwt verify: writing to stdout: no space left on device\n"},
		{[]string{"decode", tok}, "magicbell-jwt decode: writing to stdout: no space left on device\n"},
		{[]string{"help"}, "magicbell-jwt help: writing to stdout: no space left on device\n"},
		{[]string{"help", "verify"}, "magicbell-jwt help: writing to stdout: no space left on device\n"},
		{[]string{"sign", "-h"}, "magicbell-jwt sign: writing to stdout: no space left on device\n"},
		{[]string{"--help"}, "magicbell-jwt help: writing to stdout: no space left on device\n"},
	} {
		var stderr strings.Builder
		code := run(tt.args, func(k string) string { return bothKeys[k] }, strings.NewReader(""), failingWriter{}, &stderr)
		if code != 1 || stderr.String() != tt.want {
			t.Errorf("%s: exit %d, stderr %q; want exit 1 and %q", tt.args[0], code, stderr.String(), tt.want)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
