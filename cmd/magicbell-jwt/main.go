// Command magicbell-jwt mints, verifies and decodes MagicBell User JWTs on your own
// machine: the offline alternative to pasting a project's secret key into an online
// JWT debugger.
//
// Usage:
//
//	magicbell-jwt sign [-api-key KEY] [-email EMAIL] [-external-id ID] [-expiry DURATION]
//	magicbell-jwt verify [-api-key KEY] [TOKEN | -]
//	magicbell-jwt decode [TOKEN | -]
//
// The keys come from the environment variables MAGICBELL_API_KEY and
// MAGICBELL_SECRET_KEY. There is no flag for the secret key, since a flag would be kept
// in shell history and shown by ps. The exit status is 0 on success, 1 for an invalid
// token or a failed signing, and 2 for a usage or configuration error.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/magicbell-community/magicbelljwt"
)

// Exit statuses.
const (
	exitOK      = 0
	exitInvalid = 1 // an invalid token, or signing failed
	exitUsage   = 2 // bad arguments or configuration
)

const usage = `magicbell-jwt mints, verifies and decodes MagicBell User JWTs on your own machine,
so that no secret key is ever pasted into an online JWT debugger.

Usage:
  magicbell-jwt sign [-api-key KEY] [-email EMAIL] [-external-id ID] [-expiry DURATION]
      Print a token for the user, and a newline, on stdout. Give -email, -external-id
      or both. -expiry takes a Go duration (90m, 24h) or whole days or years (30d, 1y);
      the default is 1y.
  magicbell-jwt verify [-api-key KEY] [TOKEN | -]
      Check a token with the project's keys: print its header and claims as JSON on
      stdout, and when it expires on stderr. Without TOKEN, or with -, read it from stdin.
  magicbell-jwt decode [TOKEN | -]
      Print a token's header and payload as JSON without checking anything, and whether
      a browser's atob can read the payload, as MagicBell's JavaScript client does.
      Needs no keys.
  magicbell-jwt help
      Print this help.

Keys are read from the environment:
  MAGICBELL_API_KEY     the project's API key; -api-key overrides it
  MAGICBELL_SECRET_KEY  the project's secret key, for sign and verify. There is no flag
                        for it on purpose: a flag is kept in shell history and shown by
                        ps to everyone on the machine.

Examples:
  MAGICBELL_API_KEY=pk_... MAGICBELL_SECRET_KEY=... magicbell-jwt sign -external-id usr_l70vln
  magicbell-jwt sign -email person@example.com -external-id usr_l70vln -expiry 24h
  magicbell-jwt verify eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ...
  magicbell-jwt sign -external-id usr_l70vln | magicbell-jwt verify
  magicbell-jwt decode < token.txt

Exit status: 0 success; 1 invalid token or failed signing; 2 usage or configuration error.
`

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole command, with its surroundings passed in so that tests drive it
// in-process. It returns the exit status.
func run(args []string, env func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	c := &command{name: args[0], env: env, stdin: stdin, stdout: stdout, stderr: stderr}
	switch args[0] {
	case "sign":
		return c.sign(args[1:])
	case "verify":
		return c.verify(args[1:])
	case "decode":
		return c.decode(args[1:])
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "magicbell-jwt: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// command is one run of a subcommand.
type command struct {
	name           string
	env            func(string) string
	stdin          io.Reader
	stdout, stderr io.Writer
}

// fail prints a one-line error naming the problem and returns status.
func (c *command) fail(status int, format string, args ...any) int {
	fmt.Fprintf(c.stderr, "magicbell-jwt %s: %s\n", c.name, fmt.Sprintf(format, args...))
	return status
}

// parse parses the subcommand's flags. It returns a status to exit with, or -1 to go on.
func (c *command) parse(fs *flag.FlagSet, args []string) int {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		c.printFlags(fs, c.stdout)
		return exitOK
	}
	if err != nil {
		c.fail(exitUsage, "%v", err)
		c.printFlags(fs, c.stderr)
		return exitUsage
	}
	return -1
}

func (c *command) printFlags(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintf(w, "Flags of magicbell-jwt %s (run 'magicbell-jwt help' for more):\n", c.name)
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// signer makes a Signer from the environment, with apiKey overriding MAGICBELL_API_KEY.
func (c *command) signer(apiKey string, opts ...magicbelljwt.Option) (*magicbelljwt.Signer, int) {
	if apiKey == "" {
		apiKey = c.env("MAGICBELL_API_KEY")
	}
	if apiKey == "" {
		return nil, c.fail(exitUsage, "no API key: set MAGICBELL_API_KEY or pass -api-key")
	}
	secret := c.env("MAGICBELL_SECRET_KEY")
	if secret == "" {
		return nil, c.fail(exitUsage, "no secret key: set MAGICBELL_SECRET_KEY (there is no flag for it, to keep it out of shell history and ps)")
	}
	s, err := magicbelljwt.NewSigner(apiKey, secret, opts...)
	if err != nil {
		return nil, c.fail(exitUsage, "%v", err)
	}
	return s, exitOK
}

func (c *command) sign(args []string) int {
	fs := flag.NewFlagSet("sign", flag.ContinueOnError)
	apiKey := fs.String("api-key", "", "the project's API key (default $MAGICBELL_API_KEY)")
	email := fs.String("email", "", "the user's email address")
	id := fs.String("external-id", "", "the user's ID in your system")
	expiry := expiryFlag(magicbelljwt.DefaultExpiry)
	fs.Var(&expiry, "expiry", "how long the token stays valid: a Go duration, or whole days (30d) or years (1y)")
	if status := c.parse(fs, args); status >= 0 {
		return status
	}
	if fs.NArg() > 0 {
		return c.fail(exitUsage, "unexpected argument %q: give the user with -email or -external-id", fs.Arg(0))
	}
	if *email == "" && *id == "" {
		return c.fail(exitUsage, "no user: give -email, -external-id or both")
	}
	s, status := c.signer(*apiKey, magicbelljwt.WithExpiry(time.Duration(expiry)))
	if s == nil {
		return status
	}
	token, err := s.Sign(magicbelljwt.Claims{UserEmail: *email, UserExternalID: *id})
	if err != nil {
		return c.fail(exitInvalid, "%v", err)
	}
	fmt.Fprintln(c.stdout, token)
	return exitOK
}

func (c *command) verify(args []string) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	apiKey := fs.String("api-key", "", "the project's API key (default $MAGICBELL_API_KEY)")
	if status := c.parse(fs, args); status >= 0 {
		return status
	}
	token, status := c.token(fs)
	if status >= 0 {
		return status
	}
	s, status := c.signer(*apiKey)
	if s == nil {
		return status
	}
	claims, err := s.Verify(token)
	if err != nil {
		return c.fail(exitInvalid, "invalid token: %v", err)
	}
	header, _ := decodeSegment(token[:strings.IndexByte(token, '.')]) // Verify has decoded it
	err = c.printJSON(struct {
		Header json.RawMessage `json:"header"`
		Claims claimsJSON      `json:"claims"`
	}{header, newClaimsJSON(claims)})
	if err != nil {
		return c.fail(exitInvalid, "%v", err)
	}
	c.printExpiry(claims.ExpiresAt)
	return exitOK
}

func (c *command) decode(args []string) int {
	fs := flag.NewFlagSet("decode", flag.ContinueOnError)
	if status := c.parse(fs, args); status >= 0 {
		return status
	}
	token, status := c.token(fs)
	if status >= 0 {
		return status
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return c.fail(exitInvalid, "malformed token: %d segments, want 3 separated by dots", len(parts))
	}
	header, err := decodeSegment(parts[0])
	if err != nil {
		return c.fail(exitInvalid, "malformed token: header: %v", err)
	}
	payload, err := decodeSegment(parts[1])
	if err != nil {
		return c.fail(exitInvalid, "malformed token: payload: %v", err)
	}
	err = c.printJSON(struct {
		Header  json.RawMessage `json:"header"`
		Payload json.RawMessage `json:"payload"`
	}{header, payload})
	if err != nil {
		return c.fail(exitInvalid, "malformed token: %v", err)
	}
	fmt.Fprintln(c.stderr, "UNVERIFIED: the signature and claims were not checked; use 'magicbell-jwt verify' for that.")
	if strings.ContainsAny(parts[1], "-_") {
		fmt.Fprintln(c.stderr, "atob: NOT readable by a browser: the payload's base64url has '-' or '_', on which atob throws; MagicBell's JavaScript client cannot read this token.")
	} else {
		fmt.Fprintln(c.stderr, "atob: readable by a browser, as MagicBell's JavaScript client reads it.")
	}
	var p struct{ Exp float64 }
	if json.Unmarshal(payload, &p) == nil && p.Exp != 0 {
		c.printExpiry(time.Unix(int64(p.Exp), 0))
	}
	return exitOK
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

// token returns the one token named by the positional arguments: the argument itself,
// or stdin when there is none or it is "-". It returns a status to exit with, or -1.
func (c *command) token(fs *flag.FlagSet) (string, int) {
	switch {
	case fs.NArg() > 1:
		return "", c.fail(exitUsage, "%d arguments, want one token", fs.NArg())
	case fs.NArg() == 1 && fs.Arg(0) != "-":
		return fs.Arg(0), -1
	}
	// A token is a few hundred bytes; reading a little past the library's 8 KiB limit
	// is enough for Verify to report an oversized one.
	b, err := io.ReadAll(io.LimitReader(c.stdin, 64<<10))
	if err != nil {
		return "", c.fail(exitUsage, "reading the token from stdin: %v", err)
	}
	token := strings.TrimSpace(string(b))
	if token == "" {
		return "", c.fail(exitUsage, "no token: pass it as an argument or on stdin")
	}
	return token, -1
}

// decodeSegment decodes one segment of a token from base64url.
func decodeSegment(seg string) ([]byte, error) {
	b, err := base64.RawURLEncoding.Strict().DecodeString(seg)
	if err != nil {
		return nil, errors.New("not base64url")
	}
	return b, nil
}

// printJSON prints v as indented JSON on stdout, with non-ASCII characters as they are.
func (c *command) printJSON(v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return errors.New("header or payload is not JSON")
	}
	_, err := c.stdout.Write(buf.Bytes())
	return err
}

// printExpiry says on stderr when exp is, in local time and UTC, and how far from now.
func (c *command) printExpiry(exp time.Time) {
	d := time.Until(exp).Round(time.Second)
	when := "expires in " + days(d)
	if d <= 0 {
		when = "expired " + days(-d) + " ago"
	}
	fmt.Fprintf(c.stderr, "exp: %s (%s), %s\n",
		exp.Local().Format("2006-01-02 15:04:05 MST"), exp.UTC().Format("2006-01-02 15:04:05 MST"), when)
}

// days formats d with whole days split off: "364d23h59m59s", "365d0s".
func days(d time.Duration) string {
	const day = 24 * time.Hour
	if d < day {
		return d.String()
	}
	return fmt.Sprintf("%dd%s", d/day, d%day)
}

// expiryFlag is a duration flag that also takes whole days ("30d") and years ("1y",
// 365 days).
type expiryFlag time.Duration

func (e *expiryFlag) Set(s string) error {
	var unit time.Duration
	switch {
	case strings.HasSuffix(s, "d"):
		unit = 24 * time.Hour
	case strings.HasSuffix(s, "y"):
		unit = 365 * 24 * time.Hour
	default:
		d, err := time.ParseDuration(s)
		if err != nil {
			return errors.New("want a Go duration such as 90m or 24h, or days or years such as 30d or 1y")
		}
		*e = expiryFlag(d)
		return nil
	}
	n, err := strconv.ParseInt(s[:len(s)-1], 10, 64)
	if err != nil || n <= 0 || n > int64(1<<63-1)/int64(unit) {
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
	for _, u := range []struct {
		suffix string
		unit   time.Duration
	}{{"y", 365 * 24 * time.Hour}, {"d", 24 * time.Hour}} {
		if d > 0 && d%u.unit == 0 {
			return strconv.FormatInt(int64(d/u.unit), 10) + u.suffix
		}
	}
	return d.String()
}
