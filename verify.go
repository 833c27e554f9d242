package magicbelljwt

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/golang-jwt/jwt/v5"

	"github.com/magicbell-community/magicbelljwt/internal/compact"
	"github.com/magicbell-community/magicbelljwt/internal/rules"
)

// Verify checks a User JWT offline and returns its claims. It accepts a token only when
// it is at most 8 KiB of three base64url segments whose JSON reads the same in Go and
// in JSON.parse (see "Reading a token" in the package documentation), its "alg" is
// HS256 and its signature the Signer's, "exp" is a time the Signer's clock has not
// reached, "iat" and "nbf", when present, are at most a minute ahead of that clock
// (floored to the second, as jsonwebtoken and jose floor theirs), its user passes
// [Claims.Validate], and "api_key" is the Signer's API key.
//
// Otherwise it returns zero Claims and a one-line error wrapping
// [jwt.ErrTokenMalformed], [jwt.ErrTokenUnverifiable] or [jwt.ErrTokenSignatureInvalid]
// for the token itself, or [jwt.ErrTokenInvalidClaims] together with each wrong claim's
// sentinel: [jwt.ErrTokenExpired], [jwt.ErrTokenUsedBeforeIssued],
// [jwt.ErrTokenNotValidYet], [jwt.ErrTokenRequiredClaimMissing], [jwt.ErrInvalidType],
// [ErrNoUser], [ErrInvalidEmail], [ErrInvalidExternalID] or [ErrAPIKeyMismatch].
func (s *Signer) Verify(token string) (Claims, error) {
	if s == nil || s.key == nil {
		return Claims{}, errNoSigner
	}
	if err := compact.Check(token); err != nil {
		return Claims{}, fmt.Errorf("magicbelljwt: %w: %s", jwt.ErrTokenMalformed, err)
	}
	// A map, so that claim names are exact and a name given twice takes its last value,
	// as with JSON.parse; a struct would match names case-insensitively, with Unicode
	// folding, and would keep a value on null.
	claims := jwt.MapClaims{}
	tok, err := s.parser.ParseWithClaims(token, claims, s.key.keyfunc)
	if tok != nil { // the header is read: say in our words what is wrong with it
		if err := rules.Header(tok.Header, quoteCut); err != nil {
			return Claims{}, fmt.Errorf("magicbelljwt: %w", err)
		}
		if err := rules.Signature(tok.Signature); err != nil {
			return Claims{}, fmt.Errorf("magicbelljwt: %w", err)
		}
	}
	if err != nil {
		// The only error left once the checks above pass; golang-jwt's words otherwise.
		if errors.Is(err, jwt.ErrSignatureInvalid) {
			err = fmt.Errorf("%w: it was signed with a different secret key (or by another project)", jwt.ErrTokenSignatureInvalid)
		}
		return Claims{}, fmt.Errorf("magicbelljwt: %w", err)
	}
	return s.readClaims(claims)
}

// quoteCut quotes a value from a token for an error, cut shorter than a secret key can
// be, so that no error holds one.
func quoteCut(s string) string {
	if len(s) > 24 {
		return strconv.Quote(s[:24]) + "…"
	}
	return strconv.Quote(s)
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
	if c.APIKey, errKey = rules.APIKey(m); errKey == nil && c.APIKey != s.apiKey {
		c.APIKey, errKey = "", ErrAPIKeyMismatch
	}

	now := s.now()
	if c.ExpiresAt, errExp = rules.Time(m, "exp"); errExp == nil {
		errExp = rules.Expired(c.ExpiresAt, now)
	}
	if c.IssuedAt, errIat = rules.Time(m, "iat"); errIat == nil {
		errIat = rules.Ahead("iat", c.IssuedAt, now)
	}
	nbf, errNbf := rules.Time(m, "nbf")
	if errNbf == nil {
		errNbf = rules.Ahead("nbf", nbf, now)
	}

	if err := join(errEmail, errID, errUser, errKey, errExp, errIat, errNbf); err != nil {
		return Claims{}, fmt.Errorf("magicbelljwt: %w: %w", jwt.ErrTokenInvalidClaims, err)
	}
	return c, nil
}

// userClaim returns the user field name of m (see [rules.UserField]); an error wraps
// sentinel too.
func userClaim(m map[string]any, name string, sentinel error) (string, error) {
	v, err := rules.UserField(m, name)
	if err != nil {
		return "", fmt.Errorf("%w: %w", sentinel, err)
	}
	return v, nil
}
