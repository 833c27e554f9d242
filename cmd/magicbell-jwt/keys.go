package main

import (
	"flag"
	"strings"

	"github.com/magicbell-community/magicbelljwt"
	"github.com/magicbell-community/magicbelljwt/internal/keys"
)

// keySentinels are the library's sentinels, which internal/keys wraps.
var keySentinels = keys.Sentinels{APIKey: magicbelljwt.ErrInvalidAPIKey, Secret: magicbelljwt.ErrInvalidSecretKey, Swapped: magicbelljwt.ErrKeysSwapped}

// apiKeyFlag defines the -api-key flag on fs.
func apiKeyFlag(fs *flag.FlagSet) *string {
	return fs.String("api-key", "", "the project's API key (default $"+keys.APIKeyVar+")")
}

// readEnv reads the keys from the environment, once for every subcommand, and hides
// from all that the command prints every value a secret variable holds, and a value of
// MAGICBELL_API_KEY that does not look like an API key.
func (c *command) readEnv() {
	c.keys, c.keysErr = keys.FromEnv(c.env, keySentinels)
	for _, name := range []string{keys.SecretVar, keys.OtherSecretVar} {
		c.hide(c.env(name), "<the secret key>")
	}
	c.hideUnlessAPIKey(c.env(keys.APIKeyVar), "<the key in "+keys.APIKeyVar+">")
}

// hideUnlessAPIKey hides key, labelled label, unless it has the shape of an API key:
// it may be a secret key in the wrong place.
func (c *command) hideUnlessAPIKey(key, label string) {
	if !keys.LooksLikeAPIKey(strings.TrimSpace(key)) {
		c.hide(key, label)
	}
}

// projectKeys returns the keys from the environment, with apiKey, when given,
// overriding MAGICBELL_API_KEY, after the checks of NewSigner; with needBoth false an
// absent key is fine. When they are wrong it says so on stderr and returns false: the
// command exits with exitUsage.
func (c *command) projectKeys(apiKey string, needBoth bool) (keys.Keys, bool) {
	if c.keysErr != nil {
		c.keysError(c.keysErr)
		return keys.Keys{}, false
	}
	k := c.keys
	if apiKey != "" {
		c.hideUnlessAPIKey(apiKey, "<the key given to -api-key>")
		k.APIKey, k.APIKeyFrom = apiKey, "-api-key"
	}
	if err := keys.Check(k, needBoth, keySentinels); err != nil {
		c.keysError(err)
		return keys.Keys{}, false
	}
	return k, true
}

// keysError prints a configuration error and where to read about the keys.
func (c *command) keysError(err error) {
	c.fail(exitUsage, "%v", err)
	c.say("run 'magicbell-jwt help' for where the keys come from (-api-key overrides %s)", keys.APIKeyVar)
}

// signer makes a Signer with the keys of projectKeys and the command's clock. When the
// keys are missing or wrong it says so on stderr and returns nil: the command exits
// with exitUsage.
func (c *command) signer(apiKey string, opts ...magicbelljwt.Option) *magicbelljwt.Signer {
	k, ok := c.projectKeys(apiKey, true)
	if !ok {
		return nil
	}
	s, err := magicbelljwt.NewSigner(k.APIKey, k.Secret, append(opts, magicbelljwt.WithClock(now))...)
	if err != nil { // projectKeys has checked the keys: an option is wrong
		c.fail(exitUsage, "%v", err)
	}
	return s
}
