package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"fmt"
	"hash"
	"sort"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/magicbell-community/magicbelljwt"
	"github.com/magicbell-community/magicbelljwt/internal/keys"
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

// checklist runs decode's checks in order. Those of the header and of the claims run
// when there is a header or a payload object to read them from.
func (d *decoded) checklist() []line {
	lines := d.checkFormat()
	if d.header != nil {
		lines = append(lines, d.checkAlg())
	}
	if d.claims != nil {
		lines = append(lines, d.checkAPIKey()...)
		lines = append(lines, d.checkUser())
		lines = append(lines, d.checkNames()...)
		lines = append(lines, d.checkExp(), d.checkNotAhead("iat"), d.checkNotAhead("nbf"), d.checkSDK())
	} else if d.publishedIn != nil {
		lines = append(lines, d.checkPublished())
	}
	if d.header != nil {
		lines = append(lines, d.checkSignature())
	}
	return lines
}

// checkFormat has a FAIL line for each problem of the token's text, in Verify's words.
func (d *decoded) checkFormat() []line {
	const todo = "a JWT is three base64url segments separated by dots, with a JSON object in each of the first two: send it as minted"
	var lines []line
	for _, err := range d.problems {
		lines = append(lines, line{"FAIL", "format", err.Error(), todo})
	}
	if lines == nil {
		return []line{pass("format", "three base64url segments; header and payload are JSON objects")}
	}
	return lines
}

func (d *decoded) checkAlg() line {
	if err := rules.Header(d.header); err != nil {
		todo := "sign with HS256 and the project's secret key, as jsonwebtoken's { algorithm: 'HS256' } does"
		if d.header["alg"] == "HS256" {
			todo = "leave crit out of the header"
		}
		return line{"FAIL", "alg", rules.Words(err), todo}
	}
	return pass("alg", "HS256")
}

// checkPublished is the line for a token that holds the secret key.
func (d *decoded) checkPublished() line {
	return line{"FAIL", "api_key", "the secret key is published inside the token, in " + strings.Join(d.publishedIn, " and "),
		"rotate the secret key in the MagicBell dashboard, and mint with the API key in api_key"}
}

func (d *decoded) checkAPIKey() []line {
	var lines []line
	if d.publishedIn != nil {
		lines = append(lines, d.checkPublished())
	}
	key, err := rules.APIKey(d.claims)
	switch {
	case err != nil:
		todo := "add the project's API key as api_key"
		if errors.Is(err, jwt.ErrInvalidType) {
			todo = "write the project's API key as a string"
		}
		return append(lines, line{"FAIL", "api_key", rules.Words(err), todo})
	case d.keys.Secret != "" && strings.Contains(key, d.keys.Secret):
		return lines // published, said above
	case d.keys.APIKey != "" && key != d.keys.APIKey:
		// The key is printed only when it looks like one: see hideUnlessAPIKey.
		return append(lines, line{"FAIL", "api_key", fmt.Sprintf("minted for another project: %s, not %s from %s", describe(key), describe(d.keys.APIKey), d.keys.APIKeyFrom),
			"mint with this project's API key, or check the token with the other project's keys"})
	case !keys.LooksLikeAPIKey(key):
		return append(lines, line{"warn", "api_key", describe(key) + " does not look like a MagicBell API key (pk_..., or the older 40 hex digits)",
			"use the API key from the dashboard's User Auth page"})
	case d.keys.APIKey != "":
		return append(lines, pass("api_key", "%s, this project's (%s)", describe(key), d.keys.APIKeyFrom))
	}
	return append(lines, pass("api_key", "%s; set MAGICBELL_API_KEY or pass -api-key to check that it is your project's", describe(key)))
}

// checkUser reads the user fields as Verify does, and checks each with Validate.
func (d *decoded) checkUser() line {
	var found, problems []string
	for _, f := range []struct {
		name  string
		claim func(string) magicbelljwt.Claims
	}{
		{"user_email", func(s string) magicbelljwt.Claims { return magicbelljwt.Claims{UserEmail: s} }},
		{"user_external_id", func(s string) magicbelljwt.Claims { return magicbelljwt.Claims{UserExternalID: s} }},
	} {
		v, err := rules.UserField(d.claims, f.name)
		switch {
		case err != nil:
			problems = append(problems, rules.Words(err))
		case v != "":
			found = append(found, f.name+" "+describe(v))
			if err := f.claim(v).Validate(); err != nil {
				// Validate's message is "magicbelljwt: invalid user email: <what>".
				_, what, _ := strings.Cut(strings.TrimPrefix(err.Error(), "magicbelljwt: "), ": ")
				problems = append(problems, fmt.Sprintf("%s %s: %s", f.name, describe(v), what))
			}
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
func normalizeName(s string) string { return separators.Replace(strings.ToLower(s)) }

var separators = strings.NewReplacer("_", "", "-", "", " ", "", ".", "")

// checkNames reports a name given twice, in the header or the payload at any depth,
// and claims that look like one MagicBell reads but are not.
func (d *decoded) checkNames() []line {
	var lines []line
	for _, part := range d.objects() {
		for _, dup := range part.obj.Duplicates {
			where := "the " + part.name
			if dup.Claim != "" {
				where = describe(dup.Claim) + " of the " + part.name
			}
			lines = append(lines, line{"FAIL", "names", fmt.Sprintf("%s is given twice in %s: JSON.parse and MagicBell's SDK read the last, go-jose refuses the token", describe(dup.Name), where),
				"give each name once"})
		}
	}
	for _, name := range sortedNames(d.claims) {
		real, ok := lookalikes[normalizeName(name)]
		if !ok || real == name {
			continue
		}
		if _, present := d.claims[real]; present {
			lines = append(lines, line{"warn", "names", fmt.Sprintf("%s looks like %s, which this token also has; MagicBell ignores %s", describe(name), real, describe(name)),
				"remove it, or check which of the two you meant"})
		} else {
			lines = append(lines, line{"FAIL", "names", fmt.Sprintf("%s looks like %s, which MagicBell reads and this token lacks", describe(name), real),
				fmt.Sprintf("rename %s to %s", describe(name), real)})
		}
	}
	if lines == nil {
		return []line{pass("names", "no claim looks like a misspelt claim of MagicBell's, and none is given twice")}
	}
	return lines
}

// timeTodo is what to do about a time that is not a number of seconds since 1970.
const timeTodo = "write it as a JSON number of seconds since 1970, such as 1795435200, not milliseconds"

// checkExp reads and compares exp as Verify does, but warns of a token without one,
// which MagicBell may accept.
func (d *decoded) checkExp() line {
	t := now()
	exp, err := rules.Time(d.claims, "exp")
	if err == nil {
		err = rules.Expired(exp, t)
	}
	switch {
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing):
		return line{"warn", "exp", "no exp: the token never expires", "set exp; MagicBell's recipes set it a year ahead, and shorter is safer"}
	case errors.Is(err, jwt.ErrTokenExpired):
		return line{"FAIL", "exp", rules.Words(err), "mint a new token"}
	case err != nil:
		return line{"FAIL", "exp", rules.Words(err), timeTodo}
	case exp.Sub(t) > year+day:
		return line{"warn", "exp", fmt.Sprintf("%s, in %s: more than a year and a day ahead", exp.UTC().Format(rules.TimeLayout), words.Between(t, exp)),
			"a token is a credential until it expires: keep exp as short as your frontend allows"}
	}
	return pass("exp", "%s, expires in %s", exp.UTC().Format(rules.TimeLayout), words.Between(t.Truncate(time.Second), exp))
}

// checkNotAhead reads and compares iat or nbf as Verify does.
func (d *decoded) checkNotAhead(name string) line {
	at, err := rules.Time(d.claims, name)
	if err != nil {
		return line{"FAIL", name, rules.Words(err), timeTodo}
	}
	if err := rules.Ahead(name, at, now()); err != nil {
		return line{"FAIL", name, rules.Words(err), "check the clock of the server that minted it, and this one's"}
	}
	if at.IsZero() {
		return pass(name, "absent")
	}
	return pass(name, "%s", at.UTC().Format(rules.TimeLayout))
}

func (d *decoded) checkSDK() line {
	// A payload read is the second of three segments, as given.
	good, msg := sdkVerdict(strings.Split(d.text, ".")[1], d.tok.Payload.Text, d.claims)
	if !good {
		return line{"FAIL", "sdk", msg, `mint with magicbelljwt, or escape > ? ~ DEL and non-ASCII as \uXXXX in the payload's strings`}
	}
	return pass("sdk", "%s", msg)
}

func (d *decoded) checkSignature() line {
	if d.keys.Secret == "" {
		return line{"skip", "signature", "not checked: set MAGICBELL_API_SECRET (or MAGICBELL_SECRET_KEY) to check it offline", ""}
	}
	const todo = "sign with the secret key of the project whose API key is in the token"
	alg, _ := d.header["alg"].(string)
	newHash := map[string]func() hash.Hash{"HS256": sha256.New, "HS384": sha512.New384, "HS512": sha512.New}[alg]
	sig := d.tok.Signature
	switch {
	case newHash == nil:
		return line{"FAIL", "signature", fmt.Sprintf("alg %s is not signed with a secret key", describe(d.header["alg"])), "sign with HS256 and the project's secret key"}
	case sig == nil:
		return line{"FAIL", "signature", "not checked: the signature segment is not base64url", "send the token whole, as minted"}
	case alg == "HS256" && rules.Signature(sig) != nil:
		return line{"FAIL", "signature", rules.Words(rules.Signature(sig)), "send the token whole, as minted"}
	}
	mac := hmac.New(newHash, []byte(d.keys.Secret))
	mac.Write([]byte(d.tok.SigningInput))
	if !hmac.Equal(sig, mac.Sum(nil)) {
		return line{"FAIL", "signature", "signed with a different secret key (or by another project)", todo}
	}
	if alg != "HS256" {
		return pass("signature", "made with the secret key in %s, with %s", d.keys.SecretFrom, alg)
	}
	return pass("signature", "made with the secret key in %s", d.keys.SecretFrom)
}

// sortedNames returns the names of m in order, so that the checklist reads the same
// on every run.
func sortedNames(m map[string]any) []string {
	var names []string
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
