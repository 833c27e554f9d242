package main

import (
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
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
	r := runWith(bothKeys, "", "decode", tok)
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
	// A magicbelljwt token gets ok on every check, in this order.
	want := `UNVERIFIED: this explains the token; 'magicbell-jwt verify' is the strict yes or no.
ok   format: three base64url segments; header and payload are JSON objects
ok   alg: HS256
ok   api_key: "pk_JJUxO8amaaK21G08w9q0_218239574", this project's (MAGICBELL_API_KEY)
ok   user: user_email "person@example.com", user_external_id "Zoë 🎉"
ok   names: no claim looks like a misspelt claim of MagicBell's, and none is given twice
ok   exp: 2026-11-23 13:00:00 UTC, expires in 1h
ok   iat: 2026-11-23 12:00:00 UTC
ok   nbf: absent
ok   sdk: MagicBell's JavaScript SDK reads this payload as meant: user_external_id "Zoë 🎉", api_key "pk_JJUxO8amaaK21G08w9q0_218239574"
ok   signature: made with the secret key in MAGICBELL_API_SECRET
`
	if r.stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, want)
	}
}

// TestDecode_Checklist covers each check and each of its outcomes with a token made
// for it, and tokens with several problems, which list each.
func TestDecode_Checklist(t *testing.T) {
	atTime(t, testNow, time.UTC)
	noKeys := map[string]string{}
	apiKeyOnly := map[string]string{"MAGICBELL_API_KEY": apiKey}
	hs := `{"alg":"HS256","typ":"JWT"}`
	// p builds a payload: $KEY is the API key, $EXP an hour ahead.
	p := strings.NewReplacer("$KEY", `"`+apiKey+`"`, "$EXP", "1795438800").Replace
	good := p(`{"user_external_id":"u1","api_key":$KEY,"exp":$EXP}`)
	at := func(d time.Duration) string { return fmt.Sprint(testNow.Add(d).Unix()) }
	withTimes := func(times string) string { return mint(hs, p(`{"user_external_id":"u1","api_key":$KEY,`+times+`}`)) }
	goodTok := mint(hs, good)
	sig := strings.LastIndexByte(goodTok, '.') + 1
	lastSig := strings.IndexByte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", goodTok[len(goodTok)-1])
	strayBits := goodTok[:len(goodTok)-1] + string("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[lastSig^1])
	for _, tt := range []struct {
		name  string
		env   map[string]string
		args  []string
		token string
		want  []string // whole lines of the checklist
		code  int
	}{
		{"format: padding", bothKeys, nil, goodTok + "=", []string{fmt.Sprintf("FAIL format: padding '=' at byte %d: JWT segments are base64url without padding", len(goodTok)),
			"     a JWT is three base64url segments separated by dots, with a JSON object in each of the first two: send it as minted"}, 1},
		{"format: a tab inside", bothKeys, nil, goodTok[:sig+4] + "\t" + goodTok[sig+4:], []string{fmt.Sprintf("FAIL format: whitespace at byte %d: pass the token without surrounding spaces or newlines", sig+4)}, 1},
		{"format: standard base64", bothKeys, nil, strings.NewReplacer("-", "+", "_", "/").Replace(mint(hs, p(`{"user_email":"ab~c@example.com","api_key":$KEY,"exp":$EXP}`))), []string{"FAIL format: '+' at byte ..."}, 1},
		{"format: stray bits", bothKeys, nil, strayBits, []string{"FAIL format: the signature segment is cut short or damaged: its last character has stray bits, so it is not the base64url of any bytes"}, 1},

		{"alg: none", bothKeys, nil, b64(`{"alg":"none"}`) + "." + b64(good) + ".", []string{`FAIL alg: alg "none": the token is not signed, and anyone could have written it`,
			`FAIL signature: alg "none" is not signed with a secret key`}, 1},
		{"alg: None", bothKeys, nil, b64(`{"alg":"None"}`) + "." + b64(good) + ".", []string{`FAIL alg: alg "None": the token is not signed, and anyone could have written it`}, 1},
		{"alg: HS512", bothKeys, nil, mint(`{"alg":"HS512"}`, good), []string{`FAIL alg: alg "HS512": MagicBell accepts only HS256`, "     sign with HS256 and the project's secret key, as jsonwebtoken's { algorithm: 'HS256' } does"}, 1},
		{"alg: missing", bothKeys, nil, mint(`{"typ":"JWT"}`, good), []string{"FAIL alg: the header has no alg"}, 1},
		{"alg: crit", bothKeys, nil, mint(`{"alg":"HS256","crit":["x"],"x":1}`, good), []string{`FAIL alg: the header has "crit" extensions, which User JWTs do not use`, "     leave crit out of the header"}, 1},

		{"api_key: no key to compare with", noKeys, nil, goodTok, []string{`ok   api_key: "` + apiKey + `"; set MAGICBELL_API_KEY or pass -api-key to check that it is your project's`}, 0},
		{"api_key: -api-key", noKeys, []string{"-api-key", apiKey}, goodTok, []string{`ok   api_key: "` + apiKey + `", this project's (-api-key)`}, 0},
		{"api_key: another project", apiKeyOnly, nil, mint(hs, `{"user_external_id":"u1","api_key":"pk_other","exp":1795438800}`),
			[]string{`FAIL api_key: minted for another project: "pk_other", not "` + apiKey + `" from MAGICBELL_API_KEY`}, 1},
		{"api_key: -api-key of another project", apiKeyOnly, []string{"-api-key", "pk_other"}, goodTok, []string{`FAIL api_key: minted for another project: "` + apiKey + `", not "pk_other" from -api-key`}, 1},
		{"api_key: missing", bothKeys, nil, mint(hs, `{"user_external_id":"u1","exp":1795438800}`), []string{"FAIL api_key: no api_key claim", "     add the project's API key as api_key"}, 1},
		{"api_key: a number", bothKeys, nil, mint(hs, `{"user_external_id":"u1","api_key":7,"exp":1795438800}`), []string{"FAIL api_key: api_key is a number, want a string", "     write the project's API key as a string"}, 1},
		{"api_key: not shaped like one", noKeys, nil, mint(hs, `{"user_external_id":"u1","api_key":"your-api-key","exp":1795438800}`),
			[]string{`warn api_key: "your-api-key" does not look like a MagicBell API key (pk_..., or the older 40 hex digits)`, "     use the API key from the dashboard's User Auth page"}, 0},
		{"api_key: 40 hex digits", noKeys, nil, mint(hs, `{"user_external_id":"u1","api_key":"0123456789abcdef0123456789abcdef01234567","exp":1795438800}`),
			[]string{`ok   api_key: "0123456789abcdef0123456789abcdef01234567"; set MAGICBELL_API_KEY or pass -api-key to check that it is your project's`}, 0},
		{"api_key: 39 hex digits", noKeys, nil, mint(hs, `{"user_external_id":"u1","api_key":"0123456789abcdef0123456789abcdef0123456","exp":1795438800}`),
			[]string{`warn api_key: "0123456789abcdef0123456789abcdef0123456" does not look like a MagicBell API key (pk_..., or the older 40 hex digits)`}, 0},
		{"api_key: 41 hex digits", noKeys, nil, mint(hs, `{"user_external_id":"u1","api_key":"0123456789abcdef0123456789abcdef012345678","exp":1795438800}`),
			[]string{`warn api_key: "0123456789abcdef0123456789abcdef012345678" does not look like a MagicBell API key (pk_..., or the older 40 hex digits)`}, 0},
		{"api_key: the secret key", bothKeys, nil, mint(hs, `{"user_external_id":"u1","api_key":"`+secret+`","exp":1795438800}`),
			[]string{`FAIL api_key: the secret key is published inside the token, in "api_key" of the payload`, "     rotate the secret key in the MagicBell dashboard, and mint with the API key in api_key"}, 1},
		{"api_key: the secret key in other claims", bothKeys, nil, mint(`{"alg":"HS256","kid":"`+secret+`"}`, p(`{"user_external_id":"u1","api_key":$KEY,"exp":$EXP,"note":["x `+secret+`"]}`)),
			[]string{`FAIL api_key: the secret key is published inside the token, in "kid" of the header and "note" of the payload`, `ok   api_key: "` + apiKey + `", this project's (MAGICBELL_API_KEY)`}, 1},

		{"user: none", bothKeys, nil, mint(hs, p(`{"user_email":null,"api_key":$KEY,"exp":$EXP}`)), []string{"FAIL user: no user: neither user_email nor user_external_id is set"}, 1},
		{"user: both invalid", bothKeys, nil, mint(hs, p(`{"user_email":"Eve <eve@example.com>","user_external_id":" u","api_key":$KEY,"exp":$EXP}`)),
			[]string{`FAIL user: user_email "Eve <eve@example.com>": not a bare address like person@example.com; user_external_id " u": leading or trailing whitespace`,
				"     fix the user where the token is minted; magicbelljwt's Sign refuses such a user"}, 1},
		{"user: a number", bothKeys, nil, mint(hs, p(`{"user_external_id":42,"api_key":$KEY,"exp":$EXP}`)), []string{"FAIL user: user_external_id is a number, want a string or null"}, 1},
		{"user: the Go recipe's empty email", bothKeys, nil, mint(hs, p(`{"user_email":"","user_external_id":"u1","api_key":$KEY,"exp":$EXP}`)), []string{`ok   user: user_external_id "u1"`}, 0},

		{"names: misspelt, the real ones missing", bothKeys, nil, mint(hs, p(`{"userEmail":"a@example.com","externalId":"u1","apiKey":$KEY,"expiresIn":"1y","exp":$EXP}`)),
			[]string{`FAIL names: "apiKey" looks like api_key, which MagicBell reads and this token lacks`, `     rename "apiKey" to api_key`,
				`warn names: "expiresIn" looks like exp, which this token also has; MagicBell ignores "expiresIn"`,
				`FAIL names: "externalId" looks like user_external_id, which MagicBell reads and this token lacks`,
				`FAIL names: "userEmail" looks like user_email, which MagicBell reads and this token lacks`,
				"FAIL user: no user: neither user_email nor user_external_id is set", "FAIL api_key: no api_key claim"}, 1},
		{"names: case variants beside the real ones", bothKeys, nil, mint(hs, p(`{"user_external_id":"u1","USER_EXTERNAL_ID":"admin","User_Email":"x@example.com","user-id":"u2","api_key":$KEY,"api-key":"pk_2","exp":$EXP}`)),
			[]string{`warn names: "USER_EXTERNAL_ID" looks like user_external_id, which this token also has; MagicBell ignores "USER_EXTERNAL_ID"`,
				`FAIL names: "User_Email" looks like user_email, which MagicBell reads and this token lacks`,
				`warn names: "api-key" looks like api_key, which this token also has; MagicBell ignores "api-key"`,
				`warn names: "user-id" looks like user_external_id, which this token also has; MagicBell ignores "user-id"`}, 1},
		{"names: separated by a dot and a space", bothKeys, nil, mint(hs, p(`{"User.Email":"a@example.com","external id":"u1","api_key":$KEY,"exp":$EXP}`)),
			[]string{`FAIL names: "User.Email" looks like user_email, which MagicBell reads and this token lacks`,
				`FAIL names: "external id" looks like user_external_id, which MagicBell reads and this token lacks`}, 1},
		{"names: email alone", bothKeys, nil, mint(hs, p(`{"email":"a@example.com","api_key":$KEY,"exp":$EXP}`)), []string{`FAIL names: "email" looks like user_email, which MagicBell reads and this token lacks`}, 1},
		{"names: user_id alone", bothKeys, nil, mint(hs, p(`{"user_id":"u1","api_key":$KEY,"exp":$EXP}`)), []string{`FAIL names: "user_id" looks like user_external_id, which MagicBell reads and this token lacks`}, 1},

		{"exp: expired", bothKeys, nil, withTimes(`"exp":` + at(-24*time.Hour)), []string{"FAIL exp: it expired at 2026-11-22 12:00:00 UTC, 1d ago", "     mint a new token"}, 1},
		{"exp: now", bothKeys, nil, withTimes(`"exp":` + at(0)), []string{"FAIL exp: it expired at 2026-11-23 12:00:00 UTC, 0s ago"}, 1},
		{"exp: absent", bothKeys, nil, withTimes(`"iat":` + at(0)), []string{"warn exp: no exp: the token never expires", "     set exp; MagicBell's recipes set it a year ahead, and shorter is safer"}, 0},
		{"exp: a string", bothKeys, nil, withTimes(`"exp":"` + at(time.Hour) + `"`), []string{"FAIL exp: exp is a string, want a number of seconds since 1970", "     write it as a JSON number of seconds since 1970, such as 1795435200, not milliseconds"}, 1},
		{"exp: in milliseconds", bothKeys, nil, withTimes(`"exp":1795438800000`), []string{"FAIL exp: exp is 1.7954388e+12, outside 0 to 253402300799 (the years 1970 to 9999)"}, 1},
		{"exp: the last second of the year 9999", bothKeys, nil, withTimes(`"exp":253402300799`), []string{"warn exp: 9999-12-31 23:59:59 UTC, in 2912116d11h59m59s: more than a year and a day ahead"}, 0},
		{"exp: a year and a day ahead", bothKeys, nil, withTimes(`"exp":` + at(366*24*time.Hour)), []string{"ok   exp: 2027-11-24 12:00:00 UTC, expires in 366d"}, 0},
		{"exp: more than a year and a day ahead", bothKeys, nil, withTimes(`"exp":` + at(366*24*time.Hour+time.Second)),
			[]string{"warn exp: 2027-11-24 12:00:01 UTC, in 366d1s: more than a year and a day ahead", "     a token is a credential until it expires: keep exp as short as your frontend allows"}, 0},

		{"iat: a minute ahead", bothKeys, nil, withTimes(`"exp":` + at(time.Hour) + `,"iat":` + at(time.Minute)), []string{"ok   iat: 2026-11-23 12:01:00 UTC"}, 0},
		{"iat: more than a minute ahead", bothKeys, nil, withTimes(`"exp":` + at(time.Hour) + `,"iat":` + at(time.Minute+time.Second)),
			[]string{"FAIL iat: iat is 2026-11-23 12:01:01 UTC, 1m1s ahead of this clock, more than the 1m allowed for clock skew", "     check the clock of the server that minted it, and this one's"}, 1},
		{"iat: a string", bothKeys, nil, withTimes(`"exp":` + at(time.Hour) + `,"iat":"now"`), []string{"FAIL iat: iat is a string, want a number of seconds since 1970"}, 1},
		{"nbf: a day ago", bothKeys, nil, withTimes(`"exp":` + at(time.Hour) + `,"nbf":` + at(-24*time.Hour)), []string{"ok   nbf: 2026-11-22 12:00:00 UTC"}, 0},
		{"nbf: a day ahead", bothKeys, nil, withTimes(`"exp":` + at(48*time.Hour) + `,"nbf":` + at(24*time.Hour)), []string{"FAIL nbf: nbf is 2026-11-24 12:00:00 UTC, 1d ahead of this clock, more than the 1m allowed for clock skew"}, 1},
		{"nbf: negative", bothKeys, nil, withTimes(`"exp":` + at(time.Hour) + `,"nbf":-1`), []string{"FAIL nbf: nbf is -1, outside 0 to 253402300799 (the years 1970 to 9999)"}, 1},

		{"sdk: atob throws", bothKeys, nil, mint(hs, p(`{"user_email":"ab~c@example.com","api_key":$KEY,"exp":$EXP}`)),
			[]string{`FAIL sdk: MagicBell's JavaScript SDK cannot read this payload: atob throws on the '-' that "~" in user_email puts at character 23 of the payload segment`,
				`     mint with magicbelljwt, or escape > ? ~ DEL and non-ASCII as \uXXXX in the payload's strings`}, 1},

		{"signature: no secret key", apiKeyOnly, nil, goodTok, []string{"skip signature: not checked: set MAGICBELL_API_SECRET (or MAGICBELL_SECRET_KEY) to check it offline"}, 0},
		{"signature: MAGICBELL_SECRET_KEY", map[string]string{"MAGICBELL_SECRET_KEY": secret}, nil, goodTok, []string{"ok   signature: made with the secret key in MAGICBELL_SECRET_KEY"}, 0},
		{"signature: another secret", map[string]string{"MAGICBELL_API_SECRET": "sk_other"}, nil, goodTok,
			[]string{"FAIL signature: signed with a different secret key (or by another project)", "     sign with the secret key of the project whose API key is in the token"}, 1},
		{"signature: HS512 with the secret", bothKeys, nil, mintWith(sha512.New, `{"alg":"HS512"}`, good), []string{"ok   signature: made with the secret key in MAGICBELL_API_SECRET, with HS512"}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := runWith(tt.env, "", append(append([]string{"decode"}, tt.args...), tt.token)...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d", r.code, tt.code)
			}
			lines := strings.Split(r.stderr, "\n")
			for _, want := range tt.want {
				if !hasWholeLine(lines, want) {
					t.Errorf("stderr does not have the line %q:\n%s", want, r.stderr)
				}
			}
			if strings.Contains(r.stdout+r.stderr, secret) {
				t.Errorf("output reveals the secret key:\n%s\n%s", r.stdout, r.stderr)
			}
			// Every line is a check, a continuation, or the UNVERIFIED line.
			for _, l := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
				if !regexp.MustCompile(`^((ok  |warn|FAIL|skip) (format|alg|api_key|user|names|exp|iat|nbf|sdk|signature): |     \S|UNVERIFIED: )`).MatchString(l) {
					t.Errorf("stderr line %q is not a checklist line", l)
				}
			}
		})
	}
}

// hasWholeLine reports whether lines has want, or, when want ends in "...", a line that
// starts with the rest of it.
func hasWholeLine(lines []string, want string) bool {
	prefix, isPrefix := strings.CutSuffix(want, "...")
	for _, l := range lines {
		if l == want || isPrefix && strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

// TestDecode_SecretKeyIsRedacted checks that a token carrying the secret key never
// shows it, in the JSON on stdout or on stderr, however its JSON escapes it.
func TestDecode_SecretKeyIsRedacted(t *testing.T) {
	atTime(t, testNow, time.UTC)
	// A secret with characters JSON escapes, in a claim name and a user field.
	odd := `sk_"odd\secret`
	quoted, _ := json.Marshal(odd)
	inner := string(quoted[1 : len(quoted)-1])
	r := runWith(map[string]string{"MAGICBELL_API_SECRET": odd}, "", "decode", mint(`{"alg":"HS256"}`, `{"user_external_id":"x`+inner+`y","`+inner+`":1}`))
	if strings.Contains(r.stdout+r.stderr, odd) || strings.Contains(r.stdout+r.stderr, inner) || !strings.Contains(r.stderr, "the secret key is published") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}

	// The secret as a claim name only.
	r = runWith(bothKeys, "", "decode", mint(`{"alg":"HS256"}`, `{"user_external_id":"u1","`+secret+`":1}`))
	if strings.Contains(r.stdout+r.stderr, secret) || !strings.Contains(r.stdout, `"`+"<the secret key>"+`": 1`) {
		t.Errorf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}

	escaped := `\u00` + fmt.Sprintf("%x", secret[0]) + secret[1:]
	tok := mint(`{"alg":"HS256","kid":"`+escaped+`"}`, `{"user_external_id":"`+secret+`","api_key":"`+apiKey+`","exp":1795438800,"`+secret+`":1}`)
	r = runWith(bothKeys, "", "decode", tok)
	if strings.Contains(r.stdout+r.stderr, secret) || !strings.Contains(r.stdout, "<the secret key>") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
	var out struct{ Header, Payload map[string]any }
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || out.Header["kid"] != "<the secret key>" || out.Payload["user_external_id"] != "<the secret key>" {
		t.Errorf("stdout is not the redacted JSON: %v\n%s", err, r.stdout)
	}
}

// TestDecode_SDKVerdict checks the browser verdict against what atob and JSON.parse
// really do: '-' or '_' make atob throw, and raw UTF-8 comes out as Latin-1.
func TestDecode_SDKVerdict(t *testing.T) {
	for _, tt := range []struct {
		name, payload, want string
	}{
		{"ASCII", `{"user_email":"a@example.com","api_key":"pk_x"}`, `reads this payload as meant: user_email "a@example.com", api_key "pk_x"`},
		{"escaped UTF-8", `{"user_external_id":"Jos\u00e9","api_key":"pk_x"}`, `reads this payload as meant: user_external_id "José", api_key "pk_x"`},
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
			`reads this payload as meant: user_external_id "u1", api_key "pk_x"`},
		{"raw UTF-8 in a claim name", `{"usér":1,"user_external_id":"u","api_key":"pk_x"}`, `reads this payload as meant: user_external_id "u", api_key "pk_x"`},
		{"raw UTF-8 in api_key", `{"user_external_id":"u","api_key":"pk_xé"}`,
			`misreads this payload, whose UTF-8 atob turns into Latin-1: it reads api_key "pk_xÃ©", not "pk_xé"`},
		{"no user and no api_key", `{"x":1}`, `reads this payload as meant: no user, no api_key`},
		// Found, and the blame checked, as above: "c" and "中" each make the second
		// character of a block; replacing the bytes of "中" alone removes the '-'.
		// The second and third bytes of U+FFFD are both continuation bytes: the blame
		// must land in its block, not the next. Checked apart as above.
		{"'-' at a character 2 mod 4, in a character of three bytes", `{"api_key":"pk_x","user_external_id":"x�y"}`,
			`cannot read this payload: atob throws on the '-' that "�" in user_external_id puts at character 54 of the payload segment`},
		{"'-' at a character 1 mod 4", `{"api_key":"pk_x","user_external_id":"xc中"}`,
			`cannot read this payload: atob throws on the '-' that "中" in user_external_id puts at character 53 of the payload segment`},
		// A byte that is not UTF-8 (which FAILs format too) is blamed as itself: 0xFF
		// makes the first character of its block '_', and the lead byte 0xE0, with no
		// continuation byte after it, the second '-', as "c" before it allows.
		{"a byte that is not UTF-8 at a character 0 mod 4", "{\"a\":\"\xffx\",\"user_external_id\":\"u\",\"api_key\":\"pk_x\"}",
			`cannot read this payload: atob throws on the '_' that "�" in a puts at character 8 of the payload segment`},
		{"a lone lead byte at a character 1 mod 4", "{\"a\":\"c\xe0\",\"user_external_id\":\"u\",\"api_key\":\"pk_x\"}",
			`cannot read this payload: atob throws on the '-' that "�" in a puts at character 9 of the payload segment`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// The verdict must agree with the payload segment itself.
			seg := base64.RawURLEncoding.EncodeToString([]byte(tt.payload))
			if strings.Contains(tt.want, "atob throws") != strings.ContainsAny(seg, "-_") {
				t.Fatalf("test payload %s encodes to %s", tt.payload, seg)
			}
			r := runWith(nil, "", "decode", rawToken(`{"alg":"HS256"}`, tt.payload))
			word, code := "ok  ", 0
			if !strings.Contains(tt.want, "reads this payload as meant") {
				word, code = "FAIL", 1
			}
			if strings.Contains(tt.want, "no user") {
				code = 1 // the user check fails too
			}
			if !strings.Contains(r.stderr, "\n"+word+" sdk: MagicBell's JavaScript SDK "+tt.want+"\n") || r.code != code {
				t.Errorf("exit %d, stderr %q; want exit %d and %s %q", r.code, r.stderr, code, word, tt.want)
			}
		})
	}
}

// TestDecode_SDKVerdictReadsTheSegmentAsAtobDoes covers a payload segment that atob
// reads apart from base64url: whitespace, which it skips, so that the blame counts the
// characters it reads, and padding inside, on which it throws with no '-' or '_'.
func TestDecode_SDKVerdictReadsTheSegmentAsAtobDoes(t *testing.T) {
	seg := b64(`{"user_email":"ab~c@example.com","api_key":"pk_x"}`)
	for _, tt := range []struct{ segment, want string }{
		{seg[:4] + "\t" + seg[4:], `atob throws on the '-' that "~" in user_email puts at character 24 of the payload segment`},
		{seg[:4] + "\n\n" + seg[4:], `atob throws on the '-' that "~" in user_email puts at character 25 of the payload segment`},
		{seg[:8] + "==" + seg[8:], `atob throws on the '-' that "~" in user_email puts at character 25 of the payload segment`},
	} {
		r := runWith(nil, "", "decode", "e30."+tt.segment+".c2ln")
		if !strings.Contains(r.stderr, "\nFAIL sdk: MagicBell's JavaScript SDK cannot read this payload: "+tt.want+"\n") {
			t.Errorf("segment %q: stderr %s", tt.segment, r.stderr)
		}
	}
	ok := b64(`{"user_external_id":"u","api_key":"pk_x"}`)
	for _, tt := range []struct{ segment, verdict string }{
		{ok[:8] + "==" + ok[8:], "FAIL sdk: MagicBell's JavaScript SDK cannot read this payload: atob throws on '='"},
		{"==" + ok, "FAIL sdk: MagicBell's JavaScript SDK cannot read this payload: atob throws on '='"},
		{ok[:4] + " \t\n\f\r" + ok[4:], `ok   sdk: MagicBell's JavaScript SDK reads this payload as meant: user_external_id "u", api_key "pk_x"`},
	} {
		r := runWith(nil, "", "decode", "e30."+tt.segment+".c2ln")
		if !strings.Contains(r.stderr, "\n"+tt.verdict+"\n") {
			t.Errorf("segment %q: stderr %s", tt.segment, r.stderr)
		}
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
	if r.code != 1 || r.stdout == "" {
		t.Fatalf("exit %d, want 1 with the JSON printed: %s", r.code, r.stderr)
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
	if r := runWith(bothKeys, "", "verify", tok); r.code != 0 || !strings.Contains(r.stdout, `"<a&b>"`) || !strings.Contains(r.stdout, `"x<y>&z"`) {
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
