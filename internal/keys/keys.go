// Package keys reads a MagicBell project's keys and checks them: the rules that
// magicbelljwt's NewSigner and NewSignerFromEnv and every subcommand of magicbell-jwt
// share, so that each refuses the same keys with the same words.
package keys

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// The environment variables the keys are read from.
const (
	APIKeyVar = "MAGICBELL_API_KEY"
	// SecretVar is the name MagicBell's Ruby, Python and JavaScript SDKs read.
	SecretVar = "MAGICBELL_API_SECRET"
	// OtherSecretVar is the name of MagicBell's magicbell-js examples.
	OtherSecretVar = "MAGICBELL_SECRET_KEY"
)

// The sentinels of magicbelljwt, documented there.
var (
	ErrInvalidAPIKey    = errors.New("magicbelljwt: invalid API key")
	ErrInvalidSecretKey = errors.New("magicbelljwt: invalid secret key")
	ErrKeysSwapped      = errors.New("magicbelljwt: API key and secret key look swapped")
)

// Keys are a project's keys and where each came from: the name of an environment
// variable or a flag, or "" for an argument of NewSigner, whose errors then speak of
// "the API key" and "the secret key".
type Keys struct {
	APIKey, APIKeyFrom string
	Secret, SecretFrom string
}

// FromEnv reads the keys with getenv: the API key from APIKeyVar, the secret key from
// SecretVar or else OtherSecretVar. Both secret variables set to different keys is an
// error wrapping ErrInvalidSecretKey that names both and neither value. An empty
// variable counts as unset.
func FromEnv(getenv func(string) string) (Keys, error) {
	k := Keys{APIKey: getenv(APIKeyVar), APIKeyFrom: APIKeyVar, SecretFrom: SecretVar}
	secret, other := getenv(SecretVar), getenv(OtherSecretVar)
	switch {
	case secret != "" && other != "" && secret != other:
		return Keys{}, fmt.Errorf("%w: %s and %s are both set, to different keys: unset one", ErrInvalidSecretKey, SecretVar, OtherSecretVar)
	case secret != "":
		k.Secret = secret
	case other != "":
		k.Secret, k.SecretFrom = other, OtherSecretVar
	}
	return k, nil
}

// Check reports the first problem with the keys, as NewSigner does: an empty key,
// swapped keys, a key with leading or trailing whitespace, an API key that is not
// printable ASCII. Swapped keys come before the finer points of either key, since
// swapping them back is the fix for all of those. The error wraps ErrInvalidAPIKey,
// ErrInvalidSecretKey or ErrKeysSwapped and names where the key came from, never a
// value. With needBoth false, an empty key is left unchecked instead.
func Check(k Keys, needBoth bool) error {
	api, sec := k.describe()
	switch {
	case k.APIKey == "" && needBoth:
		return fmt.Errorf("%w: %s", ErrInvalidAPIKey, empty(k.APIKeyFrom))
	case k.Secret == "" && needBoth:
		return fmt.Errorf("%w: %s", ErrInvalidSecretKey, empty(k.SecretFrom))
	case k.Secret != "" && k.Secret == k.APIKey:
		return fmt.Errorf("%w: %s equals %s", ErrKeysSwapped, sec, api)
	case strings.HasPrefix(k.Secret, "pk_"):
		return fmt.Errorf("%w: %s starts with pk_, the prefix of MagicBell API keys", ErrKeysSwapped, sec)
	case strings.TrimSpace(k.APIKey) != k.APIKey:
		return fmt.Errorf("%w: %s", ErrInvalidAPIKey, padded(k.APIKeyFrom, k.APIKey))
	case strings.IndexFunc(k.APIKey, func(r rune) bool { return r < ' ' || r > '~' }) >= 0:
		return fmt.Errorf("%w: %s contains a byte that is not printable ASCII", ErrInvalidAPIKey, api)
	case strings.TrimSpace(k.Secret) != k.Secret:
		return fmt.Errorf("%w: %s", ErrInvalidSecretKey, padded(k.SecretFrom, k.Secret))
	}
	return nil
}

// describe names the keys in messages.
func (k Keys) describe() (api, secret string) {
	if k.APIKeyFrom == "" {
		api = "the API key"
	} else {
		api = k.APIKeyFrom
	}
	if k.SecretFrom == "" {
		secret = "the secret key"
	} else {
		secret = "the secret key in " + k.SecretFrom
	}
	return api, secret
}

func empty(from string) string {
	switch from {
	case "":
		return "empty"
	case SecretVar:
		return SecretVar + " (or " + OtherSecretVar + ") is empty or unset"
	}
	return from + " is empty or unset"
}

// padded describes the whitespace around key, which came from from.
func padded(from, key string) string {
	switch {
	case from == "":
		return "leading or trailing whitespace (often a newline from a file or environment variable)"
	case strings.TrimSpace(key) == strings.TrimSuffix(strings.TrimSuffix(key, "\n"), "\r"): // padded only so
		return from + " has a trailing newline"
	}
	return from + " has leading or trailing whitespace"
}

// apiKeyShape matches a MagicBell API key: pk_..., or the older 40 hex digits.
var apiKeyShape = regexp.MustCompile(`^(pk_[A-Za-z0-9_]+|[0-9a-f]{40})$`)

// LooksLikeAPIKey reports whether s has the shape of a MagicBell API key: pk_ and
// letters, digits and underscores, or the older 40 lowercase hex digits. The command
// prints a key from the environment or a flag only when it does, since one that does
// not may be a secret key in the wrong place.
func LooksLikeAPIKey(s string) bool { return apiKeyShape.MatchString(s) }
