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
//		log.Fatal(err) // an empty, padded or swapped key stops the program here
//	}
//
//	// In the handler:
//	token, err := signer.Sign(magicbelljwt.Claims{UserEmail: user.Email, UserExternalID: user.ID})
//
// Both keys are in the MagicBell dashboard: select your project, then Settings, "User
// Auth" (older documentation calls the page "API Keys"). The API key is public and goes
// into every token; the secret key must stay on your backend. [NewSignerFromEnv] says
// which environment variables it reads; [NewSigner] takes the keys as arguments.
//
// Sign writes the payload as ASCII-only JSON, escaping the few characters whose base64url
// encoding would contain '-' or '_', so that the browser's atob, with which MagicBell's
// SDK reads the token, decodes every payload to exactly the strings you gave. Tokens
// that other libraries mint for users such as "ab~c@example.com" or "José" lack this.
//
// [Claims] is the payload, and [Claims.Validate] the rules on its user fields.
// [Signer.Verify] checks a token offline, reading it as JSON.parse-based libraries do,
// so that you never paste a secret key into an online JWT debugger; so does the command
// magicbell-jwt in cmd/magicbell-jwt, whose decode subcommand also explains why
// MagicBell would refuse a token minted anywhere.
//
// # Security notes
//
// A [Signer] never reveals its secret key: not in errors, not when printed with any fmt
// verb, not through log/slog or encoding/json. [NewSigner] refuses an empty key, a key
// read with its trailing newline, and a secret key that looks like an API key, since
// signing with the keys swapped would publish the secret inside every token. A token is
// a credential until it expires: serve it over HTTPS with "Cache-Control: no-store", and
// keep its expiry ([WithExpiry]) as short as your frontend allows.
package magicbelljwt
