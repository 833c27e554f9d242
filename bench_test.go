package magicbelljwt

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// The benchmarks mint and check tokens for one user and one pair of keys, so that
// their numbers compare within a run: go test -run '^$' -bench . -count 6

var benchUser = Claims{UserEmail: "person@example.com", UserExternalID: "usr_l70vln"}

var benchToken string // a sink, so the compiler keeps the work

// BenchmarkSeedRecipe is MagicBell's documented Go recipe: jwt.MapClaims,
// jwt.NewWithClaims and SignedString.
func BenchmarkSeedRecipe(b *testing.B) {
	b.ReportAllocs()
	secret := []byte(testSecret)
	for i := 0; i < b.N; i++ {
		claims := jwt.MapClaims{
			"user_email":       benchUser.UserEmail,
			"user_external_id": benchUser.UserExternalID,
			"api_key":          testAPIKey,
			"exp":              time.Now().AddDate(1, 0, 0).Unix(),
		}
		token := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
		signed, err := token.SignedString(secret)
		if err != nil {
			b.Fatal(err)
		}
		benchToken = signed
	}
}

// BenchmarkFloor is the least work any HS256 minting of the same payload can do: read
// the clock, append the payload into a reused buffer, base64url it, and run crypto/hmac
// over a reused hash. It validates nothing and makes no string; it is the reference
// for Sign, not product code.
func BenchmarkFloor(b *testing.B) {
	b.ReportAllocs()
	mac := hmac.New(sha256.New, []byte(testSecret))
	enc := base64.RawURLEncoding
	var payload, token []byte
	var sum [sha256.Size]byte
	header := enc.EncodeToString([]byte(hs256Header)) + "."
	for i := 0; i < b.N; i++ {
		iat := time.Now().Unix()
		payload = append(payload[:0], `{"user_email":"person@example.com","user_external_id":"usr_l70vln","api_key":"`+testAPIKey+`","iat":`...)
		payload = strconv.AppendInt(payload, iat, 10)
		payload = append(payload, `,"exp":`...)
		payload = strconv.AppendInt(payload, iat+int64(DefaultExpiry/time.Second), 10)
		payload = append(payload, '}')

		n := len(header) + enc.EncodedLen(len(payload))
		total := n + 1 + enc.EncodedLen(sha256.Size)
		if cap(token) < total {
			token = make([]byte, total)
		}
		token = token[:total]
		copy(token, header)
		enc.Encode(token[len(header):n], payload)
		mac.Reset()
		mac.Write(token[:n])
		token[n] = '.'
		enc.Encode(token[n+1:], mac.Sum(sum[:0]))
	}
	benchToken = string(token)
	decodeToken(b, benchToken, testSecret) // the floor mints a real token
}

func BenchmarkSign(b *testing.B) {
	b.ReportAllocs()
	s := newBenchSigner(b)
	for i := 0; i < b.N; i++ {
		tok, err := s.Sign(benchUser)
		if err != nil {
			b.Fatal(err)
		}
		benchToken = tok
	}
}

func BenchmarkSignParallel(b *testing.B) {
	b.ReportAllocs()
	s := newBenchSigner(b)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := s.Sign(benchUser); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func BenchmarkVerify(b *testing.B) {
	b.ReportAllocs()
	s := newBenchSigner(b)
	tok := mustSign(b, s, benchUser)
	for i := 0; i < b.N; i++ {
		if _, err := s.Verify(tok); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseGolangJWT is the reference for Verify: golang-jwt's ParseWithClaims on
// the same token, into a struct with the same fields, with a parser made once and the
// same algorithm and expiry checks, but without this package's own checks.
func BenchmarkParseGolangJWT(b *testing.B) {
	b.ReportAllocs()
	tok := mustSign(b, newBenchSigner(b), benchUser)
	var key any = []byte(testSecret)
	keyfunc := func(*jwt.Token) (any, error) { return key, nil }
	p := jwt.NewParser(jwt.WithValidMethods([]string{"HS256"}), jwt.WithExpirationRequired())
	type plainClaims struct {
		UserEmail      string `json:"user_email,omitempty"`
		UserExternalID string `json:"user_external_id,omitempty"`
		APIKey         string `json:"api_key"`
		jwt.RegisteredClaims
	}
	for i := 0; i < b.N; i++ {
		var c plainClaims
		if _, err := p.ParseWithClaims(tok, &c, keyfunc); err != nil {
			b.Fatal(err)
		}
	}
}

func newBenchSigner(b *testing.B) *Signer {
	s, err := NewSigner(testAPIKey, testSecret)
	if err != nil {
		b.Fatal(err)
	}
	return s
}
