// Command magicbell-jwt mints, verifies and decodes MagicBell User JWTs on your own
// machine: the offline alternative to pasting a project's secret key into an online
// JWT debugger.
//
// Usage:
//
//	magicbell-jwt sign [-api-key KEY] [-email EMAIL] [-external-id ID] [-expiry DURATION]
//	magicbell-jwt verify [-api-key KEY] [TOKEN | -]
//	magicbell-jwt decode [TOKEN | -]
//	magicbell-jwt help [COMMAND]
//
// The keys come from the environment: MAGICBELL_API_KEY, and MAGICBELL_API_SECRET (the
// name MagicBell's SDKs read) or MAGICBELL_SECRET_KEY. There is no flag for the secret
// key, since a flag would be kept in shell history and shown by ps. The exit status is
// 0 on success, 1 for an invalid token or a failed signing, and 2 for a usage or
// configuration error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/magicbell-community/magicbelljwt/internal/keys"
)

// Exit statuses.
const (
	exitOK      = 0
	exitInvalid = 1 // an invalid token, or signing or writing failed
	exitUsage   = 2 // bad arguments or configuration
)

// now is the command's clock; tests replace it.
var now = time.Now

// A subcommand is one verb of the command.
type subcommand struct {
	name  string
	usage string // the arguments after the name
	help  string // what it does, for its help and the overview
	// flags defines the subcommand's flags on fs and returns what runs it, given the
	// arguments that are not flags.
	flags func(fs *flag.FlagSet) func(c *command, args []string) int
}

var subcommands = []*subcommand{&signCommand, &verifyCommand, &decodeCommand}

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole command, with its surroundings passed in so that tests drive it
// in-process. It returns the exit status.
func run(args []string, env func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &command{env: env, stdin: stdin}
	out := &output{c: c, w: stdout}
	c.stdout, c.stderr = out, &output{c: c, w: stderr}
	c.readEnv()
	status := c.run(args)
	if out.err != nil {
		return c.fail(exitInvalid, "writing to stdout: %v", out.err)
	}
	return status
}

// run runs the subcommand args name.
func (c *command) run(args []string) int {
	if len(args) == 0 {
		return c.usageError("no command: give sign, verify or decode")
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		return c.help(args[1:])
	}
	sub := c.lookup(args[0])
	if sub == nil {
		return exitUsage
	}
	c.name = sub.name
	fs := flag.NewFlagSet(sub.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	runSub := sub.flags(fs)
	rest, err := parseFlags(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		c.printHelp(sub)
		return exitOK
	}
	if err != nil {
		return c.usageError("%v", err)
	}
	return runSub(c, rest)
}

// parseFlags parses the flags in args wherever they stand, before or after the other
// arguments, and returns the other arguments; after "--" every argument is one of them.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		// Parse stops at the first argument that is not a flag, or just after "--".
		left := fs.Args()
		if len(left) == 0 {
			return rest, nil
		}
		if n := len(args) - len(left); n > 0 && args[n-1] == "--" {
			return append(rest, left...), nil
		}
		rest, args = append(rest, left[0]), left[1:]
	}
}

// command is one run of a subcommand.
type command struct {
	name           string // the subcommand, "" before there is one
	env            func(string) string
	stdin          io.Reader
	stdout, stderr io.Writer // redacted (see hide)
	keys           keys.Keys // from the environment, read once
	keysErr        error
	hidden         []hidden
}

// fail prints a one-line error naming the problem on stderr and returns status.
func (c *command) fail(status int, format string, args ...any) int {
	c.warn(format, args...)
	return status
}

// warn prints one line on stderr, made terminal-safe, after the program's and the
// command's names: an error, or a note on what the command did.
func (c *command) warn(format string, args ...any) {
	prefix := "magicbell-jwt"
	if c.name != "" {
		prefix += " " + c.name
	}
	c.say("%s: %s", prefix, fmt.Sprintf(format, args...))
}

// usageError prints a one-line usage error and a hint line on stderr, and returns
// exitUsage.
func (c *command) usageError(format string, args ...any) int {
	c.fail(exitUsage, format, args...)
	topic := "magicbell-jwt help"
	if c.name != "" && c.name != "help" {
		topic += " " + c.name
	}
	fmt.Fprintf(c.stderr, "run '%s' for usage\n", topic)
	return exitUsage
}
