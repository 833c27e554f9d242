package magicbelljwt

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"hash"
	"os"
	"strings"
	"testing"
	"time"
)

// The helpers here decode and build tokens with encoding/base64, encoding/json and
// crypto/hmac alone, so that tests check the package against code it does not share.

const (
	testAPIKey = "pk_JJUxO8amaaK21G08w9q0_218239574"
	testSecret = "sk_Zq8VbN2xLw7s3cr3tK9pT4mR1cYe7uH"
)

// testNow is the fixed time of every test Signer's clock.
var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func fixedClock() time.Time { return testNow }

func newTestSigner(t testing.TB, opts ...Option) *Signer {
	t.Helper()
	s, err := NewSigner(testAPIKey, testSecret, append([]Option{WithClock(fixedClock)}, opts...)...)
	if err != nil {
		t.Fatalf("NewSigner: %v", err)
	}
	return s
}

// decodedToken is a token taken apart by hand.
type decodedToken struct {
	header, payload []byte
	payloadSegment  string
}

// decodeToken splits tok, decodes its segments and checks its HS256 signature against
// secret with crypto/hmac.
func decodeToken(t testing.TB, tok, secret string) decodedToken {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("token has %d segments, want 3: %q", len(parts), tok)
	}
	var d decodedToken
	var err error
	if d.header, err = base64.RawURLEncoding.Strict().DecodeString(parts[0]); err != nil {
		t.Fatalf("header segment: %v", err)
	}
	if d.payload, err = base64.RawURLEncoding.Strict().DecodeString(parts[1]); err != nil {
		t.Fatalf("payload segment: %v", err)
	}
	sig, err := base64.RawURLEncoding.Strict().DecodeString(parts[2])
	if err != nil {
		t.Fatalf("signature segment: %v", err)
	}
	if want := hmacSHA256(secret, parts[0]+"."+parts[1]); !hmac.Equal(sig, want) {
		t.Fatalf("signature is not HMAC-SHA256 of the signing input with the secret")
	}
	d.payloadSegment = parts[1]
	return d
}

func hmacSHA256(secret, msg string) []byte { return hmacSum(sha256.New, secret, msg) }

func hmacSum(h func() hash.Hash, secret, msg string) []byte {
	m := hmac.New(h, []byte(secret))
	m.Write([]byte(msg))
	return m.Sum(nil)
}

// mint builds a token by hand from a raw header and payload, signed with HMAC-SHA256
// and secret whatever the header says; it is how tests make tokens the package would
// never mint.
func mint(header, payload, secret string) string {
	return mintWith(sha256.New, header, payload, secret)
}

// mintWith is mint with another hash for the HMAC.
func mintWith(h func() hash.Hash, header, payload, secret string) string {
	input := b64(header) + "." + b64(payload)
	return input + "." + base64.RawURLEncoding.EncodeToString(hmacSum(h, secret, input))
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

const hs256Header = `{"alg":"HS256","typ":"JWT"}`

// payloadJSON marshals fields with encoding/json, for tokens built by mint.
func payloadJSON(t testing.TB, fields map[string]any) string {
	t.Helper()
	b, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// decodePayload unmarshals a payload with numbers kept as written.
func decodePayload(t testing.TB, payload []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(string(payload)))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("payload is not a JSON object: %v: %s", err, payload)
	}
	return m
}

// unsetenv unsets the environment variable name for the rest of the test.
func unsetenv(t *testing.T, name string) {
	t.Helper()
	t.Setenv(name, "") // restores the variable after the test
	os.Unsetenv(name)
}
