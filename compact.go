package magicbelljwt

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The checks here run before a token is parsed, on its compact serialization (RFC 7515,
// section 7.1) and on the text of its payload, so that Verify reads every token as
// JSON.parse-based libraries do.

// checkCompact reports the first thing that keeps token from being a compact JWS made
// of three unpadded base64url segments, before any parsing: Go's base64 decoder would
// skip CR and LF, so without this check one token would have endless valid spellings.
func checkCompact(token string) error {
	if len(token) > maxTokenLen {
		return fmt.Errorf("%d bytes, over the limit of %d", len(token), maxTokenLen)
	}
	if strings.HasPrefix(token, "Bearer ") {
		return errors.New(`starts with "Bearer ": pass the token without the Authorization header's scheme`)
	}
	dots := 0
	for i := 0; i < len(token); i++ {
		switch b := token[i]; {
		case 'A' <= b && b <= 'Z', 'a' <= b && b <= 'z', '0' <= b && b <= '9', b == '-', b == '_':
		case b == '.':
			dots++
		case b == ' ', b == '\t', b == '\n', b == '\r', b == '\v', b == '\f':
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
	case dots == 0:
		return errors.New("1 segment, want 3 separated by dots")
	case dots != 2:
		return fmt.Errorf("%d segments, want 3 separated by dots", dots+1)
	}
	return nil
}

// checkPayloadText reports payload text that encoding/json would read differently from
// JSON.parse, so that two different users never read alike: invalid UTF-8 and a \u
// escape of half a surrogate pair alone, which it quietly turns into U+FFFD, and JSON
// null, which it decodes into a map as no claims at all. A payload segment that is not
// base64url is left to the parser to report.
func checkPayloadText(token string) error {
	seg := token[strings.IndexByte(token, '.')+1 : strings.LastIndexByte(token, '.')]
	b, err := base64.RawURLEncoding.Strict().DecodeString(seg)
	if err != nil {
		return nil
	}
	if !utf8.Valid(b) {
		return errors.New("the payload is not valid UTF-8")
	}
	if t := bytes.TrimLeft(b, " \t\r\n"); len(t) > 0 && t[0] != '{' {
		return errors.New("the payload is not a JSON object")
	}
	// In JSON text a backslash outside a string is an error the parser reports; inside
	// one it starts an escape.
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' {
			continue
		}
		i++ // the escaped character, skipped unless it starts \uXXXX
		r, ok := hexEscape(b, i)
		if !ok || !utf16.IsSurrogate(r) {
			continue
		}
		if r >= 0xdc00 { // the second half of a pair, with no first half before it
			return errors.New(`the payload has a \u escape of half a surrogate pair alone`)
		}
		if r2, ok := hexEscape(b, i+6); ok && 0xdc00 <= r2 && r2 <= 0xdfff && b[i+5] == '\\' {
			i += 10 // the whole pair
			continue
		}
		return errors.New(`the payload has a \u escape of half a surrogate pair alone`)
	}
	return nil
}

// hexEscape returns the code unit of the \uXXXX escape whose 'u' is at b[i], and
// whether there is one there.
func hexEscape(b []byte, i int) (rune, bool) {
	if i+4 >= len(b) || b[i] != 'u' {
		return 0, false
	}
	var r rune
	for _, c := range b[i+1 : i+5] {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
