package magicbelljwt

import (
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/magicbell-community/magicbelljwt/internal/usertoken"
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
	t, err := usertoken.Parse(token)
	if err != nil {
		return Claims{}, fmt.Errorf("magicbelljwt: %w: %s", jwt.ErrTokenMalformed, err)
	}
	if err = usertoken.Header(t.Header.Members, usertoken.Quote); err == nil {
		err = usertoken.Signature(t.Signature)
	}
	if err != nil {
		return Claims{}, fmt.Errorf("magicbelljwt: %w", err)
	}
	if s.key.verify(t.SigningInput, t.Signature) != nil {
		return Claims{}, fmt.Errorf("magicbelljwt: %w: it was signed with a different secret key (or by another project)", jwt.ErrTokenSignatureInvalid)
	}
	return s.readClaims(t.Payload.Members, s.now())
}

// readClaims checks the claims of a token whose signature is valid and returns them,
// or an error that lists every claim that is wrong.
func (s *Signer) readClaims(m map[string]any, now time.Time) (Claims, error) {
	var c Claims
	var errEmail, errID, errUser, errKey error
	c.UserEmail, errEmail = userClaim(m, "user_email", ErrInvalidEmail)
	c.UserExternalID, errID = userClaim(m, "user_external_id", ErrInvalidExternalID)
	if errEmail == nil && errID == nil {
		errUser = c.Validate()
	}
	if c.APIKey, errKey = usertoken.APIKey(m); errKey == nil && c.APIKey != s.apiKey {
		c.APIKey, errKey = "", ErrAPIKeyMismatch
	}
	var errExp, errIat, errNbf error
	c.ExpiresAt, errExp = usertoken.Time(m, "exp", now)
	c.IssuedAt, errIat = usertoken.Time(m, "iat", now)
	_, errNbf = usertoken.Time(m, "nbf", now)
	if err := join(errEmail, errID, errUser, errKey, errExp, errIat, errNbf); err != nil {
		return Claims{}, fmt.Errorf("magicbelljwt: %w: %w", jwt.ErrTokenInvalidClaims, err)
	}
	return c, nil
}

// userClaim reads the user field name of m; an error wraps sentinel too.
func userClaim(m map[string]any, name string, sentinel error) (string, error) {
	v, err := usertoken.UserField(m, name)
	if err != nil {
		return "", fmt.Errorf("%w: %w", sentinel, err)
	}
	return v, nil
}
