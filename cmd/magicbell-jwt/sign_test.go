package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestSign(t *testing.T) {
	atTime(t, testNow)
	const day = 24 * time.Hour
	for _, tt := range []struct {
		args   []string
		want   map[string]any // the payload besides iat and exp
		expiry time.Duration
	}{
		{[]string{"-external-id", "usr_l70vln"}, map[string]any{"user_external_id": "usr_l70vln", "api_key": apiKey}, 365 * day},
		{[]string{"-email", "person@example.com", "-external-id", "Zoë 🎉", "-expiry", "30d"},
			map[string]any{"user_email": "person@example.com", "user_external_id": "Zoë 🎉", "api_key": apiKey}, 30 * day},
		{[]string{"-email=person@example.com", "-expiry=90m"}, map[string]any{"user_email": "person@example.com", "api_key": apiKey}, 90 * time.Minute},
		{[]string{"-external-id", "u", "-expiry", "90s"}, map[string]any{"user_external_id": "u", "api_key": apiKey}, 90 * time.Second},
		{[]string{"-external-id", "u", "-expiry", "24h"}, map[string]any{"user_external_id": "u", "api_key": apiKey}, day},
		{[]string{"-external-id", "u", "-expiry", "2y"}, map[string]any{"user_external_id": "u", "api_key": apiKey}, 730 * day},
		{[]string{"-external-id", "u", "-expiry", "106751d"}, map[string]any{"user_external_id": "u", "api_key": apiKey}, 106751 * day},
	} {
		r := runWith(bothKeys, "", append([]string{"sign"}, tt.args...)...)
		tok, ok := strings.CutSuffix(r.stdout, "\n")
		if r.code != 0 || r.stderr != "" || !ok || strings.ContainsAny(tok, " \n") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", tt.args, r.code, r.stdout, r.stderr)
			continue
		}
		p := payloadOf(t, tok)
		if iat, exp := p["iat"].(float64), p["exp"].(float64); iat != float64(testNow.Unix()) || exp-iat != tt.expiry.Seconds() {
			t.Errorf("%q: iat %v, exp %v; want iat %d and exp iat + %v", tt.args, iat, exp, testNow.Unix(), tt.expiry)
		}
		delete(p, "iat")
		delete(p, "exp")
		got, _ := json.Marshal(p)
		want, _ := json.Marshal(tt.want)
		if string(got) != string(want) {
			t.Errorf("%q: payload %s, want %s", tt.args, got, want)
		}
	}
}

// TestSign_Expiry covers -expiry's words: a malformed expiry is called malformed, with
// examples; only a well-formed one can be too long.
func TestSign_Expiry(t *testing.T) {
	const malformed = "malformed: want a whole number and a unit, such as 90s, 15m, 24h, 30d or 1y"
	for _, tt := range []struct{ in, msg string }{
		{"h", malformed}, {".s", malformed}, {"µs", malformed}, {"-m", malformed}, {"+1h", malformed}, {"1.5h", malformed},
		{"1ms", malformed}, {"1h30m", malformed}, {"soon", malformed}, {"", malformed}, {"1", malformed}, {"1 d", malformed},
		{"106752d", "over the largest expiry, 106751d (about 292 years)"},
		{"293y", "over the largest expiry, 106751d (about 292 years)"},
		{"9223372037s", "over the largest expiry, 106751d (about 292 years)"},
		{"99999999999999999999s", "over the largest expiry, 106751d (about 292 years)"},
	} {
		r := runWith(bothKeys, "", "sign", "-external-id", "u", "-expiry", tt.in)
		want := "magicbell-jwt sign: -expiry " + quoteForTest(tt.in) + ": " + tt.msg + "\nrun 'magicbell-jwt help' for usage\n"
		if r.code != 2 || r.stdout != "" || r.stderr != want {
			t.Errorf("-expiry %q: exit %d, stderr %q; want exit 2 and %q", tt.in, r.code, r.stderr, want)
		}
	}
	// The library's rule on a zero expiry, in its words, after the flag and the value.
	for _, in := range []string{"0s", "0y", "00d"} {
		r := runWith(bothKeys, "", "sign", "-external-id", "u", "-expiry", in)
		if r.code != 2 || r.stderr != "magicbell-jwt sign: -expiry "+quoteForTest(in)+": magicbelljwt: invalid expiry: 0s is not a positive whole number of seconds\nrun 'magicbell-jwt help' for usage\n" {
			t.Errorf("-expiry %s: exit %d, stderr %q", in, r.code, r.stderr)
		}
	}
	if r := runWith(bothKeys, "", "sign", "-external-id", "u", "-expiry", "9223372036s"); r.code != 0 {
		t.Errorf("the largest expiry: exit %d, %s", r.code, r.stderr)
	}
}

// quoteForTest quotes a printable string as JSON does.
func quoteForTest(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestSign_RefusesToPublishTheSecret covers inputs that would mint a token holding the
// secret key: each is a configuration or usage error (exit 2) that names the flag or
// variable, never the value, in the library's words.
func TestSign_RefusesToPublishTheSecret(t *testing.T) {
	swapped := "magicbell-jwt sign: magicbelljwt: API key and secret key look swapped: "
	for _, tt := range []struct {
		env  map[string]string
		args []string
		msg  string
	}{
		{map[string]string{"MAGICBELL_API_KEY": "pk_" + secret, "MAGICBELL_API_SECRET": secret}, nil, swapped + "MAGICBELL_API_KEY holds the secret key in MAGICBELL_API_SECRET"},
		{map[string]string{"MAGICBELL_API_KEY": apiKey + secret, "MAGICBELL_API_SECRET": secret}, nil, swapped + "MAGICBELL_API_KEY holds the secret key in MAGICBELL_API_SECRET"},
		{map[string]string{"MAGICBELL_API_KEY": apiKey + secret, "MAGICBELL_SECRET_KEY": secret}, nil, swapped + "MAGICBELL_API_KEY holds the secret key in MAGICBELL_SECRET_KEY"},
		{map[string]string{"MAGICBELL_API_KEY": secret, "MAGICBELL_API_SECRET": "sk_another_secret_key_9Qw4Zt7Lp2Xv"}, nil,
			"magicbell-jwt sign: magicbelljwt: invalid API key: MAGICBELL_API_KEY is not shaped as a MagicBell API key, pk_ and letters, digits or underscores, or 40 lowercase hex digits: is it a placeholder such as your-api-key, in quotes, or the secret key in the wrong place?"},
		{bothKeys, []string{"-external-id", secret}, "magicbell-jwt sign: -external-id: magicbelljwt: invalid user external ID: it holds the secret key"},
		{bothKeys, []string{"-email", secret + "@example.com"}, "magicbell-jwt sign: -email: magicbelljwt: invalid user email: it holds the secret key"},
		{bothKeys, []string{"-email", "a@" + secret + ".example.com", "-external-id", "id " + secret},
			"magicbell-jwt sign: -email and -external-id: magicbelljwt: invalid user email: it holds the secret key; invalid user external ID: it holds the secret key"},
	} {
		args := tt.args
		if args == nil {
			args = []string{"-external-id", "u"}
		}
		r := runWith(tt.env, "", append([]string{"sign"}, args...)...)
		if r.code != 2 || r.stdout != "" || !strings.HasPrefix(r.stderr, tt.msg+"\n") {
			t.Errorf("%q %q: exit %d, stdout %q, stderr %q; want exit 2 and %q", tt.env, args, r.code, r.stdout, r.stderr, tt.msg)
		}
	}
}

// TestSign_ClockBefore1970 checks that a refusal of the library's that is no user's
// fault is no usage error: exit status 1.
func TestSign_ClockBefore1970(t *testing.T) {
	atTime(t, time.Unix(-10, 0))
	r := runWith(bothKeys, "", "sign", "-external-id", "u")
	if want := "magicbell-jwt sign: magicbelljwt: invalid expiry: the clock is before 1970, where Verify starts reading times\n"; r.code != 1 || r.stdout != "" || r.stderr != want {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}
