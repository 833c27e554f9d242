// Package rules holds the rules that magicbelljwt's Verify and the decode command of
// magicbell-jwt both apply to a token's header and claims, in the words both print,
// so that what decode explains is what Verify does.
package rules

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/magicbell-community/magicbelljwt/internal/words"
)

const (
	// MaxNumericDate is the last second of the year 9999, the largest time read from
	// "exp", "iat" or "nbf"; larger values would wrap around in int64 nanoseconds.
	MaxNumericDate = 253402300799

	// SkewAllowance is how far in the future a token's "iat" and "nbf" may be: a token
	// minted "now" by a server whose clock runs a little ahead looks issued in the
	// future to a server whose clock runs a little behind. "exp" gets no allowance.
	SkewAllowance = time.Minute
)

// TimeLayout writes the times in messages, with a fraction of a second when there is one.
const TimeLayout = "2006-01-02 15:04:05.999999999 UTC"

// Bidi reports whether r is a bidirectional override or isolate (U+202A to U+202E,
// U+2066 to U+2069), which reorders the text around it when shown: the "Trojan
// Source" class.
func Bidi(r rune) bool {
	return 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069
}

// A Problem is one reason Verify refuses a token: Words say what is wrong, and Err is
// the golang-jwt sentinel it wraps.
type Problem struct {
	Err   error
	Words string
}

func (p *Problem) Error() string { return p.Err.Error() + ": " + p.Words }
func (p *Problem) Unwrap() error { return p.Err }

func problem(sentinel error, format string, args ...any) error {
	return &Problem{Err: sentinel, Words: fmt.Sprintf(format, args...)}
}

// Words returns what err says is wrong: a Problem's words without its sentinel's.
func Words(err error) string {
	var p *Problem
	if errors.As(err, &p) {
		return p.Words
	}
	return err.Error()
}

// hs256Size is the size of an HS256 signature: a SHA-256 sum.
const hs256Size = 32

// Header reports what keeps a token with this header from being an HS256 token: no
// alg, one that is not HS256 (wrapping [jwt.ErrTokenSignatureInvalid] for an algorithm
// golang-jwt knows, [jwt.ErrTokenUnverifiable] otherwise), or a "crit" header (RFC
// 7515, section 4.1.11), which a verifier that understands no extension refuses. The
// words show the alg with quote, the caller's way of printing a value from a token.
func Header(header map[string]any, quote func(string) string) error {
	v, present := header["alg"]
	alg, isString := v.(string)
	switch {
	case !present:
		return problem(jwt.ErrTokenUnverifiable, "the header has no alg")
	case !isString:
		return problem(jwt.ErrTokenUnverifiable, "alg is %s, want \"HS256\"", words.JSONType(v))
	case alg != "HS256":
		sentinel := jwt.ErrTokenUnverifiable
		if jwt.GetSigningMethod(alg) != nil {
			sentinel = jwt.ErrTokenSignatureInvalid
		}
		if strings.EqualFold(alg, "none") {
			return problem(sentinel, "alg %s: the token is not signed, and anyone could have written it", quote(alg))
		}
		return problem(sentinel, "alg %s: MagicBell accepts only HS256", quote(alg))
	}
	if _, crit := header["crit"]; crit {
		return problem(jwt.ErrTokenUnverifiable, `the header has "crit" extensions, which User JWTs do not use`)
	}
	return nil
}

// Signature reports an HS256 signature that is not a SHA-256 sum's size, wrapping
// [jwt.ErrTokenSignatureInvalid]: the segment was cut short or damaged, which is not
// the same as a signature made with another key.
func Signature(signature []byte) error {
	if len(signature) != hs256Size {
		return problem(jwt.ErrTokenSignatureInvalid, "the signature segment is cut short or damaged: it holds %d bytes, and an HS256 signature %d", len(signature), hs256Size)
	}
	return nil
}

// Time reads the time claim name of claims, in seconds since 1970 with any fraction
// kept: the zero Time when it is absent. A value that is not a number (null included),
// or is outside 0 to MaxNumericDate, is a Problem wrapping [jwt.ErrInvalidType]: never
// wrapped around.
func Time(claims map[string]any, name string) (time.Time, error) {
	v, present := claims[name]
	if !present {
		return time.Time{}, nil
	}
	n, isNumber := v.(float64)
	switch {
	case !isNumber:
		return time.Time{}, problem(jwt.ErrInvalidType, "%s is %s, want a number of seconds since 1970", name, words.JSONType(v))
	case n < 0 || n > MaxNumericDate:
		return time.Time{}, problem(jwt.ErrInvalidType, "%s is %g, outside 0 to %d (the years 1970 to 9999)", name, n, int64(MaxNumericDate))
	}
	secs := int64(n)
	return time.Unix(secs, int64((n-float64(secs))*1e9)), nil
}

// Floor is now floored to the second: the clock every time is compared with, as
// jsonwebtoken and jose compare with Math.floor(Date.now() / 1000).
func Floor(now time.Time) time.Time { return time.Unix(now.Unix(), 0) }

// Expired reports an exp that is absent (the zero Time), wrapping
// [jwt.ErrTokenRequiredClaimMissing], or that now, floored to the second, has reached,
// wrapping [jwt.ErrTokenExpired].
func Expired(exp, now time.Time) error {
	now = Floor(now)
	switch {
	case exp.IsZero():
		return problem(jwt.ErrTokenRequiredClaimMissing, "no exp claim")
	case !now.Before(exp):
		return problem(jwt.ErrTokenExpired, "it expired at %s, %s ago", exp.UTC().Format(TimeLayout), words.Between(exp, now))
	}
	return nil
}

// Ahead reports an iat or nbf (name) more than SkewAllowance ahead of now, floored to
// the second, wrapping [jwt.ErrTokenUsedBeforeIssued] or [jwt.ErrTokenNotValidYet]. A
// zero t, an absent claim, is never ahead.
func Ahead(name string, t, now time.Time) error {
	now = Floor(now)
	if !t.After(now.Add(SkewAllowance)) { // the zero Time of an absent claim never is
		return nil
	}
	sentinel := jwt.ErrTokenNotValidYet
	if name == "iat" {
		sentinel = jwt.ErrTokenUsedBeforeIssued
	}
	return problem(sentinel, "%s is %s, %s ahead of this clock, more than the %s allowed for clock skew",
		name, t.UTC().Format(TimeLayout), words.Between(now, t), words.Duration(SkewAllowance))
}

// UserField reads the user field name of claims: a string, or "" when it is absent or
// null, as MagicBell's TypeScript recipe sends an absent one. Any other type is a
// Problem wrapping [jwt.ErrInvalidType].
func UserField(claims map[string]any, name string) (string, error) {
	switch v := claims[name].(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	default:
		return "", problem(jwt.ErrInvalidType, "%s is %s, want a string or null", name, words.JSONType(v))
	}
}

// APIKey reads the api_key of claims. Absent is a Problem wrapping
// [jwt.ErrTokenRequiredClaimMissing]; any value but a string, null included, one
// wrapping [jwt.ErrInvalidType].
func APIKey(claims map[string]any) (string, error) {
	v, present := claims["api_key"]
	key, isString := v.(string)
	switch {
	case !present:
		return "", problem(jwt.ErrTokenRequiredClaimMissing, "no api_key claim")
	case !isString:
		return "", problem(jwt.ErrInvalidType, "api_key is %s, want a string", words.JSONType(v))
	}
	return key, nil
}
