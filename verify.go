package magicbelljwt

import (
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/magicbell-community/magicbelljwt/internal/rules"
	"github.com/magicbell-community/magicbelljwt/internal/words"
)

// maxTokenLen bounds the tokens Verify parses. A User JWT is a few hundred bytes; the
// bound keeps hostile input from costing more than a small token does.
const maxTokenLen = 8 << 10

// Verify checks a User JWT and returns its claims. It reads a token as JSON.parse-based
// libraries such as node's jsonwebtoken and jose do, and accepts it only when:
//   - it is at most 8 KiB long, and consists of three base64url segments with no
//     padding, whitespace or other bytes (checked before any parsing; trimming is the
//     caller's job);
//   - its header's "alg" is HS256 (never "none", other HMAC sizes or public-key
//     algorithms), it has no "crit" header (see RFC 7515, section 4.1.11), and its
//     signature was made with the Signer's secret key;
//   - its payload is a JSON object in valid UTF-8 with no \u escape of half a UTF-16
//     surrogate pair alone, which Go would read as U+FFFD and JSON.parse would keep;
//   - "exp" is a number that the Signer's clock has not reached;
//   - "iat" and "nbf", which are optional, are numbers at most a minute ahead of the
//     Signer's clock, the allowance for clock skew between the server that minted the
//     token and the one checking it; every time is within the years 1970 to 9999;
//   - "user_email" and "user_external_id" are strings or null and pass
//     [Claims.Validate];
//   - "api_key" is the Signer's API key.
//
// Claim names are exact ("USER_EMAIL" and "Exp" are other, ignored claims), a name
// given twice takes its last value, and null counts as absent.
//
// Otherwise Verify returns zero Claims and a one-line error that says what is wrong,
// matched with [errors.Is]: [jwt.ErrTokenMalformed], [jwt.ErrTokenUnverifiable] or
// [jwt.ErrTokenSignatureInvalid] for the token itself, or [jwt.ErrTokenInvalidClaims]
// together with a sentinel for each claim that is wrong: [jwt.ErrTokenExpired],
// [jwt.ErrTokenUsedBeforeIssued], [jwt.ErrTokenNotValidYet],
// [jwt.ErrTokenRequiredClaimMissing], [jwt.ErrInvalidType], [ErrNoUser],
// [ErrInvalidEmail], [ErrInvalidExternalID] or [ErrAPIKeyMismatch].
func (s *Signer) Verify(token string) (Claims, error) {
	if s == nil || s.key == nil {
		return Claims{}, errNoSigner
	}
	if err := checkCompact(token); err != nil {
		return Claims{}, fmt.Errorf("magicbelljwt: %w: %s", jwt.ErrTokenMalformed, err)
	}
	if err := checkPayloadText(token); err != nil {
		return Claims{}, fmt.Errorf("magicbelljwt: %w: %s", jwt.ErrTokenMalformed, err)
	}
	// A map, so that claim names are exact and a name given twice takes its last value,
	// as with JSON.parse; a struct would match names case-insensitively, with Unicode
	// folding, and would keep a value on null.
	claims := jwt.MapClaims{}
	tok, err := s.parser.ParseWithClaims(token, claims, s.key.keyfunc)
	switch {
	case errors.Is(err, jwt.ErrSignatureInvalid):
		return Claims{}, fmt.Errorf("magicbelljwt: %w: it was signed with a different secret key (or by another project)", jwt.ErrTokenSignatureInvalid)
	case err != nil:
		return Claims{}, fmt.Errorf("magicbelljwt: %w", err)
	}
	if _, ok := tok.Header["crit"]; ok {
		return Claims{}, fmt.Errorf("magicbelljwt: %w: the header has \"crit\" extensions, which User JWTs do not use", jwt.ErrTokenUnverifiable)
	}
	return s.readClaims(claims)
}

// readClaims checks the claims of a token whose signature is valid and returns them,
// or an error that lists every claim that is wrong.
func (s *Signer) readClaims(m map[string]any) (Claims, error) {
	var c Claims
	var errEmail, errID, errUser, errKey, errExp, errIat, errNbf error
	c.UserEmail, errEmail = userClaim(m, "user_email", ErrInvalidEmail)
	c.UserExternalID, errID = userClaim(m, "user_external_id", ErrInvalidExternalID)
	if errEmail == nil && errID == nil {
		errUser = c.Validate()
	}
	c.APIKey, errKey = apiKeyClaim(m, s.apiKey)

	now := s.now()
	if c.ExpiresAt, errExp = timeClaim(m, "exp"); errExp == nil {
		errExp = notExpired(c.ExpiresAt, now)
	}
	if c.IssuedAt, errIat = timeClaim(m, "iat"); errIat == nil {
		errIat = notAhead(jwt.ErrTokenUsedBeforeIssued, "iat", c.IssuedAt, now)
	}
	nbf, errNbf := timeClaim(m, "nbf")
	if errNbf == nil {
		errNbf = notAhead(jwt.ErrTokenNotValidYet, "nbf", nbf, now)
	}

	if err := join(errEmail, errID, errUser, errKey, errExp, errIat, errNbf); err != nil {
		return Claims{}, fmt.Errorf("magicbelljwt: %w: %w", jwt.ErrTokenInvalidClaims, err)
	}
	return c, nil
}

// apiKeyClaim returns the api_key of m when it is want.
func apiKeyClaim(m map[string]any, want string) (string, error) {
	switch key, ok := m["api_key"].(string); {
	case m["api_key"] == nil:
		return "", fmt.Errorf("%w: no api_key claim", jwt.ErrTokenRequiredClaimMissing)
	case !ok:
		return "", fmt.Errorf("%w: api_key is %s, want a string", jwt.ErrInvalidType, words.JSONType(m["api_key"]))
	case key != want:
		return "", ErrAPIKeyMismatch
	}
	return want, nil
}

// userClaim returns the user field name of m: a string, or "" when it is absent or
// null. Any other type is an error wrapping sentinel and [jwt.ErrInvalidType].
func userClaim(m map[string]any, name string, sentinel error) (string, error) {
	switch v := m[name].(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	default:
		return "", fmt.Errorf("%w: %w: %s is %s, want a string or null", sentinel, jwt.ErrInvalidType, name, words.JSONType(v))
	}
}

// timeClaim returns the time in seconds since 1970 of the claim name of m, or the zero
// Time when it is absent or null. A value that is not a number, or is outside the years
// 1970 to 9999, is an error wrapping [jwt.ErrInvalidType]: never wrapped around.
func timeClaim(m map[string]any, name string) (time.Time, error) {
	switch v := m[name].(type) {
	case nil:
		return time.Time{}, nil
	case float64:
		if v < 0 || v > rules.MaxNumericDate {
			return time.Time{}, fmt.Errorf("%w: %s is %g, outside 0 to %d (the years 1970 to 9999)", jwt.ErrInvalidType, name, v, rules.MaxNumericDate)
		}
		secs := int64(v)
		return time.Unix(secs, int64((v-float64(secs))*1e9)), nil
	default:
		return time.Time{}, fmt.Errorf("%w: %s is %s, want a number of seconds since 1970", jwt.ErrInvalidType, name, words.JSONType(v))
	}
}

// notExpired reports an exp that is absent (the zero Time) or that now has reached.
func notExpired(exp, now time.Time) error {
	switch {
	case exp.IsZero():
		return fmt.Errorf("%w: no exp claim", jwt.ErrTokenRequiredClaimMissing)
	case !now.Before(exp):
		return fmt.Errorf("%w: it expired at %s, %s ago", jwt.ErrTokenExpired,
			exp.UTC().Format("2006-01-02 15:04:05 MST"), words.Between(exp, now))
	}
	return nil
}

// notAhead reports, wrapping sentinel, a claim time t more than the allowance for
// clock skew ahead of now. A zero t, an absent claim, is never ahead.
func notAhead(sentinel error, name string, t, now time.Time) error {
	if t.IsZero() || !t.After(now.Add(rules.SkewAllowance)) {
		return nil
	}
	return fmt.Errorf("%w: %s is %s, %s ahead of this clock, more than the %s allowed for clock skew",
		sentinel, name, t.UTC().Format("2006-01-02 15:04:05 MST"), words.Between(now, t), words.Duration(rules.SkewAllowance))
}
