package main

import (
	"encoding/json"
	"errors"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"

	"github.com/golang-jwt/jwt/v5"

	"github.com/magicbell-community/magicbelljwt"
)

// The tests here hold decode, verify and the library's Verify to one truth about a
// token (issue 15): decode explains exactly what Verify refuses, and nothing the
// command prints holds the secret key.

// spellings are the ways output could spell secret: as it is and as JSON escapes it.
func spellings(secret string) []string {
	forms := []string{secret}
	for _, html := range []bool{false, true} {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(html)
		enc.Encode(secret)
		forms = append(forms, strings.TrimSuffix(strings.TrimSuffix(b.String(), "\n"), `"`)[1:])
	}
	return forms
}

// revealed returns the first spelling of secret that out holds, or "".
func revealed(out, secret string) string {
	for _, form := range spellings(secret) {
		if strings.Contains(out, form) {
			return form
		}
	}
	return ""
}

// checkLine is one check line of decode's checklist.
type checkLine struct{ word, check, found string }

var checkLineRE = regexp.MustCompile(`^(ok  |warn|FAIL|skip) (\w+): (.*)$`)

// checkLines parses decode's stderr into its check lines.
func checkLines(stderr string) []checkLine {
	var lines []checkLine
	for _, l := range strings.Split(stderr, "\n") {
		if m := checkLineRE.FindStringSubmatch(l); m != nil {
			lines = append(lines, checkLine{strings.TrimSpace(m[1]), m[2], m[3]})
		}
	}
	return lines
}

// hasLine reports whether lines has a line with word and check whose text holds found.
func hasLine(lines []checkLine, word, check, found string) bool {
	for _, l := range lines {
		if l.word == word && l.check == check && strings.Contains(l.found, found) {
			return true
		}
	}
	return false
}

// TestOneTruth covers each row of issue 15 through run: what decode and verify print
// for a token, and what Verify makes of it.
func TestOneTruth(t *testing.T) {
	atTime(t, testNow, time.UTC)
	p := strings.NewReplacer("$KEY", `"`+apiKey+`"`, "$S", secret, "$EXP", "1795438800").Replace
	hs := `{"alg":"HS256","typ":"JWT"}`
	good := tokenAt(t, apiKey, secret, testNow, time.Hour)
	signer, err := magicbelljwt.NewSigner(apiKey, secret, magicbelljwt.WithClock(func() time.Time { return testNow }))
	if err != nil {
		t.Fatal(err)
	}
	// verifyWords is what Verify says is wrong with a malformed token.
	verifyWords := func(tok string) string {
		_, err := signer.Verify(tok)
		if !errors.Is(err, jwt.ErrTokenMalformed) {
			t.Fatalf("Verify error = %v, want it malformed", err)
		}
		return strings.TrimPrefix(err.Error(), "magicbelljwt: token is malformed: ")
	}
	big := mint(hs, p(`{"user_external_id":"alice","api_key":$KEY,"exp":$EXP,"pad":"`+strings.Repeat("x", 6200)+`"}`))
	if len(big) <= 8192 {
		t.Fatalf("the big token is %d bytes", len(big))
	}

	for _, tt := range []struct {
		name   string
		env    map[string]string
		cmd    string
		token  string
		code   int
		want   []checkLine // lines decode must print; for verify, found is what stderr says
		stdout string      // what stdout must hold
	}{
		{"a secret api_key, then ours", bothKeys, "decode", mint(hs, p(`{"api_key":"$S","user_external_id":"alice","api_key":$KEY,"exp":$EXP}`)), 1,
			[]checkLine{{"FAIL", "api_key", `the secret key is published inside the token, in "api_key" of the payload`},
				{"ok", "api_key", `"` + apiKey + `", this project's`},
				{"FAIL", "names", `"api_key" is given twice in the payload: JSON.parse and MagicBell's SDK read the last, go-jose refuses the token`}},
			`"api_key": "<the secret key>",`},
		{"a secret kid, then another", bothKeys, "decode", mint(`{"alg":"HS256","kid":"`+secret+`","kid":"k1"}`, p(`{"user_external_id":"alice","api_key":$KEY,"exp":$EXP}`)), 1,
			[]checkLine{{"FAIL", "api_key", `published inside the token, in "kid" of the header`}, {"FAIL", "names", `"kid" is given twice in the header`}},
			`"kid": "<the secret key>",`},
		{"a secret nested, then a number", bothKeys, "decode", mint(hs, p(`{"user_external_id":"alice","api_key":$KEY,"exp":$EXP,"meta":{"k":"$S","k":0}}`)), 1,
			[]checkLine{{"FAIL", "api_key", `published inside the token, in "meta" of the payload`}, {"FAIL", "names", `"k" is given twice in "meta" of the payload`}},
			`"k": "<the secret key>",`},
		{"the secret JSON-escaped", bothKeys, "decode", mint(hs, p(`{"user_external_id":"alice","api_key":$KEY,"exp":$EXP,"note":"\u0073`+secret[1:]+`"}`)), 1,
			[]checkLine{{"FAIL", "api_key", `published inside the token, in "note" of the payload`}}, `"note": "<the secret key>"`},
		{"the secret as a name", bothKeys, "decode", mint(hs, p(`{"user_external_id":"alice","api_key":$KEY,"exp":$EXP,"$S":1}`)), 1,
			[]checkLine{{"FAIL", "api_key", `published inside the token, in "<the secret key>" of the payload`}}, `"<the secret key>": 1`},
		{"a user given twice", bothKeys, "decode", mint(hs, p(`{"user_external_id":"admin","user_external_id":"alice","api_key":$KEY,"exp":$EXP}`)), 1,
			[]checkLine{{"ok", "user", `user_external_id "alice"`}, {"FAIL", "names", `"user_external_id" is given twice in the payload`}}, ""},
		{"verify of a secret kid", bothKeys, "verify", mint(`{"alg":"HS256","kid":"`+secret+`"}`, p(`{"user_external_id":"alice","api_key":$KEY,"exp":$EXP}`)), 1,
			[]checkLine{{found: `the token publishes the secret key, in "kid" of the header: rotate the secret key in the MagicBell dashboard`}}, ""},
		{"verify of a secret user", bothKeys, "verify", mint(hs, p(`{"user_external_id":"$S","api_key":$KEY,"exp":$EXP}`)), 1,
			[]checkLine{{found: `the token publishes the secret key, in "user_external_id" of the payload`}}, ""},
		{"verify of a secret api_key", bothKeys, "verify", mint(hs, p(`{"user_external_id":"alice","api_key":"$S","exp":$EXP}`)), 1,
			[]checkLine{{found: `the token publishes the secret key, in "api_key" of the payload`}}, ""},
		{"decode with the keys swapped", map[string]string{"MAGICBELL_API_KEY": secret, "MAGICBELL_API_SECRET": apiKey}, "decode", good, 2,
			[]checkLine{{found: "magicbell-jwt decode: magicbelljwt: API key and secret key look swapped: the secret key in MAGICBELL_API_SECRET starts with pk_"}}, ""},
		{"decode with a secret and its newline", map[string]string{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": secret + "\n"}, "decode", good, 2,
			[]checkLine{{found: "magicbell-jwt decode: magicbelljwt: invalid secret key: MAGICBELL_API_SECRET has a trailing newline"}}, ""},
		{"decode with an API key and its newline", map[string]string{"MAGICBELL_API_KEY": apiKey + "\n", "MAGICBELL_API_SECRET": secret}, "decode", good, 2,
			[]checkLine{{found: "magicbell-jwt decode: magicbelljwt: invalid API key: MAGICBELL_API_KEY has a trailing newline"}}, ""},
		{"decode with a secret that starts with pk_ alone", map[string]string{"MAGICBELL_SECRET_KEY": apiKey}, "decode", good, 2,
			[]checkLine{{found: "the secret key in MAGICBELL_SECRET_KEY starts with pk_"}}, ""},
		{"decode with the secret in MAGICBELL_API_KEY", map[string]string{"MAGICBELL_API_KEY": secret}, "decode", good, 2,
			[]checkLine{{found: "magicbell-jwt decode: magicbelljwt: invalid API key: MAGICBELL_API_KEY is not shaped as a MagicBell API key"}}, ""},
		{"decode with -api-key that is no API key", nil, "decode -api-key " + secret, good, 2,
			[]checkLine{{found: "magicbell-jwt decode: magicbelljwt: invalid API key: -api-key is not shaped as a MagicBell API key"}}, ""},
		{"a lone surrogate in a user", bothKeys, "decode", mint(hs, p(`{"user_external_id":"al\ud800ice","api_key":$KEY,"exp":$EXP}`)), 1, nil, ""},
		{"invalid UTF-8", bothKeys, "decode", mint(hs, p(`{"user_external_id":"al`+"\xff"+`ice","api_key":$KEY,"exp":$EXP}`)), 1, nil, ""},
		{"a byte order mark", bothKeys, "decode", mint(hs, p("\ufeff"+`{"user_external_id":"alice","api_key":$KEY,"exp":$EXP}`)), 1, nil, `"payload": null`},
		{"JSON after the object", bothKeys, "decode", mint(hs, p(`{"user_external_id":"alice","api_key":$KEY,"exp":$EXP} {"user_external_id":"admin"}`)), 1, nil, `"payload": null`},
		{"a payload null", bothKeys, "decode", mint(hs, `null`), 1, nil, `"payload": null`},
		{"a payload array", bothKeys, "decode", mint(hs, p(`[{"user_external_id":"alice","api_key":$KEY,"exp":$EXP}]`)), 1, nil, `"payload": null`},
		{"a header array", bothKeys, "decode", mint(`["HS256"]`, p(`{"user_external_id":"alice","api_key":$KEY,"exp":$EXP}`)), 1, nil, `"header": null`},
		{"over 8 KiB", bothKeys, "decode", big, 1, []checkLine{{"ok", "user", `user_external_id "alice"`}, {"ok", "signature", "made with the secret key"}}, ""},
		{"nbf null", bothKeys, "decode", mint(hs, p(`{"user_external_id":"alice","api_key":$KEY,"exp":$EXP,"nbf":null}`)), 1,
			[]checkLine{{"FAIL", "nbf", "nbf is null, want a number of seconds since 1970"}}, ""},
		{"iat null, the last of two", bothKeys, "decode", mint(hs, p(`{"user_external_id":"alice","api_key":$KEY,"exp":$EXP,"iat":1795435200,"iat":null}`)), 1,
			[]checkLine{{"FAIL", "iat", "iat is null, want a number of seconds since 1970"}}, ""},
		{"user_email null: absent", bothKeys, "decode", mint(hs, p(`{"user_email":null,"user_external_id":"alice","api_key":$KEY,"exp":$EXP}`)), 0,
			[]checkLine{{"ok", "user", `user_external_id "alice"`}}, ""},
		{"iat, nbf 0", bothKeys, "decode", mint(hs, p(`{"user_external_id":"alice","api_key":$KEY,"exp":$EXP,"iat":0,"nbf":0}`)), 0,
			[]checkLine{{"ok", "iat", "1970-01-01 00:00:00 UTC"}, {"ok", "nbf", "1970-01-01 00:00:00 UTC"}}, ""},
		{"exp 0", bothKeys, "decode", mint(hs, p(`{"user_external_id":"alice","api_key":$KEY,"exp":0}`)), 1,
			[]checkLine{{"FAIL", "exp", "it expired at 1970-01-01 00:00:00 UTC"}}, ""},
		{"exp a fraction ahead", bothKeys, "decode", mint(hs, p(`{"user_external_id":"alice","api_key":$KEY,"exp":`+strconv.FormatInt(testNow.Unix(), 10)+`.9}`)), 0,
			[]checkLine{{"ok", "exp", "2026-11-23 12:00:00 UTC, expires in 1s"}}, ""},
		{"verify of HS512", bothKeys, "verify", mintWith(sha512.New, `{"alg":"HS512"}`, p(`{"user_external_id":"alice","api_key":$KEY,"exp":$EXP}`)), 1,
			[]checkLine{{found: `invalid token: magicbelljwt: token signature is invalid: alg "HS512": MagicBell accepts only HS256`}}, ""},
		// 39 characters end in one whose two low bits carry nothing: 'A' has none set.
		{"verify of a signature cut short", bothKeys, "verify", good[:len(good)-5] + "A", 1,
			[]checkLine{{found: "the signature segment is cut short or damaged: it holds 29 bytes, and an HS256 signature 32"}}, ""},
		{"verify of a signature cut to 4n+1 characters", bothKeys, "verify", good[:len(good)-2], 1,
			[]checkLine{{found: "the signature segment is cut short or damaged: base64url cannot end after 41 characters"}}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := append(strings.Fields(tt.cmd), tt.token)
			r := runWith(tt.env, "", args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\n%s%s", r.code, tt.code, r.stdout, r.stderr)
			}
			if form := revealed(r.stdout+r.stderr, secret); form != "" {
				t.Errorf("output holds the secret key as %q:\n%s%s", form, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, tt.stdout) {
				t.Errorf("stdout does not hold %q:\n%s", tt.stdout, r.stdout)
			}
			if args[0] == "verify" || tt.code == 2 {
				if r.stdout != "" || strings.Count(r.stderr, "\n") > 2 || !strings.Contains(r.stderr, tt.want[0].found) {
					t.Errorf("stdout %q, stderr %q; want only an error saying %q", r.stdout, r.stderr, tt.want[0].found)
				}
				return
			}
			lines := checkLines(r.stderr)
			for _, want := range tt.want {
				if !hasLine(lines, want.word, want.check, want.found) {
					t.Errorf("no line %s %s: %s in\n%s", want.word, want.check, want.found, r.stderr)
				}
			}
			// When Verify refuses the token's text, decode says so in its words.
			if _, err := signer.Verify(tt.token); errors.Is(err, jwt.ErrTokenMalformed) && !hasLine(lines, "FAIL", "format", verifyWords(tt.token)) {
				t.Errorf("no line FAIL format: %s in\n%s", verifyWords(tt.token), r.stderr)
			}
		})
	}
}

// TestSecretEchoedBackIsHidden covers what the command echoes from its arguments: a
// secret key given as a command, a flag or a user is never printed back, in any
// spelling, even one with characters that JSON and %q escape.
func TestSecretEchoedBackIsHidden(t *testing.T) {
	for _, sec := range []string{secret, `sk_"odd\secret<&>`, "sk_tab\there", "sk_\u202eflip"} {
		env := map[string]string{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": sec}
		for _, args := range [][]string{
			{sec}, {"help", sec}, {"sign", "-" + sec}, {"sign", "-external-id", "u", sec}, {"sign", "-email", sec},
			{"sign", "-external-id", "u", "-expiry", sec}, {"verify", sec}, {"verify", "a", sec}, {"decode", sec}, {"decode", "-api-key", sec, "a.b.c"},
		} {
			r := runWith(env, "", args...)
			if form := revealed(r.stdout+r.stderr, sec); form != "" || strings.Contains(r.stdout+r.stderr, terminalSafe(sec)) {
				t.Errorf("%q: output holds the secret key:\n%s%s", args, r.stdout, r.stderr)
			}
		}
	}
}

// TestDecode_BoundedWork covers a token whose payload nests arrays 9,990 deep: it
// once took 977 MB of memory and printed 199.7 MB. Now decode refuses the nesting, as
// Verify does, in memory and output linear in the token.
func TestDecode_BoundedWork(t *testing.T) {
	atTime(t, testNow, time.UTC)
	deep := mint(`{"alg":"HS256","typ":"JWT"}`, `{"user_external_id":"alice","api_key":"`+apiKey+`","exp":1795438800,"x":`+
		strings.Repeat("[", 9990)+strings.Repeat("]", 9990)+`}`)
	if len(deep) < 26<<10 {
		t.Fatalf("the deep token is %d bytes", len(deep))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := runWith(bothKeys, deep, "decode", "-")
	runtime.ReadMemStats(&after)
	if r.code != 1 || !strings.Contains(r.stderr, "FAIL format: the payload nests deeper than 16 levels\n") || !strings.Contains(r.stdout, `"payload": null`) {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Allocated in all, not only at the peak: an upper bound on the peak.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
		t.Errorf("decode allocated %d bytes for a %d-byte token", alloc, len(deep))
	}
	if out := len(r.stdout) + len(r.stderr); out > 4<<10 {
		t.Errorf("decode printed %d bytes", out)
	}

	// The deepest nesting read, 16 levels, in the largest token stdin takes: what is
	// printed grows with the token, not with its square.
	unit := `{"a":` + strings.Repeat("[", 14) + strings.Repeat("]", 14) + `},`
	payload := `{"user_external_id":"alice","api_key":"` + apiKey + `","exp":1795438800,"x":[` + strings.Repeat(unit, 1400) + `1]}`
	wide := mint(`{"alg":"HS256"}`, payload)
	r = runWith(bothKeys, wide, "decode", "-")
	if r.code != 1 || !strings.Contains(r.stderr, "FAIL format: "+strconv.Itoa(len(wide))+" bytes, over the limit of 8192\n") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
	if out := len(r.stdout); out > 64*len(wide) {
		t.Errorf("decode printed %d bytes for a %d-byte token", out, len(wide))
	}
}

// checksFor says which checks of decode name the problems of a Verify error: for each
// sentinel it wraps, the checks of which one must FAIL. A token without exp is the
// exception: decode warns, since MagicBell may accept it.
func checksFor(err error) [][]string {
	msg := err.Error()
	var want [][]string
	for _, c := range []struct {
		sentinel error
		checks   []string
	}{
		{jwt.ErrTokenMalformed, []string{"format"}},
		{jwt.ErrTokenUnverifiable, []string{"alg"}},
		{jwt.ErrTokenSignatureInvalid, []string{"alg", "signature"}},
		{jwt.ErrTokenExpired, []string{"exp"}},
		{jwt.ErrTokenUsedBeforeIssued, []string{"iat"}},
		{jwt.ErrTokenNotValidYet, []string{"nbf"}},
		{magicbelljwt.ErrNoUser, []string{"user"}},
		{magicbelljwt.ErrInvalidEmail, []string{"user"}},
		{magicbelljwt.ErrInvalidExternalID, []string{"user"}},
		{magicbelljwt.ErrAPIKeyMismatch, []string{"api_key"}},
	} {
		if errors.Is(err, c.sentinel) {
			want = append(want, c.checks)
		}
	}
	if strings.Contains(msg, "no api_key claim") {
		want = append(want, []string{"api_key"})
	}
	for _, name := range []string{"exp", "iat", "nbf", "api_key"} {
		if strings.Contains(msg, "invalid type for claim: "+name+" is ") {
			want = append(want, []string{name})
		}
	}
	return want
}

// FuzzCommand runs sign, verify and decode on tokens signed with the secret key over
// any header and payload, or on any text, with any secret key. Nothing any of them
// prints holds the secret key; with both keys set, decode agrees with Verify.
func FuzzCommand(f *testing.F) {
	p := strings.NewReplacer("$KEY", `"`+apiKey+`"`, "$S", secret).Replace
	hs := `{"alg":"HS256","typ":"JWT"}`
	f.Add(hs, p(`{"api_key":"$S","user_external_id":"alice","api_key":$KEY,"exp":1795438800}`), "", false)
	f.Add(`{"alg":"HS256","kid":"$S","kid":"k1"}`, p(`{"user_external_id":"alice","api_key":$KEY,"exp":1795438800,"meta":{"k":"$S","k":0}}`), "", false)
	f.Add(hs, p(`{"user_external_id":"admin","user_external_id":"alice","api_key":$KEY,"exp":1795438800.5,"nbf":null}`), "", false)
	f.Add(hs, p(`{"user_email":null,"user_external_id":"al\ud800ice","api_key":$KEY,"iat":0}`), "x", false)
	f.Add(`{"alg":"HS512"}`, p(`{"user_email":"a@b.co","api_key":$KEY,"exp":1e400}`), "", false)
	f.Add(hs, p(`{"user_external_id":"alice","api_key":$KEY,"exp":1795438800} []`), "", true)
	f.Add(hs, "null", "\n", false)
	f.Add(hs, p(`{"user_external_id":"alice","api_key":$KEY,"exp":1795438800,"note":"\u0073`+secret[1:]+`"}`), "", false)
	f.Add(`{"alg":"HS512"}`, p(`{"user_external_id":"alice","api_key":$KEY,"exp":1795438800}`), "", false)
	f.Add(hs, p(`{"user_external_id":"alice","api_key":$KEY}`), "", false)
	f.Add(hs, p(`{"user_external_id":"alice","api_key":$KEY,"exp":1795438800}`), `"`, true)
	f.Fuzz(func(t *testing.T, header, payload, tail string, raw bool) {
		sec := secret + tail // a secret of any bytes, as long as NewSigner may take it
		header, payload = strings.ReplaceAll(header, "$S", sec), strings.ReplaceAll(payload, "$S", sec)
		tok := b64(header) + "." + b64(payload) + "." + b64(signWith(sec, b64(header)+"."+b64(payload)))
		if raw { // any text at all
			tok = header + "." + payload + tail
		}
		atTime(t, testNow, time.UTC)
		env := map[string]string{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": sec}
		runs := map[string]result{}
		for _, args := range [][]string{{"decode", "--", tok}, {"verify", "--", tok}, {"sign", "-external-id", payload}, {"decode", "-api-key", tail, "--", tok}} {
			r := runWith(env, "", args...)
			if form := revealed(r.stdout+r.stderr, sec); form != "" {
				t.Fatalf("%s prints the secret key %q as %q:\n%s%s", args[0], sec, form, r.stdout, r.stderr)
			}
			if _, done := runs[args[0]]; !done {
				runs[args[0]] = r
			}
		}

		signer, err := magicbelljwt.NewSigner(apiKey, sec, magicbelljwt.WithClock(func() time.Time { return testNow }))
		if err != nil {
			return // decode refuses the keys as NewSigner does
		}
		decode := runs["decode"]
		lines := checkLines(decode.stderr)
		if strings.TrimSpace(tok) != tok || strings.TrimSpace(tok) == "" || strings.Trim(tok, `"'`) != tok {
			return // the command trims what the library does not
		}
		_, verr := signer.Verify(tok)
		if verr == nil {
			for _, l := range lines {
				if l.word == "FAIL" && l.check != "names" && l.check != "sdk" && !(l.check == "api_key" && strings.Contains(l.found, "the secret key is published")) {
					t.Fatalf("Verify accepts the token, decode says %s %s: %s\n%s", l.word, l.check, l.found, decode.stderr)
				}
			}
			return
		}
		onlyNoExp := verr.Error() == "magicbelljwt: token has invalid claims: token is missing required claim: no exp claim"
		if decode.code != exitInvalid && !onlyNoExp {
			t.Fatalf("Verify refuses the token (%v), decode exits %d:\n%s", verr, decode.code, decode.stderr)
		}
		for _, checks := range checksFor(verr) {
			found := false
			for _, check := range checks {
				found = found || hasLine(lines, "FAIL", check, "")
			}
			if !found && !(checks[0] == "exp" && hasLine(lines, "warn", "exp", "no exp")) {
				t.Fatalf("Verify refuses the token (%v), decode has no FAIL line for %v:\n%s", verr, checks, decode.stderr)
			}
		}
		if strings.Contains(verr.Error(), "no exp claim") && !hasLine(lines, "warn", "exp", "no exp") {
			t.Fatalf("Verify refuses a token without exp, decode does not warn:\n%s", decode.stderr)
		}
	})
}

// signWith is the HMAC-SHA256 of input with key, made apart from the command.
func signWith(key, input string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(input))
	return string(m.Sum(nil))
}

// TestDecode_Unreadable covers tokens that are not three segments, even read past
// whitespace and padding: decode says so, once, and explains nothing it did not read.
func TestDecode_Unreadable(t *testing.T) {
	const todo = "     a JWT is three base64url segments separated by dots, with a JSON object in each of the first two: send it as minted\n"
	for _, tt := range []struct{ token, problem string }{
		{"a.b", "2 segments, want 3 separated by dots"},
		{"e30.e30.e30.e30", "4 segments, want 3 separated by dots"},
		{"e30.e30", "2 segments, want 3 separated by dots"},
		{"e30 .e30.\u00e9", "whitespace at byte 3: pass the token without surrounding spaces or newlines"},
		{"e30.e30.c2ln\"", `'"' at byte 12 is not base64url`},
	} {
		r := runWith(bothKeys, "", "decode", "--", tt.token)
		want := "UNVERIFIED: this explains the token; 'magicbell-jwt verify' is the strict yes or no.\nFAIL format: " + tt.problem + "\n" + todo
		if r.code != 1 || r.stderr != want || r.stdout != "{\n  \"header\": null,\n  \"payload\": null\n}\n" {
			t.Errorf("decode %q: exit %d\n%s%s\nwant\n%s", tt.token, r.code, r.stdout, r.stderr, want)
		}
	}
}

// TestDecode_SegmentCutShort covers a header or payload segment that is no base64url:
// one FAIL line for it, in Verify's words, and the other segment still explained.
func TestDecode_SegmentCutShort(t *testing.T) {
	atTime(t, testNow, time.UTC)
	payload := b64(`{"user_external_id":"u1","api_key":"` + apiKey + `","exp":1795438800}`)
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	if len(payload)%4 == 0 {
		t.Fatalf("the payload segment has no stray bits to set: %d characters", len(payload))
	}
	stray := payload[:len(payload)-1] + string(alphabet[strings.IndexByte(alphabet, payload[len(payload)-1])^1])
	for _, tt := range []struct {
		token  string
		format []string // every FAIL format line
		checks []string // the other checks, in order
	}{
		{"e30xx." + payload + ".c2ln", []string{"the header segment is cut short or damaged: base64url cannot end after 5 characters"},
			[]string{"api_key", "user", "names", "exp", "iat", "nbf", "sdk"}},
		{"e30." + payload[:9] + ".c2ln", []string{"the payload segment is cut short or damaged: base64url cannot end after 9 characters"},
			[]string{"alg", "signature"}},
		// Stray bits: the payload is read anyway, whole.
		{"e30." + stray + ".c2ln", []string{"the payload segment is cut short or damaged: its last character has stray bits, so it is not the base64url of any bytes"},
			[]string{"alg", "api_key", "user", "names", "exp", "iat", "nbf", "sdk", "signature"}},
		// Every segment is decoded before either object is read: that is the order
		// Verify reports the first problem in.
		{"e30x." + payload[:9] + ".c2ln", []string{"the payload segment is cut short or damaged: base64url cannot end after 9 characters",
			"the header has more after its JSON object, at byte 2"}, nil},
	} {
		r := runWith(bothKeys, "", "decode", tt.token)
		var format, checks []string
		for _, l := range checkLines(r.stderr) {
			if l.check == "format" {
				format = append(format, l.found)
			} else {
				checks = append(checks, l.check)
			}
		}
		if strings.Join(format, "\n") != strings.Join(tt.format, "\n") || strings.Join(checks, " ") != strings.Join(tt.checks, " ") || r.code != 1 {
			t.Errorf("decode %s: exit %d\n%s", tt.token, r.code, r.stderr)
		}
	}
}

// TestDecode_PublishedWhere covers where decode says a token holds the secret key:
// each member once, in the order they come, the JSON text when no string holds it, the
// header when the payload cannot be read; and api_key the secret is that line alone.
func TestDecode_PublishedWhere(t *testing.T) {
	atTime(t, testNow, time.UTC)
	p := strings.NewReplacer("$KEY", `"`+apiKey+`"`, "$S", secret, "$E", `\u0073`+secret[1:]).Replace
	const published = "FAIL api_key: the secret key is published inside the token, in "
	for _, tt := range []struct {
		name, sec, header, payload string
		apiKeyLines                []string // every api_key line, whole
		stdout                     string
	}{
		{"twice in one member, then in an earlier-sorting one", secret, `{"alg":"HS256"}`, p(`{"z":{"a":"$S","b":"x $S"},"a":"$S","user_external_id":"u","api_key":$KEY,"exp":1795438800}`),
			[]string{published + `"z" of the payload and "a" of the payload`, `ok   api_key: "` + apiKey + `", this project's (MAGICBELL_API_KEY)`}, ""},
		{"api_key itself", secret, `{"alg":"HS256"}`, p(`{"user_external_id":"u","api_key":"$S","exp":1795438800}`),
			[]string{published + `"api_key" of the payload`}, ""},
		{"escaped, the first name", secret, `{"alg":"HS256"}`, p(`{"$E":1,"user_external_id":"u","api_key":$KEY,"exp":1795438800}`),
			[]string{published + `"<the secret key>" of the payload`, `ok   api_key: "` + apiKey + `", this project's (MAGICBELL_API_KEY)`}, `"<the secret key>": 1`},
		{"across two strings", `sk_x","y`, `{"alg":"HS256"}`, `{"q":"sk_x","y":1,"user_external_id":"u","api_key":"` + apiKey + `","exp":1795438800}`,
			[]string{published + `the JSON text of the payload`, `ok   api_key: "` + apiKey + `", this project's (MAGICBELL_API_KEY)`}, ""},
		{"in the header, the payload unread", secret, p(`{"alg":"HS256","kid":"$S"}`), `null`,
			[]string{published + `"kid" of the header`}, `"kid": "<the secret key>"`},
	} {
		tok := b64(tt.header) + "." + b64(tt.payload) + "." + b64(signWith(tt.sec, b64(tt.header)+"."+b64(tt.payload)))
		r := runWith(map[string]string{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": tt.sec}, "", "decode", tok)
		var got []string
		for _, l := range strings.Split(r.stderr, "\n") {
			if strings.Contains(l, " api_key: ") {
				got = append(got, l)
			}
		}
		if strings.Join(got, "\n") != strings.Join(tt.apiKeyLines, "\n") || !strings.Contains(r.stdout, tt.stdout) || r.code != 1 {
			t.Errorf("%s: exit %d, api_key lines\n%s\nwant\n%s\n%s", tt.name, r.code, strings.Join(got, "\n"), strings.Join(tt.apiKeyLines, "\n"), r.stdout)
		}
		if form := revealed(r.stdout+r.stderr, tt.sec); form != "" {
			t.Errorf("%s: output holds the secret as %q", tt.name, form)
		}
	}
}

// TestDecode_SignatureCutShort covers decode's signature line for a signature that is
// no HS256 one: never "signed with a different secret key", which would be untrue.
func TestDecode_SignatureCutShort(t *testing.T) {
	atTime(t, testNow, time.UTC)
	good := tokenAt(t, apiKey, secret, testNow, time.Hour)
	for _, tt := range []struct{ token, line string }{
		{good[:len(good)-2], "FAIL signature: not checked: the signature segment is not base64url"},
		{good[:len(good)-5] + "A", "FAIL signature: the signature segment is cut short or damaged: it holds 29 bytes, and an HS256 signature 32"},
		{good, "ok   signature: made with the secret key in MAGICBELL_API_SECRET"},
	} {
		r := runWith(bothKeys, "", "decode", tt.token)
		if !strings.Contains(r.stderr, "\n"+tt.line+"\n") {
			t.Errorf("stderr does not have %q:\n%s", tt.line, r.stderr)
		}
	}
}

// TestDecode_NamesInOrder checks that the names lines come in the order of the names,
// so that the checklist reads the same on every run.
func TestDecode_NamesInOrder(t *testing.T) {
	names := []string{"API-KEY", "Exp", "USER_EMAIL", "apiKey", "email", "expiresIn", "uid", "userId"}
	payload := `{"user_external_id":"u"`
	for i := len(names) - 1; i >= 0; i-- {
		payload += `,"` + names[i] + `":1`
	}
	tok := rawToken(`{"alg":"HS256"}`, payload+`}`)
	for i := 0; i < 5; i++ {
		var got []string
		for _, l := range checkLines(runWith(nil, "", "decode", tok).stderr) {
			if l.check == "names" {
				got = append(got, l.found[1:strings.Index(l.found[1:], `"`)+1])
			}
		}
		if strings.Join(got, " ") != strings.Join(names, " ") {
			t.Fatalf("names lines for %v, want %v", got, names)
		}
	}
}

// onceFailingWriter fails its first write only, as a pipe might before it recovers.
type onceFailingWriter struct{ writes int }

func (w *onceFailingWriter) Write(p []byte) (int, error) {
	if w.writes++; w.writes == 1 {
		return 0, errors.New("broken pipe")
	}
	return len(p), nil
}

// TestWriteFailures_FirstErrorKept checks that a write that fails is reported, with
// exit status 1, even when later writes of the same run succeed.
func TestWriteFailures_FirstErrorKept(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"sign", "-h"}} {
		var stderr strings.Builder
		code := run(args, func(string) string { return "" }, strings.NewReader(""), &onceFailingWriter{}, &stderr)
		if code != 1 || !strings.HasSuffix(stderr.String(), ": writing to stdout: broken pipe\n") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr.String())
		}
	}
}

// TestOutput_Writer checks output against io.Writer's contract: all of p on success;
// after a failure, that error again, with no byte written or claimed.
func TestOutput_Writer(t *testing.T) {
	var buf strings.Builder
	o := &output{c: &command{}, w: &buf}
	if n, err := o.Write([]byte("abc")); n != 3 || err != nil || buf.String() != "abc" {
		t.Errorf("Write = %d, %v, wrote %q; want 3, nil, \"abc\"", n, err, buf.String())
	}
	w := &onceFailingWriter{}
	o = &output{c: &command{}, w: w}
	for i := 0; i < 2; i++ {
		if n, err := o.Write([]byte("abc")); n != 0 || err == nil || err.Error() != "broken pipe" || w.writes != 1 {
			t.Errorf("write %d after a failure: %d, %v, %d writes; want 0, broken pipe, 1 write", i+1, n, err, w.writes)
		}
	}
}
