// Command tokens is the Go side of the interop suite (see ../interop.test.mjs). It uses
// the library the way an application does, with the keys from MAGICBELL_API_KEY and
// MAGICBELL_API_SECRET read by NewSignerFromEnv, and speaks JSON on stdin and stdout:
//
//	tokens mint [-expiry D]   [{"email": E, "id": I}, ...]  ->  ["token", ...]
//	tokens verify             ["token", ...]                ->  [{"claims": {...}} or {"errors": ["ErrTokenExpired", ...]}, ...]
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/magicbell-community/magicbelljwt"
)

// sentinels are the errors Verify's results are reported by, matched with errors.Is.
var sentinels = map[string]error{
	"ErrTokenMalformed":            jwt.ErrTokenMalformed,
	"ErrTokenUnverifiable":         jwt.ErrTokenUnverifiable,
	"ErrTokenSignatureInvalid":     jwt.ErrTokenSignatureInvalid,
	"ErrTokenExpired":              jwt.ErrTokenExpired,
	"ErrTokenRequiredClaimMissing": jwt.ErrTokenRequiredClaimMissing,
	"ErrTokenUsedBeforeIssued":     jwt.ErrTokenUsedBeforeIssued,
	"ErrNoUser":                    magicbelljwt.ErrNoUser,
	"ErrInvalidEmail":              magicbelljwt.ErrInvalidEmail,
	"ErrInvalidExternalID":         magicbelljwt.ErrInvalidExternalID,
	"ErrAPIKeyMismatch":            magicbelljwt.ErrAPIKeyMismatch,
}

// result is what Verify made of one token: the claims it read, or the sentinels its
// error wraps.
type result struct {
	Claims *claims  `json:"claims,omitempty"`
	Errors []string `json:"errors,omitempty"`
}

// claims are the claims Verify read, with the times in seconds since 1970, fractions
// kept, and iat left out when the token has none.
type claims struct {
	UserEmail      string  `json:"user_email,omitempty"`
	UserExternalID string  `json:"user_external_id,omitempty"`
	APIKey         string  `json:"api_key"`
	IssuedAt       float64 `json:"iat,omitempty"`
	ExpiresAt      float64 `json:"exp"`
}

// seconds is t in seconds since 1970; UnixNano would overflow after the year 2262.
func seconds(t time.Time) float64 { return float64(t.Unix()) + float64(t.Nanosecond())/1e9 }

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "tokens:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return errors.New("usage: tokens mint [-expiry D] | tokens verify")
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	expiry := fs.Duration("expiry", magicbelljwt.DefaultExpiry, "token lifetime")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	s, err := magicbelljwt.NewSignerFromEnv(magicbelljwt.WithExpiry(*expiry))
	if err != nil {
		return err
	}
	dec, enc := json.NewDecoder(os.Stdin), json.NewEncoder(os.Stdout)
	switch args[0] {
	case "mint":
		var users []struct{ Email, ID string }
		if err := dec.Decode(&users); err != nil {
			return err
		}
		tokens := make([]string, len(users))
		for i, u := range users {
			if tokens[i], err = s.Sign(magicbelljwt.Claims{UserEmail: u.Email, UserExternalID: u.ID}); err != nil {
				return fmt.Errorf("user %d: %w", i, err)
			}
		}
		return enc.Encode(tokens)
	case "verify":
		var tokens []string
		if err := dec.Decode(&tokens); err != nil {
			return err
		}
		results := make([]result, len(tokens))
		for i, tok := range tokens {
			c, err := s.Verify(tok)
			if err == nil {
				results[i].Claims = &claims{c.UserEmail, c.UserExternalID, c.APIKey, 0, seconds(c.ExpiresAt)}
				if !c.IssuedAt.IsZero() {
					results[i].Claims.IssuedAt = seconds(c.IssuedAt)
				}
			}
			for name, sentinel := range sentinels {
				if errors.Is(err, sentinel) {
					results[i].Errors = append(results[i].Errors, name)
				}
			}
			sort.Strings(results[i].Errors)
			if err != nil && results[i].Errors == nil {
				results[i].Errors = []string{err.Error()}
			}
		}
		return enc.Encode(results)
	}
	return fmt.Errorf("unknown command %q", args[0])
}
