package magicbelljwt

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/magicbell-community/magicbelljwt/internal/compact"
)

// The checks here run before a token is parsed, on its compact serialization (RFC 7515,
// section 7.1) and on the text of its payload, so that Verify reads every token as
// JSON.parse-based libraries do.

// checkCompact reports a token over the size limit, or one that is not three unpadded
// base64url segments (see [compact.Check]), before any parsing.
func checkCompact(token string) error {
	if len(token) > maxTokenLen {
		return fmt.Errorf("%d bytes, over the limit of %d", len(token), maxTokenLen)
	}
	return compact.Check(token)
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
