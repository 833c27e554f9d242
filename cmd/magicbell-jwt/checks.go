package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"fmt"
	"hash"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/magicbell-community/magicbelljwt"
	"github.com/magicbell-community/magicbelljwt/internal/compact"
	"github.com/magicbell-community/magicbelljwt/internal/rules"
	"github.com/magicbell-community/magicbelljwt/internal/words"
)

// A line is one line of decode's checklist: a word (ok, warn, FAIL or skip), the
// check's name, what was found and, for warn and FAIL, what to do.
type line struct{ word, name, found, todo string }

// pass is an ok line.
func pass(name, format string, args ...any) line {
	return line{"ok", name, fmt.Sprintf(format, args...), ""}
}

// text is the line as printed: the word padded to four characters, the name, what was
// found, and what to do on a continuation line, indented.
func (l line) text() []string {
	t := []string{fmt.Sprintf("%-4s %s: %s", l.word, l.name, l.found)}
	if l.todo != "" {
		t = append(t, "     "+l.todo)
	}
	return t
}

// checklist runs decode's checks in order.
func (d *decoded) checklist() []line {
	lines := []line{d.checkFormat(), d.checkAlg()}
	lines = append(lines, d.checkAPIKey()...)
	lines = append(lines, d.checkUser())
	lines = append(lines, d.checkNames()...)
	lines = append(lines, d.checkExp(), d.checkNotAhead("iat"), d.checkNotAhead("nbf"), d.checkSDK(), d.checkSignature())
	return lines
}

func (d *decoded) checkFormat() line {
	const todo = "a JWT is three base64url segments separated by dots, with nothing else in it: send it as minted"
	if err := compact.Check(d.token); err != nil {
		return line{"FAIL", "format", err.Error(), todo}
	}
	for i, name := range []string{"header", "payload", "signature"} {
		if _, err := base64.RawURLEncoding.Strict().DecodeString(d.parts[i]); err != nil {
			return line{"FAIL", "format", "the " + name + " segment is not canonical base64url: its last character has stray bits", todo}
		}
	}
	return pass("format", "three base64url segments; header and payload are JSON objects")
}

func (d *decoded) checkAlg() line {
	alg, isString := d.headerClaims["alg"].(string)
	_, crit := d.headerClaims["crit"]
	switch {
	case !isString:
		return line{"FAIL", "alg", "the header has no alg", "sign with HS256"}
	case strings.EqualFold(alg, "none"):
		return line{"FAIL", "alg", fmt.Sprintf("%s: the token is not signed, and anyone could have written it", describe(alg)),
			"sign it with HS256 and the project's secret key"}
	case alg != "HS256":
		return line{"FAIL", "alg", fmt.Sprintf("%s: MagicBell accepts only HS256", describe(alg)), "sign with HS256, as in jsonwebtoken's { algorithm: 'HS256' }"}
	case crit:
		return line{"FAIL", "alg", "HS256, with a crit header, which a verifier that understands no extension refuses", "leave crit out of the header"}
	}
	return pass("alg", "HS256")
}

// apiKeyShape matches a MagicBell API key: pk_..., or the older 40 hex digits.
var apiKeyShape = regexp.MustCompile(`^(pk_[A-Za-z0-9_]+|[0-9a-f]{40})$`)

func (d *decoded) checkAPIKey() []line {
	var lines []line
	if d.secret != "" {
		var where []string
		for _, part := range []struct {
			name   string
			claims map[string]any
		}{{"header", d.headerClaims}, {"payload", d.claims}} {
			for _, name := range sortedNames(part.claims) {
				if holdsSecret(part.claims[name], d.secret) || strings.Contains(name, d.secret) {
					where = append(where, fmt.Sprintf("%s of the %s", describe(d.redact(name)), part.name))
				}
			}
		}
		if where != nil {
			lines = append(lines, line{"FAIL", "api_key", "the secret key is published inside the token, in " + strings.Join(where, " and "),
				"rotate the secret key in the MagicBell dashboard, and mint with the API key in api_key"})
		}
	}
	v := d.claims["api_key"]
	key, isString := v.(string)
	switch {
	case v == nil:
		return append(lines, line{"FAIL", "api_key", "no api_key claim", "add the project's API key as api_key"})
	case !isString:
		return append(lines, line{"FAIL", "api_key", "api_key is " + words.JSONType(v) + ", want a string", "write the project's API key as a string"})
	case d.secret != "" && strings.Contains(key, d.secret):
		return lines // reported above
	case d.apiKey != "" && key != d.apiKey:
		return append(lines, line{"FAIL", "api_key", fmt.Sprintf("minted for another project: %s, not %s from %s", describe(key), describe(d.apiKey), d.apiKeyFrom),
			"mint with this project's API key, or check the token with the other project's keys"})
	case !apiKeyShape.MatchString(key):
		return append(lines, line{"warn", "api_key", describe(key) + " does not look like a MagicBell API key (pk_..., or the older 40 hex digits)",
			"use the API key from the dashboard's User Auth page"})
	case d.apiKey != "":
		return append(lines, pass("api_key", "%s, this project's (%s)", describe(key), d.apiKeyFrom))
	}
	return append(lines, pass("api_key", "%s; set MAGICBELL_API_KEY or pass -api-key to check that it is your project's", describe(key)))
}

func (d *decoded) checkUser() line {
	var found, problems []string
	for _, f := range []struct {
		name  string
		claim func(string) magicbelljwt.Claims
	}{
		{"user_email", func(s string) magicbelljwt.Claims { return magicbelljwt.Claims{UserEmail: s} }},
		{"user_external_id", func(s string) magicbelljwt.Claims { return magicbelljwt.Claims{UserExternalID: s} }},
	} {
		switch v := d.claims[f.name].(type) {
		case nil:
		case string:
			if v == "" {
				continue
			}
			found = append(found, f.name+" "+describe(v))
			if err := f.claim(v).Validate(); err != nil {
				// Validate's message is "magicbelljwt: invalid user email: <what>".
				_, what, _ := strings.Cut(strings.TrimPrefix(err.Error(), "magicbelljwt: "), ": ")
				problems = append(problems, fmt.Sprintf("%s %s: %s", f.name, describe(v), what))
			}
		default:
			problems = append(problems, fmt.Sprintf("%s is %s, want a string", f.name, words.JSONType(v)))
		}
	}
	switch {
	case problems != nil:
		return line{"FAIL", "user", strings.Join(problems, "; "), "fix the user where the token is minted; magicbelljwt's Sign refuses such a user"}
	case found == nil:
		return line{"FAIL", "user", "no user: neither user_email nor user_external_id is set", "set user_external_id (your ID for the user), user_email, or both"}
	}
	return pass("user", "%s", strings.Join(found, ", "))
}

// lookalikes maps a claim name, normalized, to the claim MagicBell reads that it
// looks like: its case and separator variants, and the usual other words.
var lookalikes = func() map[string]string {
	m := map[string]string{
		"email": "user_email", "mail": "user_email", "emailaddress": "user_email", "useremailaddress": "user_email",
		"externalid": "user_external_id", "userid": "user_external_id", "uid": "user_external_id", "externaluserid": "user_external_id",
		"key": "api_key", "publickey": "api_key", "projectkey": "api_key",
		"expires": "exp", "expiresat": "exp", "expiresin": "exp", "expiration": "exp", "issuedat": "iat", "notbefore": "nbf",
	}
	for _, real := range []string{"user_email", "user_external_id", "api_key", "exp", "iat", "nbf"} {
		m[normalizeName(real)] = real
	}
	return m
}()

// normalizeName folds case and drops separators, so that userEmail, User_Email and
// user-email compare equal.
func normalizeName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("_- .", r) {
			return -1
		}
		return r
	}, strings.ToLower(s))
}

func (d *decoded) checkNames() []line {
	var lines []line
	for _, name := range sortedNames(d.claims) {
		real, ok := lookalikes[normalizeName(name)]
		if !ok || real == name {
			continue
		}
		if d.claims[real] != nil {
			lines = append(lines, line{"warn", "names", fmt.Sprintf("%s looks like %s, which this token also has; MagicBell ignores %s", describe(name), real, describe(name)),
				"remove it, or check which of the two you meant"})
		} else {
			lines = append(lines, line{"FAIL", "names", fmt.Sprintf("%s looks like %s, which MagicBell reads and this token lacks", describe(name), real),
				fmt.Sprintf("rename %s to %s", describe(name), real)})
		}
	}
	if lines == nil {
		return []line{pass("names", "no claim looks like a misspelt claim of MagicBell's")}
	}
	return lines
}

// timeLayout writes the times of the checklist.
const timeLayout = "2006-01-02 15:04:05 UTC"

// timeClaim reads a time claim as Verify does, or says on a FAIL line what is wrong.
func (d *decoded) timeClaim(name string) (t time.Time, present bool, bad *line) {
	switch v := d.claims[name].(type) {
	case nil:
		return time.Time{}, false, nil
	case float64:
		if v < 0 || v > rules.MaxNumericDate {
			return time.Time{}, true, &line{"FAIL", name, fmt.Sprintf("%g is outside 0 to %d (the years 1970 to 9999)", v, rules.MaxNumericDate),
				"write it in seconds since 1970, not milliseconds"}
		}
		return time.Unix(int64(v), 0).UTC(), true, nil
	default:
		return time.Time{}, true, &line{"FAIL", name, fmt.Sprintf("%s is %s, want a number of seconds since 1970", name, words.JSONType(v)),
			"write it as a JSON number, such as 1795435200"}
	}
}

func (d *decoded) checkExp() line {
	exp, present, bad := d.timeClaim("exp")
	t := now()
	switch {
	case bad != nil:
		return *bad
	case !present:
		return line{"warn", "exp", "no exp: the token never expires", "set exp; MagicBell's recipes set it a year ahead, and shorter is safer"}
	case !t.Before(exp):
		return line{"FAIL", "exp", fmt.Sprintf("expired at %s, %s ago", exp.Format(timeLayout), words.Between(exp, t)), "mint a new token"}
	case exp.Sub(t) > year+day:
		return line{"warn", "exp", fmt.Sprintf("%s, in %s: more than a year and a day ahead", exp.Format(timeLayout), words.Between(t, exp)),
			"a token is a credential until it expires: keep exp as short as your frontend allows"}
	}
	return pass("exp", "%s, expires in %s", exp.Format(timeLayout), words.Between(t.Truncate(time.Second), exp))
}

// checkNotAhead checks iat or nbf: absent is fine, ahead of the clock by more than the
// allowance for clock skew is not.
func (d *decoded) checkNotAhead(name string) line {
	at, present, bad := d.timeClaim(name)
	t := now()
	switch {
	case bad != nil:
		return *bad
	case !present:
		return pass(name, "absent")
	case at.Sub(t) > rules.SkewAllowance:
		return line{"FAIL", name, fmt.Sprintf("%s, %s ahead of this clock, more than the %s allowed for clock skew", at.Format(timeLayout), words.Between(t, at), words.Duration(rules.SkewAllowance)),
			"check the clock of the server that minted it, and this one's"}
	}
	return pass(name, "%s", at.Format(timeLayout))
}

func (d *decoded) checkSDK() line {
	good, msg := sdkVerdict(d.parts[1], d.payload, d.claims)
	if !good {
		return line{"FAIL", "sdk", msg, `mint with magicbelljwt, or escape > ? ~ DEL and non-ASCII as \uXXXX in the payload's strings`}
	}
	return pass("sdk", "%s", msg)
}

func (d *decoded) checkSignature() line {
	if d.secret == "" {
		return line{"skip", "signature", "not checked: set MAGICBELL_API_SECRET (or MAGICBELL_SECRET_KEY) to check it offline", ""}
	}
	alg, _ := d.headerClaims["alg"].(string)
	newHash := map[string]func() hash.Hash{"HS256": sha256.New, "HS384": sha512.New384, "HS512": sha512.New}[alg]
	if newHash == nil {
		return line{"FAIL", "signature", fmt.Sprintf("alg %s is not signed with a secret key", describe(alg)), "sign with HS256 and the project's secret key"}
	}
	mac := hmac.New(newHash, []byte(d.secret))
	mac.Write([]byte(d.parts[0] + "." + d.parts[1]))
	sig, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(d.parts[2], "="))
	if err != nil || !hmac.Equal(sig, mac.Sum(nil)) {
		return line{"FAIL", "signature", "signed with a different secret key (or by another project)",
			"sign with the secret key of the project whose API key is in the token"}
	}
	if alg != "HS256" {
		return pass("signature", "made with the secret key in %s, with %s", d.secretFrom, alg)
	}
	return pass("signature", "made with the secret key in %s", d.secretFrom)
}

// sortedNames returns the names of m in order, so that the checklist reads the same
// on every run.
func sortedNames(m map[string]any) []string {
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
