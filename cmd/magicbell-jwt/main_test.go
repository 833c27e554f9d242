package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/magicbell-community/magicbelljwt"
)

// The tests drive the command through run, as a user does through its arguments,
// environment and stdin, and check what it prints with code it does not share:
// crypto/hmac, encoding/base64 and encoding/json.

const (
	apiKey = "pk_JJUxO8amaaK21G08w9q0_218239574"
	secret = "sk_Zq8VbN2xLw7s3cr3tK9pT4mR1cYe7uH"
)

// bothKeys is the environment of a configured machine.
var bothKeys = map[string]string{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": secret}

// testNow is the command's clock in the tests that set it with atTime.
var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// atTime sets the command's clock to t for one test.
func atTime(tb testing.TB, t time.Time) {
	tb.Helper()
	old := now
	now = func() time.Time { return t }
	tb.Cleanup(func() { now = old })
}

type result struct {
	code           int
	stdout, stderr string
}

// runWith runs the command with env as the keys in the environment, stdin and args.
func runWith(env map[string]string, stdin string, args ...string) result {
	setKeys(env)
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(stdin), &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

// setKeys sets the variables the keys are read from as env has them, and unsets the
// others. The tests run one at a time, and no test uses the environment otherwise.
func setKeys(env map[string]string) {
	for _, name := range []string{"MAGICBELL_API_KEY", "MAGICBELL_API_SECRET", "MAGICBELL_SECRET_KEY"} {
		if v, ok := env[name]; !ok {
			os.Unsetenv(name)
		} else if err := os.Setenv(name, v); err != nil {
			panic(err) // a NUL byte, which no environment holds
		}
	}
}

// tokenAt mints a token with the library as of t, valid for expiry.
func tokenAt(tb testing.TB, t time.Time, expiry time.Duration) string {
	tb.Helper()
	s, err := magicbelljwt.NewSigner(apiKey, secret, magicbelljwt.WithExpiry(expiry), magicbelljwt.WithClock(func() time.Time { return t }))
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
// and key whatever the header says.
func mint(key, header, payload string) string {
	input := b64(header) + "." + b64(payload)
	m := hmac.New(sha256.New, []byte(key))
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
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(parts[0] + "." + parts[1]))
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	var p map[string]any
	if base64.RawURLEncoding.EncodeToString(m.Sum(nil)) != parts[2] || err != nil || json.Unmarshal(b, &p) != nil {
		t.Fatalf("token %q is not signed with the secret key, or holds no JSON payload", tok)
	}
	return p
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"-h"}, {"-help"}, {"--help"}, {"help", "-h"}, {"help", "--help"}, {"help", "sign"}, {"sign", "-h"}, {"verify", "--help"}, {"decode", "-help"}, {"sign", "-email", "a@b.co", "-h"}} {
		r := runWith(nil, "", args...)
		if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, "magicbell-jwt decode [TOKEN | -]") || !strings.Contains(r.stdout, "MAGICBELL_API_SECRET") {
			t.Errorf("%q: exit %d, stderr %q, stdout\n%s", args, r.code, r.stderr, r.stdout)
		}
	}
}

// TestUsageErrors checks that every error is one line on stderr, naming the command,
// with one more line for usage and configuration errors, which says where to read.
func TestUsageErrors(t *testing.T) {
	const usage, keysHint = "run 'magicbell-jwt help' for usage", "run 'magicbell-jwt help' for where the keys come from"
	for _, tt := range []struct {
		name        string
		env         map[string]string
		stdin       string
		args        []string
		code        int
		first, hint string
	}{
		{"no arguments", nil, "", nil, 2, "magicbell-jwt: no command: give sign, verify or decode", usage},
		{"an unknown command", nil, "", []string{"mint"}, 2, `magicbell-jwt: unknown command "mint": give sign, verify or decode`, usage},
		{"an unknown flag", bothKeys, "", []string{"sign", "-secret", "x"}, 2, `magicbell-jwt sign: unknown flag "-secret"`, usage},
		{"a flag without its value", bothKeys, "", []string{"sign", "-email"}, 2, "magicbell-jwt sign: -email needs a value", usage},
		{"an argument to sign", bothKeys, "", []string{"sign", "-external-id", "u", "extra"}, 2, `magicbell-jwt sign: unexpected argument "extra": sign takes only flags`, usage},
		{"sign without a user", bothKeys, "", []string{"sign"}, 2, "magicbell-jwt sign: no user: give -email, -external-id or both", usage},
		{"an email and an ID both invalid", bothKeys, "", []string{"sign", "-email", "Person <p@example.com>", "-external-id", " u"}, 2,
			"magicbell-jwt sign: -email and -external-id: magicbelljwt: invalid user email: not a bare address like person@example.com; invalid user external ID: leading or trailing whitespace", usage},
		{"no secret key", map[string]string{"MAGICBELL_API_KEY": apiKey}, "", []string{"sign", "-external-id", "u"}, 2,
			"magicbell-jwt sign: magicbelljwt: invalid secret key: MAGICBELL_API_SECRET (or MAGICBELL_SECRET_KEY) is empty or unset", keysHint},
		{"a secret ending in CR LF", map[string]string{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": secret + "\r\n"}, "", []string{"verify", "a.b.c"}, 2,
			"magicbell-jwt verify: magicbelljwt: invalid secret key: MAGICBELL_API_SECRET ends in a Windows line ending (CR LF): remove it", keysHint},
		{"keys swapped", map[string]string{"MAGICBELL_API_KEY": secret, "MAGICBELL_API_SECRET": apiKey}, "", []string{"decode", "a.b.c"}, 2,
			"magicbell-jwt decode: magicbelljwt: API key and secret key look swapped: the secret key in MAGICBELL_API_SECRET starts with pk_, the prefix of MagicBell API keys", keysHint},
		{"two secret variables, different", map[string]string{"MAGICBELL_API_SECRET": secret, "MAGICBELL_SECRET_KEY": "sk_other_key"}, "", []string{"decode", "a.b.c"}, 2,
			"magicbell-jwt decode: magicbelljwt: invalid secret key: MAGICBELL_API_SECRET and MAGICBELL_SECRET_KEY are both set, to different keys: unset one", keysHint},
		{"verify with two tokens", bothKeys, "", []string{"verify", "a", "b"}, 2, "magicbell-jwt verify: 2 arguments, want one token", usage},
		{"decode with an API key alone, not shaped as one", map[string]string{"MAGICBELL_API_KEY": "pk_a b"}, "", []string{"decode", "a.b.c"}, 2,
			"magicbell-jwt decode: magicbelljwt: invalid API key: MAGICBELL_API_KEY is not shaped as a MagicBell API key, pk_ and letters, digits or underscores, " +
				"or 40 lowercase hex digits: is it a placeholder such as your-api-key, in quotes, or the secret key in the wrong place?", keysHint},
		{"verify without a secret key", map[string]string{"MAGICBELL_API_KEY": apiKey}, "", []string{"verify", "a.b.c"}, 2,
			"magicbell-jwt verify: magicbelljwt: invalid secret key: MAGICBELL_API_SECRET (or MAGICBELL_SECRET_KEY) is empty or unset", keysHint},
		{"verify with empty stdin", bothKeys, " \n", []string{"verify"}, 2, "magicbell-jwt verify: no token: pass it as an argument or on stdin", usage},
		{"decode of a token over 64 KiB", nil, "", []string{"decode", strings.Repeat("a", 64<<10+1)}, 2, "magicbell-jwt decode: the token is over the limit of 64 KiB", ""},
		{"verify of a malformed token", bothKeys, "", []string{"verify", "not-a-token"}, 1, "magicbell-jwt verify: invalid token: magicbelljwt: token is malformed: 1 segment, want 3 separated by dots", ""},
	} {
		r := runWith(tt.env, tt.stdin, tt.args...)
		want := tt.first + "\n"
		if tt.hint != "" {
			want += tt.hint + "\n"
		}
		if r.code != tt.code || r.stdout != "" || r.stderr != want {
			t.Errorf("%s: exit %d, stdout %q, stderr\n%s\nwant exit %d and\n%s", tt.name, r.code, r.stdout, r.stderr, tt.code, want)
		}
	}
}

// TestArgs covers where flags may stand: before and after the other arguments, as
// -name value or -name=value, with one dash or two; after "--" nothing is a flag.
func TestArgs(t *testing.T) {
	atTime(t, testNow)
	for _, args := range [][]string{
		{"sign", "-external-id", "u1", "-expiry", "1h"},
		{"sign", "--external-id=u1", "--expiry", "1h"},
		{"sign", "-expiry=1h", "-external-id", "u1"},
	} {
		r := runWith(bothKeys, "", args...)
		if r.code != 0 {
			t.Errorf("%q: exit %d, %s", args, r.code, r.stderr)
			continue
		}
		if p := payloadOf(t, strings.TrimSpace(r.stdout)); p["user_external_id"] != "u1" || p["exp"].(float64)-p["iat"].(float64) != 3600 {
			t.Errorf("%q: payload %v", args, p)
		}
	}
	tok := tokenAt(t, testNow, time.Hour)
	if r := runWith(bothKeys, "", "decode", "--", "-"+tok); r.code != 1 || !strings.Contains(r.stderr, "UNVERIFIED") {
		t.Errorf("decode -- -TOKEN: exit %d\n%s", r.code, r.stderr)
	}
	if r := runWith(bothKeys, "", "verify", "--", tok, "-h"); r.code != 2 || !strings.Contains(r.stderr, "2 arguments") {
		t.Errorf("verify -- TOKEN -h: exit %d, stderr %q", r.code, r.stderr)
	}
}

const runMainVariable = "MAGICBELL_JWT_TEST_RUN_MAIN"

// TestMain runs the command's main when a test starts this test binary as the command,
// so that the real main runs as a process without a build of its own.
func TestMain(m *testing.M) {
	if os.Getenv(runMainVariable) == "1" {
		main() // exits
	}
	os.Exit(m.Run())
}

// process returns the command as a process, with env added to the environment.
func process(t *testing.T, env map[string]string, args ...string) *exec.Cmd {
	bin, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{runMainVariable + "=1", "PATH=/usr/bin:/bin"}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	return cmd
}

// TestBinary runs the command as a process: a token from sign, piped into verify, the
// exit statuses the shell sees, and a full disk.
func TestBinary(t *testing.T) {
	tok, err := process(t, bothKeys, "sign", "-external-id", "usr_l70vln", "-expiry", "1h").Output()
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	verify := process(t, bothKeys, "verify")
	verify.Stdin = bytes.NewReader(tok)
	if out, err := verify.Output(); err != nil || !strings.Contains(string(out), `"user_external_id": "usr_l70vln"`) {
		t.Fatalf("verify: %v\n%s", err, out)
	}
	for _, tt := range []struct {
		args []string
		code int
	}{{[]string{"verify", "a.b.c"}, 1}, {[]string{"frobnicate"}, 2}, {[]string{"sign", "-bogus"}, 2}} {
		var exit *exec.ExitError
		if err := process(t, bothKeys, tt.args...).Run(); !errors.As(err, &exit) || exit.ExitCode() != tt.code {
			t.Errorf("%v: %v, want exit status %d", tt.args, err, tt.code)
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
	for _, args := range [][]string{{"sign", "-external-id", "u"}, {"verify", string(bytes.TrimSpace(tok))}, {"decode", string(bytes.TrimSpace(tok))}, {"help"}} {
		cmd := process(t, bothKeys, args...)
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = full, &stderr
		var exit *exec.ExitError
		if err := cmd.Run(); !errors.As(err, &exit) || exit.ExitCode() != 1 ||
			!regexp.MustCompile(`(?m)^magicbell-jwt( \w+)?: writing to stdout: .*no space left on device$`).MatchString(stderr.String()) {
			t.Errorf("%s > /dev/full: %v, stderr %q; want exit status 1 and a write error", args[0], err, stderr.String())
		}
	}
}
