// Package compact reads the text of a token: the compact serialization of a JWS (RFC
// 7515, section 7.1), three unpadded base64url segments separated by dots, whose first
// two hold JSON objects. magicbelljwt's Verify and the magicbell-jwt command both read
// a token here, so that the command explains exactly what Verify refuses.
package compact

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxLen bounds the tokens Verify reads. A User JWT is a few hundred bytes; the bound
// keeps hostile input from costing more than a small token does.
const MaxLen = 8 << 10

// MaxDepth bounds how deeply the header's and the payload's JSON may nest, objects and
// arrays alike, the outermost object included. A User JWT's payload is one level deep.
const MaxDepth = 16

// Token is a token as Read reads it.
type Token struct {
	// Header and Payload are the first two segments.
	Header, Payload Segment
	// Signature is nil when the segment is not base64url.
	Signature []byte
	// SigningInput is the header and payload segments and the dot between them, what
	// the signature signs, as read.
	SigningInput string
}

// Check reports the first problem for which Verify refuses token before parsing it,
// in words that name the problem; nil when there is none. A token over the size limit
// it refuses unread.
func Check(token string) error {
	_, problems := read(token, false)
	if len(problems) > 0 {
		return problems[0]
	}
	return nil
}

// Read reads token as Check does, and goes on past each problem as far as it can:
// past the size limit, inside a "Bearer " prefix or quotes, through whitespace,
// padding and the standard base64 alphabet,
// and through invalid UTF-8 and lone surrogate escapes, so that the command can explain
// the rest of a token that Verify refuses. It returns every problem Check would report
// first, in the same words, and keeps every name and string of the JSON objects. The
// Token is never nil, and empty when token is not three segments.
func Read(token string) (*Token, []error) {
	return read(token, true)
}

func read(token string, all bool) (*Token, []error) {
	var problems []error
	if len(token) > MaxLen {
		problems = append(problems, fmt.Errorf("%d bytes, over the limit of %d", len(token), MaxLen))
		if !all {
			return nil, problems
		}
	}
	h, p := Segment{Name: "header"}, Segment{Name: "payload"}
	if err := checkText(token); err != nil {
		problems = append(problems, err)
		token = Forgive(token)
		if checkText(token) != nil { // not three segments, or a byte nothing can stand for
			if !all {
				return nil, problems
			}
			return &Token{Header: h, Payload: p}, problems
		}
	}
	header, rest, _ := strings.Cut(token, ".")
	payload, signature, _ := strings.Cut(rest, ".")
	var err error
	h.Text, err = decodeSegment("header", header)
	problems = appendErr(problems, err)
	p.Text, err = decodeSegment("payload", payload)
	problems = appendErr(problems, err)
	sig, err := decodeSegment("signature", signature)
	problems = appendErr(problems, err)
	problems = append(problems, h.read(all)...)
	problems = append(problems, p.read(all)...)
	if !all {
		return nil, problems
	}
	return &Token{Header: h, Payload: p, Signature: sig, SigningInput: header + "." + payload}, problems
}

// appendErr appends err to errs unless it is nil.
func appendErr(errs []error, err error) []error {
	if err != nil {
		errs = append(errs, err)
	}
	return errs
}

// Forgive returns token with what Read reads past, whose meaning is plain, turned
// into base64url: a "Bearer " prefix, quotes around it, whitespace and padding go, and
// the standard alphabet's '+' and '/' become '-' and '_'.
func Forgive(token string) string {
	if token = strings.TrimPrefix(token, "Bearer "); quoted(token) {
		token = strings.TrimPrefix(token[1:len(token)-1], "Bearer ")
	}
	return forgive.Replace(token)
}

// quoted reports whether s is wrapped in matching quotes.
func quoted(s string) bool {
	n := len(s)
	return n >= 2 && (s[0] == '"' && s[n-1] == '"' || s[0] == '\'' && s[n-1] == '\'')
}

var forgive = strings.NewReplacer("+", "-", "/", "_", "=", "", " ", "", "\t", "", "\n", "", "\r", "", "\v", "", "\f", "")

// checkText reports the first thing that keeps token from being three unpadded
// base64url segments separated by dots: a byte outside the base64url alphabet, named
// with its position and what to do, or the number of segments. Go's base64 decoder
// skips CR and LF, so without this check one token would have endless valid spellings.
func checkText(token string) error {
	switch {
	case strings.HasPrefix(token, "Bearer "):
		return errors.New(`starts with "Bearer ": pass the token without the Authorization header's scheme`)
	case quoted(token):
		return errors.New("is wrapped in quotes: pass the token without them")
	}
	dots := 0
	for i := 0; i < len(token); i++ {
		switch b := token[i]; {
		case 'A' <= b && b <= 'Z', 'a' <= b && b <= 'z', '0' <= b && b <= '9', b == '-', b == '_':
		case b == '.':
			dots++
		case b == ' ', b == '\t', b == '\n', b == '\r', b == '\v', b == '\f':
			if t := strings.TrimRight(token, " \t\n\r\v\f"); i > 0 && i < len(t) {
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

// decodeSegment decodes one segment of base64url that checkText has let through. A
// length that no base64 has is a segment cut short; a last character with stray bits
// is read anyway, but reported, since the token then has more than one spelling.
func decodeSegment(name, seg string) ([]byte, error) {
	b, err := base64.RawURLEncoding.Strict().DecodeString(seg)
	if err == nil {
		return b, nil
	}
	if len(seg)%4 == 1 {
		return nil, fmt.Errorf("the %s segment is cut short or damaged: base64url cannot end after %d character%s", name, len(seg), plural(len(seg)))
	}
	b, _ = base64.RawURLEncoding.DecodeString(seg)
	return b, fmt.Errorf("the %s segment is cut short or damaged: its last character has stray bits, so it is not the base64url of any bytes", name)
}
