package magicbelljwt_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/magicbell-community/magicbelljwt"
)

// The token printed by ExampleSigner_Sign and Example_loginHandler was computed apart
// from this package, with Python's hmac, hashlib and base64 modules, from the same keys,
// user and clock; the interop suite checks it with node's jsonwebtoken too.

func ExampleNewSigner() {
	apiKey := "pk_JJUxO8amaaK21G08w9q0_218239574"
	secretKey := "sk_example_Zq8VbN2xLw7pT4mR9cYe1uH\n" // as read from a file, newline included

	_, err := magicbelljwt.NewSigner(apiKey, secretKey)
	fmt.Println(err)

	_, err = magicbelljwt.NewSigner(secretKey, apiKey)
	fmt.Println(errors.Is(err, magicbelljwt.ErrKeysSwapped), err)

	signer, err := magicbelljwt.NewSigner(apiKey, strings.TrimSpace(secretKey), magicbelljwt.WithExpiry(24*time.Hour))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(signer)
	// Output:
	// magicbelljwt: invalid secret key: the secret key has a trailing newline (often from a file or an environment variable): remove it
	// true magicbelljwt: API key and secret key look swapped: the secret key starts with pk_, the prefix of MagicBell API keys
	// magicbelljwt.Signer{APIKey: "pk_JJUxO8amaaK21G08w9q0_218239574", Expiry: 24h0m0s, SecretKey: REDACTED}
}

func ExampleNewSignerFromEnv() {
	// As a deployment might set them, the secret key read from a file with its newline.
	os.Setenv("MAGICBELL_API_KEY", "pk_JJUxO8amaaK21G08w9q0_218239574")
	os.Setenv("MAGICBELL_API_SECRET", "sk_example_Zq8VbN2xLw7pT4mR9cYe1uH\n")
	os.Unsetenv("MAGICBELL_SECRET_KEY")
	defer os.Unsetenv("MAGICBELL_API_KEY")
	defer os.Unsetenv("MAGICBELL_API_SECRET")

	_, err := magicbelljwt.NewSignerFromEnv()
	fmt.Println(errors.Is(err, magicbelljwt.ErrInvalidSecretKey), err)

	os.Setenv("MAGICBELL_API_SECRET", "sk_example_Zq8VbN2xLw7pT4mR9cYe1uH")
	signer, err := magicbelljwt.NewSignerFromEnv(magicbelljwt.WithExpiry(time.Hour))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(signer)
	// Output:
	// true magicbelljwt: invalid secret key: MAGICBELL_API_SECRET has a trailing newline (often from a file or an environment variable): remove it
	// magicbelljwt.Signer{APIKey: "pk_JJUxO8amaaK21G08w9q0_218239574", Expiry: 1h0m0s, SecretKey: REDACTED}
}

func ExampleWithExpiry() {
	signer, err := magicbelljwt.NewSigner("pk_JJUxO8amaaK21G08w9q0_218239574", "sk_example_Zq8VbN2xLw7pT4mR9cYe1uH", magicbelljwt.WithExpiry(15*time.Minute))
	if err != nil {
		log.Fatal(err)
	}
	token, err := signer.Sign(magicbelljwt.Claims{UserExternalID: "usr_l70vln"})
	if err != nil {
		log.Fatal(err)
	}
	claims, err := signer.Verify(token)
	fmt.Println(claims.ExpiresAt.Sub(claims.IssuedAt), err)

	// exp counts whole seconds.
	_, err = magicbelljwt.NewSigner("pk_JJUxO8amaaK21G08w9q0_218239574", "sk_example_Zq8VbN2xLw7pT4mR9cYe1uH", magicbelljwt.WithExpiry(1500*time.Millisecond))
	fmt.Println(err)
	// Output:
	// 15m0s <nil>
	// magicbelljwt: invalid expiry: 1.5s is not a positive whole number of seconds
}

func ExampleClaims_Validate() {
	for _, c := range []magicbelljwt.Claims{
		{UserExternalID: "usr_l70vln"},
		{UserEmail: "person@example.com", UserExternalID: "Zoë 🎉"},
		{},
		{UserEmail: "Person <person@example.com>"},
		{UserEmail: "person@example.com", UserExternalID: "usr_l70vln\n"},
	} {
		fmt.Println(c.Validate())
	}
	// Output:
	// <nil>
	// <nil>
	// magicbelljwt: no user: set UserEmail or UserExternalID
	// magicbelljwt: invalid user email: not a bare address like person@example.com
	// magicbelljwt: invalid user external ID: leading or trailing whitespace
}

func ExampleSigner_Sign() {
	// Read both keys from your configuration; never put the secret key in source code.
	signer, err := magicbelljwt.NewSigner("pk_JJUxO8amaaK21G08w9q0_218239574", "sk_example_Zq8VbN2xLw7pT4mR9cYe1uH",
		// A fixed clock makes the token below reproducible; leave it out in production.
		magicbelljwt.WithClock(func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }))
	if err != nil {
		log.Fatal(err)
	}

	token, err := signer.Sign(magicbelljwt.Claims{UserEmail: "person@example.com", UserExternalID: "usr_l70vln"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(token)
	// Output:
	// eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyX2VtYWlsIjoicGVyc29uQGV4YW1wbGUuY29tIiwidXNlcl9leHRlcm5hbF9pZCI6InVzcl9sNzB2bG4iLCJhcGlfa2V5IjoicGtfSkpVeE84YW1hYUsyMUcwOHc5cTBfMjE4MjM5NTc0IiwiaWF0IjoxNzk1NDM1MjAwLCJleHAiOjE4MjY5NzEyMDB9.BI1n4a-zn6HPUAEJkWosN7TrV1Efv6o7wNhfPhfLWVY
}

func ExampleSigner_Verify() {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	signer, err := magicbelljwt.NewSigner("pk_JJUxO8amaaK21G08w9q0_218239574", "sk_example_Zq8VbN2xLw7pT4mR9cYe1uH",
		magicbelljwt.WithExpiry(time.Hour), magicbelljwt.WithClock(func() time.Time { return now }))
	if err != nil {
		log.Fatal(err)
	}
	token, err := signer.Sign(magicbelljwt.Claims{UserExternalID: "usr_l70vln"})
	if err != nil {
		log.Fatal(err)
	}

	claims, err := signer.Verify(token)
	fmt.Println(claims.UserExternalID, claims.APIKey, claims.ExpiresAt.UTC(), err)

	now = now.Add(2 * time.Hour)
	_, err = signer.Verify(token)
	fmt.Println(errors.Is(err, jwt.ErrTokenExpired), err)
	// Output:
	// usr_l70vln pk_JJUxO8amaaK21G08w9q0_218239574 2026-11-23 13:00:00 +0000 UTC <nil>
	// true magicbelljwt: token has invalid claims: token is expired: it expired at 2026-11-23 13:00:00 UTC, 1h ago
}

// The login handler: production code, shown in README.md as it stands here.

// newTokenHandler makes, at start-up, the handler that mints a token for the logged-in user.
func newTokenHandler(opts ...magicbelljwt.Option) (http.Handler, error) {
	signer, err := magicbelljwt.NewSignerFromEnv(opts...)
	if err != nil {
		return nil, err
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, ok := currentUser(r)
		if !ok {
			http.Error(w, "not logged in", http.StatusUnauthorized)
			return
		}
		token, err := signer.Sign(magicbelljwt.Claims{UserEmail: u.Email, UserExternalID: u.ID})
		if err != nil {
			log.Printf("minting a MagicBell token: %v", err) // errors never hold the secret key
			http.Error(w, "could not mint a token", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store") // a token is a credential: no caches
		json.NewEncoder(w).Encode(map[string]string{"token": token})
	}), nil
}

// user is who is logged in: your middleware puts it in the context under userKey{}.
type user struct{ ID, Email string }
type userKey struct{}

// currentUser returns the user your authentication middleware put in the request's context.
func currentUser(r *http.Request) (user, bool) {
	u, ok := r.Context().Value(userKey{}).(user)
	return u, ok
}

// The end of the production code.

// Example_loginHandler runs the login handler above in a test harness. Only the harness
// sets example keys and a fixed clock, so that the output is the same on every run; in
// production the keys come from your configuration and the clock is time.Now.
func Example_loginHandler() {
	os.Setenv("MAGICBELL_API_KEY", "pk_JJUxO8amaaK21G08w9q0_218239574")
	os.Setenv("MAGICBELL_API_SECRET", "sk_example_Zq8VbN2xLw7pT4mR9cYe1uH")
	os.Unsetenv("MAGICBELL_SECRET_KEY")
	defer os.Unsetenv("MAGICBELL_API_KEY")
	defer os.Unsetenv("MAGICBELL_API_SECRET")
	log.SetOutput(os.Stdout) // so that the log line is part of the output below
	log.SetFlags(0)
	defer log.SetOutput(os.Stderr)
	defer log.SetFlags(log.LstdFlags)
	fixedClock := magicbelljwt.WithClock(func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) })

	handler, err := newTokenHandler(fixedClock)
	if err != nil {
		log.Fatal(err)
	}
	loggedIn := func(u user) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/magicbell-token", nil)
		return r.WithContext(context.WithValue(r.Context(), userKey{}, u))
	}
	for _, r := range []*http.Request{
		loggedIn(user{ID: "usr_l70vln", Email: "person@example.com"}),
		httptest.NewRequest(http.MethodPost, "/magicbell-token", nil),       // nobody logged in
		loggedIn(user{ID: "usr_2", Email: "Eve Example <eve@example.com>"}), // an address Sign refuses
	} {
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, r)
		fmt.Printf("%d %q %s", rec.Code, rec.Header().Get("Cache-Control"), rec.Body)
	}

	_, err = newTokenHandler(magicbelljwt.WithExpiry(0))
	fmt.Println(err)
	// Output:
	// 200 "no-store" {"token":"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyX2VtYWlsIjoicGVyc29uQGV4YW1wbGUuY29tIiwidXNlcl9leHRlcm5hbF9pZCI6InVzcl9sNzB2bG4iLCJhcGlfa2V5IjoicGtfSkpVeE84YW1hYUsyMUcwOHc5cTBfMjE4MjM5NTc0IiwiaWF0IjoxNzk1NDM1MjAwLCJleHAiOjE4MjY5NzEyMDB9.BI1n4a-zn6HPUAEJkWosN7TrV1Efv6o7wNhfPhfLWVY"}
	// 401 "" not logged in
	// minting a MagicBell token: magicbelljwt: invalid user email: not a bare address like person@example.com
	// 500 "" could not mint a token
	// magicbelljwt: invalid expiry: 0s is not a positive whole number of seconds
}

// TestREADME_ShowsTheLoginHandler keeps README's login handler the same code as the one
// Example_loginHandler runs; .ci/run builds the whole program that shows it.
func TestREADME_ShowsTheLoginHandler(t *testing.T) {
	src, err := os.ReadFile("example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, code, ok := strings.Cut(string(src), "// The login handler: production code, shown in README.md as it stands here.\n\n")
	code, _, ok2 := strings.Cut(code, "\n\n// The end of the production code.")
	if !ok || !ok2 || !strings.Contains(code, "func newTokenHandler(") {
		t.Fatal("the login handler's production code is not between its markers in example_test.go")
	}
	// The program .ci/run builds after pasting the README's Install block.
	_, program, _ := strings.Cut(string(readme), "<!-- .ci/run builds the program below in that new module -->\n```go\n")
	program, _, _ = strings.Cut(program, "\n```\n")
	if !strings.HasSuffix(program, "\n\n"+code) {
		t.Errorf("README.md's program does not hold the login handler as it stands in example_test.go:\n%s", code)
	}
}
