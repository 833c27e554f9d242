package magicbelljwt

import (
	"errors"
	"strings"
)

// Sentinel errors. Every error the package returns wraps one or more of them, or one of
// the sentinels of golang-jwt, github.com/golang-jwt/jwt/v5 (such as
// [jwt.ErrTokenExpired]), so callers match with [errors.Is]. No message holds a key
// that NewSigner accepts (a refused one, too short, may be one of its words).
var (
	// ErrNoUser means a [Claims] has neither UserEmail nor UserExternalID; MagicBell
	// requires at least one.
	ErrNoUser = errors.New("magicbelljwt: no user: set UserEmail or UserExternalID")

	// ErrInvalidEmail means UserEmail breaks a rule of [Claims.Validate], or, from
	// [Signer.Sign], holds the secret key.
	ErrInvalidEmail = errors.New("magicbelljwt: invalid user email")

	// ErrInvalidExternalID means UserExternalID breaks a rule of [Claims.Validate], or,
	// from [Signer.Sign], holds the secret key.
	ErrInvalidExternalID = errors.New("magicbelljwt: invalid user external ID")

	// ErrInvalidAPIKey means the API key given to [NewSigner] or read by
	// [NewSignerFromEnv] is empty or not shaped as MagicBell's API keys are (see
	// NewSigner).
	ErrInvalidAPIKey = errors.New("magicbelljwt: invalid API key")

	// ErrInvalidSecretKey means the secret key given to [NewSigner] or read by
	// [NewSignerFromEnv] is empty or not an HS256 key (see NewSigner); that both of the
	// environment variables NewSignerFromEnv reads it from are set to different keys;
	// or that the [Signer] was not made by NewSigner.
	ErrInvalidSecretKey = errors.New("magicbelljwt: invalid secret key")

	// ErrKeysSwapped means the API key holds the secret key, or the secret key starts
	// with "pk_", the prefix of MagicBell's API keys: the keys were most likely passed
	// the wrong way round, and every token would publish the secret.
	ErrKeysSwapped = errors.New("magicbelljwt: API key and secret key look swapped")

	// ErrInvalidExpiry means the duration given to [WithExpiry] is not a positive whole
	// number of seconds, or, from [Signer.Sign], that the clock is outside the times a
	// token can hold.
	ErrInvalidExpiry = errors.New("magicbelljwt: invalid expiry")

	// ErrAPIKeyMismatch means [Signer.Verify] met a correctly signed token whose api_key is
	// not the Signer's: it was minted for another project.
	ErrAPIKeyMismatch = errors.New("magicbelljwt: token was minted for another API key")
)

// joinedError is what [errors.Join] makes, but with its messages on one line, so that a
// log line or a command's error stays one line.
type joinedError struct {
	msg  string
	errs []error
}

func (e *joinedError) Error() string   { return e.msg }
func (e *joinedError) Unwrap() []error { return e.errs }

// join returns an error that wraps the errors in errs that are not nil, with their
// messages, less the package's "magicbelljwt: " prefix, separated by "; ". It returns
// nil when every error is nil.
func join(errs ...error) error {
	var e *joinedError // made only when there is an error: Sign calls this every time
	for _, err := range errs {
		switch {
		case err == nil:
			continue
		case e == nil:
			e = &joinedError{}
		default:
			e.msg += "; "
		}
		e.msg += strings.TrimPrefix(err.Error(), "magicbelljwt: ")
		e.errs = append(e.errs, err)
	}
	if e == nil {
		return nil
	}
	return e
}
