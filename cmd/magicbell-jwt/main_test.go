package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"hash"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/magicbell-community/magicbelljwt"
)

const (
	apiKey = "pk_JJUxO8amaaK21G08w9q0_218239574"
	secret = "sk_Zq8VbN2xLw7s3cr3tK9pT4"
)

// bothKeys is the environment of a configured machine, under the names MagicBell's SDKs read.
var bothKeys = map[string]string{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": secret}

// testNow is the command's clock in the tests that set it with atTime.
var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// atTime sets the command's clock to t and the local time zone to loc for one test.
func atTime(tb testing.TB, t time.Time, loc *time.Location) {
	tb.Helper()
	oldNow, oldLocal := now, time.Local
	now, time.Local = func() time.Time { return t }, loc
	tb.Cleanup(func() { now, time.Local = oldNow, oldLocal })
}

type result struct {
	code           int
	stdout, stderr string
}

func runWith(env map[string]string, stdin string, args ...string) result {
	var stdout, stderr bytes.Buffer
	code := run(args, func(k string) string { return env[k] }, strings.NewReader(stdin), &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

// tokenAt mints a token with the library for a user, as of t, valid for expiry.
func tokenAt(tb testing.TB, key, sec string, t time.Time, expiry time.Duration) string {
	tb.Helper()
	s, err := magicbelljwt.NewSigner(key, sec, magicbelljwt.WithExpiry(expiry), magicbelljwt.WithClock(func() time.Time { return t }))
	if err != nil {
		tb.Fatal(err)
	}
	tok, err := s.Sign(magicbelljwt.Claims{UserEmail: "person@example.com", UserExternalID: "Zoë 🎉"})
	if err != nil {
		tb.Fatal(err)
	}
	return tok
}

// mint builds a token by hand from a raw header and payload, signed with HMAC-SHA256
// and secret whatever the header says.
func mint(header, payload string) string { return mintWith(sha256.New, header, payload) }

// mintWith is mint with another hash for the HMAC.
func mintWith(h func() hash.Hash, header, payload string) string {
	input := b64(header) + "." + b64(payload)
	m := hmac.New(h, []byte(secret))
	m.Write([]byte(input))
	return input + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// payloadOf decodes a token's payload by hand, after checking its signature.
func payloadOf(t *testing.T, tok string) map[string]any {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("not a token: %q", tok)
	}
	sig := hmac.New(sha256.New, []byte(secret))
	sig.Write([]byte(parts[0] + "." + parts[1]))
	if base64.RawURLEncoding.EncodeToString(sig.Sum(nil)) != parts[2] {
		t.Fatalf("token is not signed with the secret key")
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestHelp(t *testing.T) {
	for _, tt := range []struct {
		args       []string
		want, not  []string
		wantStatus int
	}{
		{[]string{"help"}, []string{"Commands:", "magicbell-jwt decode [-api-key KEY] [TOKEN | -]", "MAGICBELL_API_SECRET", "Exit status"}, nil, 0},
		{[]string{"-h"}, []string{"Commands:"}, nil, 0},
		{[]string{"-help"}, []string{"Commands:"}, nil, 0},
		{[]string{"--help"}, []string{"Commands:"}, nil, 0},
		{[]string{"help", "sign"}, []string{"Usage: magicbell-jwt sign [-api-key KEY]", "\nFlags:\n", "-external-id", "(default 1y)"}, []string{"Commands:"}, 0},
		{[]string{"sign", "-h"}, []string{"Usage: magicbell-jwt sign", "-external-id"}, nil, 0},
		{[]string{"sign", "-help"}, []string{"Usage: magicbell-jwt sign", "-external-id"}, nil, 0},
		{[]string{"verify", "--help"}, []string{"Usage: magicbell-jwt verify", "-api-key"}, nil, 0},
		{[]string{"help", "decode"}, []string{"Usage: magicbell-jwt decode [-api-key KEY] [TOKEN | -]", "ok, warn, FAIL or skip", "-api-key"}, nil, 0},
		{[]string{"decode", "-h"}, []string{"Usage: magicbell-jwt decode"}, nil, 0},
	} {
		r := runWith(nil, "", tt.args...)
		if r.code != tt.wantStatus || r.stderr != "" {
			t.Errorf("%v: exit %d, stderr %q", tt.args, r.code, r.stderr)
		}
		for _, want := range tt.want {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("%v: stdout does not say %q:\n%s", tt.args, want, r.stdout)
			}
		}
		for _, not := range tt.not {
			if strings.Contains(r.stdout, not) {
				t.Errorf("%v: stdout says %q:\n%s", tt.args, not, r.stdout)
			}
		}
	}
}

func TestPrintHelp_NoFlagsNoHeader(t *testing.T) {
	var stdout strings.Builder
	c := &command{stdout: &stdout}
	c.printHelp(&subcommand{name: "x", usage: "[ARG]", help: "Does x.", flags: func(*flag.FlagSet) func(*command, []string) int { return nil }})
	if want := "Usage: magicbell-jwt x [ARG]\n\nDoes x.\n\nRun 'magicbell-jwt help' for the keys, examples and exit statuses.\n"; stdout.String() != want {
		t.Errorf("help = %q, want %q", stdout.String(), want)
	}
}

// keyHint is the line after an error in the keys.
const keyHint = "run 'magicbell-jwt help' for where the keys come from (-api-key overrides MAGICBELL_API_KEY)"

// TestErrorsAreOneLine checks that every error is one line on stderr, naming the
// command, and at most one hint line, which names the help to read.
func TestErrorsAreOneLine(t *testing.T) {
	tests := []struct {
		name   string
		env    map[string]string
		stdin  string
		args   []string
		code   int
		stderr string // what the first line says
		hint   string // the second line, "" for none
	}{
		{"no arguments", nil, "", nil, 2, "magicbell-jwt: no command", "run 'magicbell-jwt help' for usage"},
		{"a misspelt command", nil, "", []string{"sing"}, 2, `magicbell-jwt: unknown command "sing"; did you mean "sign"?`, "run 'magicbell-jwt help' for usage"},
		{"another misspelt command", nil, "", []string{"verfy"}, 2, `did you mean "verify"?`, "run 'magicbell-jwt help' for usage"},
		{"an unknown command, far from any", nil, "", []string{"mint"}, 2, `magicbell-jwt: unknown command "mint"` + "\n", "run 'magicbell-jwt help' for usage"},
		{"help of an unknown command", nil, "", []string{"help", "decod"}, 2, `magicbell-jwt help: unknown command "decod"; did you mean "decode"?`, "run 'magicbell-jwt help' for usage"},
		{"help of two commands", nil, "", []string{"help", "sign", "verify"}, 2, "2 arguments, want at most one command", "run 'magicbell-jwt help' for usage"},
		{"an unknown flag", bothKeys, "", []string{"sign", "-secret", "x"}, 2, "magicbell-jwt sign: flag provided but not defined: -secret", "run 'magicbell-jwt help sign' for usage"},
		{"an argument to sign", bothKeys, "", []string{"sign", "-external-id", "u", "extra"}, 2, `unexpected argument "extra": sign takes only flags`, "run 'magicbell-jwt help sign' for usage"},
		{"sign without a user", bothKeys, "", []string{"sign"}, 2, "no user: give -email, -external-id or both", "run 'magicbell-jwt help sign' for usage"},
		{"a bad expiry", bothKeys, "", []string{"sign", "-external-id", "u", "-expiry", "soon"}, 2, "Go duration", "run 'magicbell-jwt help sign' for usage"},
		{"a negative number of days", bothKeys, "", []string{"sign", "-external-id", "u", "-expiry", "-3d"}, 2, "positive whole number", "run 'magicbell-jwt help sign' for usage"},
		{"a zero expiry", bothKeys, "", []string{"sign", "-external-id", "u", "-expiry", "0s"}, 2, "invalid expiry", ""},
		{"a sub-second expiry", bothKeys, "", []string{"sign", "-external-id", "u", "-expiry", "1.5s"}, 2, "whole number of seconds", ""},
		{"an email and an ID both invalid", bothKeys, "", []string{"sign", "-email", "Person <p@example.com>", "-external-id", " u"}, 1, "not a bare address like person@example.com; invalid user external ID: leading or trailing whitespace", ""},
		{"an email with a C1 control", bothKeys, "", []string{"sign", "-email", "a\u009b31mX@example.com"}, 1, "invalid user email: contains a control character", ""},
		{"no secret key", map[string]string{"MAGICBELL_API_KEY": apiKey}, "", []string{"sign", "-external-id", "u"}, 2, "magicbell-jwt sign: magicbelljwt: invalid secret key: MAGICBELL_API_SECRET (or MAGICBELL_SECRET_KEY) is empty or unset\n", keyHint},
		{"no API key", map[string]string{"MAGICBELL_API_SECRET": secret}, "", []string{"sign", "-external-id", "u"}, 2, "magicbell-jwt sign: magicbelljwt: invalid API key: MAGICBELL_API_KEY is empty or unset\n", keyHint},
		{"a secret with its newline", map[string]string{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": secret + "\n"}, "", []string{"sign", "-external-id", "u"}, 2, "invalid secret key: MAGICBELL_API_SECRET has a trailing newline (often from a file or an environment variable): remove it\n", keyHint},
		{"keys swapped", map[string]string{"MAGICBELL_API_KEY": secret, "MAGICBELL_API_SECRET": apiKey}, "", []string{"sign", "-external-id", "u"}, 2, "look swapped: the secret key in MAGICBELL_API_SECRET starts with pk_, the prefix of MagicBell API keys\n", keyHint},
		{"verify with two tokens", bothKeys, "", []string{"verify", "a", "b"}, 2, "2 arguments, want one token", "run 'magicbell-jwt help verify' for usage"},
		{"decode with two secret variables, different", map[string]string{"MAGICBELL_API_SECRET": secret, "MAGICBELL_SECRET_KEY": "sk_other_key"}, "", []string{"decode", "a.b.c"}, 2,
			"magicbell-jwt decode: magicbelljwt: invalid secret key: MAGICBELL_API_SECRET and MAGICBELL_SECRET_KEY are both set, to different keys: unset one\n", keyHint},
		{"decode with a padded -api-key", nil, "", []string{"decode", "-api-key", apiKey + " ", "a.b.c"}, 2,
			"magicbell-jwt decode: magicbelljwt: invalid API key: -api-key has leading or trailing whitespace: remove it\n", keyHint},
		{"verify with empty stdin", bothKeys, " \n", []string{"verify"}, 2, "no token", "run 'magicbell-jwt help verify' for usage"},
		{"decode with empty stdin", nil, "", []string{"decode", "-"}, 2, "no token", "run 'magicbell-jwt help decode' for usage"},
		{"verify of a malformed token", bothKeys, "", []string{"verify", "not-a-token"}, 1, "magicbell-jwt verify: invalid token: magicbelljwt: token is malformed", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runWith(tt.env, tt.stdin, tt.args...)
			if r.code != tt.code || r.stdout != "" {
				t.Errorf("exit %d, stdout %q; want exit %d and nothing", r.code, r.stdout, tt.code)
			}
			lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
			if !strings.HasPrefix(lines[0], "magicbell-jwt") || !strings.Contains(lines[0]+"\n", tt.stderr) {
				t.Errorf("stderr %q, want a first line naming the command and saying %q", r.stderr, tt.stderr)
			}
			if tt.hint == "" && len(lines) != 1 || tt.hint != "" && (len(lines) != 2 || lines[1] != tt.hint) {
				t.Errorf("stderr %q, want one line and the hint %q", r.stderr, tt.hint)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"sign", "sign", 0}, {"sing", "sign", 2}, {"sig", "sign", 1}, {"verfy", "verify", 1}, {"", "abc", 3}, {"mint", "sign", 3}, {"decodes", "decode", 1}} {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestFlagsMayFollowTheToken(t *testing.T) {
	atTime(t, testNow, time.UTC)
	tok := tokenAt(t, "pk_other", secret, testNow, time.Hour)
	for _, args := range [][]string{
		{"verify", "-api-key", "pk_other", tok},
		{"verify", tok, "-api-key", "pk_other"},
		{"verify", tok, "-api-key=pk_other"},
	} {
		if r := runWith(bothKeys, "", args...); r.code != 0 || !strings.Contains(r.stdout, `"api_key": "pk_other"`) {
			t.Errorf("%v: exit %d, stderr %q", args[:2], r.code, r.stderr)
		}
	}
	// After "--" nothing is a flag: "-api-key" is then a second argument.
	if r := runWith(bothKeys, "", "verify", "--", tok, "-api-key"); r.code != 2 || !strings.Contains(r.stderr, "2 arguments") {
		t.Errorf("verify -- TOKEN -api-key: exit %d, stderr %q", r.code, r.stderr)
	}
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	b := fs.Bool("b", false, "")
	if got, err := parseFlags(fs, []string{"a", "--", "-b", "c"}); err != nil || strings.Join(got, " ") != "a -b c" || *b {
		t.Errorf("parseFlags = %q, %v, -b %v; want -b left as an argument", got, err, *b)
	}
	if got, err := parseFlags(fs, []string{"a", "-b", "c"}); err != nil || strings.Join(got, " ") != "a c" || !*b {
		t.Errorf("parseFlags = %q, %v, -b %v; want -b parsed", got, err, *b)
	}
	*b = false
	if got, err := parseFlags(fs, []string{"a", "c", "-b"}); err != nil || strings.Join(got, " ") != "a c" || !*b {
		t.Errorf("parseFlags = %q, %v, -b %v; want -b after two arguments parsed", got, err, *b)
	}
	*b = false
	c := fs.Bool("c", false, "")
	if got, err := parseFlags(fs, []string{"-b", "a", "-c"}); err != nil || strings.Join(got, " ") != "a" || !*b || !*c {
		t.Errorf("parseFlags = %q, %v, -b %v, -c %v; want flags before and after the argument parsed", got, err, *b, *c)
	}
	if r := runWith(bothKeys, "", "verify", tok, "extra", "-api-key", "pk_other"); r.code != 2 || !strings.Contains(r.stderr, "2 arguments, want one token") {
		t.Errorf("verify TOKEN extra -api-key: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestSecretKeyVariables checks both names of the secret key: MagicBell's SDKs read
// MAGICBELL_API_SECRET, and earlier versions of this command MAGICBELL_SECRET_KEY.
func TestSecretKeyVariables(t *testing.T) {
	atTime(t, testNow, time.UTC)
	for _, tt := range []struct {
		name string
		env  map[string]string
		code int
	}{
		{"MAGICBELL_API_SECRET", map[string]string{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": secret}, 0},
		{"MAGICBELL_SECRET_KEY", map[string]string{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_SECRET_KEY": secret}, 0},
		{"both, the same", map[string]string{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": secret, "MAGICBELL_SECRET_KEY": secret}, 0},
		{"both, different", map[string]string{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": secret, "MAGICBELL_SECRET_KEY": "sk_other_key"}, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := runWith(tt.env, "", "sign", "-external-id", "u")
			if r.code != tt.code {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			if tt.code == 0 {
				payloadOf(t, strings.TrimSpace(r.stdout)) // signed with secret
				return
			}
			if !strings.Contains(r.stderr, "MAGICBELL_API_SECRET and MAGICBELL_SECRET_KEY are both set, to different keys") ||
				strings.Contains(r.stderr, secret) || strings.Contains(r.stderr, "sk_other_key") {
				t.Errorf("stderr %q, want the two names and neither value", r.stderr)
			}
		})
	}
}

func TestSecretIsNeverPrinted(t *testing.T) {
	good := tokenAt(t, apiKey, secret, time.Now(), time.Hour)
	var outputs []string
	for _, sec := range []string{secret, secret + "\n", " " + secret, apiKey, "pk_" + secret} {
		for _, name := range []string{"MAGICBELL_API_SECRET", "MAGICBELL_SECRET_KEY"} {
			env := map[string]string{"MAGICBELL_API_KEY": apiKey, name: sec}
			swapped := map[string]string{"MAGICBELL_API_KEY": sec, name: apiKey}
			conflict := map[string]string{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": sec, "MAGICBELL_SECRET_KEY": sec + "x"}
			for _, args := range [][]string{
				{"sign", "-external-id", "u"}, {"sign", "-email", "bad"}, {"sign", "-bogus"}, {"sign"},
				{"verify", good}, {"verify", good + "x"}, {"verify", tokenAt(t, apiKey, "sk_other", time.Now(), time.Hour)},
				{"decode", good}, {"decode", "x"}, {"help"}, {"help", "sign"},
			} {
				for _, e := range []map[string]string{env, swapped, conflict} {
					r := runWith(e, "", args...)
					outputs = append(outputs, r.stdout, r.stderr)
				}
			}
		}
	}
	for _, out := range outputs {
		if strings.Contains(out, strings.TrimSpace(secret)) {
			t.Fatalf("output reveals the secret key: %s", out)
		}
	}
}

// runMainVariable, set to 1, makes the test binary the command: TestBinary runs it so.
const runMainVariable = "MAGICBELL_JWT_TEST_RUN_MAIN"

// TestMain runs the command's main when TestBinary starts this test binary as the
// command, so that the real main runs as a process without a build of its own.
func TestMain(m *testing.M) {
	if os.Getenv(runMainVariable) == "1" {
		main() // exits
	}
	os.Exit(m.Run())
}

// TestBinary runs the command as a process: a token from sign, piped into verify, the
// exit statuses the shell sees, and a full disk.
func TestBinary(t *testing.T) {
	bin, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	env := []string{runMainVariable + "=1", "MAGICBELL_API_KEY=" + apiKey, "MAGICBELL_API_SECRET=" + secret, "PATH=/usr/bin:/bin"}
	sign := exec.Command(bin, "sign", "-external-id", "usr_l70vln", "-expiry", "1h")
	sign.Env = env
	tok, err := sign.Output()
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	verify := exec.Command(bin, "verify")
	verify.Env = env
	verify.Stdin = bytes.NewReader(tok)
	out, err := verify.Output()
	if err != nil || !strings.Contains(string(out), `"user_external_id": "usr_l70vln"`) {
		t.Fatalf("verify: %v\n%s", err, out)
	}
	for _, tt := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"verify", "a.b.c"}, 1, "magicbell-jwt verify: invalid token: magicbelljwt: token is malformed: the header segment is cut short or damaged: base64url cannot end after 1 character\n"},
		{[]string{"frobnicate"}, 2, "magicbell-jwt: unknown command \"frobnicate\"\nrun 'magicbell-jwt help' for usage\n"},
		// The flag package would print its own error and usage too, were they not discarded.
		{[]string{"sign", "-bogus"}, 2, "magicbell-jwt sign: flag provided but not defined: -bogus\nrun 'magicbell-jwt help sign' for usage\n"},
	} {
		cmd := exec.Command(bin, tt.args...)
		cmd.Env = env
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		var exit *exec.ExitError
		if err := cmd.Run(); !errors.As(err, &exit) || exit.ExitCode() != tt.code || stderr.String() != tt.stderr {
			t.Errorf("%v: %v, stderr %q; want exit status %d and %q", tt.args, err, stderr.String(), tt.code, tt.stderr)
		}
	}
	if runtime.GOOS != "linux" {
		return // only Linux has /dev/full
	}
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer full.Close()
	for _, args := range [][]string{{"sign", "-external-id", "u"}, {"verify", string(bytes.TrimSpace(tok))}, {"decode", string(bytes.TrimSpace(tok))}, {"help"}, {"sign", "-h"}} {
		cmd := exec.Command(bin, args...)
		cmd.Env, cmd.Stdout = env, full
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		var exit *exec.ExitError
		if err := cmd.Run(); !errors.As(err, &exit) || exit.ExitCode() != 1 ||
			!regexp.MustCompile(`^magicbell-jwt \w+: writing to stdout: .*no space left on device\n$`).MatchString(stderr.String()) {
			t.Errorf("%s > /dev/full: %v, stderr %q; want exit status 1 and a write error", args[0], err, stderr.String())
		}
	}
}
