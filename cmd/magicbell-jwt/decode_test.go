package main

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestDecode(t *testing.T) {
	atTime(t, testNow)
	r := runWith(bothKeys, "", "decode", tokenAt(t, testNow, time.Hour))
	wantOut := `{
  "header": {
    "alg": "HS256",
    "typ": "JWT"
  },
  "payload": {
    "user_email": "person@example.com",
    "user_external_id": "Zoë 🎉",
    "api_key": "pk_JJUxO8amaaK21G08w9q0_218239574",
    "iat": 1795435200,
    "exp": 1795438800
  }
}
`
	// A magicbelljwt token gets ok on every check, in this order.
	wantErr := `UNVERIFIED: this explains the token; 'magicbell-jwt verify' is the strict yes or no.
ok   format: three base64url segments; header and payload are JSON objects
ok   alg: HS256
ok   api_key: "pk_JJUxO8amaaK21G08w9q0_218239574", this project's
ok   user: user_email "person@example.com", user_external_id "Zoë 🎉"
ok   names: no name is given twice
ok   exp: 2026-11-23 13:00:00 UTC, expires in 1h
ok   iat: 2026-11-23 12:00:00 UTC
ok   nbf: absent
ok   sdk: MagicBell's JavaScript SDK reads this payload's user and api_key as meant
ok   signature: made with the secret key in MAGICBELL_API_SECRET
`
	var parsed map[string]map[string]any
	if r.code != 0 || r.stdout != wantOut || json.Unmarshal([]byte(r.stdout), &parsed) != nil || r.stderr != wantErr {
		t.Errorf("exit %d\n%s%s\nwant\n%s%s", r.code, r.stdout, r.stderr, wantOut, wantErr)
	}
}

// TestDecode_JSON covers what decode prints on stdout: the token's JSON in its order,
// duplicates kept, every string and number as JSON reads it, null for no object.
func TestDecode_JSON(t *testing.T) {
	for _, tt := range []struct{ header, payload, want string }{
		{`{}`, ` { "a" : [ 1 , {"b":null,"c":[]} , true ] , "a":"\u0041\/" } `, "{\n  \"header\": {},\n  \"payload\": {\n    \"a\": [1,{\"b\":null,\"c\":[]},true],\n    \"a\": \"A/\"\n  }\n}\n"},
		{`{"x":"\u001b[31m\u202e\u2028\u007f<&>"}`, `[]`, "{\n  \"header\": {\n    \"x\": \"\\u001b[31m\\u202e\\u2028\\u007f<&>\"\n  },\n  \"payload\": null\n}\n"},
		{`{"n":1e400,"m":-0.5E+3}`, "\xef\xbb\xbf{}", "{\n  \"header\": null,\n  \"payload\": null\n}\n"},
	} {
		r := runWith(nil, "", "decode", b64(tt.header)+"."+b64(tt.payload)+".c2ln")
		if r.stdout != tt.want {
			t.Errorf("decode %s.%s: stdout\n%s\nwant\n%s", tt.header, tt.payload, r.stdout, tt.want)
		}
	}
}

// TestDecode_Checklist covers each check and each of its outcomes with a token made
// for it.
func TestDecode_Checklist(t *testing.T) {
	atTime(t, testNow)
	noKeys, apiKeyOnly := map[string]string{}, map[string]string{"MAGICBELL_API_KEY": apiKey}
	hs := `{"alg":"HS256","typ":"JWT"}`
	p := strings.NewReplacer("$KEY", `"`+apiKey+`"`, "$EXP", "1795438800").Replace // an hour ahead
	good := p(`{"user_external_id":"u1","api_key":$KEY,"exp":$EXP}`)
	at := func(d time.Duration) string { return fmt.Sprint(testNow.Add(d).Unix()) }
	withTimes := func(times string) string {
		return mint(secret, hs, p(`{"user_external_id":"u1","api_key":$KEY,`+times+`}`))
	}
	goodTok := mint(secret, hs, good)
	hs512 := b64(`{"alg":"HS512"}`) + "." + b64(good)
	sig512 := hmac.New(sha512.New, []byte(secret))
	sig512.Write([]byte(hs512))
	const formatTodo = "     a JWT is three base64url segments separated by dots, with a JSON object in each of the first two: send it as minted"
	for _, tt := range []struct {
		name  string
		env   map[string]string
		token string
		code  int
		want  []string // whole lines of the checklist
	}{
		{"format: padding", bothKeys, goodTok + "=", 1, []string{fmt.Sprintf("FAIL format: padding '=' at byte %d: JWT segments are base64url without padding", len(goodTok)), formatTodo}},
		{"format: an empty payload", bothKeys, b64(hs) + "..c2ln", 1, []string{"FAIL format: the payload is empty", formatTodo}},
		{"format: a blank header", bothKeys, b64(" ") + "." + b64(good) + ".c2ln", 1, []string{"FAIL format: the header is empty"}},
		{"format: not three segments", bothKeys, "a.b", 1, []string{"FAIL format: 2 segments, want 3 separated by dots"}},

		{"alg: none", bothKeys, b64(`{"alg":"none"}`) + "." + b64(good) + ".", 1, []string{`FAIL alg: alg "none": the token is not signed, and anyone could have written it`,
			"skip signature: not checked: the token is not HS256 (see alg)"}},
		{"alg: HS512", bothKeys, hs512 + "." + base64.RawURLEncoding.EncodeToString(sig512.Sum(nil)), 1, []string{`FAIL alg: alg "HS512": MagicBell accepts only HS256`,
			"     sign with HS256 and the project's secret key, without crit, as jsonwebtoken's { algorithm: 'HS256' } does"}},
		{"alg: missing", bothKeys, mint(secret, `{"typ":"JWT"}`, good), 1, []string{"FAIL alg: the header has no alg"}},
		{"alg: crit", bothKeys, mint(secret, `{"alg":"HS256","crit":["x"],"x":1}`, good), 1, []string{`FAIL alg: the header has "crit" extensions, which User JWTs do not use`}},

		{"api_key: no key to compare with", noKeys, goodTok, 0, []string{`ok   api_key: "` + apiKey + `"; set MAGICBELL_API_KEY to check that it is your project's`}},
		{"api_key: another project", apiKeyOnly, mint(secret, hs, `{"user_external_id":"u1","api_key":"pk_other","exp":1795438800}`), 1,
			[]string{`FAIL api_key: minted for another project: "pk_other", not the key in MAGICBELL_API_KEY`,
				"     mint with this project's API key, or check the token with the other project's keys"}},
		{"api_key: missing", bothKeys, mint(secret, hs, `{"user_external_id":"u1","exp":1795438800}`), 1, []string{"FAIL api_key: no api_key claim", "     add the project's API key as api_key"}},
		{"api_key: a number", bothKeys, mint(secret, hs, `{"user_external_id":"u1","api_key":7,"exp":1795438800}`), 1, []string{"FAIL api_key: api_key is a number, want a string", "     write the project's API key as a string"}},

		{"user: none", bothKeys, mint(secret, hs, p(`{"user_email":null,"api_key":$KEY,"exp":$EXP}`)), 1, []string{"FAIL user: no user: neither user_email nor user_external_id is set"}},
		{"user: both invalid", bothKeys, mint(secret, hs, p(`{"user_email":"Eve <eve@example.com>","user_external_id":" u","api_key":$KEY,"exp":$EXP}`)), 1,
			[]string{`FAIL user: user_email "Eve <eve@example.com>", user_external_id " u": magicbelljwt: invalid user email: not a bare address like person@example.com; invalid user external ID: leading or trailing whitespace`,
				"     fix the user where the token is minted; magicbelljwt's Sign refuses such a user"}},
		{"user: a number", bothKeys, mint(secret, hs, p(`{"user_external_id":42,"api_key":$KEY,"exp":$EXP}`)), 1, []string{"FAIL user: user_external_id is a number, want a string or null"}},
		{"user: a long one, cut", bothKeys, mint(secret, hs, p(`{"user_external_id":"`+strings.Repeat("é", 300)+`","api_key":$KEY,"exp":$EXP}`)), 1,
			[]string{`FAIL user: user_external_id "` + strings.Repeat("é", 40) + `…": magicbelljwt: invalid user external ID: 300 characters, over the limit of 255`}},

		{"names: given twice", bothKeys, mint(secret, `{"alg":"HS256","alg":"HS256"}`, p(`{"user_external_id":"u1","api_key":$KEY,"exp":$EXP,"m":{"a":1,"a":2},"n":[{"a":1,"a":2}]}`)), 1,
			[]string{`FAIL names: "alg" is given twice in the header: JSON.parse and MagicBell's SDK read the last, go-jose refuses the token`, "     give each name once",
				`FAIL names: "a" is given twice in 2 places in the payload: JSON.parse and MagicBell's SDK read the last, go-jose refuses the token`}},

		{"exp: expired", bothKeys, withTimes(`"exp":` + at(-24*time.Hour)), 1, []string{"FAIL exp: it expired at 2026-11-22 12:00:00 UTC, 1d ago", "     mint a new token"}},
		{"exp: absent", bothKeys, withTimes(`"iat":` + at(0)), 0, []string{"warn exp: no exp: the token never expires", "     set exp; MagicBell's recipes set it a year ahead, and shorter is safer"}},
		{"exp: a string", bothKeys, withTimes(`"exp":"` + at(time.Hour) + `"`), 1, []string{"FAIL exp: exp is a string, want a number of seconds since 1970",
			"     write it as a JSON number of seconds since 1970, such as 1795435200, not milliseconds"}},
		{"exp: in milliseconds", bothKeys, withTimes(`"exp":1795438800000`), 1, []string{"FAIL exp: exp is 1.7954388e+12, outside 0 to 253402300799 (the years 1970 to 9999)"}},
		{"exp: a fraction ahead", bothKeys, withTimes(`"exp":` + at(0) + `.5`), 0, []string{"ok   exp: 2026-11-23 12:00:00.5 UTC, expires in 0.5s"}},
		{"iat: 60.25s ahead", bothKeys, withTimes(`"exp":` + at(time.Hour) + `,"iat":` + at(time.Minute) + `.25`), 1,
			[]string{"FAIL iat: iat is 2026-11-23 12:01:00.25 UTC, 60.25s ahead of this clock, more than the 1m allowed for clock skew"}},
		{"nbf: 60.5s ahead", bothKeys, withTimes(`"exp":` + at(time.Hour) + `,"nbf":` + at(time.Minute) + `.5`), 1,
			[]string{"FAIL nbf: nbf is 2026-11-23 12:01:00.5 UTC, 60.5s ahead of this clock, more than the 1m allowed for clock skew"}},
		{"exp: half a second ago", bothKeys, withTimes(`"exp":` + at(-time.Second) + `.5`), 1, []string{"FAIL exp: it expired at 2026-11-23 11:59:59.5 UTC, 0.5s ago"}},
		{"iat: a minute ahead", bothKeys, withTimes(`"exp":` + at(time.Hour) + `,"iat":` + at(time.Minute)), 0, []string{"ok   iat: 2026-11-23 12:01:00 UTC"}},
		{"iat: more than a minute ahead", bothKeys, withTimes(`"exp":` + at(time.Hour) + `,"iat":` + at(time.Minute+time.Second)), 1,
			[]string{"FAIL iat: iat is 2026-11-23 12:01:01 UTC, 1m1s ahead of this clock, more than the 1m allowed for clock skew", "     check the clock of the server that minted it, and this one's"}},
		{"nbf: null", bothKeys, withTimes(`"exp":` + at(time.Hour) + `,"nbf":null`), 1, []string{"FAIL nbf: nbf is null, want a number of seconds since 1970"}},
		{"nbf: a day ahead", bothKeys, withTimes(`"exp":` + at(48*time.Hour) + `,"nbf":` + at(24*time.Hour)), 1, []string{"FAIL nbf: nbf is 2026-11-24 12:00:00 UTC, 1d ahead of this clock, more than the 1m allowed for clock skew"}},

		{"sdk: atob throws", bothKeys, mint(secret, hs, p(`{"user_email":"ab~c@example.com","api_key":$KEY,"exp":$EXP}`)), 1,
			[]string{`FAIL sdk: MagicBell's JavaScript SDK cannot read this payload: atob throws on the '-' at character 23 of the payload segment, which a '>', '?', '~', DEL or non-ASCII character of a string puts there`,
				`     mint with magicbelljwt, or escape > ? ~ DEL and non-ASCII as \uXXXX in the payload's strings`}},
		{"sdk: Latin-1", bothKeys, mint(secret, hs, p(`{"user_external_id":"José","api_key":$KEY,"exp":$EXP}`)), 1,
			[]string{`FAIL sdk: MagicBell's JavaScript SDK misreads user_external_id: atob turns the UTF-8 of this payload into Latin-1`}},
		{"sdk: Latin-1 in an email it passes over", bothKeys, mint(secret, hs, p(`{"user_email":"josé@example.com","user_external_id":"u1","api_key":$KEY,"exp":$EXP}`)), 0,
			[]string{`ok   sdk: MagicBell's JavaScript SDK reads this payload's user and api_key as meant`}},

		{"signature: no secret key", apiKeyOnly, goodTok, 0, []string{"skip signature: not checked: set MAGICBELL_API_SECRET (or MAGICBELL_SECRET_KEY) to check it offline"}},
		{"signature: MAGICBELL_SECRET_KEY", map[string]string{"MAGICBELL_SECRET_KEY": secret}, goodTok, 0, []string{"ok   signature: made with the secret key in MAGICBELL_SECRET_KEY"}},
		{"signature: another secret", map[string]string{"MAGICBELL_API_SECRET": "sk_other_0123456789abcdefghijklmnop"}, goodTok, 1,
			[]string{"FAIL signature: signed with a different secret key (or by another project)", "     sign with the secret key of the project whose API key is in the token"}},
		{"signature: cut short", bothKeys, goodTok[:len(goodTok)-5] + "A", 1, []string{"FAIL signature: the signature segment is cut short or damaged: it holds 29 bytes, and an HS256 signature 32"}},
	} {
		r := runWith(tt.env, "", "decode", tt.token)
		lines := strings.Split(r.stderr, "\n")
		for _, want := range tt.want {
			if !hasLine(lines, want) {
				t.Errorf("%s: no line %q in\n%s", tt.name, want, r.stderr)
			}
		}
		if r.code != tt.code {
			t.Errorf("%s: exit %d, want %d", tt.name, r.code, tt.code)
		}
		// Every line is a check, a continuation, or the UNVERIFIED line.
		for _, l := range lines[:len(lines)-1] {
			if !regexp.MustCompile(`^((ok  |warn|FAIL|skip) (format|alg|api_key|user|names|exp|iat|nbf|sdk|signature): |     \S|UNVERIFIED: )`).MatchString(l) {
				t.Errorf("%s: stderr line %q is not a checklist line", tt.name, l)
			}
		}
	}
}

func hasLine(lines []string, want string) bool {
	for _, l := range lines {
		if l == want {
			return true
		}
	}
	return false
}

// TestDecode_NamesCounted checks that a name given twice in many objects is one line
// that counts them, and that many names make at most maxNames lines and one more.
func TestDecode_NamesCounted(t *testing.T) {
	many := `[` + strings.Repeat(`{"b":1,"b":2},`, 2999) + `{"b":1,"b":2}]`
	r := runWith(nil, "", "decode", b64(`{"alg":"HS256"}`)+"."+b64(`{"user_external_id":"u","x":`+many+`}`)+".c2ln")
	if want := `FAIL names: "b" is given twice in 3000 places in the payload: JSON.parse and MagicBell's SDK read the last, go-jose refuses the token`; strings.Count(r.stderr, "FAIL names:") != 1 || !hasLine(strings.Split(r.stderr, "\n"), want) {
		t.Errorf("stderr\n%s\nwant the one line %q", r.stderr, want)
	}
	var names []string
	for i := 0; i < 25; i++ {
		names = append(names, fmt.Sprintf(`"n%d":1,"n%d":2`, i, i))
	}
	r = runWith(nil, "", "decode", b64(`{"alg":"HS256"}`)+"."+b64(`{`+strings.Join(names, ",")+`}`)+".c2ln")
	if strings.Count(r.stderr, "FAIL names:") != 11 || !hasLine(strings.Split(r.stderr, "\n"), "FAIL names: 15 more names are given twice") {
		t.Errorf("stderr\n%s", r.stderr)
	}
}

// TestDecode_Published covers where decode says a token holds the secret key, and
// verify says the same: by the member that holds it, at any depth and in any spelling
// JSON has for it, or in the text of a header or payload that is no JSON object.
func TestDecode_Published(t *testing.T) {
	atTime(t, testNow)
	p := strings.NewReplacer("$KEY", `"`+apiKey+`"`, "$S", secret, "$E", `\u0073\u006b`+secret[2:]).Replace
	const published = "the secret key is published inside the token, in "
	good := p(`{"user_external_id":"u","api_key":$KEY,"exp":1795438800}`)
	for _, tt := range []struct{ header, payload, where, sig string }{
		// A hand-written minting that appends the key, or its base64url, for an HMAC.
		{`{"alg":"HS256"}`, good, "the signature segment", secret},
		{`{"alg":"HS256"}`, good, "the signature segment", b64(secret)},
		{`{"alg":"HS256"}`, good, "the signature segment", "x" + secret + "x"},
		{`{"alg":"HS256"}`, p(`{"user_external_id":"u","api_key":"$S","exp":1795438800}`), `"api_key" of the payload`, ""},
		{`{"alg":"HS256","kid":"$E"}`, p(`{"user_external_id":"u","api_key":$KEY,"exp":1795438800}`), `"kid" of the header`, ""},
		{`{"alg":"HS256"}`, p(`{"z":{"a":"$S","b":["x $E"]},"a":"$S","user_external_id":"u","api_key":$KEY,"exp":1795438800}`), `"z" of the payload and "a" of the payload`, ""},
		{`{"alg":"HS256"}`, p(`{"$E":1,"user_external_id":"u","api_key":$KEY,"exp":1795438800}`), `"<the secret key>" of the payload`, ""},
		{`{"alg":"HS256"}`, p(`{"a":"$S","b":"$S","c":"$S","d":"$S","e":"$S","user_external_id":"u","api_key":$KEY}`), `"a" of the payload and "b" of the payload and "c" of the payload and 2 more places`, ""},
		{`{"alg":"HS256"}`, p(`{"a":"$S","b":"$S","c":"$S","d":"$S","user_external_id":"u","api_key":$KEY}`), `"a" of the payload and "b" of the payload and "c" of the payload and 1 more places`, ""},
		{`{"alg":"HS256"}`, p(`{"a":"$S","b":"$S","c":"$S","user_external_id":"u","api_key":$KEY}`), `"a" of the payload and "b" of the payload and "c" of the payload`, ""},
		// The payload is no JSON object, which JSON.parse-based libraries may yet read.
		{`{"alg":"HS256"}`, "\ufeff" + p(`{"user_external_id":"u","api_key":"$E","exp":1795438800}`), "the payload's text", ""},
		{`{"alg":"HS256"}`, p(`{"user_external_id":"u","api_key":"$E","exp":1e400}`), "the payload's text", ""},
		{`{"alg":"HS256"}`, p(`{"user_external_id":"u","api_key":"$S","exp":1795438800}x`), "the payload's text", ""},
		{`{"alg":"HS256"}`, p(`{"user_external_id":"u","api_key":"$E","x":` + strings.Repeat("[", 17) + strings.Repeat("]", 17) + `}`), "the payload's text", ""},
		{`{"alg":"HS256"}`, p(`{"n":"$S`), "the payload's text", ""},
		{`{"alg":"HS256","kid":"$E"}x`, `null`, "the header's text", ""},
	} {
		tok := mint(secret, p(tt.header), tt.payload)
		if tt.sig != "" {
			tok = tok[:strings.LastIndexByte(tok, '.')+1] + tt.sig
		}
		r := runWith(bothKeys, "", "decode", tok)
		// When api_key itself holds the key, the published line is the only api_key line.
		onlyLine := strings.Contains(tt.payload, `"api_key":"`+secret+`"`) && strings.Count(r.stderr, " api_key: ") != 1
		if !hasLine(strings.Split(r.stderr, "\n"), "FAIL api_key: "+published+tt.where) || !hasLine(strings.Split(r.stderr, "\n"), "     "+rotate) || r.code != 1 || onlyLine {
			t.Errorf("decode %s.%s: exit %d\n%s\nwant FAIL api_key: %s", tt.header, tt.payload, r.code, r.stderr, published+tt.where)
		}
		r = runWith(bothKeys, "", "verify", tok)
		if want := "magicbell-jwt verify: " + published + tt.where + ": " + rotate + "\n"; r.code != 1 || r.stdout != "" || r.stderr != want {
			t.Errorf("verify %s.%s: exit %d, stderr %q, want %q", tt.header, tt.payload, r.code, r.stderr, want)
		}
	}
	// As written in the header or payload segment, and across segments: a key may hold
	// a dot.
	dotted := "abcdefghijklmnop.qrstuvwxyz012345"
	for _, tt := range []struct{ secret, token, where string }{
		{secret, secret + "." + b64(good) + ".c2ln", "the header segment"},
		{secret, b64(`{"alg":"HS256"}`) + "." + secret + ".c2ln", "the payload segment"},
		{dotted, "e30." + dotted, "the token's text"},
		// In a token that cannot be read, as a lenient base64 decoder reads its parts.
		{secret, b64(`{"alg":"HS256"}`) + "." + b64(p(`{"api_key":"$S"}`)) + "." + strings.Repeat("A", 43) + ";", "the payload segment"},
		{secret, b64(`{"alg":"HS256"}`) + "." + b64(p(`{"api_key":"$S"}`)), "part 2 of the token's text"},
		{secret, b64(`{"alg":"HS256"}`) + "." + b64(p(`{"api_key":"$S"}`)) + ".a.b", "part 2 of the token's text"},
		{secret, b64(`{"alg":"HS256"}`) + "." + b64(p(`{"api_key":"$S"}`))[:5] + "!" + b64(p(`{"api_key":"$S"}`))[5:] + ".c2ln", "the payload segment"},
		{secret, b64(`{"alg":"HS256"}`) + "." + b64(good) + "." + b64(secret) + "AAA", "the signature segment"},
		{secret, strings.Repeat("x.", 4) + secret + "." + secret + "." + secret + "." + b64(secret) + ".x", "part 5 of the token's text and part 6 of the token's text and part 7 of the token's text and 1 more places"},
	} {
		env := map[string]string{"MAGICBELL_API_SECRET": tt.secret}
		want := "FAIL api_key: " + published + tt.where
		if r := runWith(env, "", "decode", tt.token); r.code != 1 || !hasLine(strings.Split(r.stderr, "\n"), want) {
			t.Errorf("decode %s: exit %d\n%s\nwant %s", tt.token, r.code, r.stderr, want)
		}
	}
}

// TestLenientBase64 covers how decode and verify read a part of a token that is no
// base64url, as node's Buffer.from does: either alphabet, other bytes skipped, and a
// last character that makes no byte dropped.
func TestLenientBase64(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"YWJj", "abc"}, {"YW;Jj!", "abc"}, {"YWJjZ", "abc"}, {"YWJjZA", "abcd"}, {"YWJjZA==", "abcd"},
		{"-_-_", "\xfb\xff\xbf"}, {"+/+/", "\xfb\xff\xbf"}, {"AAAA", "\x00\x00\x00"}, {"/A", "\xfc"}, {"_A", "\xfc"},
	} {
		if got := lenientBase64(tt.in); got != tt.want {
			t.Errorf("lenientBase64(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestAtob covers the browser's atob as the sdk check reads a payload segment with it.
func TestAtob(t *testing.T) {
	for _, tt := range []struct{ in, want, err string }{
		{"YWJj", "abc", ""},
		{"YW Jj\n", "abc", ""},
		{"\tY\fW\rJj ", "abc", ""},
		{"YWI=", "ab", ""},
		{"YQ==", "a", ""},
		{"YQ", "a", ""},
		{"YWJ", "ab", ""},
		{"YR", "a", ""}, // atob ignores the bits a last character has over
		{"YQ=", "", "atob throws on character 2 of the payload segment"},
		{"Y===", "", "atob throws on character 1 of the payload segment"},
		{"YW=j", "", "atob throws on character 2 of the payload segment"},
		{"a-b_", "", "atob throws on the '-' at character 1 of the payload segment, which a '>', '?', '~', DEL or non-ASCII character of a string puts there"},
		{"ab_c", "", "atob throws on the '_' at character 2 of the payload segment, which a '>', '?', '~', DEL or non-ASCII character of a string puts there"},
		{"ab.c", "", "atob throws on character 2 of the payload segment"},
		{"-abc", "", "atob throws on the '-' at character 0 of the payload segment, which a '>', '?', '~', DEL or non-ASCII character of a string puts there"},
		{".abc", "", "atob throws on character 0 of the payload segment"},
		{"YWJjZ", "", "atob throws on a length that is 1 more than a multiple of 4"},
		{"YWJjZ=", "", "atob throws on character 5 of the payload segment"},
		{"+/+/", "\xfb\xff\xbf", ""},
	} {
		b, err := atob(tt.in)
		if got := fmt.Sprint(err); string(b) != tt.want || (tt.err == "") != (err == nil) || err != nil && got != tt.err {
			t.Errorf("atob(%q) = %q, %v; want %q, %q", tt.in, b, err, tt.want, tt.err)
		}
	}
}

// TestDecode_SDKReadsTheClaimItTakes covers the user the SDK takes: user_external_id
// when it is truthy, in JavaScript's sense, and else user_email, whose Latin-1
// misreading then matters.
func TestDecode_SDKReadsTheClaimItTakes(t *testing.T) {
	atTime(t, testNow)
	const misreads = "FAIL sdk: MagicBell's JavaScript SDK misreads user_email: atob turns the UTF-8 of this payload into Latin-1"
	const reads = "ok   sdk: MagicBell's JavaScript SDK reads this payload's user and api_key as meant"
	for _, tt := range []struct{ id, want string }{
		{``, misreads}, {`""`, misreads}, {`null`, misreads}, {`false`, misreads}, {`0`, misreads},
		{`"u1"`, reads}, {`true`, reads}, {`1`, reads}, {`[]`, reads}, {`{}`, reads},
	} {
		id := ""
		if tt.id != "" {
			id = `"user_external_id":` + tt.id + `,`
		}
		tok := mint(secret, `{"alg":"HS256"}`, `{`+id+`"user_email":"josé@example.com","api_key":"`+apiKey+`","exp":1795438800}`)
		if r := runWith(bothKeys, "", "decode", tok); !hasLine(strings.Split(r.stderr, "\n"), tt.want) {
			t.Errorf("user_external_id %s: stderr\n%s\nwant %q", tt.id, r.stderr, tt.want)
		}
	}
	// The api_key, which the SDK reads on its own.
	tok := mint(secret, `{"alg":"HS256"}`, `{"user_external_id":"u1","api_key":"pk_é","exp":1795438800}`)
	if r := runWith(nil, "", "decode", tok); !hasLine(strings.Split(r.stderr, "\n"), "FAIL sdk: MagicBell's JavaScript SDK misreads api_key: atob turns the UTF-8 of this payload into Latin-1") {
		t.Errorf("api_key \"pk_é\": stderr\n%s", r.stderr)
	}
}

// TestDecode_Unreadable covers tokens that are not three segments, even read past
// whitespace and padding: one format line, and nothing explained that was not read.
func TestDecode_Unreadable(t *testing.T) {
	for _, tt := range []struct{ token, problem string }{
		{"a.b", "2 segments, want 3 separated by dots"},
		{"e30.e30.e30.e30", "4 segments, want 3 separated by dots"},
		{"e30.e30.c2ln\"", `'"' at byte 12 is not base64url`},
	} {
		r := runWith(bothKeys, "", "decode", "--", tt.token)
		want := "UNVERIFIED: this explains the token; 'magicbell-jwt verify' is the strict yes or no.\nFAIL format: " + tt.problem +
			"\n     a JWT is three base64url segments separated by dots, with a JSON object in each of the first two: send it as minted\n"
		if r.code != 1 || r.stderr != want || r.stdout != "{\n  \"header\": null,\n  \"payload\": null\n}\n" {
			t.Errorf("decode %q: exit %d\n%s%s\nwant\n%s", tt.token, r.code, r.stdout, r.stderr, want)
		}
	}
}

// TestDecode_WrappedToken covers a token pasted with the Authorization header's scheme,
// in quotes, or broken over lines: one FAIL format line says what to paste, and the
// checks that follow are those of the token inside, which are all ok here.
func TestDecode_WrappedToken(t *testing.T) {
	atTime(t, testNow)
	tok := tokenAt(t, testNow, time.Hour)
	plain := runWith(bothKeys, "", "decode", tok)
	okLines := strings.Replace(plain.stderr, "ok   format: three base64url segments; header and payload are JSON objects\n", "", 1)
	const todo = "     a JWT is three base64url segments separated by dots, with a JSON object in each of the first two: send it as minted\n"
	at := strings.IndexByte(tok, '.') + 5
	for _, tt := range []struct{ token, format string }{
		{"Bearer " + tok, `starts with "Bearer ": pass the token without the Authorization header's scheme`},
		{`"` + tok + `"`, "is wrapped in quotes: pass the token without them"},
		{`'` + tok + `'`, "is wrapped in quotes: pass the token without them"},
		{`"Bearer ` + tok + `"`, "is wrapped in quotes: pass the token without them"},
		{tok[:at] + "\n" + tok[at:], fmt.Sprintf("whitespace at byte %d, inside the token: it was broken over lines or by spaces: join its parts", at)},
		{tok[:at] + "\r\n  " + tok[at:], fmt.Sprintf("whitespace at byte %d, inside the token: it was broken over lines or by spaces: join its parts", at)},
		{"bearer " + tok, `starts with "Bearer ": pass the token without the Authorization header's scheme`},
		{"BEARER\t " + tok, `starts with "Bearer ": pass the token without the Authorization header's scheme`},
		// A token broken over lines inside them: what is wrong with the token comes next.
		{"Bearer " + tok[:at] + "\n" + tok[at:], `starts with "Bearer ": pass the token without the Authorization header's scheme` + "\n" + todo +
			fmt.Sprintf("FAIL format: whitespace at byte %d, inside the token: it was broken over lines or by spaces: join its parts", at)},
		{`"` + tok[:at] + " " + tok[at:] + `"`, "is wrapped in quotes: pass the token without them\n" + todo +
			fmt.Sprintf("FAIL format: whitespace at byte %d, inside the token: it was broken over lines or by spaces: join its parts", at)},
	} {
		r := runWith(bothKeys, "", "decode", tt.token)
		want := strings.Replace(okLines, "\n", "\nFAIL format: "+tt.format+"\n"+todo, 1)
		if r.code != 1 || r.stdout != plain.stdout || r.stderr != want {
			t.Errorf("decode %q: exit %d\n%s%s\nwant\n%s", tt.token, r.code, r.stdout, r.stderr, want)
		}
	}
}
