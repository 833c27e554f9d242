package magicbelljwt

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestNewSigner_RejectsBadConfiguration(t *testing.T) {
	tests := []struct {
		name, apiKey, secret string
		opts                 []Option
		want                 error
		wantMsg              string
	}{
		{"empty API key", "", testSecret, nil, ErrInvalidAPIKey, "empty"},
		{"API key with trailing newline", testAPIKey + "\n", testSecret, nil, ErrInvalidAPIKey, "newline"},
		{"API key with leading space", " " + testAPIKey, testSecret, nil, ErrInvalidAPIKey, "whitespace"},
		{"API key with control byte", "pk_a\x00b", testSecret, nil, ErrInvalidAPIKey, "not shaped as a MagicBell API key"},
		{"API key with DEL", "pk_a\x7fb", testSecret, nil, ErrInvalidAPIKey, "not shaped as a MagicBell API key"},
		{"API key with 0x1f", "pk_a\x1fb", testSecret, nil, ErrInvalidAPIKey, "not shaped as a MagicBell API key"},
		{"API key starting with a control byte", "\x01pk_ab", testSecret, nil, ErrInvalidAPIKey, "not shaped as a MagicBell API key"},
		{"API key starting with DEL", "\x7fpk_ab", testSecret, nil, ErrInvalidAPIKey, "not shaped as a MagicBell API key"},
		{"API key with non-ASCII", "pk_é", testSecret, nil, ErrInvalidAPIKey, "not shaped as a MagicBell API key"},
		{"empty secret", testAPIKey, "", nil, ErrInvalidSecretKey, "empty"},
		{"secret with trailing newline", testAPIKey, testSecret + "\n", nil, ErrInvalidSecretKey, "newline"},
		{"secret with trailing CRLF", testAPIKey, testSecret + "\r\n", nil, ErrInvalidSecretKey, "Windows line ending"},
		{"secret with leading tab", testAPIKey, "\t" + testSecret, nil, ErrInvalidSecretKey, "whitespace"},
		{"keys swapped", testSecret, testAPIKey, nil, ErrKeysSwapped, "pk_"},
		{"keys swapped, secret read with its newline", testSecret + "\n", testAPIKey, nil, ErrKeysSwapped, "pk_"},
		{"secret equals API key", testAPIKey, testAPIKey, nil, ErrKeysSwapped, "pk_"},
		{"secret with API key prefix", "pk_live", "pk_other_project_key_0123456789ab", nil, ErrKeysSwapped, "pk_"},
		{"short secret", testAPIKey, "sk_test", nil, ErrInvalidSecretKey, "it has 7"},
		{"zero expiry", testAPIKey, testSecret, []Option{WithExpiry(0)}, ErrInvalidExpiry, "0s"},
		{"negative expiry", testAPIKey, testSecret, []Option{WithExpiry(-time.Hour)}, ErrInvalidExpiry, "-1h"},
		{"sub-second expiry", testAPIKey, testSecret, []Option{WithExpiry(1500 * time.Millisecond)}, ErrInvalidExpiry, "whole number of seconds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewSigner(tt.apiKey, tt.secret, tt.opts...)
			if !errors.Is(err, tt.want) {
				t.Fatalf("NewSigner error = %v, want %v", err, tt.want)
			}
			if s != nil {
				t.Errorf("NewSigner returned a Signer with an error")
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q does not name the problem (%q)", err, tt.wantMsg)
			}
			assertNoKey(t, err.Error(), tt.secret)
			if tt.want != ErrKeysSwapped {
				assertNoKey(t, err.Error(), tt.apiKey)
			}
		})
	}
}

func TestNewSigner_AcceptsOddButValidKeys(t *testing.T) {
	for _, tt := range []struct{ apiKey, secret string }{
		{"pk_k", testSecret},                                  // a short API key: MagicBell issues it
		{testAPIKey, "sk_" + strings.Repeat("~", 29)},         // printable ASCII is any key's alphabet
		{testAPIKey, "sk_Zq8V/bN2x+Lw7s3cr3tK9pT4mR1cYe7u=="}, // MagicBell's older base64 keys
	} {
		if _, err := NewSigner(tt.apiKey, tt.secret); err != nil {
			t.Errorf("NewSigner(%q, %q) = %v, want nil", tt.apiKey, tt.secret, err)
		}
	}
}

func TestSign_TokenFormat(t *testing.T) {
	tests := []struct {
		name string
		c    Claims
	}{
		{"external ID only", Claims{UserExternalID: "usr_l70vln"}},
		{"email only", Claims{UserEmail: "person@example.com"}},
		{"both", Claims{UserEmail: "person@example.com", UserExternalID: "usr_l70vln"}},
		{"characters that break atob", Claims{UserEmail: "ab~c@example.com", UserExternalID: "xy?z>~"}},
		{"quotes and backslashes", Claims{UserExternalID: `a"b\c'd+e/f<g>&`}},
		{"accents, CJK and emoji", Claims{UserEmail: "josé@exämple.com", UserExternalID: "Zoë 山田 🎉"}},
	}
	s := newTestSigner(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok, err := s.Sign(tt.c)
			if err != nil {
				t.Fatalf("Sign: %v", err)
			}
			d := decodeToken(t, tok, testSecret)
			if got := string(d.header); got != hs256Header {
				t.Errorf("header = %s, want %s", got, hs256Header)
			}
			if strings.ContainsAny(d.payloadSegment, "-_") {
				t.Errorf("payload segment %q has '-' or '_'", d.payloadSegment)
			}
			for _, b := range d.payload {
				if b >= 0x80 {
					t.Fatalf("payload has non-ASCII byte %#x: %s", b, d.payload)
				}
			}
			want := map[string]any{
				"api_key": testAPIKey,
				"iat":     json.Number(strconv.FormatInt(testNow.Unix(), 10)),
				"exp":     json.Number(strconv.FormatInt(testNow.Add(DefaultExpiry).Unix(), 10)),
			}
			if tt.c.UserEmail != "" {
				want["user_email"] = tt.c.UserEmail
			}
			if tt.c.UserExternalID != "" {
				want["user_external_id"] = tt.c.UserExternalID
			}
			if got := decodePayload(t, d.payload); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("payload = %v\nwant      %v", got, want)
			}
		})
	}
}

func TestSign_MatchesEncodingJSON(t *testing.T) {
	// For plain ASCII users the payload must be byte for byte what encoding/json writes
	// for MagicBell's documented field order, so the whole token can be rebuilt here.
	s := newTestSigner(t, WithExpiry(time.Hour))
	tok, err := s.Sign(Claims{UserEmail: "person@example.com", UserExternalID: "usr_l70vln"})
	if err != nil {
		t.Fatal(err)
	}
	payload, err := json.Marshal(struct {
		Email    string `json:"user_email"`
		ID       string `json:"user_external_id"`
		APIKey   string `json:"api_key"`
		IAT, EXP int64  `json:"-"`
	}{"person@example.com", "usr_l70vln", testAPIKey, 0, 0})
	if err != nil {
		t.Fatal(err)
	}
	p := strings.TrimSuffix(string(payload), "}") + fmt.Sprintf(`,"iat":%d,"exp":%d}`, testNow.Unix(), testNow.Unix()+3600)
	if want := mint(hs256Header, p, testSecret); tok != want {
		t.Errorf("Sign = %s\nwant   %s", tok, want)
	}
}

func TestSign_TimesAreWholeSecondsOnTheSignersClock(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 999_999_999, time.FixedZone("CET", 3600))
	for _, expiry := range []time.Duration{time.Second, 15 * time.Minute, 24 * time.Hour, DefaultExpiry} {
		s, err := NewSigner(testAPIKey, testSecret, WithExpiry(expiry), WithClock(func() time.Time { return now }))
		if err != nil {
			t.Fatal(err)
		}
		tok, err := s.Sign(Claims{UserExternalID: "u"})
		if err != nil {
			t.Fatal(err)
		}
		var p struct{ IAT, EXP json.Number }
		if err := json.Unmarshal(decodeToken(t, tok, testSecret).payload, &p); err != nil {
			t.Fatal(err)
		}
		iat, err1 := strconv.ParseInt(string(p.IAT), 10, 64)
		exp, err2 := strconv.ParseInt(string(p.EXP), 10, 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("iat %q and exp %q must be integers", p.IAT, p.EXP)
		}
		if want := now.Truncate(time.Second).Unix(); iat != want {
			t.Errorf("iat = %d, want %d", iat, want)
		}
		if exp-iat != int64(expiry/time.Second) {
			t.Errorf("exp - iat = %d, want %v", exp-iat, expiry)
		}
	}
}

func TestSign_RejectsInvalidClaims(t *testing.T) {
	s := newTestSigner(t)
	tests := []struct {
		name string
		c    Claims
		want []error
	}{
		{"no user", Claims{}, []error{ErrNoUser}},
		{"no user but API key", Claims{APIKey: testAPIKey}, []error{ErrNoUser}},
		{"display name", Claims{UserEmail: "Person <person@example.com>"}, []error{ErrInvalidEmail}},
		{"bad ID and bad email", Claims{UserEmail: "nope", UserExternalID: " x"}, []error{ErrInvalidEmail, ErrInvalidExternalID}},
		{"good email, bad ID", Claims{UserEmail: "person@example.com", UserExternalID: "a\nb"}, []error{ErrInvalidExternalID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok, err := s.Sign(tt.c)
			if tok != "" {
				t.Errorf("Sign returned a token with an error")
			}
			for _, want := range tt.want {
				if !errors.Is(err, want) {
					t.Errorf("Sign error = %v, want %v", err, want)
				}
			}
		})
	}
}

func TestSign_IgnoresCallerTimesAndAPIKey(t *testing.T) {
	s := newTestSigner(t)
	c, err := s.Verify(mustSign(t, s, Claims{UserExternalID: "u"}))
	if err != nil {
		t.Fatal(err)
	}
	c.APIKey = "pk_other"
	c.IssuedAt = c.IssuedAt.Add(-48 * time.Hour)
	c.ExpiresAt = c.ExpiresAt.Add(-48 * time.Hour)
	got, err := s.Verify(mustSign(t, s, c))
	if err != nil {
		t.Fatalf("re-signed claims do not verify: %v", err)
	}
	if got.APIKey != testAPIKey || !got.IssuedAt.Equal(testNow) || !got.ExpiresAt.Equal(testNow.Add(DefaultExpiry)) {
		t.Errorf("Sign used caller values: %+v", got)
	}
}

// TestSign_Allocations pins what Sign allocates: the pooled buffers and HMAC, and the
// fast path for plain addresses, leave only the token string. An unusual address costs
// what net/mail costs. It is a count, not a timing, so it holds on a loaded machine.
func TestSign_Allocations(t *testing.T) {
	if raceEnabled {
		t.Skip("counts are not exact under the race detector; .ci/run runs this test without it")
	}
	s := newTestSigner(t)
	for _, tt := range []struct {
		c    Claims
		want float64
	}{
		{Claims{UserExternalID: "usr_l70vln"}, 1},
		{Claims{UserEmail: "person@example.com"}, 1},
		{Claims{UserEmail: "person@example.com", UserExternalID: "usr_l70vln"}, 1},
		{Claims{UserEmail: "first.o'brien+news@mail.example.co.uk", UserExternalID: "Zoë 🎉"}, 1},
	} {
		if got := testing.AllocsPerRun(100, func() { _, _ = s.Sign(tt.c) }); got != tt.want {
			t.Errorf("Sign(%+v) allocates %v times, want %v", tt.c, got, tt.want)
		}
	}
}

func TestSigner_NotMadeByNewSigner(t *testing.T) {
	for _, s := range []*Signer{nil, {}} {
		if _, err := s.Sign(Claims{UserExternalID: "u"}); !errors.Is(err, ErrInvalidSecretKey) {
			t.Errorf("%#v.Sign error = %v, want ErrInvalidSecretKey", s, err)
		}
		if _, err := s.Verify("a.b.c"); !errors.Is(err, ErrInvalidSecretKey) {
			t.Errorf("%#v.Verify error = %v, want ErrInvalidSecretKey", s, err)
		}
		_ = s.String()
		_ = s.LogValue()
	}
}

func TestWithClock_NilMeansTimeNow(t *testing.T) {
	s, err := NewSigner(testAPIKey, testSecret, WithClock(nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	before := time.Now().Unix()
	c, err := s.Verify(mustSign(t, s, Claims{UserExternalID: "u"}))
	after := time.Now().Unix()
	if err != nil {
		t.Fatal(err)
	}
	if iat := c.IssuedAt.Unix(); iat < before || iat > after {
		t.Errorf("iat = %d, want between %d and %d", iat, before, after)
	}
}

// TestSign_LastSecond checks that Sign mints a token whose exp is the last second of
// the year 9999 (253402300799, computed apart), which Verify reads, and refuses one a
// second later, and a clock so late that iat plus the expiry overflows.
func TestSign_LastSecond(t *testing.T) {
	const last int64 = 253402300799 // time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Unix()
	if got := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Unix(); got != last {
		t.Fatalf("the last second of 9999 is %d", got)
	}
	for _, tt := range []struct {
		clock time.Time
		ok    bool
	}{
		{time.Unix(last-3600, 0), true},
		{time.Unix(last-3600, 999_999_999), true},
		{time.Unix(last-3599, 0), false},
		{time.Unix(1<<63-1, 0), false},
	} {
		clock := func() time.Time { return tt.clock }
		s := newTestSigner(t, WithExpiry(time.Hour), WithClock(clock))
		tok, err := s.Sign(Claims{UserExternalID: "u"})
		if !tt.ok {
			want := "magicbelljwt: invalid expiry: the clock is so late that exp would be after the year 9999, where Verify stops reading times"
			if !errors.Is(err, ErrInvalidExpiry) || err.Error() != want || tok != "" {
				t.Errorf("clock %d: Sign = %q, %v; want no token and %q", tt.clock.Unix(), tok, err, want)
			}
			continue
		}
		c, err := s.Verify(tok)
		if err != nil || c.ExpiresAt.Unix() != last {
			t.Errorf("clock %d: Verify = %v exp %d, %v; want exp %d", tt.clock.Unix(), c, c.ExpiresAt.Unix(), err, last)
		}
	}
}

func TestSigner_NeverRevealsSecret(t *testing.T) {
	s := newTestSigner(t)
	var outputs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T"} {
		outputs = append(outputs, fmt.Sprintf(verb, s), fmt.Sprintf(verb, *s), fmt.Sprintf(verb, []any{s, *s}))
	}
	for _, v := range []any{s, *s, map[string]any{"signer": s}} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("json.Marshal: %v", err)
		}
		outputs = append(outputs, string(b))
	}
	var logs bytes.Buffer
	for _, h := range []slog.Handler{slog.NewTextHandler(&logs, nil), slog.NewJSONHandler(&logs, nil)} {
		slog.New(h).Info("start", "signer", s, "copy", *s, slog.Any("any", s))
	}
	outputs = append(outputs, logs.String())
	if !strings.Contains(logs.String(), testAPIKey) {
		t.Errorf("the logs do not identify the project: %s", logs.String())
	}

	// Every error path, including ones where the caller passed the secret in the wrong place.
	_, err := NewSigner(testAPIKey, testSecret+"\n")
	outputs = append(outputs, err.Error())
	_, err = NewSigner(testSecret+" ", testSecret)
	outputs = append(outputs, err.Error())
	_, err = s.Sign(Claims{UserEmail: testSecret, UserExternalID: "\x00" + testSecret})
	outputs = append(outputs, err.Error())
	for _, tok := range []string{testSecret, mint(hs256Header, `{"user_external_id":"`+testSecret+`"}`, "x"), strings.Repeat(testSecret, 1000),
		mint(`{"alg":"`+testSecret+`"}`, `{}`, testSecret), mint(`{"alg":"x`+testSecret+`"}`, `{}`, testSecret)} {
		_, err = s.Verify(tok)
		outputs = append(outputs, err.Error())
	}
	// A secret key of digits, in a number that Verify refuses to read.
	digits := strings.Repeat("1234567890", 4)
	d, err := NewSigner(testAPIKey, digits)
	if err != nil {
		t.Fatal(err)
	}
	_, err = d.Verify(mint(hs256Header, `{"x":[`+digits+`e999,`+digits+`]}`, digits))
	assertNoKey(t, err.Error(), digits)

	for _, out := range outputs {
		assertNoKey(t, out, testSecret)
	}
}

// assertNoKey fails when out holds key as text, hex or base64.
func assertNoKey(t *testing.T, out, key string) {
	t.Helper()
	if key == "" {
		return
	}
	for _, form := range []string{key, hex.EncodeToString([]byte(key)), strings.ToUpper(hex.EncodeToString([]byte(key))),
		base64.StdEncoding.EncodeToString([]byte(key)), fmt.Sprint([]byte(key))} {
		if strings.Contains(out, form) {
			t.Errorf("output reveals a key (%q): %s", form, out)
		}
	}
}

// TestSigner_LogValue checks what log/slog records of a Signer: its API key and expiry
// as attributes a handler can read, and the secret key only as REDACTED.
func TestSigner_LogValue(t *testing.T) {
	v := newTestSigner(t, WithExpiry(time.Hour)).LogValue()
	if v.Kind() != slog.KindGroup {
		t.Fatalf("LogValue kind %v, want a group", v.Kind())
	}
	var got []string
	for _, a := range v.Group() {
		got = append(got, a.Key+"="+a.Value.Kind().String()+":"+a.Value.String())
	}
	want := []string{"api_key=String:" + testAPIKey, "expiry=Duration:1h0m0s", "secret_key=String:REDACTED"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("LogValue = %v, want %v", got, want)
	}
	var nilSigner *Signer
	if v := nilSigner.LogValue(); v.Kind() != slog.KindString || v.String() != "magicbelljwt.Signer(nil)" {
		t.Errorf("nil LogValue = %v", v)
	}
}

func TestSigner_ConcurrentUse(t *testing.T) {
	s := newTestSigner(t)
	var wg sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				want := Claims{UserExternalID: fmt.Sprintf("user-%d-%d-🎉", g, i), UserEmail: fmt.Sprintf("u%d@example.com", i)}
				tok, err := s.Sign(want)
				if err != nil {
					t.Error(err)
					return
				}
				decodeToken(t, tok, testSecret)
				got, err := s.Verify(tok)
				if err != nil || got.UserExternalID != want.UserExternalID || got.UserEmail != want.UserEmail {
					t.Errorf("round trip of %+v = %+v, %v", want, got, err)
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

func mustSign(t testing.TB, s *Signer, c Claims) string {
	t.Helper()
	tok, err := s.Sign(c)
	if err != nil {
		t.Fatalf("Sign(%+v): %v", c, err)
	}
	return tok
}

func FuzzSign(f *testing.F) {
	for _, seed := range [][2]string{
		{"person@example.com", "usr_l70vln"}, {"ab~c@example.com", ""}, {"xy?z@example.com", "a>b"},
		{"", "Zoë 山田 🎉"}, {"", "\x7f"}, {"", "\xff"}, {"Name <a@b.c>", ""}, {"", ""},
		{testSecret + "@example.com", ""}, {"", "id " + testSecret},
	} {
		f.Add(seed[0], seed[1])
	}
	s := newTestSigner(f)
	f.Fuzz(func(t *testing.T, email, id string) {
		tok, err := s.Sign(Claims{UserEmail: email, UserExternalID: id})
		if err != nil {
			if tok != "" || !(errors.Is(err, ErrNoUser) || errors.Is(err, ErrInvalidEmail) || errors.Is(err, ErrInvalidExternalID)) {
				t.Fatalf("Sign = %q, %v", tok, err)
			}
			return
		}
		if strings.Contains(email, testSecret) || strings.Contains(id, testSecret) {
			t.Fatalf("Sign minted a token whose user holds the secret key: %q, %q", email, id)
		}
		d := decodeToken(t, tok, testSecret)
		if strings.ContainsAny(d.payloadSegment, "-_") {
			t.Fatalf("payload segment %q has '-' or '_'", d.payloadSegment)
		}
		// What MagicBell's browser client does: atob knows only the standard alphabet.
		atob, err := base64.RawStdEncoding.Strict().DecodeString(d.payloadSegment)
		if err != nil {
			t.Fatalf("atob would fail: %v", err)
		}
		var p struct {
			Email *string `json:"user_email"`
			ID    *string `json:"user_external_id"`
		}
		if err := json.Unmarshal(atob, &p); err != nil {
			t.Fatalf("payload %q: %v", atob, err)
		}
		if (p.Email == nil) != (email == "") || (p.Email != nil && *p.Email != email) ||
			(p.ID == nil) != (id == "") || (p.ID != nil && *p.ID != id) {
			t.Fatalf("payload %s does not hold email %q and ID %q", atob, email, id)
		}
		c, err := s.Verify(tok)
		if err != nil || c.UserEmail != email || c.UserExternalID != id {
			t.Fatalf("Verify = %+v, %v; want email %q and ID %q", c, err, email, id)
		}
	})
}

// TestSign_NoTokenHoldsTheSecretKey covers the package's invariant from Sign's side: a
// user field that holds the secret key, anywhere in it, is refused with the field's
// sentinel and words that say so, never the key.
func TestSign_NoTokenHoldsTheSecretKey(t *testing.T) {
	s := newTestSigner(t)
	for _, tt := range []struct {
		c    Claims
		want []error
		msg  string
	}{
		{Claims{UserExternalID: testSecret}, []error{ErrInvalidExternalID}, "magicbelljwt: invalid user external ID: it holds the secret key"},
		{Claims{UserExternalID: "user " + testSecret + " 2"}, []error{ErrInvalidExternalID}, "magicbelljwt: invalid user external ID: it holds the secret key"},
		{Claims{UserEmail: testSecret + "@example.com"}, []error{ErrInvalidEmail}, "magicbelljwt: invalid user email: it holds the secret key"},
		{Claims{UserEmail: "a@" + testSecret + ".example.com", UserExternalID: "u"}, []error{ErrInvalidEmail}, "magicbelljwt: invalid user email: it holds the secret key"},
		{Claims{UserEmail: testSecret + "@example.com", UserExternalID: testSecret}, []error{ErrInvalidEmail, ErrInvalidExternalID},
			"magicbelljwt: invalid user email: it holds the secret key; invalid user external ID: it holds the secret key"},
	} {
		tok, err := s.Sign(tt.c)
		if tok != "" || err == nil || err.Error() != tt.msg {
			t.Errorf("Sign(%+v) = %q, %v; want no token and %q", tt.c, tok, err, tt.msg)
		}
		for _, want := range tt.want {
			if !errors.Is(err, want) {
				t.Errorf("Sign(%+v) = %v, want it to wrap %v", tt.c, err, want)
			}
		}
	}
	// Part of the key is no key.
	for _, c := range []Claims{{UserExternalID: testSecret[:len(testSecret)-1]}, {UserExternalID: testSecret[1:]}} {
		if _, err := s.Sign(c); err != nil {
			t.Errorf("Sign(%+v) = %v, want a token", c, err)
		}
	}
}

// TestSign_NoTokenHoldsTheSecretAsWritten checks Sign's last check: a secret key that
// the token's text would spell, here as the base64url of the payload's first 30 bytes,
// computed apart, is refused with no token, although no claim holds it.
func TestSign_NoTokenHoldsTheSecretAsWritten(t *testing.T) {
	secret := base64.RawURLEncoding.EncodeToString([]byte(`{"user_external_id":"usr_l70vl`))
	s, err := NewSigner(testAPIKey, secret, WithClock(fixedClock))
	if err != nil {
		t.Fatal(err)
	}
	want := "magicbelljwt: invalid secret key: the token would hold it, as written"
	if tok, err := s.Sign(Claims{UserExternalID: "usr_l70vln"}); tok != "" || !errors.Is(err, ErrInvalidSecretKey) || err.Error() != want {
		t.Errorf("Sign = %q, %v; want no token and %q", tok, err, want)
	}
	if _, err := s.Sign(Claims{UserExternalID: "usr_2"}); err != nil {
		t.Errorf("Sign of another user: %v", err)
	}
}

// TestSign_ClockBefore1970 checks that Sign refuses a clock before 1970, such as the
// zero Time, as it refuses one past the year 9999: Verify refuses a negative iat.
func TestSign_ClockBefore1970(t *testing.T) {
	for _, tt := range []struct {
		clock time.Time
		ok    bool
	}{
		{time.Time{}, false},
		{time.Unix(-1, 999_999_999), false},
		{time.Unix(-3600, 0), false},
		{time.Unix(0, 0), true},
	} {
		clock := func() time.Time { return tt.clock }
		s := newTestSigner(t, WithExpiry(time.Hour), WithClock(clock))
		tok, err := s.Sign(Claims{UserExternalID: "u"})
		if !tt.ok {
			want := "magicbelljwt: invalid expiry: the clock is before 1970, where Verify starts reading times"
			if !errors.Is(err, ErrInvalidExpiry) || err.Error() != want || tok != "" {
				t.Errorf("clock %v: Sign = %q, %v; want no token and %q", tt.clock, tok, err, want)
			}
			continue
		}
		if c, err := s.Verify(tok); err != nil || c.IssuedAt.Unix() != 0 {
			t.Errorf("clock %v: Verify = %+v, %v; want iat 0", tt.clock, c, err)
		}
	}
}

// TestSign_LongestUserFitsVerify checks that the token Sign mints for the longest user
// fits Verify's size limit of 8 KiB whatever the characters: the payload holds at most
// 12 bytes for each character of the external ID (a surrogate pair's two escapes) and
// 6 for each byte of the email ('~' as \u007e), here with MagicBell's longer, older API
// key. It comes to 6,355 bytes.
func TestSign_LongestUserFitsVerify(t *testing.T) {
	apiKey := strings.Repeat("0123456789abcdef", 3)[:40]
	s, err := NewSigner(apiKey, testSecret, WithClock(fixedClock))
	if err != nil {
		t.Fatal(err)
	}
	email := strings.Repeat("~", 126) + "@" + strings.Repeat("~", 127)
	c := Claims{UserEmail: email, UserExternalID: strings.Repeat("🎉", MaxExternalIDLen)}
	tok, err := s.Sign(c)
	if err != nil {
		t.Fatalf("Sign: %v", err)
	}
	if len(email) != MaxEmailLen || len(tok) > 8192 {
		t.Fatalf("email of %d bytes, token of %d bytes", len(email), len(tok))
	}
	got, err := s.Verify(tok)
	if err != nil || got.UserExternalID != c.UserExternalID || got.UserEmail != email {
		t.Errorf("Verify = %+v, %v", got, err)
	}
	t.Logf("the longest user's token: %d bytes", len(tok))
}
