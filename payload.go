package magicbelljwt

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// appendPayload appends to dst the payload of the token for the user in c, with the
// api_key field that apiKeyJSON writes, iat and exp: ASCII-only JSON, the fields in the
// order of MagicBell's documentation.
func appendPayload(dst []byte, c Claims, apiKeyField string, iat, exp int64) []byte {
	dst = append(dst, '{')
	for _, f := range [...]struct{ name, value string }{{`"user_email":`, c.UserEmail}, {`"user_external_id":`, c.UserExternalID}} {
		if f.value != "" {
			dst = append(appendString(append(dst, f.name...), f.value), ',')
		}
	}
	dst = strconv.AppendInt(append(append(dst, apiKeyField...), `,"iat":`...), iat, 10)
	dst = strconv.AppendInt(append(dst, `,"exp":`...), exp, 10)
	return append(dst, '}')
}

// appendString appends s to dst as a JSON string that keeps the payload's base64url
// encoding free of '-' and '_': '>', '?', '~', DEL and every non-ASCII character are
// written as \uXXXX escapes (see "Browser-safe payloads" in the package documentation).
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for i := 0; ; {
		// Copy the run of bytes written as they are at once: most strings are one run.
		start := i
		for i < len(s) && verbatim[s[i]] {
			i++
		}
		dst = append(dst, s[start:i]...)
		if i == len(s) {
			return append(dst, '"')
		}
		switch b := s[i]; {
		case b == '"' || b == '\\':
			dst = append(dst, '\\', b)
			i++
		default: // a control character, '>', '?', '~', DEL or a non-ASCII character
			r, size := utf8.DecodeRuneInString(s[i:])
			if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError { // beyond U+FFFF: a pair
				dst, r = appendEscape(dst, r1), r2
			}
			dst, i = appendEscape(dst, r), i+size
		}
	}
}

// apiKeyJSON is the api_key field of the payloads that Sign writes for apiKey.
func apiKeyJSON(apiKey string) string {
	return string(appendString([]byte(`"api_key":`), apiKey))
}

// verbatim says which bytes appendString writes as they are: printable ASCII but for
// the quote and backslash, and '>', '?' and '~'.
var verbatim = func() (t [256]bool) {
	for _, b := range []byte(" !#$%&'()*+,-./0123456789:;<=@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}") {
		t[b] = true
	}
	return
}()

// appendEscape appends r, which must be at most U+FFFF, as a JSON \uXXXX escape.
func appendEscape(dst []byte, r rune) []byte {
	const hex = "0123456789abcdef"
	return append(dst, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
}
