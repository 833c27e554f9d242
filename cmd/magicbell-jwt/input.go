package main

import (
	"io"
	"strings"
)

// maxStdin bounds what the command reads from standard input: a token is a few
// hundred bytes, and the library refuses one over 8 KiB with a message that says so.
const maxStdin = 64 << 10

// bearer starts an Authorization header's value.
const bearer = "Bearer "

// token returns the one token named by args: the argument itself, or standard input
// when there is none or it is "-". Either way it is trimmed of surrounding whitespace,
// and of surrounding quotes and a leading "Bearer ", copied along from a shell or an
// Authorization header, which it notes on stderr. When there is no token it says why
// on stderr and returns false: the command exits with exitUsage.
func (c *command) token(args []string) (string, bool) {
	var raw string
	switch {
	case len(args) > 1:
		c.usageError("%d arguments, want one token (flags may come before or after it)", len(args))
		return "", false
	case len(args) == 1 && args[0] != "-":
		raw = args[0]
	default:
		b, err := io.ReadAll(io.LimitReader(c.stdin, maxStdin+1))
		if err != nil {
			c.fail(exitUsage, "reading the token from standard input: %v", err)
			return "", false
		}
		if len(b) > maxStdin {
			c.fail(exitUsage, "standard input is over the limit of %d KiB: give one token", maxStdin>>10)
			return "", false
		}
		raw = string(b)
	}
	token, removed := cleanToken(raw)
	if token == "" {
		c.usageError("no token: pass it as an argument or on standard input")
		return "", false
	}
	if removed != "" {
		c.warn("note: removed %s", removed)
	}
	return token, true
}

// cleanToken trims s of whitespace, surrounding quotes and a leading "Bearer ", and
// says what it removed besides whitespace.
func cleanToken(s string) (token, removed string) {
	s = strings.TrimSpace(s)
	var what []string
	if n := len(s); n >= 2 && (s[0] == '"' && s[n-1] == '"' || s[0] == '\'' && s[n-1] == '\'') {
		s = strings.TrimSpace(s[1 : n-1])
		what = append(what, "the surrounding quotes")
	}
	if strings.EqualFold(s[:min(len(s), len(bearer))], bearer) {
		s = strings.TrimSpace(s[len(bearer):])
		what = append(what, `the leading "Bearer "`)
	}
	return s, strings.Join(what, " and ")
}
