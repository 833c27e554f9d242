package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"strings"
)

var decodeCommand = subcommand{
	name:  "decode",
	usage: "[-api-key KEY] [TOKEN | -]",
	help: `Print a token's header and payload as JSON on stdout, whichever backend minted
it, and on stderr a checklist of what MagicBell will make of it: one line per check,
starting with ok, warn, FAIL or skip. It needs no keys; with MAGICBELL_API_KEY (or
-api-key) it also checks that the token is your project's, and with
MAGICBELL_API_SECRET (or MAGICBELL_SECRET_KEY) its signature, offline. Without TOKEN,
or with -, read it from stdin. The exit status is 1 when any check fails.`,
	flags: decodeFlags,
}

func decodeFlags(fs *flag.FlagSet) func(*command, []string) int {
	apiKeyFlag := apiKeyFlag(fs)
	return func(c *command, args []string) int {
		token, status := c.token(args)
		if status >= 0 {
			return status
		}
		d := &decoded{token: token, apiKey: *apiKeyFlag, apiKeyFrom: "-api-key"}
		if d.apiKey == "" {
			d.apiKey, d.apiKeyFrom = c.env("MAGICBELL_API_KEY"), "MAGICBELL_API_KEY"
		}
		if d.secret, d.secretFrom, status = c.lookupSecretKey(); status != exitOK {
			return status
		}
		d.parts = strings.Split(token, ".")
		if len(d.parts) != 3 {
			return c.fail(exitInvalid, "malformed token: %d segments, want 3 separated by dots", len(d.parts))
		}
		var err error
		if d.header, d.headerClaims, err = decodeObject(d.parts[0]); err != nil {
			return c.fail(exitInvalid, "malformed token: header: %v", err)
		}
		if d.payload, d.claims, err = decodeObject(d.parts[1]); err != nil {
			return c.fail(exitInvalid, "malformed token: payload: %v", err)
		}
		err = c.printJSON(struct {
			Header  json.RawMessage `json:"header"`
			Payload json.RawMessage `json:"payload"`
		}{d.redacted(d.header, d.headerClaims), d.redacted(d.payload, d.claims)})
		if err != nil {
			return c.fail(exitInvalid, "writing to stdout: %v", err)
		}
		c.say("UNVERIFIED: this explains the token; 'magicbell-jwt verify' is the strict yes or no.")
		status = exitOK
		for _, l := range d.checklist() {
			if l.word == "FAIL" {
				status = exitInvalid
			}
			for _, text := range l.text() {
				c.say("%s", d.redact(text))
			}
		}
		return status
	}
}

// decodeObject decodes a token segment that must be base64url of a JSON object, and
// returns its JSON and the object it holds. It forgives padding, whitespace and the
// standard alphabet, which the format check reports, so that the other checks still
// explain such a token.
func decodeObject(segment string) (json.RawMessage, map[string]any, error) {
	b, err := base64.RawURLEncoding.DecodeString(forgive.Replace(segment))
	if err != nil {
		return nil, nil, errors.New("not base64url")
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil || m == nil {
		return nil, nil, errors.New("not a JSON object")
	}
	return b, m, nil
}

// forgive turns a segment in standard base64, padded or with spaces and tabs, into
// base64url; the decoder itself skips CR and LF.
var forgive = strings.NewReplacer("+", "-", "/", "_", "=", "", " ", "", "\t", "")

// decoded is a token taken apart by decode, with the keys to check it against.
type decoded struct {
	token, apiKey, apiKeyFrom, secret, secretFrom string
	parts                                         []string
	header, payload                               []byte
	headerClaims, claims                          map[string]any
}

// redactedSecret stands where decode would otherwise print the secret key.
const redactedSecret = "<the secret key>"

// redact removes the secret key from a line: as it is, and as JSON writes it.
func (d *decoded) redact(s string) string {
	if d.secret == "" {
		return s
	}
	quoted, _ := json.Marshal(d.secret)
	return strings.ReplaceAll(strings.ReplaceAll(s, d.secret, redactedSecret), string(quoted[1:len(quoted)-1]), redactedSecret)
}

// redacted returns the JSON of a segment, or, when the object it holds has the secret
// key in a name or a string (however escaped), that object written anew without it.
func (d *decoded) redacted(raw json.RawMessage, m map[string]any) json.RawMessage {
	if d.secret == "" || !holdsSecret(m, d.secret) {
		return raw
	}
	return json.RawMessage(describe(redactValue(m, d.secret)))
}

// holdsSecret reports whether the secret key is in a name or a string of v.
func holdsSecret(v any, secret string) bool {
	switch v := v.(type) {
	case string:
		return strings.Contains(v, secret)
	case []any:
		for _, e := range v {
			if holdsSecret(e, secret) {
				return true
			}
		}
	case map[string]any:
		for k, e := range v {
			if strings.Contains(k, secret) || holdsSecret(e, secret) {
				return true
			}
		}
	}
	return false
}

// redactValue returns v with the secret key replaced in every name and string.
func redactValue(v any, secret string) any {
	switch v := v.(type) {
	case string:
		return strings.ReplaceAll(v, secret, redactedSecret)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = redactValue(e, secret)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[strings.ReplaceAll(k, secret, redactedSecret)] = redactValue(e, secret)
		}
		return out
	}
	return v
}
