package main

import (
	"flag"
	"strings"

	"github.com/magicbell-community/magicbelljwt"
	"github.com/magicbell-community/magicbelljwt/internal/keys"
)

// apiKeyFlag defines the -api-key flag on fs.
func apiKeyFlag(fs *flag.FlagSet) *string {
	return fs.String("api-key", "", "the project's API key (default $"+keys.APIKeyVar+")")
}

// readEnv reads the keys from the environment, once for every subcommand, and hides
// from all that the command prints every value a secret variable holds, and a value of
// MAGICBELL_API_KEY that does not look like an API key.
func (c *command) readEnv() {
	c.keys, c.keysErr = keys.FromEnv(c.env)
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
// absent key is fine. It returns a status to exit with when they are wrong, or -1.
func (c *command) projectKeys(apiKey string, needBoth bool) (keys.Keys, int) {
	if c.keysErr != nil {
		return keys.Keys{}, c.keysError(c.keysErr)
	}
	k := c.keys
	if apiKey != "" {
		c.hideUnlessAPIKey(apiKey, "<the key given to -api-key>")
		k.APIKey, k.APIKeyFrom = apiKey, "-api-key"
	}
	if err := keys.Check(k, needBoth); err != nil {
		return keys.Keys{}, c.keysError(err)
	}
	return k, -1
}

// keysError prints a configuration error and where to read about the keys.
func (c *command) keysError(err error) int {
	c.fail(exitUsage, "%v", err)
	c.say("run 'magicbell-jwt help' for where the keys come from (-api-key overrides %s)", keys.APIKeyVar)
	return exitUsage
}

// signer makes a Signer with the keys of projectKeys and the command's clock. It
// returns a nil Signer and a status to exit with when the keys are missing or wrong.
func (c *command) signer(apiKey string, opts ...magicbelljwt.Option) (*magicbelljwt.Signer, int) {
	k, status := c.projectKeys(apiKey, true)
	if status >= 0 {
		return nil, status
	}
	s, err := magicbelljwt.NewSigner(k.APIKey, k.Secret, append(opts, magicbelljwt.WithClock(now))...)
	if err != nil { // projectKeys has checked the keys: an option is wrong
		return nil, c.fail(exitUsage, "%v", err)
	}
	return s, -1
}
