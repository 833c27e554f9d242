// Command magicbell-jwt mints, verifies and decodes MagicBell User JWTs on your own
// machine, so that no secret key is pasted into an online JWT debugger. It never
// prints the secret key: README.md beside this file says what that covers.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/magicbell-community/magicbelljwt"
	"github.com/magicbell-community/magicbelljwt/internal/keys"
)

// Exit statuses.
const (
	exitOK      = 0
	exitInvalid = 1 // an invalid token, or a failed write
	exitUsage   = 2 // bad arguments or configuration
)

// now is the command's clock; tests replace it.
var now = time.Now

// A subcommand is one verb of the command, with the names of the flags it takes.
type subcommand struct {
	name, usage, help string
	flags             []string
	run               func(c *command, flags map[string]string, args []string) int
}

var subcommands = []*subcommand{&signCommand, &verifyCommand, &decodeCommand}

const help = `magicbell-jwt mints, verifies and decodes MagicBell User JWTs on your own machine.

%sThe keys come from MAGICBELL_API_KEY, and MAGICBELL_API_SECRET or MAGICBELL_SECRET_KEY,
as in the MagicBell dashboard: your project, Settings, User Auth. No flag takes the
secret key, which a shell's history or ps would show; nothing printed holds it.
Exit status: 0 success; 1 an invalid token or a failed write; 2 a usage error.
`

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr))
}

// command is one run of the command; what it prints waits for flush (see print.go).
type command struct {
	name           string // the subcommand, "" before there is one
	env            func(string) string
	stdin          io.Reader
	stdout, stderr bytes.Buffer
	secrets        []string // the secret keys, which nothing printed may hold
}

// run is the whole command, its surroundings passed in; it returns the exit status.
func run(args []string, env func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &command{env: env, stdin: stdin}
	for _, name := range []string{keys.SecretVar, keys.OtherSecretVar} {
		s := keys.Bare(env(name))
		if quote(s) != `"`+s+`"` {
			return c.flush(c.fail(exitUsage, "%s holds a character that the command escapes, such as a control character, a quote or a backslash: it cannot keep such a key out of what it prints, and no MagicBell key holds one", name), stdout, stderr)
		}
		if s != "" {
			c.secrets = append(c.secrets, s)
		}
	}
	return c.flush(c.run(args), stdout, stderr)
}

func (c *command) run(args []string) int {
	if len(args) == 0 {
		return c.usageError("no command: give sign, verify or decode")
	}
	if isHelp(args[0]) {
		return c.help()
	}
	for _, sub := range subcommands {
		if sub.name != args[0] {
			continue
		}
		c.name = sub.name
		flags, rest, err := c.parseArgs(sub.flags, args[1:])
		switch {
		case errors.Is(err, errHelp):
			return c.help()
		case err != nil:
			return c.usageError("%v", err)
		}
		return sub.run(c, flags, rest)
	}
	return c.usageError("unknown command %s: give sign, verify or decode", c.show(args[0]))
}

// help prints every subcommand's help, and where the keys come from, on stdout.
func (c *command) help() int {
	var subs strings.Builder
	for _, sub := range subcommands {
		fmt.Fprintf(&subs, "magicbell-jwt %s %s\n  %s\n\n", sub.name, sub.usage, strings.ReplaceAll(sub.help, "\n", "\n  "))
	}
	fmt.Fprintf(&c.stdout, help, subs.String())
	return exitOK
}

func isHelp(arg string) bool {
	return arg == "help" || arg == "-h" || arg == "-help" || arg == "--help"
}

var errHelp = errors.New("help")

// parseArgs splits args into the values of the flags named known (-name VALUE or
// -name=VALUE, one dash or two, anywhere before "--") and the other arguments.
func (c *command) parseArgs(known []string, args []string) (flags map[string]string, rest []string, err error) {
	flags = map[string]string{}
	for i := 0; i < len(args); i++ {
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(args[i], "-"), "-"), "=")
		switch {
		case args[i] == "--":
			return flags, append(rest, args[i+1:]...), nil
		case len(args[i]) < 2 || args[i][0] != '-':
			rest = append(rest, args[i])
		case isHelp(args[i]):
			return nil, nil, errHelp
		case !slices.Contains(known, name):
			return nil, nil, fmt.Errorf("unknown flag %s", c.show(args[i]))
		case !hasValue && i+1 == len(args):
			return nil, nil, fmt.Errorf("-%s needs a value", name)
		case !hasValue:
			i++
			value = args[i]
			fallthrough
		default:
			flags[name] = value
		}
	}
	return flags, rest, nil
}

// fail prints a line on stderr after the program's and command's names; it returns status.
func (c *command) fail(status int, format string, args ...any) int {
	fmt.Fprintf(&c.stderr, "%s: %s\n", strings.TrimSpace("magicbell-jwt "+c.name), fmt.Sprintf(format, args...))
	return status
}

// usageError fails with exitUsage, and a line on where to read about usage.
func (c *command) usageError(format string, args ...any) int {
	c.fail(exitUsage, format, args...)
	c.stderr.WriteString("run 'magicbell-jwt help' for usage\n")
	return exitUsage
}

// keySentinels are the library's sentinels, which internal/keys wraps.
var keySentinels = keys.Sentinels{APIKey: magicbelljwt.ErrInvalidAPIKey, Secret: magicbelljwt.ErrInvalidSecretKey, Swapped: magicbelljwt.ErrKeysSwapped}

// projectKeys returns the keys from the environment, checked as NewSignerFromEnv checks
// them, but for an absent key without needBoth; or says why not and returns false.
func (c *command) projectKeys(needBoth bool) (keys.Keys, bool) {
	k, err := keys.FromEnv(c.env, keySentinels)
	if err == nil {
		err = keys.Check(k, needBoth, keySentinels)
	}
	if err != nil {
		c.fail(exitUsage, "%v", err)
		c.stderr.WriteString("run 'magicbell-jwt help' for where the keys come from\n")
	}
	return k, err == nil
}

// signer makes a Signer with projectKeys and the command's clock, or says why not.
func (c *command) signer(opts ...magicbelljwt.Option) *magicbelljwt.Signer {
	k, ok := c.projectKeys(true)
	if !ok {
		return nil
	}
	s, err := magicbelljwt.NewSigner(k.APIKey, k.Secret, append(opts, magicbelljwt.WithClock(now))...)
	if err != nil { // projectKeys has checked the keys: an option is wrong
		c.fail(exitUsage, "%v", err)
	}
	return s
}

var signCommand = subcommand{
	name:  "sign",
	usage: "[-email EMAIL] [-external-id ID] [-expiry DURATION]",
	help: `Print a token for the user, and a newline, on stdout. Give -email, -external-id
or both. -expiry is a whole number of seconds, minutes, hours, days or years
(365 days): 90s, 15m, 24h, 30d, 1y; the default is 1y.`,
	flags: []string{"email", "external-id", "expiry"},
	run:   sign,
}

func sign(c *command, flags map[string]string, args []string) int {
	email, id := flags["email"], flags["external-id"]
	switch {
	case len(args) > 0:
		return c.usageError("unexpected argument %s: sign takes only flags", c.show(args[0]))
	case email == "" && id == "":
		return c.usageError("no user: give -email, -external-id or both")
	}
	expiry := magicbelljwt.DefaultExpiry
	if v, ok := flags["expiry"]; ok {
		var err error
		if expiry, err = parseExpiry(v); err != nil {
			return c.usageError("-expiry %s: %v", c.show(v), err)
		}
	}
	s := c.signer(magicbelljwt.WithExpiry(expiry))
	if s == nil {
		return exitUsage
	}
	token, err := s.Sign(magicbelljwt.Claims{UserEmail: email, UserExternalID: id})
	var which []string
	for _, f := range []struct {
		flag     string
		sentinel error
	}{{"-email", magicbelljwt.ErrInvalidEmail}, {"-external-id", magicbelljwt.ErrInvalidExternalID}} {
		if errors.Is(err, f.sentinel) {
			which = append(which, f.flag)
		}
	}
	switch {
	case which != nil:
		return c.fail(exitUsage, "%s: %v", strings.Join(which, " and "), err)
	case err != nil:
		return c.fail(exitInvalid, "%v", err)
	}
	fmt.Fprintln(&c.stdout, token)
	return exitOK
}

// maxExpiry is the longest expiry in whole seconds that a time.Duration holds.
const maxExpiry = math.MaxInt64 / time.Second * time.Second

// parseExpiry reads a whole number and a unit: s, m, h, d, or y (365 days). The
// library's WithExpiry refuses 0.
func parseExpiry(s string) (time.Duration, error) {
	unit := map[string]time.Duration{"s": time.Second, "m": time.Minute, "h": time.Hour, "d": 24 * time.Hour, "y": 365 * 24 * time.Hour}[s[max(len(s)-1, 0):]]
	digits := strings.TrimRight(s, "smhdy") // one letter less than s when s ends in a unit
	n, err := strconv.ParseUint(digits, 10, 64)
	switch {
	case len(digits) != len(s)-1 || errors.Is(err, strconv.ErrSyntax):
		return 0, errors.New("malformed: want a whole number and a unit, such as 90s, 15m, 24h, 30d or 1y")
	case n > uint64(maxExpiry/unit): // ParseUint's error for a number too large is the largest uint64
		return 0, fmt.Errorf("over the largest expiry, %dd (about %d years)", maxExpiry/(24*time.Hour), maxExpiry/(365*24*time.Hour))
	}
	return time.Duration(n) * unit, nil
}
