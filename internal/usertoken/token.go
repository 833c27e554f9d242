// Package usertoken reads a User JWT as magicbelljwt's Verify reads it, by the rules of
// "Reading a token" in that package's documentation: its text, its JSON, its header
// and claims. It exists so that Verify and the command magicbell-jwt, which explains
// what Verify refuses, read a token with the same code, and never disagree.
package usertoken

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

const (
	MaxLen   = 8 << 10 // bytes of a token; a User JWT is a few hundred
	MaxDepth = 16      // levels of JSON, the outermost object included; a payload has one
)

// A Token is a token as Parse or Read reads it: a JWS in the compact serialization
// (RFC 7515, section 7.1).
type Token struct {
	Header, Payload Segment
	Signature       []byte // nil when its segment is not base64url
	SigningInput    string // the header and payload segments and the dot between them
}

// Parse reads token as Verify does, and returns the first problem that refuses it, in
// words that name it; a token over MaxLen is refused unread. The Token has the Members
// of its header and payload, and no Strings or Duplicates.
func Parse(token string) (*Token, error) {
	t, problems := read(token, false)
	if problems != nil {
		return nil, problems[0]
	}
	return t, nil
}

// Read reads token as Parse does, but goes on past each problem as far as it can, so
// that the command can explain the rest, and keeps every name and string of the JSON:
// it returns every problem Parse would return first, in the same words, and a Token.
func Read(token string) (*Token, []error) { return read(token, true) }

func read(token string, lenient bool) (*Token, []error) {
	var problems []error
	if len(token) > MaxLen {
		if problems = append(problems, fmt.Errorf("%d bytes, over the limit of %d", len(token), MaxLen)); !lenient {
			return nil, problems
		}
	}
	t := &Token{Header: Segment{Name: "header"}, Payload: Segment{Name: "payload"}}
	if err := checkText(token); err != nil {
		if problems = append(problems, err); !lenient {
			return nil, problems
		}
		if inner := unwrap(token); inner != token { // the token inside, and its own problem
			if token = inner; checkText(inner) != nil {
				problems = append(problems, checkText(inner))
			}
		}
		if token = toBase64url.Replace(token); checkText(token) != nil {
			return t, problems // not three segments, or a byte nothing stands for
		}
	}
	header, rest, _ := strings.Cut(token, ".")
	payload, signature, _ := strings.Cut(rest, ".")
	t.SigningInput = token[:len(header)+1+len(payload)]
	t.Header.Text, problems = decodeSegment(problems, "header", header)
	t.Payload.Text, problems = decodeSegment(problems, "payload", payload)
	t.Signature, problems = decodeSegment(problems, "signature", signature)
	problems = append(problems, t.Header.read(lenient)...)
	return t, append(problems, t.Payload.read(lenient)...)
}

// unwrap returns the token inside the Authorization header's scheme and quotes.
func unwrap(token string) string {
	for scheme(token) || Quoted(token) {
		if scheme(token) {
			token = strings.TrimLeft(token[7:], " \t")
		} else {
			token = token[1 : len(token)-1]
		}
	}
	return token
}

// scheme reports whether token starts with the Authorization header's scheme, Bearer
// in any case, and a space or tab.
func scheme(token string) bool {
	return len(token) > 7 && strings.EqualFold(token[:6], "bearer") && (token[6] == ' ' || token[6] == '\t')
}

// toBase64url turns a token into base64url where its meaning is plain: whitespace and
// padding go, and the standard alphabet's '+' and '/' become '-' and '_'.
var toBase64url = strings.NewReplacer("+", "-", "/", "_", "=", "", " ", "", "\t", "", "\n", "", "\r", "", "\v", "", "\f", "")

// Quoted reports whether s is wrapped in matching quotes, as a shell or a .env file
// may leave a value.
func Quoted(s string) bool {
	n := len(s)
	return n >= 2 && (s[0] == '"' && s[n-1] == '"' || s[0] == '\'' && s[n-1] == '\'')
}

// checkText reports the first thing that keeps token from being three unpadded
// base64url segments separated by dots, and what to do about it.
func checkText(token string) error {
	switch {
	case scheme(token):
		return errors.New(`starts with "Bearer ": pass the token without the Authorization header's scheme`)
	case Quoted(token):
		return errors.New("is wrapped in quotes: pass the token without them")
	}
	dots := 0
	for i := 0; i < len(token); i++ {
		switch b := token[i]; {
		case 'A' <= b && b <= 'Z', 'a' <= b && b <= 'z', '0' <= b && b <= '9', b == '-', b == '_':
		case b == '.':
			dots++
		case b == ' ', b == '\t', b == '\n', b == '\r', b == '\v', b == '\f':
			if i > 0 && i < len(strings.TrimRight(token, " \t\n\r\v\f")) {
				return fmt.Errorf("whitespace at byte %d, inside the token: it was broken over lines or by spaces: join its parts", i)
			}
			return fmt.Errorf("whitespace at byte %d: pass the token without surrounding spaces or newlines", i)
		case b == '=':
			return fmt.Errorf("padding '=' at byte %d: JWT segments are base64url without padding", i)
		case b == '+', b == '/':
			return fmt.Errorf("%q at byte %d: JWT segments are base64url, which has '-' and '_' where standard base64 has '+' and '/'", b, i)
		case b >= utf8.RuneSelf:
			return fmt.Errorf("non-ASCII byte %#x at byte %d: a JWT is ASCII", b, i)
		default:
			return fmt.Errorf("%q at byte %d is not base64url", b, i)
		}
	}
	switch {
	case token == "":
		return errors.New("the token is empty")
	case dots != 2:
		return fmt.Errorf("%d segment%s, want 3 separated by dots", dots+1, plural(dots+1))
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

var strict = base64.RawURLEncoding.Strict() // made once: Strict copies the Encoding

// decodeSegment decodes a segment that checkText has let through, and appends its
// problem to problems. A last character with stray bits is read, but reported: the
// token would have other spellings.
func decodeSegment(problems []error, name, seg string) ([]byte, []error) {
	b, err := strict.DecodeString(seg)
	switch {
	case err == nil:
		return b, problems
	case len(seg)%4 == 1:
		return nil, append(problems, fmt.Errorf("the %s segment is cut short or damaged: base64url cannot end after %d character%s", name, len(seg), plural(len(seg))))
	}
	b, _ = base64.RawURLEncoding.DecodeString(seg)
	return b, append(problems, fmt.Errorf("the %s segment is cut short or damaged: its last character has stray bits, so it is not the base64url of any bytes", name))
}
