package main

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// rawToken builds a token from raw header and payload bytes and any signature.
func rawToken(header, payload string) string {
	return b64(header) + "." + base64.RawURLEncoding.EncodeToString([]byte(payload)) + ".c2ln"
}

func TestDecode(t *testing.T) {
	atTime(t, testNow, time.UTC)
	tok := tokenAt(t, apiKey, secret, testNow, time.Hour)
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
	for _, want := range []string{"UNVERIFIED", `sdk: MagicBell's JavaScript SDK reads the user (user_external_id "Zoë 🎉") and api_key as meant`, "exp: 2026-11-23 13:00:00 UTC, expires in 1h"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q does not say %q", r.stderr, want)
		}
	}
	// Without exp there is no expiry line.
	r = runWith(nil, "", "decode", rawToken(`{"alg":"HS256"}`, `{"user_external_id":"u","api_key":"pk_x"}`))
	if r.code != 0 || strings.Contains(r.stderr, "exp") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestDecode_SDKVerdict checks the browser verdict against what atob and JSON.parse
// really do: '-' or '_' make atob throw, and raw UTF-8 comes out as Latin-1.
func TestDecode_SDKVerdict(t *testing.T) {
	for _, tt := range []struct {
		name, payload, want string
	}{
		{"ASCII", `{"user_email":"a@example.com","api_key":"pk_x"}`, `reads the user (user_email "a@example.com") and api_key as meant`},
		{"escaped UTF-8", `{"user_external_id":"Jos\u00e9","api_key":"pk_x"}`, `reads the user (user_external_id "José") and api_key as meant`},
		{"a tilde that becomes '-'", `{"user_email":"ab~c@example.com","api_key":"pk_x"}`,
			`cannot read this payload: atob throws on the '-' that "~" in user_email puts at character 23 of the payload segment`},
		{"a question mark that becomes '_'", `{"user_email":"xy?z@example.com","api_key":"pk_x"}`,
			`cannot read this payload: atob throws on the '_' that "?" in user_email puts at character 23 of the payload segment`},
		// These two were found, and the blame checked, apart from this package: replacing
		// the blamed character's bytes with as many "a" removes the '-' or '_' there.
		{"an accent in a claim name", `{"api_key":"pk_x","ÿ":"u","user_external_id":"u"}`,
			`cannot read this payload: atob throws on the '_' that "ÿ" in the name of claim "ÿ" puts at character 27 of the payload segment`},
		// Both "o" and "é" make the third character of a block here; only "é" can be
		// escaped, and replacing its bytes alone removes the '_'.
		{"an ASCII letter before an accent", `{"api_key":"pk_x","user_external_id":"xxoé"}`,
			`cannot read this payload: atob throws on the '_' that "é" in user_external_id puts at character 54 of the payload segment`},
		{"an emoji", `{"api_key":"pk_x","user_external_id":"x🎉"}`,
			`cannot read this payload: atob throws on the '-' that "🎉" in user_external_id puts at character 54 of the payload segment`},
		{"raw UTF-8", `{"user_external_id":"José","api_key":"pk_x"}`,
			`misreads this payload, whose UTF-8 atob turns into Latin-1: it reads the user as user_external_id "JosÃ©", not user_external_id "José"`},
		{"raw UTF-8 in an email the SDK passes over", `{"user_email":"josé@example.com","user_external_id":"u1","api_key":"pk_x"}`,
			`reads the user (user_external_id "u1") and api_key as meant`},
		{"raw UTF-8 in a claim name", `{"usér":1,"user_external_id":"u","api_key":"pk_x"}`, `reads the user (user_external_id "u") and api_key as meant`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// The verdict must agree with the payload segment itself.
			seg := base64.RawURLEncoding.EncodeToString([]byte(tt.payload))
			if strings.Contains(tt.want, "atob throws") != strings.ContainsAny(seg, "-_") {
				t.Fatalf("test payload %s encodes to %s", tt.payload, seg)
			}
			r := runWith(nil, "", "decode", rawToken(`{"alg":"HS256"}`, tt.payload))
			if r.code != 0 || !strings.Contains(r.stderr, "sdk: MagicBell's JavaScript SDK "+tt.want+"\n") {
				t.Errorf("exit %d, stderr %q; want %q", r.code, r.stderr, tt.want)
			}
		})
	}
}

// TestReadClaimsLikeSDK checks JavaScript's truthiness as @magicbell/react's
// getUserIdFromToken and getApiKeyFromToken apply it.
func TestReadClaimsLikeSDK(t *testing.T) {
	for _, tt := range []struct {
		claims           string
		claim, user, key string // user and key as JSON, "" for none
	}{
		{`{"user_external_id":"u","user_email":"e@x.co","api_key":"pk"}`, "user_external_id", `"u"`, `"pk"`},
		{`{"user_external_id":"","user_email":"e@x.co","api_key":"pk"}`, "user_email", `"e@x.co"`, `"pk"`},
		{`{"user_external_id":null,"user_email":"e@x.co"}`, "user_email", `"e@x.co"`, ""},
		{`{"user_external_id":0,"user_email":"e@x.co","api_key":0}`, "user_email", `"e@x.co"`, ""},
		{`{"user_external_id":false,"user_email":"","api_key":""}`, "", "", ""},
		{`{"user_external_id":7,"api_key":true}`, "user_external_id", `7`, `true`},
		{`{"user_external_id":[],"api_key":{}}`, "user_external_id", `[]`, `{}`},
		{`{"user_external_id":{}}`, "user_external_id", `{}`, ""},
	} {
		var m map[string]any
		if err := json.Unmarshal([]byte(tt.claims), &m); err != nil {
			t.Fatal(err)
		}
		r := readClaimsLikeSDK(m)
		show := func(v any) string {
			if v == nil {
				return ""
			}
			return describe(v)
		}
		if r.userClaim != tt.claim || show(r.user) != tt.user || show(r.apiKey) != tt.key {
			t.Errorf("%s: user %s %s, api_key %s; want %s %s, %s", tt.claims, r.userClaim, show(r.user), show(r.apiKey), tt.claim, tt.user, tt.key)
		}
	}
}

func TestAtob(t *testing.T) {
	for _, tt := range []struct{ in, want, err string }{
		{"YWJj", "abc", ""},
		{"YWI", "ab", ""},
		{"YWI=", "ab", ""},
		{"YQ==", "a", ""},
		{" Y W\nI\t", "ab", ""},
		{"YWJ", "ab", ""}, // the padding bits are ignored
		{"Y", "", "length"},
		{"YQ=", "", `'='`},
		{"YW-j", "", `'-'`},
		{"YW_j", "", `'_'`},
		{"YW€j", "", `'€'`},
	} {
		got, err := atob(tt.in)
		if tt.err == "" && (err != nil || string(got) != tt.want) || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("atob(%q) = %q, %v; want %q, %q", tt.in, got, err, tt.want, tt.err)
		}
	}
}

// TestOutputIsTerminalSafe checks that what a hostile token holds cannot drive a
// terminal: control characters, DEL, bidi overrides and invalid UTF-8 come out as
// \u escapes, in the JSON on stdout and in the lines on stderr.
func TestOutputIsTerminalSafe(t *testing.T) {
	payload := "{\"user_external_id\":\"a\u009b31m\x7fb\u202ec\u2066d\xffe\u0085\",\"api_key\":\"pk_\u202e\",\"note\":\"<b>&amp;</b>\",\"esc\":\"\\u001b[2J\"}"
	header := "{\"alg\":\"HS256\",\"kid\":\"\u202eevil\x7f\"}"
	r := runWith(nil, "", "decode", rawToken(header, payload))
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, out := range []string{r.stdout, r.stderr} {
		for _, bad := range []string{"\u009b", "\x7f", "\u202e", "\u2066", "\xff", "\u0085", "\x1b"} {
			if strings.Contains(out, bad) {
				t.Errorf("output has a raw %q:\n%s", bad, out)
			}
		}
	}
	for _, want := range []string{`a\u009b31m\u007fb\u202ec\u2066d\ufffde\u0085`, `\u202eevil\u007f`, `"<b>&amp;</b>"`, `"\u001b[2J"`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout does not have %s:\n%s", want, r.stdout)
		}
	}
	var out struct{ Payload map[string]string }
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || out.Payload["note"] != "<b>&amp;</b>" {
		t.Errorf("stdout is not the payload's JSON: %v\n%s", err, r.stdout)
	}
	if !strings.Contains(r.stderr, `\u009b31m\u007fb\u202e`) {
		t.Errorf("stderr does not show what the SDK reads, escaped: %q", r.stderr)
	}

	// verify prints <, > and & as they are too.
	atTime(t, testNow, time.UTC)
	tok := mint(`{"alg":"HS256","kid":"<a&b>"}`, `{"user_external_id":"x<y>&z","api_key":"`+apiKey+`","exp":1795438800}`)
	if r := runWith(keys, "", "verify", tok); r.code != 0 || !strings.Contains(r.stdout, `"<a&b>"`) || !strings.Contains(r.stdout, `"x<y>&z"`) {
		t.Errorf("exit %d, stdout %s, stderr %s", r.code, r.stdout, r.stderr)
	}
}

func TestTerminalSafe(t *testing.T) {
	for in, want := range map[string]string{
		"plain ascii <>&":    "plain ascii <>&",
		"a\nb\tc\r":          `a\u000ab\u0009c\u000d`,
		"\x00\x1f\x7f":       `\u0000\u001f\u007f`,
		"\u0080\u009f\u00a0": `\u0080\u009f` + "\u00a0",
		"\u2029\u202a\u202e\u202f\u2065\u2066\u2069\u206a": "\u2029" + `\u202a\u202e` + "\u202f\u2065" + `\u2066\u2069` + "\u206a",
		"\xff\xc3":     `\ufffd\ufffd`,
		"\ufffd":       "\ufffd",
		"Zoë 🎉 \u200d": "Zoë 🎉 \u200d",
	} {
		if got := terminalSafe(in); got != want {
			t.Errorf("terminalSafe(%q) = %q, want %q", in, got, want)
		}
	}
	if got := escapeHidden("{\n\t\"a\": \"\u202e\"\n}", true); got != "{\n\t\"a\": \"\\u202e\"\n}" {
		t.Errorf("escapeHidden kept layout: %q", got)
	}
}
