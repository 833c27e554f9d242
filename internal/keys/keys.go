// Package keys reads a MagicBell project's keys and checks them: the rules that
// magicbelljwt's NewSigner and NewSignerFromEnv and every subcommand of magicbell-jwt
// share, so that each refuses the same keys with the same words.
package keys

import (
	"fmt"
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

// Sentinels are the errors that FromEnv and Check wrap: magicbelljwt's
// ErrInvalidAPIKey, ErrInvalidSecretKey and ErrKeysSwapped, which it defines and
// documents, passed in by the caller.
type Sentinels struct{ APIKey, Secret, Swapped error }

// Keys are a project's keys and where each came from: the name of an environment
// variable or a flag, or "" for an argument of NewSigner, whose errors then speak of
// "the API key" and "the secret key".
type Keys struct {
	APIKey, APIKeyFrom string
	Secret, SecretFrom string
}

// FromEnv reads the keys with getenv: the API key from APIKeyVar, the secret key from
// SecretVar or else OtherSecretVar. Both secret variables set to different keys is an
// error wrapping errs.Secret that names both and neither value. An empty variable
// counts as unset.
func FromEnv(getenv func(string) string, errs Sentinels) (Keys, error) {
	k := Keys{APIKey: getenv(APIKeyVar), APIKeyFrom: APIKeyVar, SecretFrom: SecretVar}
	secret, other := getenv(SecretVar), getenv(OtherSecretVar)
	switch {
	case secret != "" && other != "" && secret != other:
		return Keys{}, fmt.Errorf("%w: %s and %s are both set, to different keys: unset one", errs.Secret, SecretVar, OtherSecretVar)
	case secret != "":
		k.Secret = secret
	case other != "":
		k.Secret, k.SecretFrom = other, OtherSecretVar
	}
	return k, nil
}

// placeholderSecret is the secret key of MagicBell's recipes.
const placeholderSecret = "your-secret-key"

// Check reports the first problem with the keys, as NewSigner does, in an error that
// wraps one of errs and names where the key came from, never a value:
//   - errs.Swapped: the API key holds the secret key, or the secret key starts with
//     "pk_". Swapped keys come first, since swapping them back is the fix for every
//     other problem either key then seems to have;
//   - errs.APIKey: an API key that is empty, padded with whitespace, wrapped in quotes,
//     or not shaped as MagicBell's are (see apiKeyShaped);
//   - errs.Secret: a secret key that is empty, padded, wrapped in quotes, or the
//     placeholder of MagicBell's recipes.
//
// With needBoth false, an empty key is left unchecked instead.
func Check(k Keys, needBoth bool, errs Sentinels) error {
	api, sec := name(k.APIKeyFrom, "the API key"), name(k.SecretFrom, "the secret key")
	secret := Bare(k.Secret) // read with a newline or in quotes, it is still that key
	switch {
	case k.APIKey == "" && needBoth:
		return fmt.Errorf("%w: %s", errs.APIKey, empty(k.APIKeyFrom, api))
	case k.Secret == "" && needBoth:
		return fmt.Errorf("%w: %s", errs.Secret, empty(k.SecretFrom, sec))
	case secret != "" && secret == strings.TrimSpace(k.APIKey):
		return fmt.Errorf("%w: %s equals %s", errs.Swapped, secretIn(k.SecretFrom), api)
	case secret != "" && strings.Contains(k.APIKey, secret):
		return fmt.Errorf("%w: %s holds %s", errs.Swapped, api, secretIn(k.SecretFrom))
	case strings.HasPrefix(secret, "pk_"):
		return fmt.Errorf("%w: %s starts with pk_, the prefix of MagicBell API keys", errs.Swapped, secretIn(k.SecretFrom))
	case k.APIKey != "" && !apiKeyShaped(k.APIKey):
		return fmt.Errorf("%w: %s", errs.APIKey, apiKeyProblem(api, k.APIKey))
	case strings.TrimSpace(k.Secret) != k.Secret:
		return fmt.Errorf("%w: %s", errs.Secret, padded(sec, k.Secret))
	case quoted(k.Secret):
		return fmt.Errorf("%w: %s is wrapped in quotes: remove them", errs.Secret, sec)
	case k.Secret == placeholderSecret:
		return fmt.Errorf("%w: %s is the placeholder of MagicBell's recipes: use your project's secret key", errs.Secret, sec)
	}
	return nil
}

// apiKeyProblem says what is wrong with key, named name, which is not shaped as an API
// key: the most likely cause first.
func apiKeyProblem(name, key string) string {
	switch {
	case strings.TrimSpace(key) != key:
		return padded(name, key)
	case quoted(key):
		return name + " is wrapped in quotes: remove them"
	}
	return name + " is not shaped as a MagicBell API key, pk_ and letters, digits or underscores, or 40 lowercase hex digits: " +
		"is it a placeholder such as your-api-key, in quotes, or the secret key in the wrong place?"
}

// apiKeyShaped reports whether s has the shape of a MagicBell API key: pk_ and one
// or more letters, digits and underscores, or the older 40 lowercase hex digits.
func apiKeyShaped(s string) bool {
	if rest, ok := strings.CutPrefix(s, "pk_"); ok {
		return rest != "" && strings.Trim(rest, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") == ""
	}
	return len(s) == 40 && strings.Trim(s, "0123456789abcdef") == ""
}

// quoted reports whether s is wrapped in matching quotes, as Docker's --env-file and
// some .env loaders leave a value.
func quoted(s string) bool {
	n := len(s)
	return n >= 2 && (s[0] == '"' && s[n-1] == '"' || s[0] == '\'' && s[n-1] == '\'')
}

// Bare returns key as it was meant: without surrounding whitespace and matching
// quotes, which Check refuses, nor whitespace inside the quotes.
func Bare(key string) string {
	if key = strings.TrimSpace(key); quoted(key) {
		return strings.TrimSpace(key[1 : len(key)-1])
	}
	return key
}

// name is from, or else what a key from an argument is called.
func name(from, otherwise string) string {
	if from == "" {
		return otherwise
	}
	return from
}

// secretIn names the secret key and where it came from.
func secretIn(from string) string {
	if from == "" {
		return "the secret key"
	}
	return "the secret key in " + from
}

// empty says that the key from from, called name, is empty.
func empty(from, name string) string {
	switch from {
	case "":
		return name + " is empty"
	case SecretVar:
		return SecretVar + " (or " + OtherSecretVar + ") is empty or unset"
	}
	return name + " is empty or unset"
}

// padded describes the whitespace around key, called name.
func padded(name, key string) string {
	switch trimmed := strings.TrimSpace(key); {
	case trimmed+"\r\n" == key:
		return name + " ends in a Windows line ending (CR LF): remove it"
	case trimmed+"\n" == key:
		return name + " has a trailing newline (often from a file or an environment variable): remove it"
	}
	return name + " has leading or trailing whitespace: remove it"
}
