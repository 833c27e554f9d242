package usertoken

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const (
	// MaxNumericDate is the last second of the year 9999, the latest time read from
	// "exp", "iat" or "nbf": a later one has no RFC 3339 form, in which a time.Time
	// marshals to JSON, and so a caller could not log the claims.
	MaxNumericDate = 253402300799
	// skewAllowance is how far ahead of the clock "iat" and "nbf" may be: a token
	// minted "now" by a server whose clock runs a little ahead looks issued in the
	// future to one whose clock runs a little behind. "exp" gets none.
	skewAllowance = time.Minute
	// TimeLayout writes the times in messages, with a fraction of a second if any.
	TimeLayout = "2006-01-02 15:04:05.999999999 UTC"
)

// Bidi reports whether r is a bidirectional override or isolate (see Claims.Validate
// in magicbelljwt).
func Bidi(r rune) bool {
	return 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069
}

// shown is how many bytes of a value from a token an error shows: fewer than a secret
// key has, so that no error holds one.
const shown = 24

// Quote quotes a value from a token for an error, cut to its first shown bytes.
func Quote(s string) string {
	if len(s) > shown {
		return strconv.Quote(s[:shown]) + "…"
	}
	return strconv.Quote(s)
}

// problem is one reason Verify refuses a token, wrapping the golang-jwt sentinel for it.
func problem(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))
}

// Header reports what keeps a token with this header from being an HS256 token: no
// alg, one that is not HS256 (wrapping [jwt.ErrTokenSignatureInvalid] for an algorithm
// golang-jwt knows, [jwt.ErrTokenUnverifiable] otherwise), or "crit". quote is the
// caller's way of showing a value from a token.
func Header(header map[string]any, quote func(string) string) error {
	v, present := header["alg"]
	alg, isString := v.(string)
	switch {
	case !present:
		return problem(jwt.ErrTokenUnverifiable, "the header has no alg")
	case !isString:
		return problem(jwt.ErrTokenUnverifiable, "alg is %s, want \"HS256\"", jsonType(v))
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

// Signature reports an HS256 signature that is not 32 bytes, a SHA-256 sum's, wrapping
// [jwt.ErrTokenSignatureInvalid]: cut short or damaged, not made with another key.
func Signature(signature []byte) error {
	if len(signature) != 32 {
		return problem(jwt.ErrTokenSignatureInvalid, "the signature segment is cut short or damaged: it holds %d bytes, and an HS256 signature 32", len(signature))
	}
	return nil
}

// Time reads the time claim name (exp, iat or nbf) of claims, in seconds with any
// fraction kept, and judges it as Verify's documentation says, with now floored to the
// second. An absent claim is the zero Time, and for exp an error wrapping
// [jwt.ErrTokenRequiredClaimMissing]; one that is no number from 1970 to 9999 wraps
// [jwt.ErrInvalidType]; an exp reached, [jwt.ErrTokenExpired]; an iat or nbf ahead,
// [jwt.ErrTokenUsedBeforeIssued] or [jwt.ErrTokenNotValidYet].
func Time(claims map[string]any, name string, now time.Time) (time.Time, error) {
	v, present := claims[name]
	n, isNumber := v.(float64)
	switch {
	case !present && name == "exp":
		return time.Time{}, problem(jwt.ErrTokenRequiredClaimMissing, "no exp claim")
	case !present:
		return time.Time{}, nil
	case !isNumber:
		return time.Time{}, problem(jwt.ErrInvalidType, "%s is %s, want a number of seconds since 1970", name, jsonType(v))
	case n < 0 || n > MaxNumericDate:
		return time.Time{}, problem(jwt.ErrInvalidType, "%s is %g, outside 0 to %d (the years 1970 to 9999)", name, n, int64(MaxNumericDate))
	}
	secs := int64(n)
	t, now := time.Unix(secs, int64((n-float64(secs))*1e9)), Floor(now)
	switch {
	case name == "exp" && !now.Before(t):
		return t, problem(jwt.ErrTokenExpired, "it expired at %s, %s ago", t.UTC().Format(TimeLayout), Between(t, now))
	case name != "exp" && t.After(now.Add(skewAllowance)):
		return t, problem(map[string]error{"iat": jwt.ErrTokenUsedBeforeIssued, "nbf": jwt.ErrTokenNotValidYet}[name], "%s is %s, %s ahead of this clock, more than the %s allowed for clock skew",
			name, t.UTC().Format(TimeLayout), Between(now, t), Between(now, now.Add(skewAllowance)))
	}
	return t, nil
}

// Floor is now floored to the second, as jsonwebtoken and jose floor Date.now().
func Floor(now time.Time) time.Time { return time.Unix(now.Unix(), 0) }

// UserField reads the user field name of claims: a string, or "" when it is absent or
// null. Any other value wraps [jwt.ErrInvalidType].
func UserField(claims map[string]any, name string) (string, error) {
	switch v := claims[name].(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	default:
		return "", problem(jwt.ErrInvalidType, "%s is %s, want a string or null", name, jsonType(v))
	}
}

// APIKey reads the api_key of claims. Absent wraps [jwt.ErrTokenRequiredClaimMissing];
// any value but a string, null included, [jwt.ErrInvalidType].
func APIKey(claims map[string]any) (string, error) {
	v, present := claims["api_key"]
	key, isString := v.(string)
	switch {
	case !present:
		return "", problem(jwt.ErrTokenRequiredClaimMissing, "no api_key claim")
	case !isString:
		return "", problem(jwt.ErrInvalidType, "api_key is %s, want a string", jsonType(v))
	}
	return key, nil
}

// jsonType names the JSON type of a value that encoding/json decoded into an any.
func jsonType(v any) string {
	return map[string]string{"string": "a string", "float64": "a number", "bool": "a boolean",
		"[]interface {}": "an array", "map[string]interface {}": "an object", "<nil>": "null"}[fmt.Sprintf("%T", v)]
}

// Between writes the time from a to b exactly, for any two times, however far apart
// (a time.Duration holds only 292 years): whole seconds in days, hours, minutes and
// seconds, the units that are zero left out ("365d", "2h30m", "0s"), and a time with a
// fraction of a second in seconds ("60.25s"), so that no word rounds across a limit.
func Between(a, b time.Time) string {
	if b.Before(a) {
		a, b = b, a
	}
	s, ns := b.Unix()-a.Unix(), b.Nanosecond()-a.Nanosecond()
	if ns < 0 {
		s, ns = s-1, ns+1e9
	}
	switch {
	case ns != 0:
		return strconv.FormatInt(s, 10) + strings.TrimRight(fmt.Sprintf(".%09d", ns), "0") + "s"
	case s == 0:
		return "0s"
	}
	var out []byte
	for i, unit := range [...]int64{86400, 3600, 60, 1} {
		if n := s / unit; n > 0 {
			out, s = append(strconv.AppendInt(out, n, 10), "dhms"[i]), s%unit
		}
	}
	return string(out)
}
