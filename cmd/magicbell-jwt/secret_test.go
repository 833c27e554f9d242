package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/golang-jwt/jwt/v5"

	"github.com/magicbell-community/magicbelljwt"
)

// The tests here hold the command to its two promises, for any input: nothing it
// prints spells the secret key, and what it prints for a token is bounded.

// spellings are the ways a program could print sec: as written, as JSON writes it with
// and without HTML escaping, as Go's %q and %+q write it, and with every character as a
// \u escape or every byte as a \x escape.
func spellings(sec string) []string {
	quoted := []string{strconv.Quote(sec), strconv.QuoteToASCII(sec)}
	for _, html := range []bool{false, true} {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(html)
		enc.Encode(sec)
		quoted = append(quoted, strings.TrimSpace(b.String()))
	}
	var u, x strings.Builder
	for _, r := range utf16.Encode([]rune(sec)) {
		fmt.Fprintf(&u, `\u%04x`, r)
	}
	for _, c := range []byte(sec) {
		fmt.Fprintf(&x, `\x%02x`, c)
	}
	forms := []string{sec, u.String(), strings.ReplaceAll(strings.ToUpper(u.String()), `\U`, `\u`), x.String()}
	for _, q := range quoted {
		forms = append(forms, q[1:len(q)-1])
	}
	return forms
}

// revealed returns the first spelling of sec that out holds, or "": of sec as the
// command's README defines the secret key, trimmed of surrounding whitespace and
// quotes, when it is one the library could accept, on its own.
func revealed(out, sec string) string {
	sec = strings.TrimSpace(sec)
	if n := len(sec); n >= 2 && (sec[0] == '"' || sec[0] == '\'') && sec[n-1] == sec[0] {
		sec = strings.TrimSpace(sec[1 : n-1])
	}
	if _, err := magicbelljwt.NewSigner(apiKey, sec); errors.Is(err, magicbelljwt.ErrInvalidSecretKey) {
		return "" // too short, unprintable: no key to keep
	}
	for _, form := range spellings(sec) {
		if strings.Contains(out, form) {
			return form
		}
	}
	return ""
}

// keyOf makes a secret key of 34 bytes that starts with s.
func keyOf(s string) string { return s + strings.Repeat("k", max(34-len(s), 0)) }

// secrets are the secret keys of the tests: the library's kind, a key of digits and
// one that is a common header segment, and ones with the characters that escaping
// changes, which the library or the command refuses.
var secrets = []string{secret, keyOf("sk_<q>&"), "1795435200179543520017954352001795", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
	keyOf(`sk_"q`), keyOf(`sk_\q`), keyOf("sk_\tq"), keyOf("sk_\x7fq"), keyOf("sk_\u00a0q"), keyOf("sk_\u2028q"), keyOf("sk_🎉q"), keyOf("🎉")}

// TestNeverPrintsTheSecret runs every subcommand on inputs that hold the secret key in
// every place a token, an argument or a flag can hold it, and spelt as JSON can spell
// it, with each of the secrets above.
func TestNeverPrintsTheSecret(t *testing.T) {
	atTime(t, testNow)
	for _, sec := range secrets {
		j, _ := json.Marshal(sec)
		esc := strings.Trim(strconv.QuoteToASCII(sec), `"`) // Go's and JSON's \u escapes agree below U+10000
		js := strings.Trim(string(j), `"`)
		p := strings.NewReplacer("$KEY", `"`+apiKey+`"`, "$S", js, "$E", esc).Replace
		payloads := []string{
			p(`{"user_external_id":"u","api_key":"$S","exp":1795438800}`),
			p(`{"user_external_id":"$E","api_key":$KEY,"exp":1795438800,"$S":{"$E":["$S"]}}`),
			p(`{"user_email":"$S@example.com","api_key":$KEY,"user_external_id":"$S","user_external_id":"x"}`),
			"\ufeff" + p(`{"api_key":"$E"}`), p(`{"api_key":"$S","exp":1e400}`), p(`{"api_key":"$S"}`) + sec, sec, p(`"$S"`),
		}
		env := map[string]string{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": sec}
		var runs [][]string
		for _, payload := range payloads {
			for _, header := range []string{`{"alg":"HS256"}`, p(`{"alg":"$S","kid":"$E"}`)} {
				tok := mint(sec, header, payload)
				runs = append(runs, []string{"decode", tok}, []string{"verify", tok}, []string{"decode", header + "." + payload + "." + sec},
					[]string{"decode", tok[:strings.LastIndexByte(tok, '.')+1] + sec}, []string{"decode", tok[:strings.LastIndexByte(tok, '.')+1] + b64(sec)})
			}
		}
		runs = append(runs, []string{sec}, []string{"help", sec}, []string{"sign", "-" + sec}, []string{"sign", "-" + sec + "=x"},
			[]string{"sign", "-external-id", sec}, []string{"sign", "-email", sec}, []string{"sign", "-email", "a" + sec + "@example.com"},
			[]string{"sign", "-external-id", "u", sec}, []string{"sign", "-external-id", "u", "-expiry", sec}, []string{"verify", sec},
			[]string{"verify", "a", sec}, []string{"decode", sec}, []string{"decode", "--", sec}, []string{"help"}, []string{"sign", "-external-id", "u"})
		for _, args := range runs {
			for _, env := range []map[string]string{env, {"MAGICBELL_SECRET_KEY": sec}, {"MAGICBELL_API_KEY": sec, "MAGICBELL_API_SECRET": sec}} {
				r := runWith(env, sec, args...)
				if form := revealed(r.stdout+r.stderr, sec); form != "" {
					t.Fatalf("secret %q, %.80q: the output holds it as %q:\n%s%s", sec, args, form, r.stdout, r.stderr)
				}
			}
		}
	}
}

// TestRefusedKeys checks that with keys the library refuses, every subcommand prints
// the library's error, which names the variable and not the key, and the help line,
// and exits 2: a key refused as too short or unprintable is no secret to keep, so the
// command never stays silent or withholds its words for it. Help reads no keys.
func TestRefusedKeys(t *testing.T) {
	atTime(t, testNow)
	tok := tokenAt(t, testNow, time.Hour)
	for _, env := range []map[string]string{
		{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": "a"},
		{"MAGICBELL_API_SECRET": "e"},
		{"MAGICBELL_SECRET_KEY": "1795435200,"},
		{"MAGICBELL_API_KEY": "pk_x", "MAGICBELL_API_SECRET": "x"}, // short, not swapped
		{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": "YOUR_API_SECRET"},
		{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": "ok   alg"},
		{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": "\ufeff" + secret},
		{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": secret + "\u200b"},
		{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": secret + "\n"},
		{"MAGICBELL_API_KEY": apiKey + " ", "MAGICBELL_API_SECRET": secret},
		{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": secret, "MAGICBELL_SECRET_KEY": keyOf("sk_other")},
	} {
		setKeys(env)
		_, err := magicbelljwt.NewSignerFromEnv()
		if err == nil {
			t.Fatalf("%q: the library accepts the keys", env)
		}
		for _, args := range [][]string{{"sign", "-external-id", "u"}, {"verify", tok}, {"decode", tok}, {"frobnicate", tok}} {
			name := "magicbell-jwt " + args[0]
			if args[0] == "frobnicate" {
				name = "magicbell-jwt"
			}
			r := runWith(env, "", args...)
			if want := name + ": " + err.Error() + "\nrun 'magicbell-jwt help' for where the keys come from\n"; r.code != 2 || r.stdout != "" || r.stderr != want {
				t.Errorf("%q %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", env, args[0], r.code, r.stdout, r.stderr, want)
			}
		}
		for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}, {"sign", "-h"}, {"decode", tok, "--help"}} {
			if r := runWith(env, "", args...); r.code != 0 || r.stderr != "" || !strings.HasPrefix(r.stdout, "magicbell-jwt mints") {
				t.Errorf("%q %q: exit %d, stdout %q, stderr %q", env, args, r.code, r.stdout, r.stderr)
			}
		}
	}
}

// TestSecretWithEscapedCharactersRefused checks that a secret key with a character the
// command escapes, which it could spell only escaped, is one the library refuses: the
// command prints the library's error, which names the variable, and the help line.
func TestSecretWithEscapedCharactersRefused(t *testing.T) {
	for _, sec := range []string{keyOf(`sk_"q`), keyOf(`sk_\q`), secret + `\`, keyOf("sk_\tq"), keyOf("sk_\x7fq"), keyOf("sk_\u2028q"), keyOf("sk_\u202eq"), keyOf("sk_\xffq"), keyOf("sk_\u0085q")} {
		for _, name := range []string{"MAGICBELL_API_SECRET", "MAGICBELL_SECRET_KEY"} {
			r := runWith(map[string]string{"MAGICBELL_API_KEY": apiKey, name: sec}, "", "sign", "-external-id", "u")
			if !strings.HasPrefix(r.stderr, "magicbell-jwt sign: magicbelljwt: invalid secret key: "+name+" holds ") || quote(sec) == `"`+sec+`"` ||
				r.code != 2 || r.stdout != "" || !strings.HasSuffix(r.stderr, "\nrun 'magicbell-jwt help' for where the keys come from\n") {
				t.Errorf("%s=%q: exit %d, stdout %q, stderr %q", name, sec, r.code, r.stdout, r.stderr)
			}
		}
	}
}

// TestWithheld checks what the command does when its own words would spell the secret
// key: the output that would hold it is not written, and a notice stands in its place.
func TestWithheld(t *testing.T) {
	atTime(t, testNow)
	// In the JSON on stdout, across a number and what follows it.
	sec := strings.Repeat("1", 33) + ","
	tok := mint(secret, `{"alg":"HS256"}`, `{"n":`+sec+`"user_external_id":"u"}`)
	r := runWith(map[string]string{"MAGICBELL_API_SECRET": sec}, "", "decode", tok)
	if r.code != 1 || r.stdout != "" || !strings.HasSuffix(r.stderr, "\nmagicbell-jwt decode: withheld what it would print on stdout: it would show the secret key\n") || strings.Contains(r.stderr, sec) {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	// In stderr: no words of the command's spell a key there today, so flush is
	// given some.
	for _, tt := range []struct {
		stdout, stderr, wantOut, wantErr string
		status                           int
	}{
		{"out\n", "a " + secret + "\n", "out\n", "magicbell-jwt: withheld what it would print on stderr: it would show the secret key\n", 1},
		{"out " + secret + "\n", "err\n", "", "err\nmagicbell-jwt: withheld what it would print on stdout: it would show the secret key\n", 1},
		{"out\n", "err\n", "out\n", "err\n", 0},
	} {
		c := &command{secret: secret}
		c.stdout.WriteString(tt.stdout)
		c.stderr.WriteString(tt.stderr)
		var stdout, stderr strings.Builder
		if status := c.flush(0, &stdout, &stderr); status != tt.status || stdout.String() != tt.wantOut || stderr.String() != tt.wantErr {
			t.Errorf("flush of %q and %q: %d, %q, %q", tt.stdout, tt.stderr, status, stdout.String(), stderr.String())
		}
	}
}

// bounded reports what breaks the command's bound on what it prints for a token of n
// bytes: at most 8 × n + 16 KiB in all, and a checklist of at most 100 lines.
func bounded(n int, r result) error {
	if out := len(r.stdout) + len(r.stderr); out > 8*n+16<<10 {
		return fmt.Errorf("printed %d bytes for %d bytes of input", out, n)
	}
	if lines := strings.Count(r.stderr, "\n"); lines > 101 {
		return fmt.Errorf("printed %d lines on stderr", lines)
	}
	return nil
}

// worstTokens are 64 KiB tokens made to make decode print the most: duplicate names
// nested in long claim names, strings of characters that escape to six bytes, labels,
// deep nesting, many members.
func worstTokens() map[string]string {
	// fill repeats unit between start and end, less a last comma, as often as a token
	// of 64 KiB holds: its header, {"alg":"HS256"}, and its signature take 65 bytes.
	fill := func(start, unit, end string) string {
		n := ((64<<10-65)/4*3 - len(start) - len(end)) / len(unit)
		return start + strings.TrimSuffix(strings.Repeat(unit, n), ",") + end
	}
	name := strings.Repeat("n", 1000)
	return map[string]string{
		"duplicates in long names":  fill(`{"`+name+`":[`, `{"`+name+`":1,"`+name+`":1},`, `]}`),
		"duplicates in a long name": fill(`{"`+strings.Repeat(name, 20)+`":[`, `{"b":1,"b":1},`, `]}`),
		"DEL in strings":            fill(`{"a":"`, "\x7f\x7f", `"}`),
		"labels for Q×32":           fill(`{"a":[`, `"`+strings.Repeat("Q", 32)+`",`, `]}`),
		"one-byte members":          fill(`{`, `"":0,`, `}`),
		"deep arrays":               fill(`{"a":[`, `[[[[[[[[[[[[[[1]]]]]]]]]]]]]],`, `]}`),
		"many duplicate names":      fill(`{`, `"1":0,"1":0,"2":0,"2":0,`, `}`),
		"escapes":                   fill(`{"\u0001":"`, `\u0085\u0085`, `"}`),
	}
}

// TestOutputBounded checks the bound on what decode and verify print for the worst
// tokens of the largest size taken.
func TestOutputBounded(t *testing.T) {
	atTime(t, testNow)
	for name, payload := range worstTokens() {
		tok := mint("e", `{"alg":"HS256"}`, payload)
		if len(tok) > 64<<10 || len(tok) < 60<<10 {
			t.Fatalf("%s: %d bytes", name, len(tok))
		}
		for _, env := range []map[string]string{nil, {"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": strings.Repeat("Q", 32)}, {"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": secret}} {
			for _, sub := range []string{"decode", "verify"} {
				if err := bounded(len(tok), runWith(env, tok, sub)); err != nil {
					t.Errorf("%s %s: %v", sub, name, err)
				}
			}
		}
	}
}

// checkLine is one check line of decode's checklist.
type checkLine struct{ word, check, found string }

var checkLineRE = regexp.MustCompile(`^(ok  |warn|FAIL|skip) (\w+): (.*)$`)

func checkLines(stderr string) []checkLine {
	var lines []checkLine
	for _, l := range strings.Split(stderr, "\n") {
		if m := checkLineRE.FindStringSubmatch(l); m != nil {
			lines = append(lines, checkLine{strings.TrimSpace(m[1]), m[2], m[3]})
		}
	}
	return lines
}

// failsFor says which checks of decode name the problems of a Verify error: for each
// sentinel it wraps, the checks one of which must FAIL.
func failsFor(err error) [][]string {
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
		{jwt.ErrInvalidType, []string{"exp", "iat", "nbf", "api_key", "user"}},
		{magicbelljwt.ErrNoUser, []string{"user"}},
		{magicbelljwt.ErrInvalidEmail, []string{"user"}},
		{magicbelljwt.ErrInvalidExternalID, []string{"user"}},
		{magicbelljwt.ErrAPIKeyMismatch, []string{"api_key"}},
	} {
		if errors.Is(err, c.sentinel) {
			want = append(want, c.checks)
		}
	}
	return want
}

// FuzzCommand runs every subcommand on tokens signed with any secret key over any
// header and payload, or on any text. Nothing any of them prints spells the secret
// key; keys the library refuses get its error and the help line, whatever else is
// given; decode and verify print within their bound; and decode agrees with Verify.
func FuzzCommand(f *testing.F) {
	p := strings.NewReplacer("$KEY", `"`+apiKey+`"`).Replace
	hs := `{"alg":"HS256","typ":"JWT"}`
	for _, sec := range secrets {
		f.Add(hs, p(`{"api_key":"$S","user_external_id":"alice","api_key":$KEY,"exp":1795438800}`), sec, false)
	}
	f.Add(`{"alg":"HS256","kid":"$S","kid":"k1"}`, p(`{"user_external_id":"alice","api_key":$KEY,"exp":1795438800,"meta":{"k":"$S","k":0}}`), keyOf("sk_x"), false)
	f.Add(hs, p(`{"user_external_id":"admin","user_external_id":"alice","api_key":$KEY,"exp":1795438800.5,"nbf":null}`), keyOf("k"), false)
	f.Add(hs, p(`{"user_email":null,"user_external_id":"al\ud800ice","api_key":$KEY,"iat":0}`), keyOf("x"), false)
	f.Add(`{"alg":"HS512"}`, p(`{"user_email":"a@b.co","api_key":$KEY,"exp":1e400}`), secret, false)
	f.Add(hs, "\ufeff"+p(`{"user_external_id":"alice","api_key":"$S","exp":1795438800} []`), keyOf("y"), true)
	f.Add(hs, p(`{"user_external_id":"ab~c","api_key":$KEY}`), "\n", false)
	f.Add(hs, p(`{"user_external_id":"alice","api_key":$KEY,"exp":1795438800}`), `"`, true)
	f.Add(hs, p(`{"user_external_id":"alice","api_key":$KEY,"exp":1795438800}`), "e", false)
	f.Fuzz(func(t *testing.T, header, payload, sec string, raw bool) {
		if strings.IndexByte(sec, 0) >= 0 {
			return // no environment holds a NUL byte
		}
		js, _ := json.Marshal(sec)
		header, payload = strings.ReplaceAll(header, "$S", string(js[1:len(js)-1])), strings.ReplaceAll(payload, "$S", string(js[1:len(js)-1]))
		tok := mint(sec, header, payload)
		if raw { // any text at all
			tok = header + "." + payload + sec
		}
		atTime(t, testNow)
		env := map[string]string{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": sec}
		setKeys(env)
		_, keysErr := magicbelljwt.NewSignerFromEnv()
		runs := map[string]result{}
		for _, args := range [][]string{{"decode", "--", tok}, {"verify", "--", tok}, {"sign", "-external-id", payload, "-email", header}, {"help", tok}, {sec, tok}} {
			r := runWith(env, "", args...)
			if form := revealed(r.stdout+r.stderr, sec); form != "" {
				t.Fatalf("%s prints the secret key %q as %q:\n%s%s", args[0], sec, form, r.stdout, r.stderr)
			}
			name := "magicbell-jwt " + args[0]
			if args[0] == sec {
				name = "magicbell-jwt"
			}
			switch want := name + ": " + fmt.Sprint(keysErr) + "\nrun 'magicbell-jwt help' for where the keys come from\n"; {
			case args[0] == "help":
				if r.code != 0 || !strings.HasPrefix(r.stdout, "magicbell-jwt mints") {
					t.Fatalf("help: exit %d, stdout %q", r.code, r.stdout)
				}
			case sec != "" && keysErr != nil && !isHelp(sec) && (r.code != exitUsage || r.stdout != "" || r.stderr != want):
				t.Fatalf("%s with keys the library refuses: exit %d, stdout %q, stderr %q; want %q", args[0], r.code, r.stdout, r.stderr, want)
			}
			if args[0] == "decode" || args[0] == "verify" {
				if err := bounded(len(tok), r); err != nil {
					t.Fatalf("%s: %v", args[0], err)
				}
			}
			runs[args[0]] = r
		}

		signer, err := magicbelljwt.NewSigner(apiKey, sec, magicbelljwt.WithClock(func() time.Time { return testNow }))
		decode := runs["decode"]
		if err != nil || !strings.HasPrefix(decode.stderr, "UNVERIFIED") || strings.TrimSpace(tok) != tok {
			return // refused as NewSigner refuses, a checklist withheld, or trimmed as the library does not trim
		}
		lines := checkLines(decode.stderr)
		_, verr := signer.Verify(tok)
		if verr == nil {
			for _, l := range lines {
				if l.word == "FAIL" && l.check != "names" && l.check != "sdk" && !(l.check == "api_key" && strings.HasPrefix(l.found, "the secret key is published")) {
					t.Fatalf("Verify accepts the token, decode says %s %s: %s\n%s", l.word, l.check, l.found, decode.stderr)
				}
			}
			return
		}
		noExp := strings.HasSuffix(verr.Error(), "token is missing required claim: no exp claim")
		if decode.code != exitInvalid && !noExp {
			t.Fatalf("Verify refuses the token (%v), decode exits %d:\n%s", verr, decode.code, decode.stderr)
		}
		for _, checks := range failsFor(verr) {
			found := false
			for _, l := range lines {
				for _, check := range checks {
					found = found || l.word == "FAIL" && l.check == check || check == "exp" && l.word == "warn" && l.check == "exp"
				}
			}
			if !found {
				t.Fatalf("Verify refuses the token (%v), decode has no FAIL line for %v:\n%s", verr, checks, decode.stderr)
			}
		}
	})
}

// TestQuotedSecret checks that a secret key in quotes, as Docker's --env-file leaves
// it, is named as the library names it, and that the key inside them is never printed.
func TestQuotedSecret(t *testing.T) {
	for _, sec := range []string{`"` + secret + `"`, `'` + secret + `'`} {
		for _, args := range [][]string{{"sign", "-external-id", "u"}, {"decode", "a.b.c"}} {
			r := runWith(map[string]string{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": sec}, "", args...)
			if r.code != 2 || !strings.HasPrefix(r.stderr, "magicbell-jwt "+args[0]+": magicbelljwt: invalid secret key: MAGICBELL_API_SECRET is wrapped in quotes: remove them\n") {
				t.Errorf("%s with %s: exit %d, %q", args[0], sec, r.code, r.stderr)
			}
		}
		r := runWith(map[string]string{"MAGICBELL_API_SECRET": sec}, "", "help", secret)
		if r.code != 0 || revealed(r.stdout+r.stderr, secret) != "" {
			t.Errorf("help %s: exit %d", secret, r.code)
		}
	}
}

// TestQuote covers the one escaping the command writes: JSON's, with every character
// that could drive a terminal or hide text as a \u escape, and nothing else escaped.
func TestQuote(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`a"b\c`, `"a\"b\\c"`},
		{"\x00\x1f \x7e\x7f", `"\u0000\u001f ~\u007f"`},
		{"\u0080\u009f\u00a0é", `"\u0080\u009f` + "\u00a0é" + `"`},
		{"\u2027\u2028\u2029\u202a\u202e\u202f\u2065\u2066\u2069\u206a", "\"\u2027\\u2028\\u2029\\u202a\\u202e\u202f\u2065\\u2066\\u2069\u206a\""},
		{"a\xffb\ufffd🎉", "\"a\\ufffdb\ufffd🎉\""},
		{"<&>'", `"<&>'"`},
	} {
		if got := quote(tt.in); got != tt.want {
			t.Errorf("quote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestShow covers how a message shows a value: cut after 40 characters, unless the
// whole value holds the secret key, which its label stands for, cut or not.
func TestShow(t *testing.T) {
	c := &command{secret: "sk_x"}
	forty := strings.Repeat("é", 40)
	for _, tt := range []struct{ in, want string }{
		{forty, `"` + forty + `"`},
		{forty + "z", `"` + forty + `…"`},
		{forty + "sk_x", `"<the secret key>"`},
		{"a sk_x", `"<the secret key>"`},
	} {
		if got := c.show(tt.in); got != tt.want {
			t.Errorf("show(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestNumbersJudged checks that a number is judged as a string is: one that holds
// the secret key is printed as its label.
func TestNumbersJudged(t *testing.T) {
	tok := mint(secret, `{"alg":"HS256"}`, `{"n":`+strings.Repeat("1234567890", 4)+`,"m":[-0.5e3]}`)
	r := runWith(map[string]string{"MAGICBELL_API_SECRET": strings.Repeat("1234567890", 4)[1:35]}, "", "decode", tok)
	if !strings.Contains(r.stdout, "\"n\": \"<the secret key>\",\n    \"m\": [-0.5e3]\n") {
		t.Errorf("stdout\n%s", r.stdout)
	}
}

// brokenWriter fails every write, even of nothing.
type brokenWriter struct{}

func (brokenWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// TestWriteFailure checks that a failed write to stdout is reported, once, with exit
// status 1, and that a run that prints nothing on stdout reports none.
func TestWriteFailure(t *testing.T) {
	for _, tt := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"help"}, 1, "magicbell-jwt: writing to stdout: broken pipe\n"},
		{[]string{"sign", "-external-id", "u"}, 1, "magicbell-jwt sign: writing to stdout: broken pipe\n"},
		{[]string{"sign"}, 2, "magicbell-jwt sign: no user: give -email, -external-id or both\nrun 'magicbell-jwt help' for usage\n"},
	} {
		var stderr strings.Builder
		setKeys(bothKeys)
		code := run(tt.args, strings.NewReader(""), brokenWriter{}, &stderr)
		if code != tt.code || stderr.String() != tt.stderr {
			t.Errorf("%q: exit %d, stderr %q; want %d, %q", tt.args, code, stderr.String(), tt.code, tt.stderr)
		}
	}
}
