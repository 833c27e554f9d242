package main

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"time"

	"github.com/magicbell-community/magicbelljwt"
	"github.com/magicbell-community/magicbelljwt/internal/words"
)

var signCommand = subcommand{
	name:  "sign",
	usage: "[-api-key KEY] [-email EMAIL] [-external-id ID] [-expiry DURATION]",
	help: `Print a token for the user, and a newline, on stdout. Give -email, -external-id
or both. -expiry takes a Go duration (90m, 24h) or whole days or years (30d, 1y);
the default is 1y.`,
	flags: signFlags,
}

func signFlags(fs *flag.FlagSet) func(*command, []string) int {
	apiKey := apiKeyFlag(fs)
	email := fs.String("email", "", "the user's email address")
	id := fs.String("external-id", "", "the user's ID in your system")
	expiry := expiryFlag(magicbelljwt.DefaultExpiry)
	fs.Var(&expiry, "expiry", "how long the token stays valid: a Go duration, or whole days (30d) or years (1y, 365 days)")
	return func(c *command, args []string) int {
		if len(args) > 0 {
			return c.usageError("unexpected argument %q: sign takes only flags", args[0])
		}
		if *email == "" && *id == "" {
			return c.usageError("no user: give -email, -external-id or both")
		}
		s := c.signer(*apiKey, magicbelljwt.WithExpiry(time.Duration(expiry)))
		if s == nil {
			return exitUsage
		}
		token, err := s.Sign(magicbelljwt.Claims{UserEmail: *email, UserExternalID: *id})
		if err != nil {
			return c.fail(exitInvalid, "%v", err)
		}
		if _, err := fmt.Fprintln(c.stdout, token); err != nil {
			return exitInvalid // run reports the failed write
		}
		return exitOK
	}
}

const (
	day  = 24 * time.Hour
	year = 365 * day

	// maxExpiry is the longest expiry in whole seconds that a time.Duration holds.
	maxExpiry = math.MaxInt64 / time.Second * time.Second
)

// goDuration matches what time.ParseDuration accepts, so that an input it refuses is
// known to be too long rather than misspelt.
var goDuration = regexp.MustCompile(`^[-+]?([0-9]*(\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+$`)

// expiryFlag is a duration flag that also takes whole days ("30d") and years ("1y",
// 365 days).
type expiryFlag time.Duration

func (e *expiryFlag) Set(s string) error {
	tooLong := fmt.Errorf("%s is over the largest expiry, %s (about %d years)", s, words.Duration(maxExpiry), maxExpiry/year)
	unit := map[string]time.Duration{"d": day, "y": year}[s[max(len(s)-1, 0):]]
	if unit == 0 {
		d, err := time.ParseDuration(s)
		switch {
		case err != nil && goDuration.MatchString(s):
			return tooLong
		case err != nil:
			return errors.New("want a Go duration such as 90m or 24h, or days or years such as 30d or 1y")
		}
		*e = expiryFlag(d)
		return nil
	}
	n, err := strconv.ParseUint(s[:len(s)-1], 10, 64)
	switch {
	case errors.Is(err, strconv.ErrRange), n > uint64(maxExpiry/unit):
		return tooLong
	case n == 0: // or not a number, which ParseUint returns as 0
		return errors.New("want a positive whole number before d or y, such as 30d or 1y")
	}
	*e = expiryFlag(time.Duration(n) * unit)
	return nil
}

func (e *expiryFlag) String() string {
	if e == nil {
		return ""
	}
	d := time.Duration(*e)
	if y := d / year; y > 0 && d == y*year {
		return strconv.FormatInt(int64(y), 10) + "y"
	}
	return words.Duration(d) // in days, hours, minutes and seconds
}
