package magicbelljwt

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// claimsJSON returns the JSON of a valid payload for the test Signer, changed by edit.
func claimsJSON(t testing.TB, edit func(map[string]any)) string {
	t.Helper()
	m := map[string]any{
		"user_external_id": "usr_l70vln",
		"api_key":          testAPIKey,
		"iat":              testNow.Unix(),
		"exp":              testNow.Add(time.Hour).Unix(),
	}
	if edit != nil {
		edit(m)
	}
	return payloadJSON(t, m)
}

func TestVerify_AcceptsValidTokens(t *testing.T) {
	s := newTestSigner(t)
	tests := []struct {
		name  string
		token string
		want  Claims
	}{
		{"minted by Sign", mustSign(t, s, Claims{UserEmail: "ab~c@example.com", UserExternalID: "Zoë 🎉"}),
			Claims{UserEmail: "ab~c@example.com", UserExternalID: "Zoë 🎉", IssuedAt: jwt.NewNumericDate(testNow), ExpiresAt: jwt.NewNumericDate(testNow.Add(DefaultExpiry))}},
		{"MagicBell's Go recipe: empty email, no iat", mint(hs256Header, claimsJSON(t, func(m map[string]any) { m["user_email"] = ""; delete(m, "iat") }), testSecret),
			Claims{UserExternalID: "usr_l70vln", ExpiresAt: jwt.NewNumericDate(testNow.Add(time.Hour))}},
		{"MagicBell's TypeScript recipe: null email", mint(hs256Header, claimsJSON(t, func(m map[string]any) { m["user_email"] = nil }), testSecret),
			Claims{UserExternalID: "usr_l70vln", IssuedAt: jwt.NewNumericDate(testNow), ExpiresAt: jwt.NewNumericDate(testNow.Add(time.Hour))}},
		{"iat a minute ahead: clock skew", mint(hs256Header, claimsJSON(t, func(m map[string]any) { m["iat"] = testNow.Add(time.Minute).Unix() }), testSecret),
			Claims{UserExternalID: "usr_l70vln", IssuedAt: jwt.NewNumericDate(testNow.Add(time.Minute)), ExpiresAt: jwt.NewNumericDate(testNow.Add(time.Hour))}},
		{"exp a second ahead", mint(hs256Header, claimsJSON(t, func(m map[string]any) { m["exp"] = testNow.Unix() + 1 }), testSecret),
			Claims{UserExternalID: "usr_l70vln", IssuedAt: jwt.NewNumericDate(testNow), ExpiresAt: jwt.NewNumericDate(testNow.Add(time.Second))}},
		{"header without typ, with kid", mint(`{"alg":"HS256","kid":"1"}`, claimsJSON(t, nil), testSecret),
			Claims{UserExternalID: "usr_l70vln", IssuedAt: jwt.NewNumericDate(testNow), ExpiresAt: jwt.NewNumericDate(testNow.Add(time.Hour))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Verify(tt.token)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			tt.want.APIKey = testAPIKey
			if got.UserEmail != tt.want.UserEmail || got.UserExternalID != tt.want.UserExternalID || got.APIKey != tt.want.APIKey ||
				!sameTime(got.IssuedAt, tt.want.IssuedAt) || !sameTime(got.ExpiresAt, tt.want.ExpiresAt) {
				t.Errorf("Verify = %+v\nwant     %+v", got, tt.want)
			}
		})
	}
}

func sameTime(a, b *jwt.NumericDate) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(b.Time)
}

func TestVerify_RejectsHostileTokens(t *testing.T) {
	s := newTestSigner(t)
	valid := claimsJSON(t, nil)
	good := mint(hs256Header, valid, testSecret)
	parts := strings.Split(good, ".")
	rsaKey, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	rs256Input := b64(`{"alg":"RS256","typ":"JWT"}`) + "." + b64(valid)
	digest := sha256.Sum256([]byte(rs256Input))
	rsaSig, err := rsa.SignPKCS1v15(rand.Reader, rsaKey, crypto.SHA256, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	withClaims := func(edit func(map[string]any)) string { return mint(hs256Header, claimsJSON(t, edit), testSecret) }
	// flip changes one character of a segment to another that decodes to different bits.
	flip := func(seg string, i int) string {
		c := "A"
		if seg[i] == 'A' {
			c = "B"
		}
		return seg[:i] + c + seg[i+1:]
	}
	// Within the last character of a 32-byte signature only the top four of its six bits
	// carry data; a non-strict decoder accepts the other two as anything.
	lastSigChar := strings.IndexByte(base64url, parts[2][42])
	malleable := parts[0] + "." + parts[1] + "." + parts[2][:42] + string(base64url[lastSigChar^1])

	tests := []struct {
		name  string
		token string
		want  error
	}{
		{"alg none, no signature", b64(`{"alg":"none","typ":"JWT"}`) + "." + b64(valid) + ".", jwt.ErrTokenSignatureInvalid},
		{"alg none, HMAC signature", mint(`{"alg":"none","typ":"JWT"}`, valid, testSecret), jwt.ErrTokenSignatureInvalid},
		{"alg None", b64(`{"alg":"None"}`) + "." + b64(valid) + ".", jwt.ErrTokenUnverifiable},
		{"alg HS384 with the secret", mintWith(sha512.New384, `{"alg":"HS384","typ":"JWT"}`, valid, testSecret), jwt.ErrTokenSignatureInvalid},
		{"alg HS512 with the secret", mintWith(sha512.New, `{"alg":"HS512","typ":"JWT"}`, valid, testSecret), jwt.ErrTokenSignatureInvalid},
		{"alg RS256, real RSA signature", rs256Input + "." + base64.RawURLEncoding.EncodeToString(rsaSig), jwt.ErrTokenSignatureInvalid},
		{"alg RS256, HMAC signature (alg confusion)", mint(`{"alg":"RS256","typ":"JWT"}`, valid, testSecret), jwt.ErrTokenSignatureInvalid},
		{"alg ES256", mint(`{"alg":"ES256","typ":"JWT"}`, valid, testSecret), jwt.ErrTokenSignatureInvalid},
		{"alg unknown", mint(`{"alg":"HS257","typ":"JWT"}`, valid, testSecret), jwt.ErrTokenUnverifiable},
		{"alg missing", mint(`{"typ":"JWT"}`, valid, testSecret), jwt.ErrTokenUnverifiable},
		{"alg not a string", mint(`{"alg":256}`, valid, testSecret), jwt.ErrTokenUnverifiable},
		{"header not JSON", mint(`alg=HS256`, valid, testSecret), jwt.ErrTokenMalformed},
		{"tampered payload", parts[0] + "." + b64(strings.Replace(valid, "usr_l70vln", "usr_admin0", 1)) + "." + parts[2], jwt.ErrTokenSignatureInvalid},
		{"tampered signature", parts[0] + "." + parts[1] + "." + flip(parts[2], 5), jwt.ErrTokenSignatureInvalid},
		{"signature in its padding bits", malleable, jwt.ErrTokenMalformed},
		{"signature of another secret", mint(hs256Header, valid, testSecret+"x"), jwt.ErrTokenSignatureInvalid},
		{"signature truncated", good[:len(good)-4], jwt.ErrTokenSignatureInvalid},
		{"signature empty", parts[0] + "." + parts[1] + ".", jwt.ErrTokenSignatureInvalid},
		{"signature over another header", parts[0] + "." + parts[1] + "." + strings.Split(mint(`{"alg":"HS256"}`, valid, testSecret), ".")[2], jwt.ErrTokenSignatureInvalid},
		{"expired", withClaims(func(m map[string]any) { m["exp"] = testNow.Unix() - 1 }), jwt.ErrTokenExpired},
		{"expires now", withClaims(func(m map[string]any) { m["exp"] = testNow.Unix() }), jwt.ErrTokenExpired},
		{"no exp", withClaims(func(m map[string]any) { delete(m, "exp") }), jwt.ErrTokenRequiredClaimMissing},
		{"exp null", withClaims(func(m map[string]any) { m["exp"] = nil }), jwt.ErrTokenRequiredClaimMissing},
		{"exp beyond int64 seconds", mint(hs256Header, `{"user_external_id":"u","api_key":"`+testAPIKey+`","exp":1e300}`, testSecret), jwt.ErrTokenExpired},
		{"exp the largest int64", withClaims(func(m map[string]any) { m["exp"] = int64(1<<63 - 1) }), jwt.ErrTokenExpired},
		{"exp a string", withClaims(func(m map[string]any) { m["exp"] = "tomorrow" }), jwt.ErrTokenMalformed},
		{"iat in the future", withClaims(func(m map[string]any) { m["iat"] = testNow.Add(2 * time.Minute).Unix() }), jwt.ErrTokenUsedBeforeIssued},
		{"iat a string", withClaims(func(m map[string]any) { m["iat"] = "now" }), jwt.ErrTokenMalformed},
		{"no user", withClaims(func(m map[string]any) { delete(m, "user_external_id") }), ErrNoUser},
		{"empty user fields", withClaims(func(m map[string]any) { m["user_external_id"] = ""; m["user_email"] = "" }), ErrNoUser},
		{"email with display name", withClaims(func(m map[string]any) { m["user_email"] = "Eve <eve@example.com>" }), ErrInvalidEmail},
		{"ID with a newline", withClaims(func(m map[string]any) { m["user_external_id"] = "usr\n" }), ErrInvalidExternalID},
		{"user ID a number", withClaims(func(m map[string]any) { m["user_external_id"] = 42 }), jwt.ErrTokenMalformed},
		{"wrong api_key", withClaims(func(m map[string]any) { m["api_key"] = "pk_other_project" }), ErrAPIKeyMismatch},
		{"no api_key", withClaims(func(m map[string]any) { delete(m, "api_key") }), ErrAPIKeyMismatch},
		{"empty string", "", jwt.ErrTokenMalformed},
		{"one segment", parts[0], jwt.ErrTokenMalformed},
		{"two segments", parts[0] + "." + parts[1], jwt.ErrTokenMalformed},
		{"four segments", good + "." + parts[2], jwt.ErrTokenMalformed},
		{"Bearer prefix left on", "Bearer " + good, jwt.ErrTokenMalformed},
		{"payload not base64", parts[0] + ".!!!!." + parts[2], jwt.ErrTokenMalformed},
		{"payload in standard base64 with padding", parts[0] + "." + base64.StdEncoding.EncodeToString([]byte(valid+"  ")) + "." + parts[2], jwt.ErrTokenMalformed},
		{"header not base64", "e30$." + parts[1] + "." + parts[2], jwt.ErrTokenMalformed},
		{"signature not base64", parts[0] + "." + parts[1] + ".***", jwt.ErrTokenMalformed},
		{"payload not JSON", mint(hs256Header, "user=usr_l70vln", testSecret), jwt.ErrTokenMalformed},
		{"payload a JSON array", mint(hs256Header, `["usr_l70vln"]`, testSecret), jwt.ErrTokenMalformed},
		{"payload truncated JSON", mint(hs256Header, valid[:len(valid)-1], testSecret), jwt.ErrTokenMalformed},
		{"token of 8 KiB + 1", mint(hs256Header, claimsJSON(t, func(m map[string]any) { m["pad"] = strings.Repeat("x", 6000) }), testSecret), jwt.ErrTokenMalformed},
		{"1 MB of dots", strings.Repeat(".", 1<<20), jwt.ErrTokenMalformed},
		{"1 MB token", mint(hs256Header, strings.Repeat(" ", 1<<20)+valid, testSecret), jwt.ErrTokenMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := s.Verify(tt.token)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Verify error = %v, want %v", err, tt.want)
			}
			if c != (Claims{}) {
				t.Errorf("Verify returned claims with an error: %+v", c)
			}
		})
	}
}

const base64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func TestVerify_SizeLimitComesBeforeParsing(t *testing.T) {
	// A token just under the limit parses; one byte more is refused whatever it holds.
	s := newTestSigner(t)
	pad := func(n int) string {
		return mint(hs256Header, claimsJSON(t, func(m map[string]any) { m["pad"] = strings.Repeat("x", n) }), testSecret)
	}
	n := 0
	for len(pad(n+1)) <= maxTokenLen {
		n++
	}
	if tok := pad(n); len(tok) > maxTokenLen {
		t.Fatalf("test token is %d bytes", len(tok))
	} else if _, err := s.Verify(tok); err != nil {
		t.Fatalf("Verify of a %d-byte token: %v", len(tok), err)
	}
	_, err := s.Verify(strings.Repeat("x", maxTokenLen+1))
	if !errors.Is(err, jwt.ErrTokenMalformed) || !strings.Contains(err.Error(), "over the limit") {
		t.Errorf("Verify error = %v, want the size limit", err)
	}
}

func TestVerify_UsesTheSignersClock(t *testing.T) {
	tok := mustSign(t, newTestSigner(t, WithExpiry(time.Hour)), Claims{UserExternalID: "u"})
	for _, tt := range []struct {
		at   time.Time
		want error
	}{
		{testNow.Add(-time.Minute), nil},
		{testNow.Add(-time.Minute - time.Second), jwt.ErrTokenUsedBeforeIssued},
		{testNow.Add(time.Hour - time.Second), nil},
		{testNow.Add(time.Hour), jwt.ErrTokenExpired},
	} {
		at := tt.at
		_, err := newTestSigner(t, WithClock(func() time.Time { return at })).Verify(tok)
		if (tt.want == nil && err != nil) || !errors.Is(err, tt.want) {
			t.Errorf("Verify at %v = %v, want %v", at, err, tt.want)
		}
	}
}

func TestVerify_AnotherProjectsSigner(t *testing.T) {
	other, err := NewSigner("pk_other_project", testSecret, WithClock(fixedClock))
	if err != nil {
		t.Fatal(err)
	}
	_, err = newTestSigner(t).Verify(mustSign(t, other, Claims{UserExternalID: "u"}))
	if !errors.Is(err, ErrAPIKeyMismatch) {
		t.Errorf("Verify error = %v, want ErrAPIKeyMismatch", err)
	}
}

func FuzzVerify(f *testing.F) {
	s := newTestSigner(f)
	f.Add(mustSign(f, s, Claims{UserEmail: "person@example.com", UserExternalID: "usr_l70vln"}))
	f.Add(mint(`{"alg":"none"}`, claimsJSON(f, nil), testSecret))
	f.Add(mint(hs256Header, claimsJSON(f, nil), testSecret))
	f.Add("a.b.c")
	f.Add("..")
	f.Add("")
	f.Fuzz(func(t *testing.T, token string) {
		c, err := s.Verify(token)
		if err == nil && (c.APIKey != testAPIKey || c.ExpiresAt == nil || c.Validate() != nil) {
			t.Fatalf("Verify accepted %q with claims %+v", token, c)
		}
	})
}
