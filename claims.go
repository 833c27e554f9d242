package magicbelljwt

import (
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/magicbell-community/magicbelljwt/internal/rules"
)

// Bounds on the user fields, checked by [Claims.Validate].
const (
	// MaxEmailLen is the longest UserEmail accepted, in bytes: the longest address that
	// fits in an SMTP path (RFC 5321, section 4.5.3.1.3).
	MaxEmailLen = 254

	// MaxExternalIDLen is the longest UserExternalID accepted, in characters (Unicode
	// code points): the maxLength of external_id in MagicBell's user schema, which
	// counts them as JSON Schema does. Sign's token for the longest user fits Verify's
	// size limit whatever the characters.
	MaxExternalIDLen = 255
)

// Claims is the payload of a MagicBell User JWT: who the user is, and, as
// [Signer.Verify] reads them from a token, the project and the token's times.
//
// Callers set UserEmail, UserExternalID or both; [Signer.Sign] sets the token's api_key,
// iat and exp itself and ignores APIKey, IssuedAt and ExpiresAt.
type Claims struct {
	// UserEmail is the user's email address ("user_email"), omitted when empty. It must
	// be a bare address such as "person@example.com", without a display name, angle
	// brackets, control characters or bidirectional overrides, and at most MaxEmailLen
	// bytes.
	UserEmail string

	// UserExternalID is the user's ID in the caller's system ("user_external_id"),
	// omitted when empty. It must be valid UTF-8 without control characters,
	// bidirectional overrides or leading or trailing whitespace, and at most
	// MaxExternalIDLen characters.
	UserExternalID string

	// APIKey is the MagicBell project's API key ("api_key").
	APIKey string

	// IssuedAt is when the token was minted ("iat"). It is the zero Time for a token
	// without one: MagicBell's Go recipe leaves it out.
	IssuedAt time.Time

	// ExpiresAt is when the token stops being valid ("exp").
	ExpiresAt time.Time
}

// Validate reports whether the user fields are acceptable to MagicBell: at least one of
// UserEmail and UserExternalID is set, and each one that is set is within the rules on
// its field. The error wraps [ErrNoUser], [ErrInvalidEmail] or [ErrInvalidExternalID]
// (both of the last two, on one line, when both fields are wrong). Validate does not
// look at the other fields; [Signer.Sign] calls it before signing, and [Signer.Verify]
// after reading a token.
func (c Claims) Validate() error {
	if c.UserEmail == "" && c.UserExternalID == "" {
		return ErrNoUser
	}
	errEmail, errID := validateEmail(c.UserEmail), validateExternalID(c.UserExternalID)
	if errEmail == nil && errID == nil { // Sign's usual case: no join to build
		return nil
	}
	return fmt.Errorf("magicbelljwt: %w", join(errEmail, errID))
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

// checkEmail is validateEmail past its fast path: the rules for any address of at
// most MaxEmailLen bytes.
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

// plainAddress reports whether email is a plain address that net/mail accepts as a
// bare address: two dot-atoms of RFC 5322 atext joined by '@', such as
// person@example.com. It decides the common case without net/mail's allocations;
// whatever it does not accept goes to net/mail, which stays the judge of every other
// address. FuzzEmail checks that it never accepts what net/mail refuses.
func plainAddress(email string) bool {
	local, domain, ok := strings.Cut(email, "@")
	return ok && dotAtom(local) && dotAtom(domain)
}

// dotAtom reports whether s is one or more dot-separated parts of RFC 5322 atext
// (section 3.2.3).
func dotAtom(s string) bool {
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != '.' {
			if !atext[s[i]] {
				return false
			}
			continue
		}
		if i == start {
			return false
		}
		start = i + 1
	}
	return true
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
		return nil // the usual ID, or none, which no rule below can refuse
	}
	trimmed := strings.TrimSpace(id)
	switch {
	case !utf8.ValidString(id):
		return fmt.Errorf("%w: not valid UTF-8", ErrInvalidExternalID)
	case trimmed == "":
		return fmt.Errorf("%w: blank", ErrInvalidExternalID)
	case trimmed != id:
		return fmt.Errorf("%w: leading or trailing whitespace", ErrInvalidExternalID)
	}
	if bad := hiddenChar(id); bad != "" {
		return fmt.Errorf("%w: contains %s", ErrInvalidExternalID, bad)
	}
	return nil
}

// printableASCII reports whether s is made of printable ASCII bytes, and neither starts
// nor ends with a space.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return !strings.HasPrefix(s, " ") && !strings.HasSuffix(s, " ")
}

// hiddenChar describes the first character of s that a user field must not hold, or
// returns "": a control character (C0, DEL or C1), which a terminal or log viewer may
// act on, or a bidirectional override or isolate (U+202A to U+202E, U+2066 to U+2069),
// which reorders the text around it when shown, the "Trojan Source" class. Other
// invisible characters, such as the zero width joiner of emoji sequences, are allowed.
func hiddenChar(s string) string {
	for _, r := range s {
		switch {
		case unicode.IsControl(r):
			return "a control character"
		case rules.Bidi(r):
			return "a bidirectional override or isolate character"
		}
	}
	return ""
}
