package magicbelljwt

import (
	"fmt"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/magicbell-community/magicbelljwt/internal/usertoken"
)

// NewSignerFromEnv returns a [Signer] with the API key in MAGICBELL_API_KEY and the
// secret key in MAGICBELL_API_SECRET or, when that is empty or unset,
// MAGICBELL_SECRET_KEY, checked as [NewSigner] checks them. Its errors name the
// variable, never its value; both secret variables set to different keys is an error
// wrapping [ErrInvalidSecretKey]. There is no flag or file for the secret key: have
// your deployment's secret store put it in the environment.
func NewSignerFromEnv(opts ...Option) (*Signer, error) {
	apiKey, secret, from := os.Getenv("MAGICBELL_API_KEY"), os.Getenv("MAGICBELL_API_SECRET"), "MAGICBELL_API_SECRET"
	switch other := os.Getenv("MAGICBELL_SECRET_KEY"); {
	case secret == "" && other == "":
		from = "MAGICBELL_API_SECRET (or MAGICBELL_SECRET_KEY)"
	case secret == "":
		secret, from = other, "MAGICBELL_SECRET_KEY"
	case other != "" && other != secret:
		return nil, fmt.Errorf("%w: MAGICBELL_API_SECRET and MAGICBELL_SECRET_KEY are both set, to different keys: unset one", ErrInvalidSecretKey)
	}
	return newSigner(apiKey, secret, keyNames{"MAGICBELL_API_KEY", from, "the secret key in " + from, " is empty or unset"}, opts)
}

// keyNames name the keys in errors, by the variables NewSignerFromEnv read or else as
// argNames: the API key, the secret key alone and beside the other, and a missing key.
type keyNames struct{ api, secret, secretIn, missing string }

var argNames = keyNames{"the API key", "the secret key", "the secret key", " is empty"}

// checkKeys reports the first problem with the keys, in the order NewSigner gives.
func checkKeys(apiKey, secret string, n keyNames) error {
	if problem := secretProblem(secret); secret != "" && problem != "" {
		return fmt.Errorf("%w: %s %s", ErrInvalidSecretKey, n.secret, problem)
	}
	switch {
	case secret != "" && strings.Contains(headerSegment, secret):
		return fmt.Errorf("%w: %s is part of every token's header: use your project's secret key", ErrInvalidSecretKey, n.secret)
	case strings.HasPrefix(secret, "pk_"):
		return fmt.Errorf("%w: %s starts with pk_, the prefix of MagicBell API keys", ErrKeysSwapped, n.secretIn)
	case secret != "" && strings.Contains(apiKey, secret):
		return fmt.Errorf("%w: %s holds %s", ErrKeysSwapped, n.api, n.secretIn)
	case apiKey != "" && !apiKeyShaped(apiKey):
		return fmt.Errorf("%w: %s %s", ErrInvalidAPIKey, n.api, keyProblem(apiKey, "is not shaped as a MagicBell API key, pk_ and letters, digits or underscores, "+
			"or 40 lowercase hex digits: is it a placeholder such as your-api-key, in quotes, or the secret key in the wrong place?"))
	case apiKey == "":
		return fmt.Errorf("%w: %s%s", ErrInvalidAPIKey, n.api, n.missing)
	case secret == "":
		return fmt.Errorf("%w: %s%s", ErrInvalidSecretKey, n.secret, n.missing)
	}
	return nil
}

// secretProblem says what keeps key from being an HS256 secret key, or returns "".
func secretProblem(key string) string {
	const quoting = "\"'`\\" // what shells and .env files quote values with
	i := strings.IndexFunc(key, func(r rune) bool { return r <= ' ' || r > '~' || strings.ContainsRune(quoting, r) })
	r, size := utf8.DecodeRuneInString(key[max(i, 0):])
	switch {
	case strings.TrimSpace(key) != key || usertoken.Quoted(key):
		return keyProblem(key, "")
	case i < 0 && len(key) < 32:
		return fmt.Sprintf("is too short for an HS256 key: RFC 7518, section 3.2 asks for 32 bytes, MagicBell's have 34 or 40, and it has %d: "+
			"is it a placeholder such as your-secret-key, or a test value?", len(key))
	case i < 0:
		return ""
	case r == ' ':
		return fmt.Sprintf("holds a space at byte %d: a secret key is printable ASCII without spaces", i)
	case strings.ContainsRune(quoting, r):
		return fmt.Sprintf("holds a quote or a backslash at byte %d, which shells and .env files quote a value with: remove it", i)
	case r == utf8.RuneError && size == 1:
		return fmt.Sprintf("holds a byte that is not UTF-8 at byte %d: a secret key is printable ASCII", i)
	case unicode.IsControl(r):
		return fmt.Sprintf("holds a control character (U+%04X) at byte %d: a secret key is printable ASCII", r, i)
	}
	return fmt.Sprintf("holds U+%04X at byte %d, which is not ASCII: "+
		"an invisible character such as a byte order mark or a zero-width space often comes with a pasted key: remove it", r, i)
}

// keyProblem says what is wrong with key, padded or in quotes, or else otherwise.
func keyProblem(key, otherwise string) string {
	switch trimmed := strings.TrimSpace(key); {
	case trimmed+"\r\n" == key:
		return "ends in a Windows line ending (CR LF): remove it"
	case trimmed+"\n" == key:
		return "has a trailing newline (often from a file or an environment variable): remove it"
	case trimmed != key:
		return "has leading or trailing whitespace: remove it"
	case usertoken.Quoted(key):
		return "is wrapped in quotes: remove them"
	}
	return otherwise
}

// apiKeyShaped reports whether s has a shape of MagicBell's API keys (see NewSigner).
func apiKeyShaped(s string) bool {
	if rest, ok := strings.CutPrefix(s, "pk_"); ok {
		return rest != "" && strings.Trim(rest, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") == ""
	}
	return len(s) == 40 && strings.Trim(s, "0123456789abcdef") == ""
}
