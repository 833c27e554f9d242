package magicbelljwt

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"testing"
)

func TestClaimsValidate(t *testing.T) {
	local64 := strings.Repeat("a", 64)
	email254 := local64 + "@" + strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 61)
	if len(email254) != MaxEmailLen {
		t.Fatalf("test email is %d bytes", len(email254))
	}
	tests := []struct {
		name string
		c    Claims
		want error // nil: valid
	}{
		{"email only", Claims{UserEmail: "person@example.com"}, nil},
		{"external ID only", Claims{UserExternalID: "usr_l70vln"}, nil},
		{"both", Claims{UserEmail: "person@example.com", UserExternalID: "usr_l70vln"}, nil},
		{"plus and tilde in email", Claims{UserEmail: "a+b~c@example.com"}, nil},
		{"unicode email", Claims{UserEmail: "josé@exämple.com"}, nil},
		{"email of 254 bytes", Claims{UserEmail: email254}, nil},
		{"ID of 255 bytes", Claims{UserExternalID: strings.Repeat("x", MaxExternalIDLen)}, nil},
		{"ID of 255 bytes in 4-byte runes", Claims{UserExternalID: strings.Repeat("🎉", 63) + "xyz"}, nil},
		// MagicBell's schema counts characters, as JSON Schema's maxLength does.
		{"ID of 255 CJK characters", Claims{UserExternalID: strings.Repeat("山", 255)}, nil},
		{"ID of 255 x é", Claims{UserExternalID: strings.Repeat("é", 255)}, nil},
		{"ID of 255 emoji", Claims{UserExternalID: strings.Repeat("🎉", 255)}, nil},
		{"ID of 254 emoji and a letter", Claims{UserExternalID: strings.Repeat("🎉", 254) + "x"}, nil},
		{"ID of 256 CJK characters", Claims{UserExternalID: strings.Repeat("山", 256)}, ErrInvalidExternalID},
		{"ID of 256 x é", Claims{UserExternalID: strings.Repeat("é", 256)}, ErrInvalidExternalID},
		{"ID of 256 emoji", Claims{UserExternalID: strings.Repeat("🎉", 256)}, ErrInvalidExternalID},
		{"ID of 255 emoji and a letter", Claims{UserExternalID: strings.Repeat("🎉", 255) + "x"}, ErrInvalidExternalID},
		{"ID with inner spaces and punctuation", Claims{UserExternalID: `a b "c" \d 'e' ~?>`}, nil},
		{"ID with an emoji sequence (zero width joiners)", Claims{UserExternalID: "👩\u200d👩\u200d👧 family"}, nil},
		{"ID with the neighbours of the bidi ranges", Claims{UserExternalID: "a\u2029b\u202fc\u2065d\u206ae\u200ff"}, nil},

		{"no user", Claims{}, ErrNoUser},
		{"no user, only API key", Claims{APIKey: testAPIKey}, ErrNoUser},

		{"email with display name", Claims{UserEmail: "Person <person@example.com>"}, ErrInvalidEmail},
		{"email in angle brackets", Claims{UserEmail: "<person@example.com>"}, ErrInvalidEmail},
		{"email with comment", Claims{UserEmail: "person@example.com (work)"}, ErrInvalidEmail},
		{"email with trailing newline", Claims{UserEmail: "person@example.com\n"}, ErrInvalidEmail},
		{"email with leading space", Claims{UserEmail: " person@example.com"}, ErrInvalidEmail},
		{"email without @", Claims{UserEmail: "person.example.com"}, ErrInvalidEmail},
		{"email without domain", Claims{UserEmail: "person@"}, ErrInvalidEmail},
		{"two emails", Claims{UserEmail: "a@example.com, b@example.com"}, ErrInvalidEmail},
		{"quoted local part", Claims{UserEmail: `"per son"@example.com`}, ErrInvalidEmail},
		{"email with control byte", Claims{UserEmail: "per\x00son@example.com"}, ErrInvalidEmail},
		{"email with invalid UTF-8", Claims{UserEmail: "per\xffson@example.com"}, ErrInvalidEmail},
		{"email of 255 bytes", Claims{UserEmail: "a" + email254}, ErrInvalidEmail},
		{"email with a C1 control", Claims{UserEmail: "a\u009b31mX@example.com"}, ErrInvalidEmail},
		{"email with U+0080", Claims{UserEmail: "a\u0080@example.com"}, ErrInvalidEmail},
		{"email with U+009F", Claims{UserEmail: "a\u009f@example.com"}, ErrInvalidEmail},
		{"email with DEL", Claims{UserEmail: "a\x7f@example.com"}, ErrInvalidEmail},
		{"email starting with a control byte", Claims{UserEmail: "\x01a@example.com"}, ErrInvalidEmail},
		{"email with a right-to-left override", Claims{UserEmail: "moc.elpmaxe\u202e@a.example.com"}, ErrInvalidEmail},
		{"email with U+202A", Claims{UserEmail: "a\u202a@example.com"}, ErrInvalidEmail},
		{"email with U+2066", Claims{UserEmail: "a\u2066@example.com"}, ErrInvalidEmail},
		{"email with U+2069", Claims{UserEmail: "a\u2069@example.com"}, ErrInvalidEmail},
		{"bad email beside good ID", Claims{UserEmail: "nope", UserExternalID: "usr_l70vln"}, ErrInvalidEmail},

		{"blank ID", Claims{UserExternalID: "   "}, ErrInvalidExternalID},
		{"ID with trailing newline", Claims{UserExternalID: "usr_l70vln\n"}, ErrInvalidExternalID},
		{"ID with leading tab", Claims{UserExternalID: "\tusr"}, ErrInvalidExternalID},
		{"ID with trailing no-break space", Claims{UserExternalID: "usr\u00a0"}, ErrInvalidExternalID},
		{"ID with NUL", Claims{UserExternalID: "usr\x00x"}, ErrInvalidExternalID},
		{"ID with inner newline", Claims{UserExternalID: "usr\nx"}, ErrInvalidExternalID},
		{"ID with DEL", Claims{UserExternalID: "usr\x7fx"}, ErrInvalidExternalID},
		{"ID with C1 control", Claims{UserExternalID: "usr\u0085x"}, ErrInvalidExternalID},
		{"ID with U+0080", Claims{UserExternalID: "usr\u0080x"}, ErrInvalidExternalID},
		{"ID with U+009F", Claims{UserExternalID: "usr\u009fx"}, ErrInvalidExternalID},
		{"ID starting with a control byte", Claims{UserExternalID: "\x01usr"}, ErrInvalidExternalID},
		{"ID with U+202A", Claims{UserExternalID: "usr\u202ax"}, ErrInvalidExternalID},
		{"ID with a right-to-left override", Claims{UserExternalID: "usr\u202ex"}, ErrInvalidExternalID},
		{"ID with U+2066", Claims{UserExternalID: "usr\u2066x"}, ErrInvalidExternalID},
		{"ID with U+2069", Claims{UserExternalID: "usr\u2069x"}, ErrInvalidExternalID},
		{"ID with invalid UTF-8", Claims{UserExternalID: "usr\xc3x"}, ErrInvalidExternalID},
		{"ID with a lone surrogate", Claims{UserExternalID: "usr\xed\xa0\x80"}, ErrInvalidExternalID},
		{"ID of 256 characters", Claims{UserExternalID: strings.Repeat("x", MaxExternalIDLen+1)}, ErrInvalidExternalID},
		{"bad ID beside good email", Claims{UserEmail: "person@example.com", UserExternalID: " x "}, ErrInvalidExternalID},
		// The edges of the fast path for printable ASCII.
		{"ID with a trailing space", Claims{UserExternalID: "usr "}, ErrInvalidExternalID},
		{"ID with a leading space", Claims{UserExternalID: " usr"}, ErrInvalidExternalID},
		{"ID with a unit separator", Claims{UserExternalID: "a\x1fb"}, ErrInvalidExternalID},
		{"ID of one space", Claims{UserExternalID: " "}, ErrInvalidExternalID},
		{"ID of a tilde and a space inside", Claims{UserExternalID: "~ ~"}, nil},
		{"ID of one character", Claims{UserExternalID: "!"}, nil},
	}
	sentinels := []error{ErrNoUser, ErrInvalidEmail, ErrInvalidExternalID}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.c.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			for _, s := range sentinels {
				if errors.Is(err, s) != (s == tt.want) {
					t.Errorf("Validate() = %v; errors.Is(err, %v) = %v", err, s, !(s == tt.want))
				}
			}
		})
	}
}

func TestClaimsValidate_ErrorsNameTheProblemNotTheValue(t *testing.T) {
	for _, tt := range []struct {
		c    Claims
		want string
	}{
		{Claims{UserEmail: strings.Repeat("a", 250) + "@b.co"}, "255 bytes, over the limit of 254"},
		{Claims{UserEmail: "Private Person <private@example.com>"}, "not a bare address"},
		{Claims{UserExternalID: "private\n"}, "leading or trailing whitespace"},
		{Claims{UserExternalID: "pri\x01vate"}, "control character"},
		{Claims{UserEmail: "pri\u009bvate@example.com"}, "control character"},
		{Claims{UserExternalID: "pri\u202evate"}, "bidirectional override or isolate"},
		{Claims{UserExternalID: "private\xff"}, "UTF-8"},
		{Claims{UserExternalID: strings.Repeat("p", 300)}, "300 characters, over the limit of 255"},
		{Claims{UserExternalID: strings.Repeat("🎉", 256)}, "256 characters, over the limit of 255"},
		{Claims{UserExternalID: " \t "}, "invalid user external ID: blank"},
		{Claims{UserExternalID: "a\x1fb"}, "invalid user external ID: contains a control character"},
	} {
		err := tt.c.Validate()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Validate(%+v) = %v, want it to say %q", tt.c, err, tt.want)
		}
		if err != nil && (strings.Contains(err.Error(), "rivate") || strings.Contains(err.Error(), "aaaa")) {
			t.Errorf("error %q repeats the user's value", err)
		}
	}
}

// TestFastPaths checks, byte by byte, what the fast paths of validateEmail and
// validateExternalID take, against RFC 5322's atext and printable ASCII as written out
// here. A byte taken wrongly lets a bad user through; a byte refused wrongly sends the
// usual user to the slow path, which decides the same but costs Sign its speed.
func TestFastPaths(t *testing.T) {
	for c := 0; c < 256; c++ {
		s := string([]byte{byte(c)})
		// atext: ALPHA / DIGIT / the 19 symbols below; and a dot between two parts.
		inAtext := 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			strings.IndexByte("!#$%&'*+-/=?^_`{|}~.", byte(c)) >= 0
		for _, email := range []string{"a" + s + "b@example.com", "ab@x" + s + "y.example.com"} {
			if got := plainAddress(email); got != inAtext {
				t.Errorf("plainAddress(%q) = %v, want %v", email, got, inAtext)
			}
		}
		printable := 0x20 <= c && c <= 0x7e
		if got := printableASCII("a" + s + "b"); got != printable {
			t.Errorf("printableASCII(%q) = %v, want %v", "a"+s+"b", got, printable)
		}
	}
}

func TestPlainAddress(t *testing.T) {
	local64, label63 := strings.Repeat("l", 64), strings.Repeat("d", 63)
	total254 := local64 + "@" + label63 + "." + label63 + "." + strings.Repeat("d", 61)
	tests := []struct {
		email string
		fast  bool
	}{
		{"person@example.com", true},
		{"A.B@EXAMPLE.COM", true},
		{"a@b", true},
		{"a@123.45", true},
		{"a+tag@example.com", true},
		{"o'brien@example.com", true},
		{"!#$%&'*+-/=?^_`{|}~@example.com", true},
		{"ab~c@example.com", true},
		{"first.last.name@sub.example.co.uk", true},
		{"a@x-y.example.com", true},
		{local64 + "@example.com", true},
		{"a@" + label63 + ".com", true},
		{total254, true},
		{total254[:253], true},

		{".a@example.com", false},
		{"a.@example.com", false},
		{"a..b@example.com", false},
		{"a@.example.com", false},
		{"a@example..com", false},
		{"a@example.com.", false},
		{"a@-example.com", true},
		{"a@example-.com", true},
		{"a@exa_mple.com", true},
		{"@example.com", false},
		{"a@", false},
		{"a", false},
		{"a@b@example.com", false},
		{`"quoted"@example.com`, false},
		{`"a b"@example.com`, false},
		{`"a@b"@example.com`, false},
		{"a(comment)@example.com", false},
		{"a@example.com (comment)", false},
		{"a@[127.0.0.1]", false},
		{"a@[IPv6:::1]", false},
		{"Person <a@example.com>", false},
		{"<a@example.com>", false},
		{" a@example.com", false},
		{"a b@example.com", false},
		{"a\x7f@example.com", false},
		{"a\x00@example.com", false},
		{"josé@example.com", false},
		{"a@exämple.com", false},
		{"a@xn--exmple-cua.com", true},
		{local64 + "l@example.com", true},
		{"a@" + label63 + "d.com", true},
		{"a@b.c.", false},
		{"a@@b.c", false},
		{"a.b.@c.d", false},
		{strings.Repeat("l", 32) + "." + strings.Repeat("l", 32) + "@example.com", true}, // a local part of 65 bytes
		{total254 + "d", true}, // plain, but 255 bytes: validateEmail must still refuse it
	}
	// Each byte that is not atext, alone in a local part.
	for _, c := range "()<>[]:;@\\,\" \t" {
		tests = append(tests, struct {
			email string
			fast  bool
		}{"a" + string(c) + "b@example.com", false})
	}
	for _, tt := range tests {
		if got := plainAddress(tt.email); got != tt.fast {
			t.Errorf("plainAddress(%q) = %v, want %v", tt.email, got, tt.fast)
		}
		if len(tt.email) > MaxEmailLen {
			continue // validateEmail refuses it unread, below
		}
		checked := checkEmail(tt.email)
		if tt.fast && checked != nil {
			t.Errorf("plainAddress accepts %q, which net/mail refuses: %v", tt.email, checked)
		}
		if got := validateEmail(tt.email); fmt.Sprint(got) != fmt.Sprint(checked) {
			t.Errorf("validateEmail(%q) = %v, checkEmail = %v", tt.email, got, checked)
		}
	}
	if err := validateEmail(total254 + "d"); err == nil || err.Error() != "magicbelljwt: invalid user email: 255 bytes, over the limit of 254" {
		t.Errorf("validateEmail of a plain address of 255 bytes = %v", err)
	}
	if len(total254) != 254 {
		t.Fatalf("test address is %d bytes", len(total254))
	}
}

// FuzzEmail checks the fast path against net/mail on any input: when plainAddress
// accepts an address, net/mail parses it as exactly that bare address, and
// validateEmail's error is always checkEmail's, for an address within the limit.
func FuzzEmail(f *testing.F) {
	for _, seed := range []string{"person@example.com", "a.b+c@x-y.example.co.uk", "a@b", "a..b@c", `"q"@d.e`, "a@[1.2.3.4]",
		"josé@exämple.com", "a@b-.c", "!#$%&'*+-/=?^_`{|}~@z.z", "a@b.c.", "x(y)@z", "a(b@c.d", "a<b@c.d", "a:b@c.d"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, email string) {
		if len(email) > MaxEmailLen {
			if !errors.Is(validateEmail(email), ErrInvalidEmail) {
				t.Fatalf("validateEmail accepts %d bytes", len(email))
			}
			return
		}
		checked := checkEmail(email)
		if email != "" && plainAddress(email) {
			addr, err := mail.ParseAddress(email)
			if err != nil || addr.Name != "" || addr.Address != email {
				t.Fatalf("plainAddress accepts %q; net/mail reads %+v, %v", email, addr, err)
			}
			if checked != nil {
				t.Fatalf("plainAddress accepts %q; checkEmail says %v", email, checked)
			}
		}
		if got := validateEmail(email); email != "" && fmt.Sprint(got) != fmt.Sprint(checked) {
			t.Fatalf("validateEmail(%q) = %v, checkEmail = %v", email, got, checked)
		}
	})
}
