package magicbelljwt

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strconv"
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
			Claims{UserEmail: "ab~c@example.com", UserExternalID: "Zoë 🎉", IssuedAt: testNow, ExpiresAt: testNow.Add(DefaultExpiry)}},
		{"MagicBell's Go recipe: empty email, no iat", mint(hs256Header, claimsJSON(t, func(m map[string]any) { m["user_email"] = ""; delete(m, "iat") }), testSecret),
			Claims{UserExternalID: "usr_l70vln", ExpiresAt: testNow.Add(time.Hour)}},
		{"MagicBell's TypeScript recipe: null email", mint(hs256Header, claimsJSON(t, func(m map[string]any) { m["user_email"] = nil }), testSecret),
			Claims{UserExternalID: "usr_l70vln", IssuedAt: testNow, ExpiresAt: testNow.Add(time.Hour)}},
		{"iat a minute ahead: clock skew", mint(hs256Header, claimsJSON(t, func(m map[string]any) { m["iat"] = testNow.Add(time.Minute).Unix() }), testSecret),
			Claims{UserExternalID: "usr_l70vln", IssuedAt: testNow.Add(time.Minute), ExpiresAt: testNow.Add(time.Hour)}},
		{"exp a second ahead", mint(hs256Header, claimsJSON(t, func(m map[string]any) { m["exp"] = testNow.Unix() + 1 }), testSecret),
			Claims{UserExternalID: "usr_l70vln", IssuedAt: testNow, ExpiresAt: testNow.Add(time.Second)}},
		{"header without typ, with kid, jku and x5u", mint(`{"alg":"HS256","kid":"1","jku":"https://example.com/jwks","x5u":"https://example.com/x5u"}`, claimsJSON(t, nil), testSecret),
			Claims{UserExternalID: "usr_l70vln", IssuedAt: testNow, ExpiresAt: testNow.Add(time.Hour)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Verify(tt.token)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			tt.want.APIKey = testAPIKey
			if !sameClaims(got, tt.want) {
				t.Errorf("Verify = %+v\nwant     %+v", got, tt.want)
			}
		})
	}
}

// sameClaims compares claims with time.Time.Equal, since Verify's times are local.
func sameClaims(a, b Claims) bool {
	return a.UserEmail == b.UserEmail && a.UserExternalID == b.UserExternalID && a.APIKey == b.APIKey &&
		a.IssuedAt.Equal(b.IssuedAt) && a.ExpiresAt.Equal(b.ExpiresAt)
}

// TestVerify_RejectsHostileTokens covers the token itself: algorithm, signature,
// segments and size. The claim rules have tables of their own below.
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
		{"header with crit", mint(`{"alg":"HS256","typ":"JWT","crit":["x"],"x":1}`, valid, testSecret), jwt.ErrTokenUnverifiable},
		{"header with empty crit", mint(`{"alg":"HS256","crit":[]}`, valid, testSecret), jwt.ErrTokenUnverifiable},
		{"header with crit null", mint(`{"alg":"HS256","crit":null}`, valid, testSecret), jwt.ErrTokenUnverifiable},
		{"header with alg twice, HS256 first", mint(`{"alg":"HS256","alg":"none"}`, valid, testSecret), jwt.ErrTokenSignatureInvalid},
		{"tampered payload", parts[0] + "." + b64(strings.Replace(valid, "usr_l70vln", "usr_admin0", 1)) + "." + parts[2], jwt.ErrTokenSignatureInvalid},
		{"tampered signature", parts[0] + "." + parts[1] + "." + flip(parts[2], 5), jwt.ErrTokenSignatureInvalid},
		{"signature in its padding bits", malleable, jwt.ErrTokenMalformed},
		{"signature of another secret", mint(hs256Header, valid, testSecret+"x"), jwt.ErrTokenSignatureInvalid},
		{"signature truncated", parts[0] + "." + parts[1] + "." + cut(parts[2], 29), jwt.ErrTokenSignatureInvalid},
		{"signature empty", parts[0] + "." + parts[1] + ".", jwt.ErrTokenSignatureInvalid},
		{"signature over another header", parts[0] + "." + parts[1] + "." + strings.Split(mint(`{"alg":"HS256"}`, valid, testSecret), ".")[2], jwt.ErrTokenSignatureInvalid},
		{"empty string", "", jwt.ErrTokenMalformed},
		{"one segment", parts[0], jwt.ErrTokenMalformed},
		{"two segments", parts[0] + "." + parts[1], jwt.ErrTokenMalformed},
		{"four segments", good + "." + parts[2], jwt.ErrTokenMalformed},
		{"payload not base64", parts[0] + ".!!!!." + parts[2], jwt.ErrTokenMalformed},
		{"header not base64", "e30$." + parts[1] + "." + parts[2], jwt.ErrTokenMalformed},
		{"signature not base64", parts[0] + "." + parts[1] + ".***", jwt.ErrTokenMalformed},
		{"payload not JSON", mint(hs256Header, "user=usr_l70vln", testSecret), jwt.ErrTokenMalformed},
		{"payload a JSON array", mint(hs256Header, `["usr_l70vln"]`, testSecret), jwt.ErrTokenMalformed},
		{"payload truncated JSON", mint(hs256Header, valid[:len(valid)-1], testSecret), jwt.ErrTokenMalformed},
		{"payload JSON null", mint(hs256Header, `null`, testSecret), jwt.ErrTokenMalformed},
		{"payload a JSON string", mint(hs256Header, `"usr_l70vln"`, testSecret), jwt.ErrTokenMalformed},
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

// cut returns the signature segment sig with its signature cut to n bytes.
func cut(sig string, n int) string {
	b, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b[:n])
}

func TestVerify_SizeLimitComesBeforeParsing(t *testing.T) {
	// A token of exactly 8192 bytes parses; one of 8193 is refused whatever it holds.
	s := newTestSigner(t)
	pad := func(n int) string {
		return mint(hs256Header, claimsJSON(t, func(m map[string]any) { m["pad"] = strings.Repeat("x", n) }), testSecret)
	}
	n := (8192-len(pad(0)))*3/4 - 4 // each padding byte adds 4/3 of a character
	for len(pad(n)) < 8192 {
		n++
	}
	tok := pad(n)
	if len(tok) != 8192 {
		t.Fatalf("test token is %d bytes, want 8192", len(tok))
	}
	if _, err := s.Verify(tok); err != nil {
		t.Fatalf("Verify of a 8192-byte token: %v", err)
	}
	_, err := s.Verify(strings.Repeat("x", 8193))
	if !errors.Is(err, jwt.ErrTokenMalformed) || !strings.Contains(err.Error(), "8193 bytes, over the limit of 8192") {
		t.Errorf("Verify error = %v, want the size limit", err)
	}

	// A signed token of 1 MiB is refused before any of it is decoded: refusing it
	// allocates a few hundred bytes, not the megabytes that reading it would.
	if raceEnabled {
		return // the race detector's own allocations are counted too
	}
	huge := pad(1 << 20)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := 0; i < 10; i++ {
		_, _ = s.Verify(huge)
	}
	runtime.ReadMemStats(&after)
	if perCall := (after.TotalAlloc - before.TotalAlloc) / 10; perCall > 4<<10 {
		t.Errorf("Verify allocates %d bytes to refuse a %d-byte token", perCall, len(huge))
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

// signedPayload signs a payload written as raw JSON, in which $KEY stands for the test
// API key, $EXP for an exp an hour after testNow, $PAST for an hour before it and $NOW
// for testNow: raw JSON, because duplicate and case-variant names cannot be written
// with a map.
func signedPayload(payload string) string {
	return mint(hs256Header, strings.NewReplacer(
		"$KEY", `"`+testAPIKey+`"`,
		"$EXP", strconv.FormatInt(testNow.Unix()+3600, 10),
		"$PAST", strconv.FormatInt(testNow.Unix()-3600, 10),
		"$NOW", strconv.FormatInt(testNow.Unix(), 10),
	).Replace(payload), testSecret)
}

// verifyCase is a token and what Verify must make of it: the claims when want is nil,
// else an error matching every sentinel in want and saying msg.
type verifyCase struct {
	name    string
	token   string
	claims  Claims // APIKey is filled in with testAPIKey
	want    []error
	notWant []error
	msg     string
}

func (tt verifyCase) check(t *testing.T, s *Signer) {
	t.Helper()
	c, err := s.Verify(tt.token)
	if tt.want == nil {
		tt.claims.APIKey = testAPIKey
		if err != nil || !sameClaims(c, tt.claims) {
			t.Errorf("Verify = %+v, %v\nwant     %+v", c, err, tt.claims)
		}
		return
	}
	if err == nil {
		t.Fatalf("Verify accepted it: %+v", c)
	}
	for _, want := range tt.want {
		if !errors.Is(err, want) {
			t.Errorf("Verify error %q does not wrap %q", err, want)
		}
	}
	for _, notWant := range tt.notWant {
		if errors.Is(err, notWant) {
			t.Errorf("Verify error %q wraps %q", err, notWant)
		}
	}
	if !strings.Contains(err.Error(), tt.msg) || strings.Contains(err.Error(), "\n") {
		t.Errorf("Verify error %q, want one line saying %q", err, tt.msg)
	}
	if c != (Claims{}) {
		t.Errorf("Verify returned claims with an error: %+v", c)
	}
}

// invalidClaims is the sentinel list of a claim error: golang-jwt's general one and the
// specific ones.
func invalidClaims(specific ...error) []error {
	return append([]error{jwt.ErrTokenInvalidClaims}, specific...)
}

// TestVerify_ClaimNamesAreExact covers the rows of issue #9 that encoding/json's
// case-insensitive, Unicode-folding field matching and its treatment of null got wrong,
// and duplicate names in both orders: the last one wins, as in JSON.parse.
func TestVerify_ClaimNamesAreExact(t *testing.T) {
	s := newTestSigner(t)
	for _, tt := range []verifyCase{
		{name: "a case variant of user_external_id is another claim",
			token:  signedPayload(`{"user_external_id":"alice","USER_EXTERNAL_ID":"admin","api_key":$KEY,"exp":$EXP}`),
			claims: Claims{UserExternalID: "alice", ExpiresAt: testNow.Add(time.Hour)}},
		{name: "a case variant of user_external_id alone is no user",
			token: signedPayload(`{"User_External_Id":"admin","api_key":$KEY,"exp":$EXP}`), want: invalidClaims(ErrNoUser), msg: "no user"},
		{name: "a case variant of user_email alone is no user",
			token: signedPayload(`{"USER_EMAIL":"admin@example.com","api_key":$KEY,"exp":$EXP}`), want: invalidClaims(ErrNoUser), msg: "no user"},
		{name: "a case variant of api_key does not stand in for another project's",
			token: signedPayload(`{"user_external_id":"u","api_key":"pk_other","API_KEY":$KEY,"exp":$EXP}`), want: invalidClaims(ErrAPIKeyMismatch), msg: "another API key"},
		{name: "api_key spelt with the Kelvin sign is not api_key",
			token: signedPayload(`{"user_external_id":"u","api_\u212aey":$KEY,"exp":$EXP}`), want: invalidClaims(jwt.ErrTokenRequiredClaimMissing), msg: "no api_key claim"},
		{name: "a case variant of exp does not extend an expired token",
			token: signedPayload(`{"user_external_id":"u","api_key":$KEY,"exp":$PAST,"EXP":$EXP}`), want: invalidClaims(jwt.ErrTokenExpired), msg: "expired"},
		{name: "Exp alone is no exp",
			token: signedPayload(`{"user_external_id":"u","api_key":$KEY,"Exp":$EXP}`), want: invalidClaims(jwt.ErrTokenRequiredClaimMissing), msg: "no exp claim"},
		{name: "a name written with an escape is the same name, as in JSON.parse",
			token:  signedPayload(`{"user\u005fexternal_id":"alice","api_key":$KEY,"exp":$EXP}`),
			claims: Claims{UserExternalID: "alice", ExpiresAt: testNow.Add(time.Hour)}},

		{name: "duplicate user_external_id: the last wins",
			token:  signedPayload(`{"user_external_id":"admin","user_external_id":"alice","api_key":$KEY,"exp":$EXP}`),
			claims: Claims{UserExternalID: "alice", ExpiresAt: testNow.Add(time.Hour)}},
		{name: "duplicate user_external_id, the last null: no user",
			token: signedPayload(`{"user_external_id":"admin","user_external_id":null,"api_key":$KEY,"exp":$EXP}`), want: invalidClaims(ErrNoUser), msg: "no user"},
		{name: "duplicate user_external_id, the last null, with an email",
			token:  signedPayload(`{"user_email":"a@example.com","user_external_id":"admin","user_external_id":null,"api_key":$KEY,"exp":$EXP}`),
			claims: Claims{UserEmail: "a@example.com", ExpiresAt: testNow.Add(time.Hour)}},
		{name: "duplicate user_email, the first null",
			token:  signedPayload(`{"user_email":null,"user_email":"a@example.com","api_key":$KEY,"exp":$EXP}`),
			claims: Claims{UserEmail: "a@example.com", ExpiresAt: testNow.Add(time.Hour)}},
		{name: "duplicate api_key, ours last",
			token:  signedPayload(`{"user_external_id":"u","api_key":"pk_other","api_key":$KEY,"exp":$EXP}`),
			claims: Claims{UserExternalID: "u", ExpiresAt: testNow.Add(time.Hour)}},
		{name: "duplicate api_key, ours first",
			token: signedPayload(`{"user_external_id":"u","api_key":$KEY,"api_key":"pk_other","exp":$EXP}`), want: invalidClaims(ErrAPIKeyMismatch), msg: "another API key"},
		{name: "duplicate api_key, the last null",
			token: signedPayload(`{"user_external_id":"u","api_key":$KEY,"api_key":null,"exp":$EXP}`), want: invalidClaims(jwt.ErrInvalidType), msg: "api_key is null, want a string"},
		{name: "duplicate exp, the past one last",
			token: signedPayload(`{"user_external_id":"u","api_key":$KEY,"exp":$EXP,"exp":$PAST}`), want: invalidClaims(jwt.ErrTokenExpired), msg: "expired"},
		{name: "duplicate exp, the future one last",
			token:  signedPayload(`{"user_external_id":"u","api_key":$KEY,"exp":$PAST,"exp":$EXP}`),
			claims: Claims{UserExternalID: "u", ExpiresAt: testNow.Add(time.Hour)}},
		{name: "duplicate exp, the last null",
			token: signedPayload(`{"user_external_id":"u","api_key":$KEY,"exp":$EXP,"exp":null}`), want: invalidClaims(jwt.ErrInvalidType), notWant: []error{jwt.ErrTokenRequiredClaimMissing}, msg: "exp is null, want a number of seconds since 1970"},
		{name: "duplicate nbf, the last null",
			token: signedPayload(`{"user_external_id":"u","api_key":$KEY,"exp":$EXP,"nbf":$NOW,"nbf":null}`), want: invalidClaims(jwt.ErrInvalidType), msg: "nbf is null, want a number of seconds since 1970"},
		{name: "duplicate iat, the first null",
			token:  signedPayload(`{"user_external_id":"u","api_key":$KEY,"exp":$EXP,"iat":null,"iat":$NOW}`),
			claims: Claims{UserExternalID: "u", IssuedAt: testNow, ExpiresAt: testNow.Add(time.Hour)}},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, s) })
	}
}

// TestVerify_ClaimTypes covers the JSON type each claim must have: user fields a string
// or null, api_key a string, times numbers (never quoted).
func TestVerify_ClaimTypes(t *testing.T) {
	s := newTestSigner(t)
	tests := []verifyCase{
		{name: "user_email null and user_external_id set", token: signedPayload(`{"user_email":null,"user_external_id":"u","api_key":$KEY,"exp":$EXP}`),
			claims: Claims{UserExternalID: "u", ExpiresAt: testNow.Add(time.Hour)}},
		{name: "no api_key", token: signedPayload(`{"user_external_id":"u","exp":$EXP}`), want: invalidClaims(jwt.ErrTokenRequiredClaimMissing), msg: "no api_key claim"},
		{name: "api_key null", token: signedPayload(`{"user_external_id":"u","api_key":null,"exp":$EXP}`), want: invalidClaims(jwt.ErrInvalidType), notWant: []error{ErrAPIKeyMismatch}, msg: "api_key is null, want a string"},
		{name: "api_key empty", token: signedPayload(`{"user_external_id":"u","api_key":"","exp":$EXP}`), want: invalidClaims(ErrAPIKeyMismatch), msg: "another API key"},
		{name: "api_key an array", token: signedPayload(`{"user_external_id":"u","api_key":[$KEY],"exp":$EXP}`), want: invalidClaims(jwt.ErrInvalidType), msg: "api_key is an array, want a string"},
		{name: "exp a quoted number", token: signedPayload(`{"user_external_id":"u","api_key":$KEY,"exp":"$EXP"}`), want: invalidClaims(jwt.ErrInvalidType), msg: "exp is a string, want a number"},
		{name: "iat a quoted number", token: signedPayload(`{"user_external_id":"u","api_key":$KEY,"exp":$EXP,"iat":"$NOW"}`), want: invalidClaims(jwt.ErrInvalidType), msg: "iat is a string, want a number"},
		{name: "nbf a quoted number", token: signedPayload(`{"user_external_id":"u","api_key":$KEY,"exp":$EXP,"nbf":"$NOW"}`), want: invalidClaims(jwt.ErrInvalidType), msg: "nbf is a string, want a number"},
		{name: "exp a boolean", token: signedPayload(`{"user_external_id":"u","api_key":$KEY,"exp":true}`), want: invalidClaims(jwt.ErrInvalidType), msg: "exp is a boolean"},
		{name: "exp an object", token: signedPayload(`{"user_external_id":"u","api_key":$KEY,"exp":{"n":$EXP}}`), want: invalidClaims(jwt.ErrInvalidType), msg: "exp is an object"},
	}
	// A user field of another type is reported as that, not also as no user.
	for name, sentinel := range map[string]error{"user_email": ErrInvalidEmail, "user_external_id": ErrInvalidExternalID} {
		for value, typ := range map[string]string{`42`: "a number", `true`: "a boolean", `["u"]`: "an array", `{"id":"u"}`: "an object"} {
			tests = append(tests, verifyCase{name: name + " " + typ,
				token: signedPayload(`{"` + name + `":` + value + `,"api_key":$KEY,"exp":$EXP}`),
				want:  invalidClaims(sentinel, jwt.ErrInvalidType), notWant: []error{ErrNoUser}, msg: name + " is " + typ + ", want a string or null"})
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, s) })
	}
}

// TestVerify_TimeClaims covers exp, iat and nbf: their range, and how far each may be
// from the Signer's clock.
func TestVerify_TimeClaims(t *testing.T) {
	s := newTestSigner(t)
	payload := func(times string) string {
		return signedPayload(`{"user_external_id":"u","api_key":$KEY,` + times + `}`)
	}
	at := func(d time.Duration) string { return strconv.FormatInt(testNow.Add(d).Unix(), 10) }
	hour := testNow.Add(time.Hour)
	for _, tt := range []verifyCase{
		{name: "exp a second ahead", token: payload(`"exp":` + at(time.Second)), claims: Claims{UserExternalID: "u", ExpiresAt: testNow.Add(time.Second)}},
		{name: "exp now", token: payload(`"exp":` + at(0)), want: invalidClaims(jwt.ErrTokenExpired), msg: "expired at 2026-11-23 12:00:00 UTC, 0s ago"},
		{name: "exp a second ago", token: payload(`"exp":` + at(-time.Second)), want: invalidClaims(jwt.ErrTokenExpired), msg: "expired at 2026-11-23 11:59:59 UTC, 1s ago"},
		{name: "exp with a fraction, a moment ago", token: payload(`"exp":` + at(0) + `.25`), claims: Claims{UserExternalID: "u", ExpiresAt: testNow.Add(250 * time.Millisecond)}},
		{name: "exp in the year 9999", token: payload(`"exp":253402300799`), claims: Claims{UserExternalID: "u", ExpiresAt: time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)}},
		{name: "exp a second after the year 9999", token: payload(`"exp":253402300800`), want: invalidClaims(jwt.ErrInvalidType), msg: "outside 0 to 253402300799"},
		{name: "exp 1e19, past int64 nanoseconds", token: payload(`"exp":1e19`), want: invalidClaims(jwt.ErrInvalidType), msg: "exp is 1e+19, outside 0 to 253402300799"},
		{name: "exp 1e300", token: payload(`"exp":1e300`), want: invalidClaims(jwt.ErrInvalidType), msg: "outside"},
		{name: "exp the largest int64", token: payload(`"exp":9223372036854775807`), want: invalidClaims(jwt.ErrInvalidType), msg: "outside"},
		{name: "exp negative", token: payload(`"exp":-1`), want: invalidClaims(jwt.ErrInvalidType), msg: "exp is -1, outside"},
		{name: "exp 0", token: payload(`"exp":0`), want: invalidClaims(jwt.ErrTokenExpired), msg: "expired at 1970-01-01 00:00:00 UTC"},
		{name: "exp beyond float64", token: payload(`"exp":1e400`), want: []error{jwt.ErrTokenMalformed}, msg: "1e400"},

		{name: "iat 0", token: payload(`"exp":` + at(time.Hour) + `,"iat":0`), claims: Claims{UserExternalID: "u", IssuedAt: time.Unix(0, 0), ExpiresAt: hour}},
		{name: "iat null", token: payload(`"exp":` + at(time.Hour) + `,"iat":null`), want: invalidClaims(jwt.ErrInvalidType), msg: "iat is null, want a number of seconds since 1970"},
		{name: "nbf null", token: payload(`"exp":` + at(time.Hour) + `,"nbf":null`), want: invalidClaims(jwt.ErrInvalidType), msg: "nbf is null, want a number of seconds since 1970"},
		{name: "exp null", token: payload(`"exp":null`), want: invalidClaims(jwt.ErrInvalidType), msg: "exp is null, want a number of seconds since 1970"},
		{name: "nbf 0", token: payload(`"exp":` + at(time.Hour) + `,"nbf":0`), claims: Claims{UserExternalID: "u", ExpiresAt: hour}},
		{name: "iat a minute ahead", token: payload(`"exp":` + at(time.Hour) + `,"iat":` + at(time.Minute)), claims: Claims{UserExternalID: "u", IssuedAt: testNow.Add(time.Minute), ExpiresAt: hour}},
		{name: "iat a minute and a second ahead", token: payload(`"exp":` + at(time.Hour) + `,"iat":` + at(time.Minute+time.Second)),
			want: invalidClaims(jwt.ErrTokenUsedBeforeIssued), msg: "iat is 2026-11-23 12:01:01 UTC, 1m1s ahead of this clock, more than the 1m allowed"},
		{name: "iat in the year 9999", token: payload(`"exp":` + at(time.Hour) + `,"iat":253402300799`), want: invalidClaims(jwt.ErrTokenUsedBeforeIssued),
			msg: "iat is 9999-12-31 23:59:59 UTC, 2912116d11h59m59s ahead of this clock"}, // (253402300799 - 1795435200) s, computed apart
		{name: "iat 1e18", token: payload(`"exp":` + at(time.Hour) + `,"iat":1e18`), want: invalidClaims(jwt.ErrInvalidType), msg: "iat is 1e+18, outside"},
		{name: "iat 1e19", token: payload(`"exp":` + at(time.Hour) + `,"iat":1e19`), want: invalidClaims(jwt.ErrInvalidType), msg: "iat is 1e+19, outside"},
		{name: "iat negative", token: payload(`"exp":` + at(time.Hour) + `,"iat":-5`), want: invalidClaims(jwt.ErrInvalidType), msg: "iat is -5, outside"},

		{name: "nbf a day ago", token: payload(`"exp":` + at(time.Hour) + `,"nbf":` + at(-24*time.Hour)), claims: Claims{UserExternalID: "u", ExpiresAt: hour}},
		{name: "nbf a minute ahead", token: payload(`"exp":` + at(time.Hour) + `,"nbf":` + at(time.Minute)), claims: Claims{UserExternalID: "u", ExpiresAt: hour}},
		{name: "nbf a minute and a second ahead", token: payload(`"exp":` + at(time.Hour) + `,"nbf":` + at(time.Minute+time.Second)),
			want: invalidClaims(jwt.ErrTokenNotValidYet), msg: "nbf is 2026-11-23 12:01:01 UTC, 1m1s ahead"},
		{name: "nbf a day ahead", token: payload(`"exp":` + at(48*time.Hour) + `,"nbf":` + at(24*time.Hour)), want: invalidClaims(jwt.ErrTokenNotValidYet), msg: "1d ahead"},
		{name: "nbf 1e19", token: payload(`"exp":` + at(time.Hour) + `,"nbf":1e19`), want: invalidClaims(jwt.ErrInvalidType), msg: "nbf is 1e+19, outside"},
		{name: "nbf negative", token: payload(`"exp":` + at(time.Hour) + `,"nbf":-1`), want: invalidClaims(jwt.ErrInvalidType), msg: "nbf is -1, outside"},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, s) })
	}
}

// TestVerify_PayloadTextReadsTheSameEverywhere covers the payload text that Go would
// read as U+FFFD and JSON.parse would not: invalid UTF-8, and a \u escape of half a
// surrogate pair on its own.
func TestVerify_PayloadTextReadsTheSameEverywhere(t *testing.T) {
	s := newTestSigner(t)
	withID := func(id string) string {
		return signedPayload(`{"user_external_id":"` + id + `","api_key":$KEY,"exp":$EXP}`)
	}
	exp := testNow.Add(time.Hour)
	for _, tt := range []verifyCase{
		{name: "a surrogate pair", token: withID(`a\ud83c\udf89`), claims: Claims{UserExternalID: "a🎉", ExpiresAt: exp}},
		{name: "a surrogate pair in upper case", token: withID(`\uD83C\uDF89`), claims: Claims{UserExternalID: "🎉", ExpiresAt: exp}},
		{name: "U+FFFD itself", token: withID(`x\ufffd`), claims: Claims{UserExternalID: "x\ufffd", ExpiresAt: exp}},
		{name: "an escaped backslash before u", token: withID(`\\ud800`), claims: Claims{UserExternalID: `\ud800`, ExpiresAt: exp}},
		{name: "a high surrogate alone", token: withID(`\ud800`), want: []error{jwt.ErrTokenMalformed}, msg: "half a surrogate pair"},
		{name: "a high surrogate at the end of a longer string", token: withID(`admin\udbff`), want: []error{jwt.ErrTokenMalformed}, msg: "half a surrogate pair"},
		{name: "a low surrogate alone", token: withID(`\udc00x`), want: []error{jwt.ErrTokenMalformed}, msg: "half a surrogate pair"},
		{name: "two low surrogates", token: withID(`\udc00\udfff`), want: []error{jwt.ErrTokenMalformed}, msg: "half a surrogate pair"},
		{name: "a pair in the wrong order", token: withID(`\udc00\ud800`), want: []error{jwt.ErrTokenMalformed}, msg: "half a surrogate pair"},
		{name: "two high surrogates", token: withID(`\ud800\udbff`), want: []error{jwt.ErrTokenMalformed}, msg: "half a surrogate pair"},
		{name: "a high surrogate and a letter", token: withID(`\ud800\u0041`), want: []error{jwt.ErrTokenMalformed}, msg: "half a surrogate pair"},
		{name: "a high surrogate and text that looks like a low one", token: withID(`\ud800xudc00`), want: []error{jwt.ErrTokenMalformed}, msg: "half a surrogate pair"},
		{name: "a high surrogate and an escaped backslash", token: withID(`\ud800\\udc00`), want: []error{jwt.ErrTokenMalformed}, msg: "half a surrogate pair"},
		{name: "an escaped backslash and a lone surrogate", token: withID(`\\\ud800`), want: []error{jwt.ErrTokenMalformed}, msg: "half a surrogate pair"},
		{name: "a lone surrogate in an unknown claim", token: signedPayload(`{"user_external_id":"u","x":"\udfff","api_key":$KEY,"exp":$EXP}`), want: []error{jwt.ErrTokenMalformed}, msg: "half a surrogate pair"},
		{name: "a lone surrogate in a claim name", token: signedPayload(`{"user_external_id":"u","\ud800":1,"api_key":$KEY,"exp":$EXP}`), want: []error{jwt.ErrTokenMalformed}, msg: "half a surrogate pair"},
		{name: "a byte that is not UTF-8", token: withID("admin\xff"), want: []error{jwt.ErrTokenMalformed}, msg: "not valid UTF-8"},
		{name: "an encoded surrogate (CESU-8)", token: withID("admin\xed\xa0\x80"), want: []error{jwt.ErrTokenMalformed}, msg: "not valid UTF-8"},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, s) })
	}
}

// TestVerify_ReadsHeaderAndPayloadAlike covers the rules of the one reading that Verify
// and the command's decode share, and the words Verify gives for a header or signature
// that is not HS256's.
func TestVerify_ReadsHeaderAndPayloadAlike(t *testing.T) {
	s := newTestSigner(t)
	valid := claimsJSON(t, nil)
	nest := func(n int) string { // n levels of nesting in all, the payload's object included
		return `{"user_external_id":"u","api_key":"` + testAPIKey + `","exp":` + strconv.FormatInt(testNow.Unix()+3600, 10) +
			`,"x":` + strings.Repeat("[", n-1) + strings.Repeat("]", n-1) + `}`
	}
	good := mint(hs256Header, valid, testSecret)
	sig := good[strings.LastIndexByte(good, '.')+1:]
	for _, tt := range []verifyCase{
		{name: "16 levels of nesting", token: mint(hs256Header, nest(16), testSecret), claims: Claims{UserExternalID: "u", ExpiresAt: testNow.Add(time.Hour)}},
		{name: "17 levels of nesting", token: mint(hs256Header, nest(17), testSecret), want: []error{jwt.ErrTokenMalformed}, msg: "the payload nests deeper than 16 levels"},
		{name: "17 levels of objects in the header", token: mint(`{"alg":"HS256","x":`+strings.Repeat(`{"a":`, 16)+`1`+strings.Repeat(`}`, 17), valid, testSecret),
			want: []error{jwt.ErrTokenMalformed}, msg: "the header nests deeper than 16 levels"},
		{name: "a second object after the payload", token: mint(hs256Header, valid+`{"user_external_id":"admin"}`, testSecret), want: []error{jwt.ErrTokenMalformed}, msg: "the payload has more after its JSON object, at byte " + strconv.Itoa(len(valid))},
		{name: "a byte order mark", token: mint(hs256Header, "\ufeff"+valid, testSecret), want: []error{jwt.ErrTokenMalformed}, msg: "the payload is not a JSON object: a syntax error at byte"},
		{name: "a payload array", token: mint(hs256Header, `[`+valid+`]`, testSecret), want: []error{jwt.ErrTokenMalformed}, msg: "the payload is not a JSON object"},
		{name: "whitespace around the payload", token: mint(hs256Header, " \n"+valid+"\t ", testSecret), claims: Claims{UserExternalID: "usr_l70vln", IssuedAt: testNow, ExpiresAt: testNow.Add(time.Hour)}},
		{name: "a number beyond float64, nested", token: mint(hs256Header, strings.Replace(valid, "{", `{"x":[1e400],`, 1), testSecret), want: []error{jwt.ErrTokenMalformed}, msg: "the payload has a number out of range: 1e400"},
		{name: "a header that is not UTF-8", token: mint("{\"alg\":\"HS256\",\"kid\":\"\xff\"}", valid, testSecret), want: []error{jwt.ErrTokenMalformed}, msg: "the header is not valid UTF-8"},
		{name: "a lone surrogate in the header", token: mint(`{"alg":"HS256","kid":"\ud800"}`, valid, testSecret), want: []error{jwt.ErrTokenMalformed}, msg: `the header has a \u escape of half a surrogate pair alone`},
		{name: "HS512", token: mintWith(sha512.New, `{"alg":"HS512"}`, valid, testSecret), want: []error{jwt.ErrTokenSignatureInvalid}, msg: `alg "HS512": MagicBell accepts only HS256`},
		{name: "none", token: b64(`{"alg":"none"}`) + "." + b64(valid) + ".", want: []error{jwt.ErrTokenSignatureInvalid}, msg: `alg "none": the token is not signed, and anyone could have written it`},
		{name: "alg a number", token: mint(`{"alg":256}`, valid, testSecret), want: []error{jwt.ErrTokenUnverifiable}, msg: `alg is a number, want "HS256"`},
		{name: "no alg", token: mint(`{"typ":"JWT"}`, valid, testSecret), want: []error{jwt.ErrTokenUnverifiable}, msg: "the header has no alg"},
		{name: "crit", token: mint(`{"alg":"HS256","crit":["exp"]}`, valid, testSecret), want: []error{jwt.ErrTokenUnverifiable}, msg: `the header has "crit" extensions`},
		{name: "a signature cut to 29 bytes", token: good[:len(good)-len(sig)] + cut(sig, 29), want: []error{jwt.ErrTokenSignatureInvalid}, msg: "the signature segment is cut short or damaged: it holds 29 bytes, and an HS256 signature 32"},
		{name: "a signature cut by 2 characters", token: good[:len(good)-2], want: []error{jwt.ErrTokenMalformed}, msg: "the signature segment is cut short or damaged: base64url cannot end after 41 characters"},
		{name: "a signature cut by 3 characters", token: good[:len(good)-3], want: []error{jwt.ErrTokenSignatureInvalid}, msg: "it holds 30 bytes, and an HS256 signature 32"},
		{name: "a signature with stray bits", token: good[:len(good)-1] + string(base64url[strings.IndexByte(base64url, good[len(good)-1])^1]),
			want: []error{jwt.ErrTokenMalformed}, msg: "the signature segment is cut short or damaged: its last character has stray bits"},
		{name: "a signature one character long", token: good[:len(good)-len(sig)+1], want: []error{jwt.ErrTokenMalformed}, msg: "the signature segment is cut short or damaged: base64url cannot end after 1 character"},
		{name: "no signature", token: good[:len(good)-len(sig)], want: []error{jwt.ErrTokenSignatureInvalid}, msg: "it holds 0 bytes"},
		{name: "a signature too long", token: good + "AAAA", want: []error{jwt.ErrTokenSignatureInvalid}, msg: "it holds 35 bytes"},
		{name: "one segment", token: "abc", want: []error{jwt.ErrTokenMalformed}, msg: "1 segment, want 3 separated by dots"},
		// Values from a token are cut to 24 bytes, fewer than a secret key has.
		{name: "a long alg", token: mint(`{"alg":"`+strings.Repeat("a", 25)+`"}`, valid, testSecret), want: []error{jwt.ErrTokenUnverifiable},
			msg: `alg "` + strings.Repeat("a", 24) + `"…: MagicBell accepts only HS256`},
		{name: "an alg of 24 bytes", token: mint(`{"alg":"`+strings.Repeat("a", 24)+`"}`, valid, testSecret), want: []error{jwt.ErrTokenUnverifiable},
			msg: `alg "` + strings.Repeat("a", 24) + `": MagicBell accepts only HS256`},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, s) })
	}
	long := mint(hs256Header, strings.Replace(valid, "{", `{"x":1`+strings.Repeat("0", 30)+`e999,`, 1), testSecret)
	if _, err := s.Verify(long); err == nil || !strings.HasSuffix(err.Error(), "the payload has a number out of range: 1"+strings.Repeat("0", 23)) {
		t.Errorf("Verify of a long number = %v, want its first 24 bytes shown", err)
	}
}

// TestVerify_RejectsBytesOutsideBase64url covers the check before parsing: Go's base64
// decoder skips CR and LF, so without it one token would have endless spellings.
func TestVerify_RejectsBytesOutsideBase64url(t *testing.T) {
	s := newTestSigner(t)
	good := mint(hs256Header, claimsJSON(t, nil), testSecret)
	if _, err := s.Verify(good); err != nil {
		t.Fatalf("the untouched token: %v", err)
	}
	sig := strings.LastIndexByte(good, '.') + 1
	insert := func(at int, s string) string { return good[:at] + s + good[at:] }
	for _, tt := range []struct {
		name, token, bad, msg string
	}{
		{"CRLF after the token", good + "\r\n", "\r", "whitespace"},
		{"LF after the token", good + "\n", "\n", "whitespace"},
		{"space before the token", " " + good, " ", "whitespace"},
		{"CRLF inside the signature", insert(sig+10, "\r\n"), "\r", "whitespace"},
		{"LF inside the signature", insert(sig+3, "\n"), "\n", "whitespace"},
		{"CR inside the payload", insert(sig-20, "\r"), "\r", "whitespace"},
		{"tab inside the header", insert(5, "\t"), "\t", "whitespace"},
		{"padding after the signature", good + "=", "=", "padding"},
		{"padding after the header", insert(strings.IndexByte(good, '.'), "=="), "=", "padding"},
		{"standard base64 '+'", insert(sig+1, "+"), "+", "base64url"},
		{"standard base64 '/'", insert(sig+1, "/"), "/", "base64url"},
		{"a non-ASCII byte", insert(sig+1, "é"), "\xc3", "non-ASCII byte 0xc3"},
		{"a NUL byte", insert(sig+1, "\x00"), "\x00", "is not base64url"},
		{"a quote before the token", `"` + good, `"`, "is not base64url"},
		{"a quote after the token", good + `'`, `'`, "is not base64url"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Verify(tt.token)
			at := fmt.Sprintf("at byte %d", strings.Index(tt.token, tt.bad))
			if !errors.Is(err, jwt.ErrTokenMalformed) || !strings.Contains(err.Error(), tt.msg) || !strings.Contains(err.Error(), at) {
				t.Errorf("Verify error = %v, want ErrTokenMalformed saying %q %s", err, tt.msg, at)
			}
		})
	}
	for _, tt := range []struct{ name, token, msg string }{
		{"Bearer prefix", "Bearer " + good, `starts with "Bearer "`},
		{"double quotes", `"` + good + `"`, "is wrapped in quotes: pass the token without them"},
		{"single quotes", `'` + good + `'`, "is wrapped in quotes: pass the token without them"},
		{"LF inside", insert(sig, "\n"), fmt.Sprintf("whitespace at byte %d, inside the token: it was broken over lines or by spaces: join its parts", sig)},
		{"a space inside", insert(1, " "), "whitespace at byte 1, inside the token: it was broken over lines or by spaces: join its parts"},
		{"LF after", good + "\n", fmt.Sprintf("whitespace at byte %d: pass the token without surrounding spaces or newlines", len(good))},
		{"spaces after", good + "  ", fmt.Sprintf("whitespace at byte %d: pass the token without surrounding spaces or newlines", len(good))},
		{"a space before", " " + good, "whitespace at byte 0: pass the token without surrounding spaces or newlines"},
		{"empty", "", "empty"},
		{"no dot", "abc", "1 segment, want 3"},
		{"two dots too many", good + ".x.y", "5 segments, want 3"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := s.Verify(tt.token); !errors.Is(err, jwt.ErrTokenMalformed) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("Verify error = %v, want ErrTokenMalformed saying %q", err, tt.msg)
			}
		})
	}
}

// TestVerify_ErrorsSayWhatToDo covers the messages: a different secret, when a token
// expired, a missing api_key apart from another project's, and every problem at once.
func TestVerify_ErrorsSayWhatToDo(t *testing.T) {
	s := newTestSigner(t)
	for _, tt := range []verifyCase{
		{name: "another secret", token: mint(hs256Header, claimsJSON(t, nil), "sk_other"),
			want: []error{jwt.ErrTokenSignatureInvalid}, msg: "signed with a different secret key (or by another project)"},
		{name: "expired an hour ago", token: signedPayload(`{"user_external_id":"u","api_key":$KEY,"exp":$PAST}`),
			want: invalidClaims(jwt.ErrTokenExpired), msg: "expired at 2026-11-23 11:00:00 UTC, 1h ago"},
		{name: "expired a year and a day ago", token: mint(hs256Header, claimsJSON(t, func(m map[string]any) { m["exp"] = testNow.AddDate(-1, 0, -1).Unix() }), testSecret),
			want: invalidClaims(jwt.ErrTokenExpired), msg: "expired at 2025-11-22 12:00:00 UTC, 366d ago"},
		{name: "every problem, on one line", token: signedPayload(`{"user_email":"Eve <eve@example.com>","user_external_id":" x","api_key":"pk_other","exp":$PAST,"iat":1e19,"nbf":"soon"}`),
			want: invalidClaims(ErrInvalidEmail, ErrInvalidExternalID, ErrAPIKeyMismatch, jwt.ErrTokenExpired, jwt.ErrInvalidType),
			msg: "magicbelljwt: token has invalid claims: invalid user email: not a bare address like person@example.com; invalid user external ID: leading or trailing whitespace; " +
				"token was minted for another API key; token is expired: it expired at 2026-11-23 11:00:00 UTC, 1h ago; invalid type for claim: iat is 1e+19, outside 0 to 253402300799 (the years 1970 to 9999); " +
				"invalid type for claim: nbf is a string, want a number of seconds since 1970"},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, s) })
	}
	_, err := s.Verify(signedPayload(`{"user_external_id":"u","exp":$EXP}`))
	if err == nil || strings.Contains(err.Error(), "another") || errors.Is(err, ErrAPIKeyMismatch) {
		t.Errorf("a token without api_key: %v, want it told apart from another project's", err)
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
	f.Add(signedPayload(`{"user_external_id":"alice","USER_EXTERNAL_ID":"admin","api_key":$KEY,"exp":$EXP}`))
	f.Add(signedPayload(`{"user_external_id":"admin","user_external_id":null,"user_email":"a@b.co","api_key":$KEY,"exp":$EXP,"exp":$PAST}`))
	f.Add(signedPayload(`{"user_external_id":"\ud83c\udf89","api_key":$KEY,"exp":$EXP,"iat":$NOW,"nbf":$NOW}`))
	f.Fuzz(func(t *testing.T, token string) {
		c, err := s.Verify(token)
		if err != nil {
			return
		}
		if c.APIKey != testAPIKey || !c.ExpiresAt.After(testNow) || c.Validate() != nil {
			t.Fatalf("Verify accepted %q with claims %+v", token, c)
		}
		// What JSON.parse reads, the way Go can: exact keys into a map, the last
		// duplicate winning, null as absent.
		parts := strings.Split(token, ".")
		raw, err := base64.RawURLEncoding.Strict().DecodeString(parts[1])
		if err != nil {
			t.Fatalf("Verify accepted %q whose payload is not base64url: %v", token, err)
		}
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("Verify accepted %q whose payload is not a JSON object: %v", token, err)
		}
		str := func(k string) string { v, _ := m[k].(string); return v }
		exp, _ := m["exp"].(float64)
		if str("user_email") != c.UserEmail || str("user_external_id") != c.UserExternalID || str("api_key") != c.APIKey ||
			exp != float64(c.ExpiresAt.UnixNano())/1e9 {
			t.Fatalf("Verify read %+v from %s", c, raw)
		}
	})
}

// TestVerify_ClockFlooredToWholeSeconds checks that Verify compares times with its
// clock floored to the second, as jsonwebtoken and jose do
// (Math.floor(Date.now() / 1000)): 0.9 s into second T, nbf T+60.5 is more than the
// minute ahead, and exp T+0.5 is not reached.
func TestVerify_ClockFlooredToWholeSeconds(t *testing.T) {
	T := testNow.Unix()
	s := newTestSigner(t, WithClock(func() time.Time { return testNow.Add(900 * time.Millisecond) }))
	at := func(secs string) string {
		return mint(hs256Header, `{"user_external_id":"u","api_key":"`+testAPIKey+`",`+secs+`}`, testSecret)
	}
	for _, tt := range []struct {
		times string
		want  error
	}{
		{fmt.Sprintf(`"exp":%d,"nbf":%d.5`, T+3600, T+60), jwt.ErrTokenNotValidYet},
		{fmt.Sprintf(`"exp":%d,"iat":%d.5`, T+3600, T+60), jwt.ErrTokenUsedBeforeIssued},
		{fmt.Sprintf(`"exp":%d,"nbf":%d`, T+3600, T+60), nil},
		{fmt.Sprintf(`"exp":%d.5`, T), nil},
		{fmt.Sprintf(`"exp":%d`, T), jwt.ErrTokenExpired},
	} {
		_, err := s.Verify(at(tt.times))
		if (tt.want == nil) != (err == nil) || !errors.Is(err, tt.want) {
			t.Errorf("Verify {%s} at T+0.9s = %v, want %v", tt.times, err, tt.want)
		}
	}
}
