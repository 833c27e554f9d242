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
	secretKey := "your-secret-key\n" // as read from a file, newline included

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
	// magicbelljwt: invalid secret key: leading or trailing whitespace (often a newline from a file or environment variable)
	// true magicbelljwt: API key and secret key look swapped: the secret key starts with pk_, the prefix of MagicBell API keys
	// magicbelljwt.Signer{APIKey: "pk_JJUxO8amaaK21G08w9q0_218239574", Expiry: 24h0m0s, SecretKey: REDACTED}
}

func ExampleSigner_Sign() {
	// Read both keys from your configuration; never put the secret key in source code.
	signer, err := magicbelljwt.NewSigner("pk_JJUxO8amaaK21G08w9q0_218239574", "your-secret-key",
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
	// eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyX2VtYWlsIjoicGVyc29uQGV4YW1wbGUuY29tIiwidXNlcl9leHRlcm5hbF9pZCI6InVzcl9sNzB2bG4iLCJhcGlfa2V5IjoicGtfSkpVeE84YW1hYUsyMUcwOHc5cTBfMjE4MjM5NTc0IiwiaWF0IjoxNzk1NDM1MjAwLCJleHAiOjE4MjY5NzEyMDB9.3UpXQLUzLN-i1rpl0Oi3d4uSWh_vrglTjMp3KuukeMY
}

func ExampleSigner_Verify() {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	signer, err := magicbelljwt.NewSigner("pk_JJUxO8amaaK21G08w9q0_218239574", "your-secret-key",
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

// user is what an application's authentication middleware knows about the logged-in user.
type user struct{ ID, Email string }

type userKey struct{}

// A login handler mints a token for the user the request is authenticated as and hands
// it to the frontend, which sends it to MagicBell as "Authorization: Bearer <token>".
func Example_loginHandler() {
	signer, err := magicbelljwt.NewSigner("pk_JJUxO8amaaK21G08w9q0_218239574", "your-secret-key",
		magicbelljwt.WithClock(func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }))
	if err != nil {
		log.Fatal(err)
	}

	tokenHandler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, ok := r.Context().Value(userKey{}).(user)
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
	})

	// In an application, authentication middleware puts the user in the context.
	req := httptest.NewRequest(http.MethodGet, "/magicbell-token", nil)
	req = req.WithContext(context.WithValue(req.Context(), userKey{}, user{ID: "usr_l70vln", Email: "person@example.com"}))
	rec := httptest.NewRecorder()
	tokenHandler.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Cache-Control"))
	fmt.Print(rec.Body.String())

	rec = httptest.NewRecorder()
	tokenHandler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/magicbell-token", nil))
	fmt.Println(rec.Code)
	// Output:
	// 200 application/json no-store
	// {"token":"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyX2VtYWlsIjoicGVyc29uQGV4YW1wbGUuY29tIiwidXNlcl9leHRlcm5hbF9pZCI6InVzcl9sNzB2bG4iLCJhcGlfa2V5IjoicGtfSkpVeE84YW1hYUsyMUcwOHc5cTBfMjE4MjM5NTc0IiwiaWF0IjoxNzk1NDM1MjAwLCJleHAiOjE4MjY5NzEyMDB9.3UpXQLUzLN-i1rpl0Oi3d4uSWh_vrglTjMp3KuukeMY"}
	// 401
}

// TestREADME_QuickstartIsExampleSignerSign keeps README's quickstart the same code as the
// example that runs with the tests.
func TestREADME_QuickstartIsExampleSignerSign(t *testing.T) {
	src, err := os.ReadFile("example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, body, ok := strings.Cut(string(src), "func ExampleSigner_Sign() {\n")
	body, _, ok2 := strings.Cut(body, "\n}\n")
	if !ok || !ok2 {
		t.Fatal("ExampleSigner_Sign not found")
	}
	if !strings.Contains(string(readme), "```go\n"+body+"\n```") {
		t.Errorf("README.md's quickstart is not the body of ExampleSigner_Sign:\n%s", body)
	}
}
