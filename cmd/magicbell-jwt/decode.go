package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"

	"github.com/golang-jwt/jwt/v5"

	"github.com/magicbell-community/magicbelljwt"
	"github.com/magicbell-community/magicbelljwt/internal/usertoken"
)

var decodeCommand = subcommand{
	name:  "decode",
	usage: "[TOKEN | -]",
	help: `Print a token's header and payload as JSON on stdout, and on stderr a checklist of
what MagicBell will make of it, whichever backend minted it. It needs no keys; with
them it checks the api_key and signature too. Exit status 1 when a check fails.`,
	run: decode,
}

// A line is one line of decode's checklist: a word (ok, warn, FAIL or skip), the
// check's name, what was found and, for warn and FAIL, what to do.
type line struct{ word, name, found, todo string }

func pass(name, format string, args ...any) line {
	return line{"ok", name, fmt.Sprintf(format, args...), ""}
}

func decode(c *command, _ map[string]string, args []string) int {
	token, ok := c.token(args)
	if !ok {
		return exitUsage
	}
	tok, problems := usertoken.Read(token)
	header, claims := tok.Header.Members, tok.Payload.Members // nil when no object
	c.printJSON(tok.Header, tok.Payload)
	c.stderr.WriteString("UNVERIFIED: this explains the token; 'magicbell-jwt verify' is the strict yes or no.\n")

	var lines []line
	for _, err := range problems {
		lines = append(lines, line{"FAIL", "format", err.Error(), "a JWT is three base64url segments separated by dots, with a JSON object in each of the first two: send it as minted"})
	}
	if lines == nil {
		lines = []line{pass("format", "three base64url segments; header and payload are JSON objects")}
	}
	if header != nil {
		lines = append(lines, c.checkAlg(header))
	}
	if where := c.published(token, tok); where != "" {
		lines = append(lines, line{"FAIL", "api_key", where, rotate})
	}
	if claims != nil {
		lines = append(append(append(lines, c.checkAPIKey(claims)...), c.checkUser(claims)), c.checkNames(tok)...)
		lines = append(lines, checkTime(claims, "exp"), checkTime(claims, "iat"), checkTime(claims, "nbf"), checkSDK(token, claims))
	}
	if header != nil {
		lines = append(lines, c.checkSignature(header, tok))
	}
	status := exitOK
	for _, l := range lines {
		if l.word == "FAIL" {
			status = exitInvalid
		}
		fmt.Fprintf(&c.stderr, "%-4s %s: %s\n", l.word, l.name, l.found)
		if l.todo != "" {
			fmt.Fprintf(&c.stderr, "     %s\n", l.todo)
		}
	}
	return status
}

func (c *command) checkAlg(header map[string]any) line {
	if err := usertoken.Header(header, c.show); err != nil {
		return line{"FAIL", "alg", reason(err), "sign with HS256 and the project's secret key, without crit, as jsonwebtoken's { algorithm: 'HS256' } does"}
	}
	return pass("alg", "HS256")
}

// rotate is what to do about a token that publishes the secret key.
const rotate = "rotate the secret key in the MagicBell dashboard"

// published says, in the words of decode and verify, where the token's text holds the
// secret key, or "" when it does not: in which members of the header and payload, at
// any depth, or else in the decoded text of either, JSON or not; then in which part of
// the text between dots, as written or as a lenient base64 decoder reads it, such as
// node's Buffer.from, whether the token can be read or not; or else in the text.
func (c *command) published(text string, tok *usertoken.Token) string {
	var where []string
	var said [3]bool // the header and the payload, by member or decoded text
	for i, part := range []usertoken.Segment{tok.Header, tok.Payload} {
		for _, s := range part.Strings {
			place := "the " + part.Name + "'s text" // a string of a text that is no object
			if !c.holdsSecret(s.Value) {
				continue
			} else if s.Claim != "" {
				place = c.show(s.Claim) + " of the " + part.Name
			}
			if !slices.Contains(where, place) {
				where, said[i] = append(where, place), true
			}
		}
		if !said[i] && c.holdsSecret(string(part.Text)) {
			where, said[i] = append(where, "the "+part.Name+"'s text"), true
		}
	}
	pieces := strings.Split(text, ".")
	for i, piece := range pieces {
		place := fmt.Sprintf("part %d of the token's text", i+1)
		if len(pieces) == 3 {
			place = "the " + [...]string{"header", "payload", "signature"}[i] + " segment"
		}
		if (c.holdsSecret(piece) || c.holdsSecret(lenientBase64(piece))) && !(len(pieces) == 3 && said[i]) {
			where = append(where, place)
		}
	}
	switch {
	case where == nil && !c.holdsSecret(text):
		return ""
	case where == nil:
		where = []string{"the token's text"}
	case len(where) > 3:
		where = append(where[:3], fmt.Sprintf("%d more places", len(where)-3))
	}
	return "the secret key is published inside the token, in " + strings.Join(where, " and ")
}

// lenientBase64 is s as a lenient base64 decoder reads it: either alphabet, a byte
// of neither skipped, and a last character that makes no byte dropped, as
// DecodeString drops it when it returns the bytes before its error.
func lenientBase64(s string) string {
	s = strings.Map(func(r rune) rune {
		if i := strings.IndexRune(stdBase64+"-_", r); i >= 0 {
			return rune(stdBase64[i-i/64*2]) // '-' and '_' are the standard '+' and '/'
		}
		return -1
	}, s)
	b, _ := base64.RawStdEncoding.DecodeString(s)
	return string(b)
}

func (c *command) checkAPIKey(claims map[string]any) []line {
	key, err := usertoken.APIKey(claims)
	switch {
	case errors.Is(err, jwt.ErrInvalidType):
		return []line{{"FAIL", "api_key", reason(err), "write the project's API key as a string"}}
	case err != nil:
		return []line{{"FAIL", "api_key", reason(err), "add the project's API key as api_key"}}
	case c.holdsSecret(key):
		return nil // published: said before
	case c.apiKey != "" && key != c.apiKey:
		return []line{{"FAIL", "api_key", fmt.Sprintf("minted for another project: %s, not the key in MAGICBELL_API_KEY", c.show(key)),
			"mint with this project's API key, or check the token with the other project's keys"}}
	case c.apiKey == "":
		return []line{pass("api_key", "%s; set MAGICBELL_API_KEY to check that it is your project's", c.show(key))}
	}
	return []line{pass("api_key", "%s, this project's", c.show(key))}
}

// checkUser reads the user fields as Verify does, and checks them with Validate.
func (c *command) checkUser(claims map[string]any) line {
	var user magicbelljwt.Claims
	var found, problems []string
	for _, f := range []struct {
		name  string
		field *string
	}{{"user_email", &user.UserEmail}, {"user_external_id", &user.UserExternalID}} {
		v, err := usertoken.UserField(claims, f.name)
		*f.field = v
		if err != nil {
			problems = append(problems, reason(err))
		} else if v != "" {
			found = append(found, f.name+" "+c.show(v))
		}
	}
	if err := user.Validate(); err != nil && !errors.Is(err, magicbelljwt.ErrNoUser) {
		problems = append(problems, fmt.Sprintf("%s: %v", strings.Join(found, ", "), err))
	}
	switch {
	case problems != nil:
		return line{"FAIL", "user", strings.Join(problems, "; "), "fix the user where the token is minted; magicbelljwt's Sign refuses such a user"}
	case found == nil:
		return line{"FAIL", "user", "no user: neither user_email nor user_external_id is set", "set user_external_id (your ID for the user), user_email, or both"}
	}
	return pass("user", "%s", strings.Join(found, ", "))
}

// maxNames is how many names given twice checkNames shows; a line counts the rest.
const maxNames = 10

// checkNames reports each name given twice in one object, at any depth, once: with
// how many objects it is given twice in.
func (c *command) checkNames(tok *usertoken.Token) []line {
	type dup struct{ part, name string }
	var order []dup
	places := map[dup]int{}
	for _, part := range []usertoken.Segment{tok.Header, tok.Payload} {
		for _, name := range part.Duplicates {
			k := dup{part.Name, name}
			if places[k]++; places[k] == 1 {
				order = append(order, k)
			}
		}
	}
	var lines []line
	for i, k := range order {
		if i == maxNames {
			return append(lines, line{"FAIL", "names", fmt.Sprintf("%d more names are given twice", len(order)-i), "give each name once"})
		}
		where := "the " + k.part
		if places[k] > 1 {
			where = fmt.Sprintf("%d places in the %s", places[k], k.part)
		}
		lines = append(lines, line{"FAIL", "names", c.show(k.name) + " is given twice in " + where + ": JSON.parse and MagicBell's SDK read the last, go-jose refuses the token", "give each name once"})
	}
	if lines == nil {
		return []line{pass("names", "no name is given twice")}
	}
	return lines
}

// checkTime reads and judges exp, iat or nbf as Verify does, but warns of a token
// without exp, which MagicBell may accept.
func checkTime(claims map[string]any, name string) line {
	at, err := usertoken.Time(claims, name, now())
	switch {
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing):
		return line{"warn", name, "no exp: the token never expires", "set exp; MagicBell's recipes set it a year ahead, and shorter is safer"}
	case errors.Is(err, jwt.ErrTokenExpired):
		return line{"FAIL", name, reason(err), "mint a new token"}
	case errors.Is(err, jwt.ErrInvalidType):
		return line{"FAIL", name, reason(err), "write it as a JSON number of seconds since 1970, such as 1795435200, not milliseconds"}
	case err != nil:
		return line{"FAIL", name, reason(err), "check the clock of the server that minted it, and this one's"}
	case at.IsZero():
		return pass(name, "absent")
	case name != "exp":
		return pass(name, "%s", at.UTC().Format(usertoken.TimeLayout))
	}
	return pass(name, "%s, expires in %s", at.UTC().Format(usertoken.TimeLayout), usertoken.Between(usertoken.Floor(now()), at))
}

func checkSDK(text string, claims map[string]any) line {
	// A payload read is the second of three segments, as given.
	ok, msg := sdkVerdict(strings.Split(text, ".")[1], claims)
	if !ok {
		return line{"FAIL", "sdk", msg, `mint with magicbelljwt, or escape > ? ~ DEL and non-ASCII as \uXXXX in the payload's strings`}
	}
	return pass("sdk", "%s", msg)
}

func (c *command) checkSignature(header map[string]any, tok *usertoken.Token) line {
	damaged := usertoken.Signature(tok.Signature)
	switch {
	case c.secret == "":
		return line{"skip", "signature", "not checked: set MAGICBELL_API_SECRET (or MAGICBELL_SECRET_KEY) to check it offline", ""}
	case header["alg"] != "HS256":
		return line{"skip", "signature", "not checked: the token is not HS256 (see alg)", ""}
	case damaged != nil:
		return line{"FAIL", "signature", reason(damaged), "send the token whole, as minted"}
	}
	// golang-jwt's HS256 method, as Verify checks a signature.
	if jwt.SigningMethodHS256.Verify(tok.SigningInput, tok.Signature, []byte(c.secret)) != nil {
		return line{"FAIL", "signature", "signed with a different secret key (or by another project)", "sign with the secret key of the project whose API key is in the token"}
	}
	return pass("signature", "made with the secret key in %s", c.secretFrom)
}

var verifyCommand = subcommand{
	name:  "verify",
	usage: "[TOKEN | -]",
	help: `Check a token as the library's Verify does, and refuse one that holds the secret
key. Print its header and payload as JSON on stdout, and when it expires on stderr.
Without TOKEN, or with -, either command reads the token from stdin.`,
	run: verify,
}

func verify(c *command, _ map[string]string, args []string) int {
	token, ok := c.token(args)
	if !ok {
		return exitUsage
	}
	s, err := signer()
	if err != nil {
		return c.usageError(keys, "%v", err)
	}
	tok, _ := usertoken.Read(token)
	if where := c.published(token, tok); where != "" {
		return c.fail(exitInvalid, "%s: %s", where, rotate)
	}
	claims, err := s.Verify(token)
	if err != nil {
		return c.fail(exitInvalid, "invalid token: %v", err)
	}
	c.printJSON(tok.Header, tok.Payload)
	fmt.Fprintf(&c.stderr, "exp: %s, expires in %s\n", claims.ExpiresAt.UTC().Format(usertoken.TimeLayout), usertoken.Between(usertoken.Floor(now()), claims.ExpiresAt))
	return exitOK
}

// maxInput bounds a token, as an argument or on stdin: Verify refuses one over 8 KiB.
const maxInput = 64 << 10

// token returns the token in args, or on stdin for none or "-", trimmed of surrounding
// whitespace; or says why there is none and returns false.
func (c *command) token(args []string) (string, bool) {
	raw, err := "", error(nil)
	switch {
	case len(args) > 1:
		c.usageError(usage, "%d arguments, want one token", len(args))
		return "", false
	case len(args) == 1 && args[0] != "-":
		raw = args[0]
	default:
		var b []byte
		b, err = io.ReadAll(io.LimitReader(c.stdin, maxInput+1))
		raw = string(b)
	}
	switch token := strings.TrimSpace(raw); {
	case err != nil:
		c.fail(exitUsage, "reading the token from stdin: %v", err)
	case len(raw) > maxInput:
		c.fail(exitUsage, "the token is over the limit of %d KiB", maxInput>>10)
	case token == "":
		c.usageError(usage, "no token: pass it as an argument or on stdin")
	default:
		return token, true
	}
	return "", false
}

// sdkVerdict says whether MagicBell's JavaScript SDKs, which read the payload segment
// with JSON.parse(atob(segment)) (see "Browser-safe payloads" in the library's
// documentation), read the user and api_key that they take, each when it is truthy,
// as claims has them.
func sdkVerdict(segment string, claims map[string]any) (ok bool, msg string) {
	const sdk = "MagicBell's JavaScript SDK "
	b, err := atob(segment)
	if err != nil {
		return false, sdk + "cannot read this payload: " + err.Error()
	}
	latin1 := make([]rune, len(b)) // atob makes each byte a character
	for i, c := range b {
		latin1[i] = rune(c)
	}
	var m map[string]any
	json.Unmarshal([]byte(string(latin1)), &m) // Latin-1 keeps the JSON's ASCII structure
	for _, names := range [][]string{{"user_external_id", "user_email"}, {"api_key"}} {
		for _, name := range names {
			if truthy(claims[name]) { // Latin-1 keeps what is truthy, and what is not
				if !reflect.DeepEqual(m[name], claims[name]) {
					return false, sdk + "misreads " + name + ": atob turns the UTF-8 of this payload into Latin-1"
				}
				break
			}
		}
	}
	return true, sdk + "reads this payload's user and api_key as meant"
}

// truthy is JavaScript's truthiness for a value from JSON: arrays and objects are true.
func truthy(v any) bool { return v != nil && v != false && v != "" && v != 0.0 }

const stdBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// atob decodes s as a browser's atob does (the "forgiving-base64 decode" of the WHATWG
// Infra standard): ASCII whitespace is skipped, padding is optional, and any character
// outside the standard alphabet, such as base64url's '-' and '_', is an error.
func atob(s string) ([]byte, error) {
	s = strings.NewReplacer("\t", "", "\n", "", "\f", "", "\r", "", " ", "").Replace(s)
	if len(s)%4 == 0 {
		s = strings.TrimSuffix(strings.TrimSuffix(s, "="), "=")
	}
	switch i := strings.IndexFunc(s, func(r rune) bool { return !strings.ContainsRune(stdBase64, r) }); {
	case i >= 0 && (s[i] == '-' || s[i] == '_'):
		return nil, fmt.Errorf("atob throws on the %q at character %d of the payload segment, which a '>', '?', '~', DEL or non-ASCII character of a string puts there", s[i], i)
	case i >= 0:
		return nil, fmt.Errorf("atob throws on character %d of the payload segment", i)
	case len(s)%4 == 1:
		return nil, errors.New("atob throws on a length that is 1 more than a multiple of 4")
	}
	return base64.RawStdEncoding.DecodeString(s) // not Strict: atob ignores the padding bits
}

// reason is what an error of usertoken's says is wrong, without its sentinel's words.
func reason(err error) string {
	return strings.TrimPrefix(err.Error(), errors.Unwrap(err).Error()+": ")
}
