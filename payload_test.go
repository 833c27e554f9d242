package magicbelljwt

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestAppendString_BrowserSafe checks the escaping rule for every ASCII byte and a
// spread of non-ASCII characters, at each of the three positions a byte can take in a
// base64 block: the encoding must decode with atob's standard alphabet, never contain
// '-' or '_', and unmarshal to exactly the original string.
func TestAppendString_BrowserSafe(t *testing.T) {
	var samples []string
	for b := 0; b < utf8.RuneSelf; b++ {
		samples = append(samples, string(rune(b)))
	}
	for _, r := range []rune{0x80, 0xbe, 0xbf, 0xe9, 0xff, 0x100, 0x7ff, 0x800, 0x3fff, 0xd7ff, 0xe000,
		0xfeff, 0xfffd, 0xffff, 0x10000, 0x1f389, 0x2a6d6, 0x10fffe, 0x10ffff} {
		samples = append(samples, string(r))
	}
	samples = append(samples, "Zoë 山田 🎉", `a"b\c`, "ab~c@example.com", "xy?z@example.com")
	// Printable ASCII stands as itself, as README.md says, but for the five bytes below.
	for b := ' '; b <= '~'; b++ {
		if !strings.ContainsRune(`"\>?~`, b) && string(appendString(nil, string(b))) != `"`+string(b)+`"` {
			t.Errorf("appendString(%q) = %s, want it as itself", b, appendString(nil, string(b)))
		}
	}
	for _, s := range samples {
		for pad := 0; pad < 3; pad++ {
			in := strings.Repeat("a", pad) + s + "a" + s + "aa" + s
			out := appendString(nil, in)
			for _, b := range out {
				if b >= utf8.RuneSelf {
					t.Fatalf("appendString(%q) = %s has non-ASCII byte", in, out)
				}
			}
			var back string
			if err := json.Unmarshal(out, &back); err != nil || back != in {
				t.Fatalf("appendString(%q) = %s unmarshals to %q, %v", in, out, back, err)
			}
			enc := base64.RawURLEncoding.EncodeToString(out)
			if strings.ContainsAny(enc, "-_") {
				t.Fatalf("base64url of appendString(%q) = %s has '-' or '_'", in, enc)
			}
		}
	}
}

// TestPlainAddress covers the fast path of email validation on the addresses where it
// could go wrong, and checks on each that it decides as net/mail does: every address it
// accepts, checkEmail, which asks net/mail, accepts too, and validateEmail's error is
// checkEmail's, byte for byte.

// TestAppendPayload_ByteForm pins the payload's bytes, as README.md describes them:
// the fields in the documentation's order, printable ASCII as itself (a space and a
// brace included), '"' and '\' escaped with a backslash, and control characters, '>',
// '?', '~', DEL and non-ASCII as lower-case \uXXXX escapes. Written by hand.
func TestAppendPayload_ByteForm(t *testing.T) {
	c := Claims{UserEmail: "a{b}c@example.com", UserExternalID: "x }\"\\~?>\x7f\x01é🎉 y"}
	got := string(appendPayload(nil, c, apiKeyJSON("pk_a b"), 1, 2))
	want := `{"user_email":"a{b}c@example.com","user_external_id":"x }\"\\\u007e\u003f\u003e\u007f\u0001\u00e9\ud83c\udf89 y","api_key":"pk_a b","iat":1,"exp":2}`
	if got != want {
		t.Errorf("payload\n%s\nwant\n%s", got, want)
	}
}
