package magicbelljwt

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"hash"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/magicbell-community/magicbelljwt/internal/usertoken"
)

// DefaultExpiry is how long a token stays valid when [WithExpiry] is not given: one
// year, as in MagicBell's own recipes.
const DefaultExpiry = 365 * 24 * time.Hour

// headerSegment is the encoded header of every token Sign mints, and the dot after it.
var headerSegment = base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "."

// An Option configures a [Signer]; pass options to [NewSigner].
type Option func(*Signer)

// WithExpiry sets how long the tokens a [Signer] mints stay valid: each token's "exp" is
// its "iat" plus d, a positive whole number of seconds. The default is [DefaultExpiry].
func WithExpiry(d time.Duration) Option {
	return func(s *Signer) { s.expiry = d }
}

// WithClock sets the clock a [Signer] reads to mint and check tokens; now must be safe
// for concurrent use. The default, also when now is nil, is [time.Now].
func WithClock(now func() time.Time) Option {
	return func(s *Signer) { s.now = now }
}

// A Signer mints and verifies MagicBell User JWTs for one project. It is immutable and
// safe for concurrent use by many goroutines: make one at start-up with [NewSigner],
// and share it. It never reveals its secret key: not in errors, not when printed with
// any fmt verb, not through log/slog or encoding/json.
type Signer struct {
	apiKey      string
	apiKeyField string // the api_key field of every payload, escaped once
	expiry      time.Duration
	now         func() time.Time
	key         *signingKey // a pointer, which fmt prints as an address
}

// signingKey holds what is made of the secret key, in funcs and a pool's New, which fmt
// prints as addresses.
type signingKey struct {
	holds  func(s string) bool                  // whether s holds the secret key
	verify func(input string, sig []byte) error // golang-jwt's HS256 check of sig
	bufs   sync.Pool                            // of *signBuf
}

// signBuf is the scratch space of one Sign call, pooled: a token costs one allocation.
type signBuf struct {
	mac     hash.Hash
	sum     [sha256.Size]byte
	payload []byte
	token   []byte
}

// NewSigner returns a [Signer] for the MagicBell project with the given API key and
// secret key, both as the MagicBell dashboard shows them (see the package
// documentation). [NewSignerFromEnv] reads them from the environment instead.
//
// It checks the keys once, here, so that a misconfiguration fails at start-up rather
// than at a user's login, and returns the first problem it finds, in this order:
//   - [ErrInvalidSecretKey]: a secret key that is set but is not an HS256 key: it must
//     be printable ASCII (U+0021 to U+007E) without the quotes and backslash that
//     shells and .env files quote values with, so without a trailing newline, an
//     invisible character such as a byte order mark, or quotes; and at least 32 bytes,
//     as RFC 7518, section 3.2 asks. MagicBell's are 34 or 40; placeholders such as
//     "your-secret-key" and test values are shorter.
//   - [ErrKeysSwapped]: the secret key starts with "pk_", or the API key holds it, so
//     that signing would publish the secret in every token. Two of MagicBell's older
//     keys, both 40 lowercase hex digits, cannot be told apart by their shape.
//   - [ErrInvalidAPIKey]: an API key that is set but is not shaped as MagicBell's API
//     keys are: "pk_" and one or more letters, digits and underscores, or 40 lowercase
//     hex digits.
//   - [ErrInvalidAPIKey] or [ErrInvalidSecretKey]: an empty key. A key that is set is
//     checked before a missing one is reported.
//   - [ErrInvalidExpiry]: a [WithExpiry] duration that is not a positive whole number of
//     seconds.
//
// The message names the key and the usual cause of the problem, never a valid key.
// Options are applied in order; nil options are ignored.
func NewSigner(apiKey, secretKey string, opts ...Option) (*Signer, error) {
	return newSigner(apiKey, secretKey, argNames, opts)
}

func newSigner(apiKey, secretKey string, names keyNames, opts []Option) (*Signer, error) {
	s := &Signer{apiKey: apiKey, apiKeyField: apiKeyJSON(apiKey), expiry: DefaultExpiry}
	for _, opt := range opts {
		if opt != nil {
			opt(s)
		}
	}
	if s.now == nil {
		s.now = time.Now
	}
	if err := checkKeys(apiKey, secretKey, names); err != nil {
		return nil, err
	}
	if s.expiry < time.Second || s.expiry%time.Second != 0 {
		return nil, fmt.Errorf("%w: %v is not a positive whole number of seconds", ErrInvalidExpiry, s.expiry)
	}

	secret := []byte(secretKey)
	s.key = &signingKey{
		holds:  func(s string) bool { return strings.Contains(s, secretKey) },
		verify: func(input string, sig []byte) error { return jwt.SigningMethodHS256.Verify(input, sig, secret) },
		bufs:   sync.Pool{New: func() any { return &signBuf{mac: hmac.New(sha256.New, secret)} }},
	}
	return s, nil
}

// errNoSigner is returned by the methods of a Signer that NewSigner did not make.
var errNoSigner = fmt.Errorf("%w: the Signer was not made by NewSigner", ErrInvalidSecretKey)

// Sign mints a User JWT for the user in c, signed with HS256 and the Signer's secret
// key: "api_key" is the Signer's API key, "iat" its clock in whole seconds, and "exp"
// iat plus the expiry; c's other fields are ignored. The payload is browser-safe (see
// the package documentation). When c is not valid or a user field holds the secret
// key, Sign returns no token and an error wrapping [ErrNoUser], [ErrInvalidEmail] or
// [ErrInvalidExternalID]; with a clock before 1970, or so late that "exp" would pass
// the year 9999, one wrapping [ErrInvalidExpiry]: Verify reads no such time; and when
// the token would hold the secret key as written, one wrapping [ErrInvalidSecretKey].
func (s *Signer) Sign(c Claims) (token string, err error) {
	if s == nil || s.key == nil {
		return "", errNoSigner
	}
	if err := c.Validate(); err != nil {
		return "", err
	}
	if err := s.key.published(c); err != nil {
		return "", err
	}
	iat, secs := s.now().Unix(), int64(s.expiry/time.Second)
	switch {
	case iat < 0:
		return "", fmt.Errorf("%w: the clock is before 1970, where Verify starts reading times", ErrInvalidExpiry)
	case iat > usertoken.MaxNumericDate-secs:
		return "", fmt.Errorf("%w: the clock is so late that exp would be after the year 9999, where Verify stops reading times", ErrInvalidExpiry)
	}
	exp := iat + secs

	b := s.key.bufs.Get().(*signBuf)
	defer s.key.bufs.Put(b)
	b.payload = appendPayload(b.payload[:0], c, s.apiKeyField, iat, exp)
	tok := appendBase64(append(b.token[:0], headerSegment...), b.payload)
	b.mac.Reset()
	b.mac.Write(tok)
	tok = appendBase64(append(tok, '.'), b.mac.Sum(b.sum[:0]))
	b.token, token = tok, string(tok)
	if s.key.holds(token) { // as written: its header, or base64 that spells the key
		return "", fmt.Errorf("%w: the token would hold it, as written", ErrInvalidSecretKey)
	}
	return token, nil
}

// published reports the user fields of c that hold the secret key.
func (k *signingKey) published(c Claims) error {
	var errEmail, errID error
	if k.holds(c.UserEmail) {
		errEmail = fmt.Errorf("%w: it holds the secret key", ErrInvalidEmail)
	}
	if k.holds(c.UserExternalID) {
		errID = fmt.Errorf("%w: it holds the secret key", ErrInvalidExternalID)
	}
	if errEmail == nil && errID == nil {
		return nil
	}
	return fmt.Errorf("magicbelljwt: %w", join(errEmail, errID))
}

// appendBase64 appends the unpadded base64url encoding of src to dst.
func appendBase64(dst, src []byte) []byte {
	enc := base64.RawURLEncoding
	n, m := len(dst), enc.EncodedLen(len(src))
	dst = slices.Grow(dst, m)[:n+m]
	enc.Encode(dst[n:], src)
	return dst
}

// String describes the Signer with its secret key redacted.
func (s *Signer) String() string {
	if s == nil {
		return "magicbelljwt.Signer(nil)"
	}
	return fmt.Sprintf("magicbelljwt.Signer{APIKey: %q, Expiry: %v, SecretKey: REDACTED}", s.apiKey, s.expiry)
}

// GoString returns the same redacted description as String, for the %#v verb.
func (s *Signer) GoString() string { return s.String() }

// LogValue implements [slog.LogValuer]: the API key and expiry, never the secret key.
func (s *Signer) LogValue() slog.Value {
	if s == nil {
		return slog.StringValue(s.String())
	}
	return slog.GroupValue(slog.String("api_key", s.apiKey), slog.Duration("expiry", s.expiry), slog.String("secret_key", "REDACTED"))
}
