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
Exit status: 0 success; 1 an invalid token or a failed write; 2 a usage or configuration error.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// command is one run of the command; what it prints waits for flush (see print.go).
type command struct {
	name           string // the subcommand, "" before there is one
	stdin          io.Reader
	stdout, stderr bytes.Buffer
	// The keys in the environment that NewSignerFromEnv accepts, "" for a missing one.
	apiKey, secret, secretFrom string
}

// run is the whole command, its surroundings passed in; it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &command{stdin: stdin}
	return c.flush(c.run(args), stdout, stderr)
}

func (c *command) run(args []string) int {
	if len(args) == 0 {
		return c.usageError(usage, "no command: give sign, verify or decode")
	}
	i := slices.IndexFunc(subcommands, func(sub *subcommand) bool { return sub.name == args[0] })
	var flags map[string]string
	var rest []string
	var err error
	if i >= 0 {
		c.name = subcommands[i].name
		flags, rest, err = parseArgs(subcommands[i].flags, args[1:])
	}
	if isHelp(args[0]) || errors.Is(err, errHelp) {
		return c.help() // which reads no keys, and prints none
	}
	if err := c.readKeys(); err != nil {
		return c.usageError(keys, "%v", err)
	}
	var unknown unknownFlag
	switch {
	case i < 0:
		return c.usageError(usage, "unknown command %s: give sign, verify or decode", c.show(args[0]))
	case errors.As(err, &unknown):
		return c.usageError(usage, "unknown flag %s", c.show(string(unknown)))
	case err != nil:
		return c.usageError(usage, "%v", err)
	}
	return subcommands[i].run(c, flags, rest)
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

// unknownFlag is an argument that looks like a flag the subcommand does not take.
type unknownFlag string

func (unknownFlag) Error() string { return "unknown flag" }

// parseArgs splits args into the values of the flags named known (-name VALUE or
// -name=VALUE, one dash or two, anywhere before "--") and the other arguments.
func parseArgs(known []string, args []string) (flags map[string]string, rest []string, err error) {
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
			return nil, nil, unknownFlag(args[i])
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

// What a usage error's second line says to read about: usage, or the keys.
const usage, keys = "usage", "where the keys come from"

// usageError fails with exitUsage, and a line on where to read about what.
func (c *command) usageError(what, format string, args ...any) int {
	c.fail(exitUsage, format, args...)
	fmt.Fprintf(&c.stderr, "run 'magicbell-jwt help' for %s\n", what)
	return exitUsage
}

// readKeys reads the keys as NewSignerFromEnv does and checks them with it, or says
// why not. A missing key is left for the subcommands that need it: NewSigner checks a
// key that is set before it reports one missing.
func (c *command) readKeys() error {
	apiKey, secret, from := os.Getenv("MAGICBELL_API_KEY"), os.Getenv("MAGICBELL_API_SECRET"), "MAGICBELL_API_SECRET"
	if secret == "" {
		secret, from = os.Getenv("MAGICBELL_SECRET_KEY"), "MAGICBELL_SECRET_KEY"
	}
	_, err := magicbelljwt.NewSignerFromEnv()
	if err != nil && (apiKey != "" || !errors.Is(err, magicbelljwt.ErrInvalidAPIKey)) && (secret != "" || !errors.Is(err, magicbelljwt.ErrInvalidSecretKey)) {
		return err
	}
	c.apiKey, c.secret, c.secretFrom = apiKey, secret, from
	return nil
}

// signer makes a Signer with the keys and the command's clock, or says why not: a key
// is missing, since readKeys has checked the others.
func signer(opts ...magicbelljwt.Option) (*magicbelljwt.Signer, error) {
	return magicbelljwt.NewSignerFromEnv(append(opts, magicbelljwt.WithClock(now))...)
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
		return c.usageError(usage, "unexpected argument %s: sign takes only flags", c.show(args[0]))
	case email == "" && id == "":
		return c.usageError(usage, "no user: give -email, -external-id or both")
	}
	expiry := magicbelljwt.DefaultExpiry
	if v, ok := flags["expiry"]; ok {
		var err error
		if expiry, err = parseExpiry(v); err != nil {
			return c.usageError(usage, "-expiry %s: %v", c.show(v), err)
		}
	}
	s, err := signer(magicbelljwt.WithExpiry(expiry))
	switch {
	case errors.Is(err, magicbelljwt.ErrInvalidExpiry):
		return c.usageError(usage, "-expiry %s: %v", c.show(flags["expiry"]), err)
	case err != nil:
		return c.usageError(keys, "%v", err)
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
		return c.usageError(usage, "%s: %v", strings.Join(which, " and "), err)
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
