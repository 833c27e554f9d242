// Package compact checks the text of a token before it is parsed: the compact
// serialization of a JWS (RFC 7515, section 7.1), three unpadded base64url segments
// separated by dots. magicbelljwt's Verify and the magicbell-jwt command share it.
package compact

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Check reports the first thing that keeps token from being three unpadded base64url
// segments separated by dots: a byte outside the base64url alphabet, named with its
// position and what to do, or the number of segments. Go's base64 decoder skips CR
// and LF, so without this check one token would have endless valid spellings.
func Check(token string) error {
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
