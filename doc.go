// Package magicbelljwt mints MagicBell User JWTs in Go backends.
//
// MagicBell's in-app inbox authenticates an end user with a User JWT: a token that your
// backend signs with HS256 and your project's secret key, naming the user by email
// address ("user_email"), by your own ID for them ("user_external_id"), or both, and the
// project by its API key ("api_key"). Your backend hands the token to your frontend,
// which sends it to MagicBell as "Authorization: Bearer <token>"; MagicBell's JavaScript
// SDK also reads the token itself, in the browser.
//
// Make one [Signer] at start-up, and mint a token for the logged-in user in your login
// handler:
//
//	signer, err := magicbelljwt.NewSignerFromEnv() // MAGICBELL_API_KEY, MAGICBELL_API_SECRET
//	if err != nil {
//		log.Fatal(err) // an empty, short, padded or swapped key stops the program here
//	}
//
//	// In the handler:
//	token, err := signer.Sign(magicbelljwt.Claims{UserEmail: user.Email, UserExternalID: user.ID})
//
// Both keys are in the MagicBell dashboard: select your project, then Settings, "User
// Auth" (older documentation calls the page "API Keys"). The API key is public and goes
// into every token; the secret key must stay on your backend.
//
// [Signer.Verify] checks a token offline, so that you never paste a secret key into an
// online JWT debugger; so does the command magicbell-jwt (cmd/magicbell-jwt), which
// also explains why MagicBell would refuse a token minted anywhere.
//
// # Browser-safe payloads
//
// MagicBell's JavaScript SDKs read the token in the browser with
// JSON.parse(atob(token.split('.')[1])). atob knows only the standard base64 alphabet
// and throws on base64url's '-' and '_'; it also turns each byte into one Latin-1
// character, so raw UTF-8 comes out garbled. Sign therefore writes the payload as
// ASCII-only JSON: base64 turns each 3 bytes into four 6-bit groups, '-' and '_' are
// groups 62 and 63, and for ASCII bytes only the low six bits of '>', '?', '~' and DEL
// make them. Sign writes those four and every non-ASCII character as \uXXXX escapes,
// which decode to exactly your strings in any JSON parser, so its payloads never hold
// '-' or '_'. Tokens that other libraries mint for users such as "ab~c@example.com" or
// "José" do not.
//
// # Reading a token
//
// Verify reads a token as JSON.parse-based libraries, such as node's jsonwebtoken and
// jose, read it, and refuses what they would read differently from Go:
//   - anything but three base64url segments: no padding, whitespace or other bytes
//     (Go's base64 decoder skips CR and LF; trimming is the caller's job);
//   - a header or payload that is not one JSON object in valid UTF-8, or that holds a
//     \u escape of half a UTF-16 surrogate pair alone (Go reads U+FFFD, JSON.parse
//     keeps it), a number beyond a float64 (JSON.parse reads Infinity), or nesting
//     deeper than 16 levels;
//   - a "crit" header (RFC 7515, section 4.1.11), which golang-jwt ignores;
//   - a time that is not a number (null included) or outside the years 1970 to 9999.
//
// Claim names are exact ("USER_EMAIL" and "Exp" are other claims, and ignored), and a
// name given twice takes its last value, as with JSON.parse. null counts as absent for
// the user fields only, as MagicBell's TypeScript recipe sends "user_email": null; a
// null time or api_key is refused, as jsonwebtoken and jose refuse a null "nbf".
//
// # Security notes
//
// No token that [Signer.Sign] mints holds the secret key, in any claim: [NewSigner]
// refuses an API key that holds it, and Sign a user field that holds it; nor does a
// [Signer] reveal it otherwise. The rules on the keys, in NewSigner's documentation,
// stop a misconfigured program at start-up. A token is a credential until it expires:
// serve it over HTTPS with "Cache-Control: no-store", with an expiry ([WithExpiry]) as
// short as your frontend allows.
package magicbelljwt
