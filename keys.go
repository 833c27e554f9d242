package magicbelljwt

import (
	"fmt"
	"os"
	"strings"
	"unicode/utf8"
)

// The environment variables NewSignerFromEnv reads.
const (
	apiKeyVar      = "MAGICBELL_API_KEY"
	secretVar      = "MAGICBELL_API_SECRET" // the name of MagicBell's Ruby, Python and JavaScript SDKs
	otherSecretVar = "MAGICBELL_SECRET_KEY" // the name of MagicBell's magicbell-js examples
)

// minSecretLen is the shortest secret key accepted, in bytes: RFC 7518, section 3.2
// asks for an HS256 key of at least 256 bits.
const minSecretLen = 32

// NewSignerFromEnv returns a [Signer] with the API key in MAGICBELL_API_KEY and the
// secret key in MAGICBELL_API_SECRET or, when that is empty or unset,
// MAGICBELL_SECRET_KEY, checked as [NewSigner] checks them. Its errors name the
// variable, never its value; both secret variables set to different keys is an error
// wrapping [ErrInvalidSecretKey]. There is no flag or file for the secret key: have
// your deployment's secret store put it in the environment.
func NewSignerFromEnv(opts ...Option) (*Signer, error) {
	apiKey, secret, from := os.Getenv(apiKeyVar), os.Getenv(secretVar), secretVar
	switch other := os.Getenv(otherSecretVar); {
	case secret == "":
		secret, from = other, otherSecretVar
	case other != "" && other != secret:
		return nil, fmt.Errorf("%w: %s and %s are both set, to different keys: unset one", ErrInvalidSecretKey, secretVar, otherSecretVar)
	}
	if secret == "" {
		from = secretVar + " (or " + otherSecretVar + ")"
	}
	return newSigner(apiKey, secret, keyNames{apiKeyVar, from, " is empty or unset"}, opts)
}

// keyNames say in errors where the keys came from: the variables NewSignerFromEnv
// read, or NewSigner's arguments.
type keyNames struct{ api, secret, empty string }

var argNames = keyNames{"the API key", "the secret key", " is empty"}

// secretIn names the secret key as the pair's rules speak of it.
func (n keyNames) secretIn() string {
	if n == argNames {
		return n.secret
	}
	return "the secret key in " + n.secret
}

// checkKeys reports the first problem with the keys, in the order NewSigner's
// documentation gives.
func checkKeys(apiKey, secret string, n keyNames) error {
	if secret != "" {
		if problem := secretProblem(secret); problem != "" {
			return fmt.Errorf("%w: %s %s", ErrInvalidSecretKey, n.secret, problem)
		}
	}
	switch {
	case strings.HasPrefix(secret, "pk_"):
		return fmt.Errorf("%w: %s starts with pk_, the prefix of MagicBell API keys", ErrKeysSwapped, n.secretIn())
	case secret != "" && strings.Contains(apiKey, secret):
		return fmt.Errorf("%w: %s holds %s", ErrKeysSwapped, n.api, n.secretIn())
	case apiKey != "" && !apiKeyShaped(apiKey):
		return fmt.Errorf("%w: %s %s", ErrInvalidAPIKey, n.api, apiKeyProblem(apiKey))
	case apiKey == "":
		return fmt.Errorf("%w: %s%s", ErrInvalidAPIKey, n.api, n.empty)
	case secret == "":
		return fmt.Errorf("%w: %s%s", ErrInvalidSecretKey, n.secret, n.empty)
	}
	return nil
}

// secretProblem says what keeps key from being a secret key: whitespace around it,
// quotes, a character outside printable ASCII or a space, or too few bytes; "" when
// nothing does. It never shows the key.
func secretProblem(key string) string {
	switch {
	case strings.TrimSpace(key) != key:
		return padded(key)
	case quoted(key):
		return "is wrapped in quotes: remove them"
	}
	for i, r := range key {
		switch _, size := utf8.DecodeRuneInString(key[i:]); {
		case r == ' ':
			return fmt.Sprintf("holds a space at byte %d: a secret key is printable ASCII without spaces", i)
		case r == utf8.RuneError && size == 1:
			return fmt.Sprintf("holds a byte that is not UTF-8 at byte %d: a secret key is printable ASCII", i)
		case r < ' ' || r == 0x7f:
			return fmt.Sprintf("holds a control character (U+%04X) at byte %d: a secret key is printable ASCII", r, i)
		case r > 0x7f:
			return fmt.Sprintf("holds U+%04X at byte %d, which is not ASCII: "+
				"an invisible character such as a byte order mark or a zero-width space often comes with a pasted key: remove it", r, i)
		}
	}
	if len(key) < minSecretLen {
		return fmt.Sprintf("is %d byte%s long, and an HS256 key at least %d (RFC 7518, section 3.2); MagicBell's are 34 or 40: "+
			"is it a placeholder such as your-secret-key, or a test value?", len(key), plural(len(key)), minSecretLen)
	}
	return ""
}

// apiKeyProblem says what is wrong with key, which is not shaped as an API key: the
// most likely cause first.
func apiKeyProblem(key string) string {
	switch {
	case strings.TrimSpace(key) != key:
		return padded(key)
	case quoted(key):
		return "is wrapped in quotes: remove them"
	}
	return "is not shaped as a MagicBell API key, pk_ and letters, digits or underscores, or 40 lowercase hex digits: " +
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

// padded describes the whitespace around key.
func padded(key string) string {
	switch trimmed := strings.TrimSpace(key); {
	case trimmed+"\r\n" == key:
		return "ends in a Windows line ending (CR LF): remove it"
	case trimmed+"\n" == key:
		return "has a trailing newline (often from a file or an environment variable): remove it"
	}
	return "has leading or trailing whitespace: remove it"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
