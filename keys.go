package magicbelljwt

import (
	"os"

	"github.com/magicbell-community/magicbelljwt/internal/keys"
)

// NewSignerFromEnv returns a [Signer] with the keys in the environment, as
// [NewSigner] does with them: the API key from MAGICBELL_API_KEY, and the secret key
// from MAGICBELL_API_SECRET (the name MagicBell's Ruby, Python and JavaScript SDKs
// read) or, when that is empty or unset, MAGICBELL_SECRET_KEY (the name of MagicBell's
// magicbell-js examples). The command magicbell-jwt reads the same variables.
//
// It reads the environment once, here, and then checks the keys exactly as NewSigner
// does. Every error wraps the sentinel NewSigner would return ([ErrInvalidAPIKey],
// [ErrInvalidSecretKey] or [ErrKeysSwapped]) and names the variable, never its value:
// "MAGICBELL_API_KEY is empty or unset", "MAGICBELL_API_SECRET has a trailing newline".
// Both secret variables set to different keys is an error wrapping
// ErrInvalidSecretKey that names both, rather than a guess.
//
// There is no flag or file for the secret key: a command-line flag is kept in shell
// history and shown by ps to everyone on the machine, and a file is one more copy of
// the secret to guard. Have your deployment's secret store put it in the environment.
func NewSignerFromEnv(opts ...Option) (*Signer, error) {
	k, err := keys.FromEnv(os.Getenv, keySentinels)
	if err != nil {
		return nil, err
	}
	if err := keys.Check(k, true, keySentinels); err != nil {
		return nil, err
	}
	return NewSigner(k.APIKey, k.Secret, opts...)
}
