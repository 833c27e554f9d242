package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"strings"
	"time"
)

var decodeCommand = subcommand{
	name:  "decode",
	usage: "[TOKEN | -]",
	help: `Print a token's header and payload as JSON on stdout without checking anything,
and on stderr whether MagicBell's JavaScript SDK, which reads the payload itself in
the browser, reads it as meant. Needs no keys. Without TOKEN, or with -, read it from
stdin.`,
	flags: decodeFlags,
}

func decodeFlags(*flag.FlagSet) func(*command, []string) int {
	return func(c *command, args []string) int {
		token, status := c.token(args)
		if status >= 0 {
			return status
		}
		parts := strings.Split(token, ".")
		if len(parts) != 3 {
			return c.fail(exitInvalid, "malformed token: %d segments, want 3 separated by dots", len(parts))
		}
		header, _, err := decodeObject(parts[0])
		if err != nil {
			return c.fail(exitInvalid, "malformed token: header: %v", err)
		}
		payload, claims, err := decodeObject(parts[1])
		if err != nil {
			return c.fail(exitInvalid, "malformed token: payload: %v", err)
		}
		err = c.printJSON(struct {
			Header  json.RawMessage `json:"header"`
			Payload json.RawMessage `json:"payload"`
		}{header, payload})
		if err != nil {
			return c.fail(exitInvalid, "writing to stdout: %v", err)
		}
		c.say("UNVERIFIED: the signature and claims were not checked; use 'magicbell-jwt verify' for that.")
		_, msg := sdkVerdict(parts[1], payload, claims)
		c.say("sdk: %s", msg)
		if exp, ok := claims["exp"].(float64); ok && 0 <= exp && exp <= maxUnix {
			c.printExpiry(time.Unix(int64(exp), 0))
		}
		return exitOK
	}
}

// maxUnix is the last second of the year 9999.
const maxUnix = 253402300799

// decodeObject decodes a token segment that must be base64url of a JSON object, and
// returns its JSON and the object it holds.
func decodeObject(segment string) (json.RawMessage, map[string]any, error) {
	b, err := base64.RawURLEncoding.Strict().DecodeString(segment)
	if err != nil {
		return nil, nil, errors.New("not base64url")
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil || m == nil {
		return nil, nil, errors.New("not a JSON object")
	}
	return b, m, nil
}
