package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/magicbell-community/magicbelljwt/internal/compact"
)

// MagicBell's JavaScript SDK (magicbell-js's realtime client and @magicbell/react)
// reads a token itself, in the browser, with JSON.parse(atob(token.split('.')[1])).
// atob knows only the standard base64 alphabet and turns each byte into one Latin-1
// character, so a payload whose base64url has '-' or '_' makes it throw, and raw UTF-8
// comes out garbled. The SDK then takes the user as "i." + user_external_id, or else
// "e." + user_email, and the api_key, each only when it is truthy.

// sdkReading is what the SDK reads from a payload segment, or why it reads nothing.
type sdkReading struct {
	err       error  // atob or JSON.parse threw; the SDK reads no payload at all
	userClaim string // the claim the SDK takes the user from, "" for none
	user      any
	apiKey    any // nil when the SDK finds none
}

// readLikeSDK reads a payload segment as the SDK does.
func readLikeSDK(segment string) sdkReading {
	b, err := atob(segment)
	if err != nil {
		return sdkReading{err: err}
	}
	latin1 := make([]rune, len(b))
	for i, c := range b {
		latin1[i] = rune(c)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(string(latin1)), &m); err != nil {
		return sdkReading{err: errors.New("JSON.parse throws on what atob returns")}
	}
	return readClaimsLikeSDK(m)
}

// readClaimsLikeSDK takes the user and the api_key from claims as the SDK does.
func readClaimsLikeSDK(m map[string]any) sdkReading {
	var r sdkReading
	for _, claim := range []string{"user_external_id", "user_email"} {
		if truthy(m[claim]) {
			r.userClaim, r.user = claim, m[claim]
			break
		}
	}
	if truthy(m["api_key"]) {
		r.apiKey = m["api_key"]
	}
	return r
}

// truthy is JavaScript's truthiness for a value decoded from JSON.
func truthy(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case string:
		return v != ""
	case float64:
		return v != 0
	}
	return true // arrays and objects, even empty ones
}

// atob decodes s as a browser's atob does (the "forgiving-base64 decode" of the WHATWG
// Infra standard): ASCII whitespace is skipped, padding is optional, and any character
// outside the standard alphabet, such as base64url's '-' and '_', is an error.
func atob(s string) ([]byte, error) {
	s = asciiSpace.Replace(s)
	if len(s)%4 == 0 {
		s = strings.TrimSuffix(strings.TrimSuffix(s, "="), "=")
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return !strings.ContainsRune(stdAlphabet, r) }); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return nil, fmt.Errorf("atob throws on %q", r)
	}
	if len(s)%4 == 1 {
		return nil, errors.New("atob throws on a length that is 1 more than a multiple of 4")
	}
	return base64.RawStdEncoding.DecodeString(s) // not Strict: atob ignores the padding bits
}

// asciiSpace removes what atob skips: ASCII whitespace, as the WHATWG Infra standard
// defines it.
var asciiSpace = strings.NewReplacer("\t", "", "\n", "", "\f", "", "\r", "", " ", "")

const stdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// sdkVerdict says whether the SDK reads the payload segment as meant: to the same user
// and api_key as payload, its UTF-8 reading, which is claims. When it does not, the
// message says why: atob throws (on which character of which claim), or what the SDK
// reads instead.
func sdkVerdict(segment string, payload []byte, claims map[string]any) (ok bool, msg string) {
	want, got := readClaimsLikeSDK(claims), readLikeSDK(segment)
	switch {
	case got.err != nil:
		if j := strings.IndexAny(segment, "-_"); j >= 0 {
			// The payload's bytes follow the segment without what the reading forgives.
			i := len(compact.Forgive(segment[:j]))
			return false, "MagicBell's JavaScript SDK cannot read this payload: atob throws on the " + blame(segment[j], payload, i, j)
		}
		return false, "MagicBell's JavaScript SDK cannot read this payload: " + got.err.Error()
	case got.describeUser() != want.describeUser():
		return false, fmt.Sprintf("MagicBell's JavaScript SDK misreads this payload, whose UTF-8 atob turns into Latin-1: it reads the user as %s, not %s", got.describeUser(), want.describeUser())
	case !reflect.DeepEqual(got.apiKey, want.apiKey):
		return false, fmt.Sprintf("MagicBell's JavaScript SDK misreads this payload, whose UTF-8 atob turns into Latin-1: it reads api_key %s, not %s", describe(got.apiKey), describe(want.apiKey))
	}
	key := "no api_key"
	if want.apiKey != nil {
		key = "api_key " + describe(want.apiKey)
	}
	return true, fmt.Sprintf("MagicBell's JavaScript SDK reads this payload as meant: %s, %s", want.describeUser(), key)
}

func (r sdkReading) describeUser() string {
	if r.userClaim == "" {
		return "no user"
	}
	return r.userClaim + " " + describe(r.user)
}

// describe shows a value as JSON, with <, > and & as they are; what is printed goes
// through terminalSafe, which escapes the rest in the same \u form.
func describe(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if enc.Encode(v) != nil {
		return "?"
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// blame says which character of the payload, in which claim, put the '-' or '_' c that
// is the character at index i of its base64url segment without whitespace, and at
// index at of the segment as given. Each character of a segment carries six bits of a
// three-byte block; the byte blamed is the one whose bits make it '-' or '_': for an
// ASCII byte only '>', '?', '~' or DEL does, for the others a non-ASCII byte.
func blame(c byte, payload []byte, i, at int) string {
	where := fmt.Sprintf("at character %d of the payload segment", at)
	b := i/4*3 + []int{0, 1, 2, 2}[i%4]
	if b >= len(payload) {
		return fmt.Sprintf("%q %s", c, where)
	}
	for !utf8.RuneStart(payload[b]) { // a JSON object starts with '{', which is one
		b--
	}
	r, _ := utf8.DecodeRune(payload[b:])
	return fmt.Sprintf("%q that %s %s puts %s", c, describe(string(r)), claimAt(payload, b), where)
}

// claimAt says which claim of payload, a JSON object, holds byte i, in its name or its
// value. (After an error, which a JSON object does not give, More is false.)
func claimAt(payload []byte, i int) string {
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.Token() // '{'
	for dec.More() {
		t, _ := dec.Token()
		name, _ := t.(string)
		if i < int(dec.InputOffset()) {
			return fmt.Sprintf("in the name of claim %q", name)
		}
		dec.Decode(new(json.RawMessage))
		if i < int(dec.InputOffset()) {
			return "in " + name
		}
	}
	return "in the payload"
}
