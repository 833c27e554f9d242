package main

import (
	"flag"

	"github.com/magicbell-community/magicbelljwt"
)

// apiKeyFlag defines the -api-key flag on fs.
func apiKeyFlag(fs *flag.FlagSet) *string {
	return fs.String("api-key", "", "the project's API key (default $MAGICBELL_API_KEY)")
}

// lookupSecretKey returns the secret key from the environment, under the name
// MagicBell's SDKs read or the older one, and that name; "" when neither is set. Both
// set to different keys is a usage error, whose status it returns.
func (c *command) lookupSecretKey() (secret, name string, status int) {
	apiSecret, secretKey := c.env("MAGICBELL_API_SECRET"), c.env("MAGICBELL_SECRET_KEY")
	switch {
	case apiSecret != "" && secretKey != "" && apiSecret != secretKey:
		return "", "", c.fail(exitUsage, "MAGICBELL_API_SECRET and MAGICBELL_SECRET_KEY are both set, to different keys: unset one")
	case apiSecret != "":
		return apiSecret, "MAGICBELL_API_SECRET", exitOK
	case secretKey != "":
		return secretKey, "MAGICBELL_SECRET_KEY", exitOK
	}
	return "", "", exitOK
}

// signer makes a Signer from the environment, with apiKey overriding MAGICBELL_API_KEY,
// and the command's clock. It returns a nil Signer and a status to exit with when the
// keys are missing or wrong.
func (c *command) signer(apiKey string, opts ...magicbelljwt.Option) (*magicbelljwt.Signer, int) {
	if apiKey == "" {
		apiKey = c.env("MAGICBELL_API_KEY")
	}
	if apiKey == "" {
		return nil, c.fail(exitUsage, "no API key: set MAGICBELL_API_KEY or pass -api-key")
	}
	secret, _, status := c.lookupSecretKey()
	if status != exitOK {
		return nil, status
	}
	if secret == "" {
		return nil, c.fail(exitUsage, "no secret key: set MAGICBELL_API_SECRET or MAGICBELL_SECRET_KEY (there is no flag for it, to keep it out of shell history and ps)")
	}
	s, err := magicbelljwt.NewSigner(apiKey, secret, append(opts, magicbelljwt.WithClock(now))...)
	if err != nil {
		return nil, c.fail(exitUsage, "%v", err)
	}
	return s, exitOK
}
