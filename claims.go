package magicbelljwt

import (
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/magicbell-community/magicbelljwt/internal/usertoken"
)

// Bounds on the user fields, checked by [Claims.Validate].
const (
	// MaxEmailLen is the longest UserEmail, in bytes: the longest address that fits in
	// an SMTP path (RFC 5321, section 4.5.3.1.3).
	MaxEmailLen = 254
	// MaxExternalIDLen is the longest UserExternalID, in characters (Unicode code
	// points), as MagicBell's user schema counts its maxLength.
	MaxExternalIDLen = 255
)

// Claims is the payload of a MagicBell User JWT: who the user is, and, as
// [Signer.Verify] reads them from a token, the project and the token's times. Callers
// set UserEmail, UserExternalID or both; [Signer.Sign] sets api_key, iat and exp.
type Claims struct {
	UserEmail      string    // "user_email", omitted when empty
	UserExternalID string    // "user_external_id", your ID for the user, omitted when empty
	APIKey         string    // "api_key", the project's API key
	IssuedAt       time.Time // "iat"; the zero Time for a token without one
	ExpiresAt      time.Time // "exp"
}

// Validate reports whether the user fields are acceptable to MagicBell and read alike
// by every browser and log: at least one is set; UserEmail, when set, is a bare address
// such as "person@example.com" (no display name, angle brackets or comments) of at
// most MaxEmailLen bytes; UserExternalID, when set, is valid UTF-8 of at most
// MaxExternalIDLen characters, without leading or trailing whitespace; and neither
// holds a control character (C0, DEL or C1), which a terminal or log viewer may act
// on, or a bidirectional override or isolate (U+202A to U+202E, U+2066 to U+2069),
// which reorders the text around it when shown, the "Trojan Source" class. The error
// wraps [ErrNoUser], [ErrInvalidEmail] or [ErrInvalidExternalID], the last two on one
// line when both fields are wrong. [Signer.Sign] and [Signer.Verify] call it.
func (c Claims) Validate() error {
	if c.UserEmail == "" && c.UserExternalID == "" {
		return ErrNoUser
	}
	if err := join(validateEmail(c.UserEmail), validateExternalID(c.UserExternalID)); err != nil {
		return fmt.Errorf("magicbelljwt: %w", err)
	}
	return nil
}

func validateEmail(email string) error {
	switch {
	case len(email) > MaxEmailLen:
		return fmt.Errorf("%w: %d bytes, over the limit of %d", ErrInvalidEmail, len(email), MaxEmailLen)
	case email == "" || plainAddress(email):
		return nil
	}
	return checkEmail(email)
}

// checkEmail is validateEmail past its fast path, for an address within the bound.
func checkEmail(email string) error {
	if bad := hiddenChar(email); bad != "" {
		return fmt.Errorf("%w: contains %s", ErrInvalidEmail, bad)
	}
	// Comparing with the parsed address rejects everything net/mail tolerates around a
	// bare address: display names, angle brackets, comments and surrounding spaces.
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email {
		return fmt.Errorf("%w: not a bare address like person@example.com", ErrInvalidEmail)
	}
	return nil
}

// plainAddress reports whether email is two dot-atoms of RFC 5322 atext joined by '@',
// such as person@example.com, which net/mail accepts as a bare address: the common
// case, decided without net/mail's allocations. FuzzEmail checks it against net/mail.
func plainAddress(email string) bool {
	local, domain, ok := strings.Cut(email, "@")
	return ok && dotAtom(local) && dotAtom(domain)
}

// dotAtom reports whether s is one or more dot-separated parts of atext.
func dotAtom(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' && (i == 0 || i == len(s)-1 || s[i-1] == '.') || s[i] != '.' && !atext[s[i]] {
			return false
		}
	}
	return s != ""
}

// atext holds the bytes of RFC 5322's atext (section 3.2.3).
var atext = func() (atext [256]bool) {
	for _, c := range []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~") {
		atext[c] = true
	}
	return
}()

func validateExternalID(id string) error {
	if len(id) > MaxExternalIDLen { // only then can it have too many characters
		if n := utf8.RuneCountInString(id); n > MaxExternalIDLen {
			return fmt.Errorf("%w: %d characters, over the limit of %d", ErrInvalidExternalID, n, MaxExternalIDLen)
		}
	} else if printableASCII(id) {
		return nil
	}
	trimmed := strings.TrimSpace(id)
	switch {
	case !utf8.ValidString(id):
		return fmt.Errorf("%w: not valid UTF-8", ErrInvalidExternalID)
	case trimmed == "":
		return fmt.Errorf("%w: blank", ErrInvalidExternalID)
	case trimmed != id:
		return fmt.Errorf("%w: leading or trailing whitespace", ErrInvalidExternalID)
	case hiddenChar(id) != "":
		return fmt.Errorf("%w: contains %s", ErrInvalidExternalID, hiddenChar(id))
	}
	return nil
}

// printableASCII reports whether s is printable ASCII that neither starts nor ends
// with a space: an ID that no rule but the length refuses.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return !strings.HasPrefix(s, " ") && !strings.HasSuffix(s, " ")
}

// hiddenChar describes the first control or bidirectional character of s (see
// Validate), or returns "". Other invisible characters, such as the zero width joiner
// of emoji sequences, are allowed.
func hiddenChar(s string) string {
	for _, r := range s {
		switch {
		case unicode.IsControl(r):
			return "a control character"
		case usertoken.Bidi(r):
			return "a bidirectional override or isolate character"
		}
	}
	return ""
}
