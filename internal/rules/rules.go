// Package rules holds the rules that magicbelljwt's Verify and the decode command of
// magicbell-jwt both apply, so that what decode explains is what Verify does.
package rules

import "time"

const (
	// MaxNumericDate is the last second of the year 9999, the largest time read from
	// "exp", "iat" or "nbf"; larger values would wrap around in int64 nanoseconds.
	MaxNumericDate = 253402300799

	// SkewAllowance is how far in the future a token's "iat" and "nbf" may be: a token
	// minted "now" by a server whose clock runs a little ahead looks issued in the
	// future to a server whose clock runs a little behind. "exp" gets no allowance.
	SkewAllowance = time.Minute
)

// Bidi reports whether r is a bidirectional override or isolate (U+202A to U+202E,
// U+2066 to U+2069), which reorders the text around it when shown: the "Trojan
// Source" class.
func Bidi(r rune) bool {
	return 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069
}
