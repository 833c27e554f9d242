package main

// How nothing the command prints holds a secret key that NewSignerFromEnv accepts (one
// it refuses gets the library's error, and nothing else): such a key holds no character
// that quote escapes, so it could be printed only as written; show and appendJSON print
// secretLabel for any value from outside that holds it; and flush writes nothing that
// would spell it around a value. README.md says so for users.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/magicbell-community/magicbelljwt/internal/usertoken"
)

const secretLabel = "<the secret key>"

// maxShown is how many characters of a value a message shows; "…" stands for the rest.
const maxShown = 40

// holdsSecret reports whether v holds the secret key.
func (c *command) holdsSecret(v string) bool {
	return c.secret != "" && strings.Contains(v, c.secret)
}

// show returns v as a message shows a value from outside: quoted and cut to maxShown
// characters, or secretLabel when v holds a secret key.
func (c *command) show(v string) string {
	if utf8.RuneCountInString(v) > maxShown && !c.holdsSecret(v) {
		v = string([]rune(v)[:maxShown]) + "…" // no part of it holds one either
	}
	return string(c.appendString(nil, v))
}

// quote returns s as a JSON string with a \u escape for every character that could
// drive a terminal or hide text: C0 and C1 controls, DEL, bidirectional overrides and
// isolates, line and paragraph separators, and each byte not UTF-8, as \ufffd.
func quote(s string) string {
	b := []byte{'"'}
	for i, r := range s {
		switch _, size := utf8.DecodeRuneInString(s[i:]); {
		case r == '"', r == '\\':
			b = append(b, '\\', byte(r))
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r < ' ', '\u007f' <= r && r < '\u00a0', r == '\u2028', r == '\u2029', usertoken.Bidi(r):
			b = fmt.Appendf(b, `\u%04x`, r)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return string(append(b, '"'))
}

// flush writes what the command printed, stdout first, unless it spells the secret key,
// and returns the exit status. A notice, which holds no key, stands in for a stream.
func (c *command) flush(status int, stdout, stderr io.Writer) int {
	out := c.stdout.String()
	if c.holdsSecret(out) {
		out, status = "", c.fail(exitInvalid, "withheld what it would print on stdout: it would show the secret key")
	}
	if _, err := io.WriteString(stdout, out); err != nil && out != "" {
		status = c.fail(exitInvalid, "writing to stdout: %v", err)
	}
	errs := c.stderr.String() // stdout ends with a newline, which no key spans
	if c.holdsSecret(errs) {
		errs, status = "magicbell-jwt: withheld what it would print on stderr: it would show the secret key\n", max(status, exitInvalid)
	}
	io.WriteString(stderr, errs)
	return status
}

// printJSON prints the header and payload on stdout as one JSON object, each of their
// members on a line and its value compact; null for a segment that holds no object.
func (c *command) printJSON(header, payload usertoken.Segment) {
	b := []byte("{")
	for _, seg := range []usertoken.Segment{header, payload} {
		b = fmt.Appendf(b, "\n  %q: ", seg.Name)
		if seg.Members == nil {
			b = append(b, "null"...)
		} else {
			dec := json.NewDecoder(bytes.NewReader(seg.Text))
			dec.UseNumber()
			b = c.appendJSON(b, dec, "\n    ", "\n  ")
		}
		b = append(b, ',')
	}
	c.stdout.Write(append(b[:len(b)-1], "\n}\n"...))
}

// appendJSON appends the JSON value that dec reads next, which is valid: an object's
// members each after indent and its closing brace after end, what they hold compact.
// Every name, string and number is judged as show judges it, but shown whole.
func (c *command) appendJSON(b []byte, dec *json.Decoder, indent, end string) []byte {
	tok, _ := dec.Token()
	switch v := tok.(type) {
	case json.Delim:
		b = append(b, byte(v))
		n := 0
		for ; dec.More(); n++ {
			if n > 0 {
				b = append(b, ',')
			}
			b = append(b, indent...)
			if v == '{' {
				name, _ := dec.Token()
				b = append(c.appendString(b, name.(string)), ':')
				if indent != "" {
					b = append(b, ' ')
				}
			}
			b = c.appendJSON(b, dec, "", "")
		}
		dec.Token() // the closing delimiter
		if n > 0 {
			b = append(b, end...)
		}
		return append(b, byte(v)+2) // ']' is '[' + 2, and '}' is '{' + 2
	case string:
		return c.appendString(b, v)
	case json.Number:
		if c.holdsSecret(string(v)) {
			return c.appendString(b, string(v))
		}
		return append(b, v...)
	case bool:
		return strconv.AppendBool(b, v)
	}
	return append(b, "null"...)
}

// appendString appends s quoted, or secretLabel when s holds a secret key.
func (c *command) appendString(b []byte, s string) []byte {
	if c.holdsSecret(s) {
		s = secretLabel
	}
	return append(b, quote(s)...)
}
