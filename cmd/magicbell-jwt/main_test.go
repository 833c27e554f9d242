package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/magicbell-community/magicbelljwt"
)

const (
	apiKey = "pk_JJUxO8amaaK21G08w9q0_218239574"
	secret = "sk_Zq8VbN2xLw7s3cr3tK9pT4"
)

var keys = map[string]string{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_SECRET_KEY": secret}

type result struct {
	code           int
	stdout, stderr string
}

func runWith(env map[string]string, stdin string, args ...string) result {
	var stdout, stderr bytes.Buffer
	code := run(args, func(k string) string { return env[k] }, strings.NewReader(stdin), &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

// tokenAt mints a token with the library for a user, as of t, valid for an hour.
func tokenAt(tb testing.TB, key, sec string, t time.Time) string {
	tb.Helper()
	s, err := magicbelljwt.NewSigner(key, sec, magicbelljwt.WithExpiry(time.Hour), magicbelljwt.WithClock(func() time.Time { return t }))
	if err != nil {
		tb.Fatal(err)
	}
	tok, err := s.Sign(magicbelljwt.Claims{UserEmail: "person@example.com", UserExternalID: "Zoë 🎉"})
	if err != nil {
		tb.Fatal(err)
	}
	return tok
}

// payloadOf decodes a token's payload by hand.
func payloadOf(t *testing.T, tok string) map[string]any {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("not a token: %q", tok)
	}
	sig := hmac.New(sha256.New, []byte(secret))
	sig.Write([]byte(parts[0] + "." + parts[1]))
	if base64.RawURLEncoding.EncodeToString(sig.Sum(nil)) != parts[2] {
		t.Fatalf("token is not signed with the secret key")
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSign(t *testing.T) {
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
		{"two years", []string{"-external-id", "u", "-expiry", "2y"}, map[string]any{"user_external_id": "u", "api_key": apiKey}, 2 * 365 * 24 * time.Hour},
		{"API key flag overrides the environment", []string{"-api-key", "pk_other", "-external-id", "u"}, map[string]any{"user_external_id": "u", "api_key": "pk_other"}, 365 * 24 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := time.Now().Unix()
			r := runWith(keys, "", append([]string{"sign"}, tt.args...)...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			tok, ok := strings.CutSuffix(r.stdout, "\n")
			if !ok || strings.ContainsAny(tok, " \n") {
				t.Fatalf("stdout %q is not one token and a newline", r.stdout)
			}
			p := payloadOf(t, tok)
			iat, exp := p["iat"].(float64), p["exp"].(float64)
			if int64(iat) < before || int64(iat) > time.Now().Unix() || exp-iat != tt.expiry.Seconds() {
				t.Errorf("iat %v, exp %v; want iat now and exp iat + %v", iat, exp, tt.expiry)
			}
			delete(p, "iat")
			delete(p, "exp")
			if gotJSON, wantJSON := mustJSON(t, p), mustJSON(t, tt.want); gotJSON != wantJSON {
				t.Errorf("payload %s, want %s", gotJSON, wantJSON)
			}
		})
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

func TestVerify(t *testing.T) {
	now := time.Now()
	good := tokenAt(t, apiKey, secret, now)
	r := runWith(keys, "", "verify", good)
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
		out.Claims["exp"] != float64(now.Unix()+3600) {
		t.Errorf("output %+v", out)
	}
	if !strings.Contains(r.stdout, "\n  \"claims\": {\n    \"user_email\"") {
		t.Errorf("output is not indented JSON:\n%s", r.stdout)
	}
	wantUTC := time.Unix(now.Unix()+3600, 0).UTC().Format("2006-01-02 15:04:05 MST")
	if !regexp.MustCompile(`^exp: .+ \(` + wantUTC + `\), expires in (59m5\ds|1h0m0s)\n$`).MatchString(r.stderr) {
		t.Errorf("stderr %q does not say when the token expires", r.stderr)
	}

	// The same token from stdin, with or without "-", and surrounding whitespace.
	for _, args := range [][]string{{"verify"}, {"verify", "-"}} {
		if r := runWith(keys, "\n  "+good+"\r\n", args...); r.code != 0 || !strings.Contains(r.stdout, "Zoë 🎉") {
			t.Errorf("%v with stdin: exit %d, %s", args, r.code, r.stderr)
		}
	}
}

func TestVerify_RejectsInvalidTokens(t *testing.T) {
	good := tokenAt(t, apiKey, secret, time.Now())
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
		{"expired", tokenAt(t, apiKey, secret, time.Now().Add(-2*time.Hour)), keys, 1, "expired"},
		{"bad signature", tampered, keys, 1, "signature is invalid"},
		{"another project", tokenAt(t, "pk_other", secret, time.Now()), keys, 1, "another API key"},
		{"another secret", tokenAt(t, apiKey, "sk_other", time.Now()), keys, 1, "signature is invalid"},
		{"malformed", "not-a-token", keys, 1, "malformed"},
		{"no secret key", good, map[string]string{"MAGICBELL_API_KEY": apiKey}, 2, "MAGICBELL_SECRET_KEY"},
		{"no API key", good, map[string]string{"MAGICBELL_SECRET_KEY": secret}, 2, "MAGICBELL_API_KEY"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runWith(tt.env, "", "verify", tt.token)
			if r.code != tt.code || r.stdout != "" || !strings.Contains(r.stderr, tt.stderr) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and one line saying %q", r.code, r.stdout, r.stderr, tt.code, tt.stderr)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	tok := tokenAt(t, apiKey, secret, time.Now())
	r := runWith(nil, "", "decode", tok)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var out struct {
		Header  map[string]string
		Payload map[string]any
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || out.Header["typ"] != "JWT" || out.Payload["user_external_id"] != "Zoë 🎉" {
		t.Errorf("stdout %s, %v", r.stdout, err)
	}
	for _, want := range []string{"UNVERIFIED", "atob: readable", "exp: "} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q does not say %q", r.stderr, want)
		}
	}

	// A token minted elsewhere whose payload encodes to base64url's '-'.
	payload := base64.RawURLEncoding.EncodeToString([]byte(`{"user_email":"ab~c@example.com","api_key":"pk_x"}`))
	if !strings.ContainsAny(payload, "-_") {
		t.Fatalf("test payload %s has neither '-' nor '_'", payload)
	}
	r = runWith(nil, "", "decode", "eyJhbGciOiJIUzI1NiJ9."+payload+".c2ln")
	if r.code != 0 || !strings.Contains(r.stderr, "atob: NOT readable") || !strings.Contains(r.stdout, "ab~c@example.com") {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestDecode_RejectsMalformedTokens(t *testing.T) {
	hdr := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256"}`))
	body := base64.RawURLEncoding.EncodeToString([]byte(`{"user_external_id":"u"}`))
	for _, tt := range []struct{ name, token, stderr string }{
		{"two segments", hdr + "." + body, "2 segments"},
		{"four segments", hdr + "." + body + ".x.y", "4 segments"},
		{"header not base64", "!!." + body + ".x", "header: not base64url"},
		{"payload not base64", hdr + ".$$.x", "payload: not base64url"},
		{"payload not JSON", hdr + "." + base64.RawURLEncoding.EncodeToString([]byte("user=u")) + ".x", "not JSON"},
		{"header not JSON", base64.RawURLEncoding.EncodeToString([]byte("HS256")) + "." + body + ".x", "not JSON"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := runWith(nil, "", "decode", tt.token)
			if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, tt.stderr) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and one line saying %q", r.code, r.stdout, r.stderr, tt.stderr)
			}
		})
	}
}

func TestUsageAndConfigurationErrors(t *testing.T) {
	badKeys := func(api, sec string) map[string]string {
		return map[string]string{"MAGICBELL_API_KEY": api, "MAGICBELL_SECRET_KEY": sec}
	}
	tests := []struct {
		name   string
		env    map[string]string
		stdin  string
		args   []string
		code   int
		stderr string // "" wants an empty stderr
		stdout string // "" wants an empty stdout
	}{
		{"help", nil, "", []string{"help"}, 0, "", "magicbell-jwt decode [TOKEN | -]"},
		{"-h", nil, "", []string{"-h"}, 0, "", "Examples:"},
		{"--help", nil, "", []string{"--help"}, 0, "", "Exit status"},
		{"sign -h", nil, "", []string{"sign", "-h"}, 0, "", "-external-id"},
		{"verify --help", nil, "", []string{"verify", "--help"}, 0, "", "-api-key"},
		{"no arguments", nil, "", nil, 2, "Usage:", ""},
		{"unknown command", keys, "", []string{"mint"}, 2, `unknown command "mint"`, ""},
		{"unknown flag", keys, "", []string{"sign", "-secret", "x"}, 2, "flag provided but not defined: -secret", ""},
		{"sign without user", keys, "", []string{"sign"}, 2, "no user", ""},
		{"sign with an argument", keys, "", []string{"sign", "usr_1"}, 2, "unexpected argument", ""},
		{"sign with bad expiry", keys, "", []string{"sign", "-external-id", "u", "-expiry", "soon"}, 2, "Go duration", ""},
		{"sign with negative days", keys, "", []string{"sign", "-external-id", "u", "-expiry", "-3d"}, 2, "positive whole number", ""},
		{"sign with zero expiry", keys, "", []string{"sign", "-external-id", "u", "-expiry", "0s"}, 2, "invalid expiry", ""},
		{"sign with sub-second expiry", keys, "", []string{"sign", "-external-id", "u", "-expiry", "1.5s"}, 2, "whole number of seconds", ""},
		{"sign with bad email", keys, "", []string{"sign", "-email", "Person <p@example.com>"}, 1, "not a bare address", ""},
		{"sign with bad ID", keys, "", []string{"sign", "-external-id", " u"}, 1, "whitespace", ""},
		{"sign without secret", map[string]string{"MAGICBELL_API_KEY": apiKey}, "", []string{"sign", "-external-id", "u"}, 2, "no flag for it", ""},
		{"sign with secret and newline", badKeys(apiKey, secret+"\n"), "", []string{"sign", "-external-id", "u"}, 2, "newline", ""},
		{"sign with keys swapped", badKeys(secret, apiKey), "", []string{"sign", "-external-id", "u"}, 2, "swapped", ""},
		{"sign with API key as secret", badKeys(apiKey, apiKey), "", []string{"sign", "-external-id", "u"}, 2, "swapped", ""},
		{"verify two tokens", keys, "", []string{"verify", "a", "b"}, 2, "2 arguments", ""},
		{"verify empty stdin", keys, " \n", []string{"verify"}, 2, "no token", ""},
		{"decode empty stdin", nil, "", []string{"decode", "-"}, 2, "no token", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runWith(tt.env, tt.stdin, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d; stderr %q", r.code, tt.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.stderr) || (tt.stderr == "") != (r.stderr == "") {
				t.Errorf("stderr %q, want it to say %q", r.stderr, tt.stderr)
			}
			if !strings.Contains(r.stdout, tt.stdout) || (tt.stdout == "") != (r.stdout == "") {
				t.Errorf("stdout %q, want it to say %q", r.stdout, tt.stdout)
			}
			if tt.code != 0 && !strings.HasPrefix(r.stderr, "magicbell-jwt") {
				t.Errorf("stderr %q does not start by naming the command", r.stderr)
			}
		})
	}
}

func TestSecretIsNeverPrinted(t *testing.T) {
	good := tokenAt(t, apiKey, secret, time.Now())
	var outputs []string
	for _, sec := range []string{secret, secret + "\n", " " + secret, apiKey, "pk_" + secret} {
		env := map[string]string{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_SECRET_KEY": sec}
		swapped := map[string]string{"MAGICBELL_API_KEY": sec, "MAGICBELL_SECRET_KEY": apiKey}
		for _, args := range [][]string{
			{"sign", "-external-id", "u"}, {"sign", "-email", "bad"}, {"sign", "-bogus"}, {"sign"},
			{"verify", good}, {"verify", good + "x"}, {"verify", tokenAt(t, apiKey, "sk_other", time.Now())},
			{"decode", good}, {"decode", "x"}, {"help"},
		} {
			for _, e := range []map[string]string{env, swapped} {
				r := runWith(e, "", args...)
				outputs = append(outputs, r.stdout, r.stderr)
			}
		}
	}
	for _, out := range outputs {
		if strings.Contains(out, strings.TrimSpace(secret)) {
			t.Fatalf("output reveals the secret key: %s", out)
		}
	}
}

func TestExpiryFlag_String(t *testing.T) {
	for d, want := range map[time.Duration]string{
		365 * 24 * time.Hour: "1y", 30 * 24 * time.Hour: "30d", 90 * time.Minute: "1h30m0s", 0: "0s",
	} {
		e := expiryFlag(d)
		if got := e.String(); got != want {
			t.Errorf("expiryFlag(%v).String() = %q, want %q", d, got, want)
		}
	}
}

// TestBinary builds the command and runs it as a process: a token from sign, piped
// into verify, and the exit statuses the shell sees.
func TestBinary(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "magicbell-jwt")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	env := []string{"MAGICBELL_API_KEY=" + apiKey, "MAGICBELL_SECRET_KEY=" + secret, "PATH=/usr/bin:/bin"}
	sign := exec.Command(bin, "sign", "-external-id", "usr_l70vln", "-expiry", "1h")
	sign.Env = env
	tok, err := sign.Output()
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	verify := exec.Command(bin, "verify")
	verify.Env = env
	verify.Stdin = bytes.NewReader(tok)
	out, err := verify.Output()
	if err != nil || !strings.Contains(string(out), `"user_external_id": "usr_l70vln"`) {
		t.Fatalf("verify: %v\n%s", err, out)
	}
	for _, tt := range []struct {
		args []string
		code int
	}{{[]string{"verify", "a.b.c"}, 1}, {[]string{"frobnicate"}, 2}} {
		cmd := exec.Command(bin, tt.args...)
		cmd.Env = env
		var exit *exec.ExitError
		if err := cmd.Run(); !errors.As(err, &exit) || exit.ExitCode() != tt.code {
			t.Errorf("%v: %v, want exit status %d", tt.args, err, tt.code)
		}
	}
}
