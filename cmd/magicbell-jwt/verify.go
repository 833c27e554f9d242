package main

import (
	"encoding/json"
	"flag"
	"strings"

	"github.com/magicbell-community/magicbelljwt"
)

var verifyCommand = subcommand{
	name:  "verify",
	usage: "[-api-key KEY] [TOKEN | -]",
	help: `Check a token with the project's keys: print its header and claims as JSON on
stdout, and when it expires on stderr. A token that holds the secret key is refused,
whatever else it holds. Without TOKEN, or with -, read it from stdin.`,
	flags: verifyFlags,
}

func verifyFlags(fs *flag.FlagSet) func(*command, []string) int {
	apiKey := apiKeyFlag(fs)
	return func(c *command, args []string) int {
		token, ok := c.token(args)
		if !ok {
			return exitUsage
		}
		s := c.signer(*apiKey)
		if s == nil {
			return exitUsage
		}
		d := newDecoded(token, c.keys)
		if d.publishedIn != nil {
			return c.fail(exitInvalid, "the token publishes the secret key, in %s: rotate the secret key in the MagicBell dashboard", strings.Join(d.publishedIn, " and "))
		}
		claims, err := s.Verify(token)
		if err != nil {
			return c.fail(exitInvalid, "invalid token: %v", err)
		}
		err = c.printJSON(struct {
			Header json.RawMessage `json:"header"`
			Claims claimsJSON      `json:"claims"`
		}{c.objectJSON(d.tok.Header), newClaimsJSON(claims)})
		if err != nil {
			return exitInvalid // run reports the failed write
		}
		c.printExpiry(claims.ExpiresAt)
		return exitOK
	}
}

// claimsJSON is how verify prints the claims Verify read: as the token carries them.
type claimsJSON struct {
	UserEmail      string `json:"user_email,omitempty"`
	UserExternalID string `json:"user_external_id,omitempty"`
	APIKey         string `json:"api_key"`
	IssuedAt       *int64 `json:"iat,omitempty"`
	ExpiresAt      int64  `json:"exp"`
}

func newClaimsJSON(c magicbelljwt.Claims) claimsJSON {
	j := claimsJSON{UserEmail: c.UserEmail, UserExternalID: c.UserExternalID, APIKey: c.APIKey, ExpiresAt: c.ExpiresAt.Unix()}
	if !c.IssuedAt.IsZero() {
		iat := c.IssuedAt.Unix()
		j.IssuedAt = &iat
	}
	return j
}
