package magicbelljwt

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestNewSignerFromEnv(t *testing.T) {
	const other = "sk_another_secret_key_9Qw4Zt7Lp2Xv"
	for _, tt := range []struct {
		name          string
		apiKey        string
		secret, other string // MAGICBELL_API_SECRET, MAGICBELL_SECRET_KEY; "-" for unset
		want          error
		msg           string // the whole message, when want is not nil
	}{
		{"both keys", testAPIKey, testSecret, "-", nil, ""},
		{"the secret in MAGICBELL_SECRET_KEY", testAPIKey, "-", testSecret, nil, ""},
		{"both secret variables, alike", testAPIKey, testSecret, testSecret, nil, ""},
		{"MAGICBELL_API_SECRET empty, MAGICBELL_SECRET_KEY set", testAPIKey, "", testSecret, nil, ""},
		{"both secret variables, different", testAPIKey, testSecret, other, ErrInvalidSecretKey,
			"magicbelljwt: invalid secret key: MAGICBELL_API_SECRET and MAGICBELL_SECRET_KEY are both set, to different keys: unset one"},
		{"no API key", "-", testSecret, "-", ErrInvalidAPIKey, "magicbelljwt: invalid API key: MAGICBELL_API_KEY is empty or unset"},
		{"an empty API key", "", testSecret, "-", ErrInvalidAPIKey, "magicbelljwt: invalid API key: MAGICBELL_API_KEY is empty or unset"},
		{"no secret key", testAPIKey, "-", "-", ErrInvalidSecretKey, "magicbelljwt: invalid secret key: MAGICBELL_API_SECRET (or MAGICBELL_SECRET_KEY) is empty or unset"},
		{"empty secret keys", testAPIKey, "", "", ErrInvalidSecretKey, "magicbelljwt: invalid secret key: MAGICBELL_API_SECRET (or MAGICBELL_SECRET_KEY) is empty or unset"},
		{"a secret with its newline", testAPIKey, testSecret + "\n", "-", ErrInvalidSecretKey, "magicbelljwt: invalid secret key: MAGICBELL_API_SECRET has a trailing newline (often from a file or an environment variable): remove it"},
		{"a secret with CRLF", testAPIKey, testSecret + "\r\n", "-", ErrInvalidSecretKey, "magicbelljwt: invalid secret key: MAGICBELL_API_SECRET ends in a Windows line ending (CR LF): remove it"},
		{"a secret with two newlines", testAPIKey, testSecret + "\n\n", "-", ErrInvalidSecretKey, "magicbelljwt: invalid secret key: MAGICBELL_API_SECRET has leading or trailing whitespace: remove it"},
		{"a secret with a leading space", testAPIKey, " " + testSecret, "-", ErrInvalidSecretKey, "magicbelljwt: invalid secret key: MAGICBELL_API_SECRET has leading or trailing whitespace: remove it"},
		{"a padded MAGICBELL_SECRET_KEY", testAPIKey, "-", testSecret + "\n", ErrInvalidSecretKey, "magicbelljwt: invalid secret key: MAGICBELL_SECRET_KEY has a trailing newline (often from a file or an environment variable): remove it"},
		{"an API key with its newline", testAPIKey + "\n", testSecret, "-", ErrInvalidAPIKey, "magicbelljwt: invalid API key: MAGICBELL_API_KEY has a trailing newline (often from a file or an environment variable): remove it"},
		{"an API key with a tab inside", "pk_a\tb", testSecret, "-", ErrInvalidAPIKey, "magicbelljwt: invalid API key: MAGICBELL_API_KEY is not shaped as a MagicBell API key, " +
			"pk_ and letters, digits or underscores, or 40 lowercase hex digits: is it a placeholder such as your-api-key, in quotes, or the secret key in the wrong place?"},
		{"keys swapped", testSecret, testAPIKey, "-", ErrKeysSwapped,
			"magicbelljwt: API key and secret key look swapped: the secret key in MAGICBELL_API_SECRET starts with pk_, the prefix of MagicBell API keys"},
		{"the same key twice", testAPIKey, "-", testAPIKey, ErrKeysSwapped,
			"magicbelljwt: API key and secret key look swapped: the secret key in MAGICBELL_SECRET_KEY starts with pk_, the prefix of MagicBell API keys"},
		{"swapped and padded: the secret key on its own first", testSecret + "\n", testAPIKey + "\n", "-", ErrInvalidSecretKey,
			"magicbelljwt: invalid secret key: MAGICBELL_API_SECRET has a trailing newline (often from a file or an environment variable): remove it"},
		{"a short secret key", testAPIKey, "sk_test", "-", ErrInvalidSecretKey,
			"magicbelljwt: invalid secret key: MAGICBELL_API_SECRET is too short for an HS256 key: RFC 7518, section 3.2 asks for 32 bytes, MagicBell's have 34 or 40, and it has 7: is it a placeholder such as your-secret-key, or a test value?"},
		{"a short MAGICBELL_SECRET_KEY and no API key", "-", "-", "x", ErrInvalidSecretKey,
			"magicbelljwt: invalid secret key: MAGICBELL_SECRET_KEY is too short for an HS256 key: RFC 7518, section 3.2 asks for 32 bytes, MagicBell's have 34 or 40, and it has 1: is it a placeholder such as your-secret-key, or a test value?"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for name, v := range map[string]string{"MAGICBELL_API_KEY": tt.apiKey, "MAGICBELL_API_SECRET": tt.secret, "MAGICBELL_SECRET_KEY": tt.other} {
				t.Setenv(name, v)
				if v == "-" {
					unsetenv(t, name)
				}
			}
			s, err := NewSignerFromEnv(WithClock(fixedClock))
			if tt.want == nil {
				if err != nil {
					t.Fatalf("NewSignerFromEnv: %v", err)
				}
				// The Signer has the keys: its token is signed with the secret, for the API key.
				tok := mustSign(t, s, Claims{UserExternalID: "u"})
				if got := decodePayload(t, decodeToken(t, tok, testSecret).payload)["api_key"]; got != testAPIKey {
					t.Errorf("api_key %v", got)
				}
				return
			}
			if s != nil || !errors.Is(err, tt.want) || err.Error() != tt.msg {
				t.Fatalf("NewSignerFromEnv = %v, %v; want %q, wrapping %v", s, err, tt.msg, tt.want)
			}
			for _, key := range []string{tt.apiKey, tt.secret, tt.other} {
				if k := strings.TrimSpace(key); len(k) > 2 && strings.Contains(err.Error(), k) {
					t.Errorf("the error holds a key: %v", err)
				}
			}
		})
	}
}

// TestNewSignerFromEnv_SameErrorsAsNewSigner checks that an error from the environment
// wraps the sentinel NewSigner returns for the same keys.
func TestNewSignerFromEnv_SameErrorsAsNewSigner(t *testing.T) {
	for _, k := range [][2]string{{"", testSecret}, {testAPIKey, ""}, {testSecret, testAPIKey}, {testAPIKey, testAPIKey}, {testAPIKey + " ", testSecret}, {testAPIKey, testSecret + "\n"}, {"pk_\x7f", testSecret}} {
		t.Setenv("MAGICBELL_API_KEY", k[0])
		t.Setenv("MAGICBELL_API_SECRET", k[1])
		unsetenv(t, "MAGICBELL_SECRET_KEY")
		_, errEnv := NewSignerFromEnv()
		_, errArgs := NewSigner(k[0], k[1])
		if errEnv == nil || errArgs == nil {
			t.Fatalf("%q: NewSignerFromEnv %v, NewSigner %v", k, errEnv, errArgs)
		}
		for _, sentinel := range []error{ErrInvalidAPIKey, ErrInvalidSecretKey, ErrKeysSwapped} {
			if errors.Is(errEnv, sentinel) != errors.Is(errArgs, sentinel) {
				t.Errorf("%q: NewSignerFromEnv %v, NewSigner %v", k, errEnv, errArgs)
			}
		}
	}
}

// TestNewSigner_Messages pins NewSigner's words, which speak of "the API key" and "the
// secret key" where NewSignerFromEnv names a variable.
func TestNewSigner_Messages(t *testing.T) {
	for _, tt := range []struct{ apiKey, secret, msg string }{
		{"", testSecret, "magicbelljwt: invalid API key: the API key is empty"},
		{testAPIKey, "", "magicbelljwt: invalid secret key: the secret key is empty"},
		{testAPIKey, testAPIKey, "magicbelljwt: API key and secret key look swapped: the secret key starts with pk_, the prefix of MagicBell API keys"},
		{testSecret, testAPIKey, "magicbelljwt: API key and secret key look swapped: the secret key starts with pk_, the prefix of MagicBell API keys"},
		{testAPIKey + "\n", testSecret, "magicbelljwt: invalid API key: the API key has a trailing newline (often from a file or an environment variable): remove it"},
		{testAPIKey + "\r\n", testSecret, "magicbelljwt: invalid API key: the API key ends in a Windows line ending (CR LF): remove it"},
		{"pk_é", testSecret, "magicbelljwt: invalid API key: the API key is not shaped as a MagicBell API key, " +
			"pk_ and letters, digits or underscores, or 40 lowercase hex digits: is it a placeholder such as your-api-key, in quotes, or the secret key in the wrong place?"},
		{testAPIKey, " " + testSecret, "magicbelljwt: invalid secret key: the secret key has leading or trailing whitespace: remove it"},
	} {
		if _, err := NewSigner(tt.apiKey, tt.secret); err == nil || err.Error() != tt.msg {
			t.Errorf("NewSigner(%q, %q) = %v, want %q", tt.apiKey, tt.secret, err, tt.msg)
		}
	}
}

// TestNewSigner_APIKeyShape covers the shape of a MagicBell API key: pk_ and one or
// more of [A-Za-z0-9_], or 40 lowercase hex digits. Any other shape is refused, with a
// message that names the shapes and the usual causes.
func TestNewSigner_APIKeyShape(t *testing.T) {
	hex40 := strings.Repeat("0123456789abcdef", 3)[:40]
	for _, key := range []string{"pk_a", "pk_Z", "pk_0", "pk__", "pk_JJUxO8amaaK21G08w9q0_218239574", hex40} {
		if _, err := NewSigner(key, testSecret); err != nil {
			t.Errorf("NewSigner(%q) = %v, want nil", key, err)
		}
	}
	for _, key := range []string{
		"your-api-key", "pk_", "pk", "pk-abc", "PK_abc", "pk_a-b", "pk_a.b", "pk_a b", "pk_a~", "pk_é", "pk_a\tb",
		hex40[:39], hex40 + "0", strings.ToUpper(hex40), hex40[:39] + "g", "sk_another_secret_key_9Qw4Zt7Lp2Xv",
	} {
		_, err := NewSigner(key, testSecret)
		if !errors.Is(err, ErrInvalidAPIKey) {
			t.Errorf("NewSigner(%q) = %v, want ErrInvalidAPIKey", key, err)
			continue
		}
		for _, want := range []string{"pk_", "40 lowercase hex digits", "placeholder", "quotes", "secret key"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("NewSigner(%q): %q does not say %q", key, err, want)
			}
		}
	}
}

// TestNewSigner_RefusesAPIKeyHoldingSecret covers an API key that holds the secret key:
// every token would publish the secret in its api_key, where any browser reads it.
func TestNewSigner_RefusesAPIKeyHoldingSecret(t *testing.T) {
	const holds = "magicbelljwt: API key and secret key look swapped: the API key holds the secret key"
	for _, tt := range []struct{ apiKey, secret, msg string }{
		{"pk_" + testSecret, testSecret, holds},
		{testAPIKey + testSecret, testSecret, holds},
		{"pk_abc_" + testSecret[3:] + "0_def", testSecret[3:] + "0", holds},
		// Read with its newline or in quotes, the secret key is refused on its own first.
		{"pk_" + testSecret, testSecret + "\n", "magicbelljwt: invalid secret key: the secret key has a trailing newline (often from a file or an environment variable): remove it"},
		{"pk_" + testSecret, `"` + testSecret + `"`, "magicbelljwt: invalid secret key: the secret key is wrapped in quotes: remove them"},
	} {
		s, err := NewSigner(tt.apiKey, tt.secret)
		if s != nil || err == nil || err.Error() != tt.msg {
			t.Errorf("NewSigner(%q, %q) = %v, want %q", tt.apiKey, tt.secret, err, tt.msg)
		}
	}
	t.Setenv("MAGICBELL_API_KEY", testAPIKey+testSecret)
	t.Setenv("MAGICBELL_API_SECRET", testSecret)
	unsetenv(t, "MAGICBELL_SECRET_KEY")
	want := "magicbelljwt: API key and secret key look swapped: MAGICBELL_API_KEY holds the secret key in MAGICBELL_API_SECRET"
	if _, err := NewSignerFromEnv(); !errors.Is(err, ErrKeysSwapped) || err.Error() != want {
		t.Errorf("NewSignerFromEnv = %v, want %q", err, want)
	}
}

// TestNewSigner_RefusesQuotes covers keys as --env-file and some .env loaders leave
// them, in quotes: each key named, and from the environment its variable, never its
// value.
func TestNewSigner_RefusesQuotes(t *testing.T) {
	for _, tt := range []struct {
		apiKey, secret string
		want           error
		msg            string
	}{
		{`"` + testAPIKey + `"`, testSecret, ErrInvalidAPIKey, "magicbelljwt: invalid API key: the API key is wrapped in quotes: remove them"},
		{`'` + testAPIKey + `'`, testSecret, ErrInvalidAPIKey, "magicbelljwt: invalid API key: the API key is wrapped in quotes: remove them"},
		{testAPIKey, `"` + testSecret + `"`, ErrInvalidSecretKey, "magicbelljwt: invalid secret key: the secret key is wrapped in quotes: remove them"},
		{testAPIKey, `'` + testSecret + `'`, ErrInvalidSecretKey, "magicbelljwt: invalid secret key: the secret key is wrapped in quotes: remove them"},
		{testAPIKey, `''`, ErrInvalidSecretKey, "magicbelljwt: invalid secret key: the secret key is wrapped in quotes: remove them"},
	} {
		if _, err := NewSigner(tt.apiKey, tt.secret); !errors.Is(err, tt.want) || err.Error() != tt.msg {
			t.Errorf("NewSigner(%q, %q) = %v, want %q", tt.apiKey, tt.secret, err, tt.msg)
		}
	}
	// A quote on one side only, as a broken .env line leaves it, or a backslash.
	for _, tt := range []struct {
		secret string
		at     int
	}{{`"` + testSecret, 0}, {testSecret + `"`, 34}, {`'` + testSecret, 0}, {testSecret + "`", 34}, {`"` + testSecret + `'`, 0}, {testSecret[:9] + `\` + testSecret[9:], 9}} {
		want := fmt.Sprintf("magicbelljwt: invalid secret key: the secret key holds a quote or a backslash at byte %d, which shells and .env files quote a value with: remove it", tt.at)
		if _, err := NewSigner(testAPIKey, tt.secret); !errors.Is(err, ErrInvalidSecretKey) || err.Error() != want {
			t.Errorf("NewSigner(%q) = %v, want %q", tt.secret, err, want)
		}
	}
	unsetenv(t, "MAGICBELL_SECRET_KEY")
	for _, tt := range []struct{ name, apiKey, secret, msg string }{
		{"API key", `"` + testAPIKey + `"`, testSecret, "magicbelljwt: invalid API key: MAGICBELL_API_KEY is wrapped in quotes: remove them"},
		{"secret", testAPIKey, `"` + testSecret + `"`, "magicbelljwt: invalid secret key: MAGICBELL_API_SECRET is wrapped in quotes: remove them"},
	} {
		t.Setenv("MAGICBELL_API_KEY", tt.apiKey)
		t.Setenv("MAGICBELL_API_SECRET", tt.secret)
		if _, err := NewSignerFromEnv(); err == nil || err.Error() != tt.msg {
			t.Errorf("%s: NewSignerFromEnv = %v, want %q", tt.name, err, tt.msg)
		}
	}
}

// TestNewSigner_SecretKeyRules covers the secret key's rules, checked on the key alone
// before any rule about the pair: printable ASCII without spaces, not in quotes, and at
// least 32 bytes (RFC 7518, section 3.2). Each refusal names the first problem and its
// usual cause, never the key.
func TestNewSigner_SecretKeyRules(t *testing.T) {
	short := func(n int) string {
		return fmt.Sprintf("is too short for an HS256 key: RFC 7518, section 3.2 asks for 32 bytes, MagicBell's have 34 or 40, and it has %d: "+
			"is it a placeholder such as your-secret-key, or a test value?", n)
	}
	const notASCII = ", which is not ASCII: an invisible character such as a byte order mark or a zero-width space often comes with a pasted key: remove it"
	key32 := testSecret[:32]
	for _, tt := range []struct{ apiKey, secret, msg string }{
		{testAPIKey, key32[:31], short(31)},
		{testAPIKey, "your-secret-key", short(15)},
		{testAPIKey, "YOUR_API_SECRET", short(15)},           // MagicBell's Python SDK README
		{testAPIKey, "your_api_secret", short(15)},           // magicbell-rails
		{testAPIKey, "s", short(1)},                          // short, never "swapped"
		{"pk_" + "x", "x", short(1)},                         // an API key that holds it
		{"pk_k", "sk_" + strings.Repeat("k", 20), short(23)}, // also holds pk_k's k
		{testAPIKey, "\ufeff" + testSecret, "holds U+FEFF at byte 0" + notASCII},
		{testAPIKey, testSecret + "\u200b", "holds U+200B at byte 34" + notASCII},
		{testAPIKey, testSecret + "\u2060", "holds U+2060 at byte 34" + notASCII},
		{testAPIKey, testSecret[:5] + "é" + testSecret[5:], "holds U+00E9 at byte 5" + notASCII},
		{testAPIKey, testSecret[:5] + " " + testSecret[5:], "holds a space at byte 5: a secret key is printable ASCII without spaces"},
		{testAPIKey, testSecret[:5] + "\t" + testSecret[5:], "holds a control character (U+0009) at byte 5: a secret key is printable ASCII"},
		{testAPIKey, testSecret + "\x7f", "holds a control character (U+007F) at byte 34: a secret key is printable ASCII"},
		{testAPIKey, testSecret + "\x1f", "holds a control character (U+001F) at byte 34: a secret key is printable ASCII"},
		// A short key with a character it must not hold: the character first.
		{testAPIKey, "\ufeffshort", "holds U+FEFF at byte 0" + notASCII},
		{testAPIKey, "a b", "holds a space at byte 1: a secret key is printable ASCII without spaces"},
		{testAPIKey, testSecret[:5] + "\xff" + testSecret[5:], "holds a byte that is not UTF-8 at byte 5: a secret key is printable ASCII"},
		{testAPIKey, "\u00a0" + testSecret, "has leading or trailing whitespace: remove it"},
		{testAPIKey, `"short"`, "is wrapped in quotes: remove them"},
		// Every token's header, {"alg":"HS256","typ":"JWT"} in base64url, or a part of it.
		{testAPIKey, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", "is part of every token's header: use your project's secret key"},
		{testAPIKey, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"[2:], "is part of every token's header: use your project's secret key"},
		// Swapped keys are a problem of the pair, after each key's own.
		{testSecret, testAPIKey, ""},
	} {
		_, err := NewSigner(tt.apiKey, tt.secret)
		if tt.msg == "" {
			if !errors.Is(err, ErrKeysSwapped) {
				t.Errorf("NewSigner(%q, %q) = %v, want ErrKeysSwapped", tt.apiKey, tt.secret, err)
			}
			continue
		}
		if want := "magicbelljwt: invalid secret key: the secret key " + tt.msg; !errors.Is(err, ErrInvalidSecretKey) || err.Error() != want {
			t.Errorf("NewSigner(%q, %q) = %v\nwant %s", tt.apiKey, tt.secret, err, want)
		}
		if k := strings.TrimSpace(tt.secret); err != nil && len(k) > 1 && k != "your-secret-key" && strings.Contains(err.Error(), k) { // the example the message gives
			t.Errorf("the error holds the key: %v", err)
		}
	}
	// Every MagicBell shape, and any printable ASCII of 32 bytes or more.
	for _, secret := range []string{key32, testSecret, "Zq8VbN2x+Lw7s3cr3/tK9pT4mR1cYe7uH0a1b2c=", "!#$%&()*+,-./:;<=>?@[]^_{|}~0123456789"} {
		if _, err := NewSigner(testAPIKey, secret); err != nil {
			t.Errorf("NewSigner(%q) = %v, want nil", secret, err)
		}
	}
	// Two older 40-hex keys cannot be told apart, as NewSigner's documentation says.
	hex1, hex2 := strings.Repeat("0123456789abcdef", 3)[:40], strings.Repeat("fedcba9876543210", 3)[:40]
	if _, err := NewSigner(hex2, hex1); err != nil {
		t.Errorf("two 40-hex keys: %v", err)
	}
}

// TestNewSigner_SetKeysBeforeMissing checks that a key that is set is checked even when
// the other is missing, so that the first error names a problem of the key that is set.
func TestNewSigner_SetKeysBeforeMissing(t *testing.T) {
	for _, tt := range []struct {
		apiKey, secret string
		want           error
		msg            string
	}{
		{"", "s", ErrInvalidSecretKey, "the secret key is too short for an HS256 key"},
		{"", testSecret, ErrInvalidAPIKey, "the API key is empty"},
		{"", testAPIKey, ErrKeysSwapped, "the secret key starts with pk_"},
		{"pk_a b", "", ErrInvalidAPIKey, "the API key is not shaped as a MagicBell API key"},
		{testAPIKey, "", ErrInvalidSecretKey, "the secret key is empty"},
		{"", "", ErrInvalidAPIKey, "the API key is empty"},
	} {
		_, err := NewSigner(tt.apiKey, tt.secret)
		if !errors.Is(err, tt.want) || !strings.HasPrefix(strings.SplitN(err.Error(), ": ", 3)[2], tt.msg) {
			t.Errorf("NewSigner(%q, %q) = %v, want %v saying %q", tt.apiKey, tt.secret, err, tt.want, tt.msg)
		}
	}
}
