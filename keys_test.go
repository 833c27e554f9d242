package magicbelljwt

import (
	"errors"
	"strings"
	"testing"
)

func TestNewSignerFromEnv(t *testing.T) {
	const other = "sk_another_secret_key_9Qw"
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
		{"a secret with its newline", testAPIKey, testSecret + "\n", "-", ErrInvalidSecretKey, "magicbelljwt: invalid secret key: MAGICBELL_API_SECRET has a trailing newline"},
		{"a secret with CRLF", testAPIKey, testSecret + "\r\n", "-", ErrInvalidSecretKey, "magicbelljwt: invalid secret key: MAGICBELL_API_SECRET has a trailing newline"},
		{"a secret with two newlines", testAPIKey, testSecret + "\n\n", "-", ErrInvalidSecretKey, "magicbelljwt: invalid secret key: MAGICBELL_API_SECRET has leading or trailing whitespace"},
		{"a secret with a leading space", testAPIKey, " " + testSecret, "-", ErrInvalidSecretKey, "magicbelljwt: invalid secret key: MAGICBELL_API_SECRET has leading or trailing whitespace"},
		{"a padded MAGICBELL_SECRET_KEY", testAPIKey, "-", testSecret + "\n", ErrInvalidSecretKey, "magicbelljwt: invalid secret key: MAGICBELL_SECRET_KEY has a trailing newline"},
		{"an API key with its newline", testAPIKey + "\n", testSecret, "-", ErrInvalidAPIKey, "magicbelljwt: invalid API key: MAGICBELL_API_KEY has a trailing newline"},
		{"an API key with a tab inside", "pk_a\tb", testSecret, "-", ErrInvalidAPIKey, "magicbelljwt: invalid API key: MAGICBELL_API_KEY contains a byte that is not printable ASCII"},
		{"keys swapped", testSecret, testAPIKey, "-", ErrKeysSwapped,
			"magicbelljwt: API key and secret key look swapped: the secret key in MAGICBELL_API_SECRET starts with pk_, the prefix of MagicBell API keys"},
		{"the same key twice", testAPIKey, "-", testAPIKey, ErrKeysSwapped,
			"magicbelljwt: API key and secret key look swapped: the secret key in MAGICBELL_SECRET_KEY equals MAGICBELL_API_KEY"},
		{"swapped and padded: swapped first", testSecret + "\n", testAPIKey + "\n", "-", ErrKeysSwapped,
			"magicbelljwt: API key and secret key look swapped: the secret key in MAGICBELL_API_SECRET starts with pk_, the prefix of MagicBell API keys"},
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
		{"", testSecret, "magicbelljwt: invalid API key: empty"},
		{testAPIKey, "", "magicbelljwt: invalid secret key: empty"},
		{testAPIKey, testAPIKey, "magicbelljwt: API key and secret key look swapped: the secret key equals the API key"},
		{testSecret, testAPIKey, "magicbelljwt: API key and secret key look swapped: the secret key starts with pk_, the prefix of MagicBell API keys"},
		{testAPIKey + "\n", testSecret, "magicbelljwt: invalid API key: leading or trailing whitespace (often a newline from a file or environment variable)"},
		{"pk_é", testSecret, "magicbelljwt: invalid API key: the API key contains a byte that is not printable ASCII"},
		{testAPIKey, " " + testSecret, "magicbelljwt: invalid secret key: leading or trailing whitespace (often a newline from a file or environment variable)"},
	} {
		if _, err := NewSigner(tt.apiKey, tt.secret); err == nil || err.Error() != tt.msg {
			t.Errorf("NewSigner(%q, %q) = %v, want %q", tt.apiKey, tt.secret, err, tt.msg)
		}
	}
}
