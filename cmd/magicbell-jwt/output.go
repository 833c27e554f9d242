package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/magicbell-community/magicbelljwt/internal/rules"
	"github.com/magicbell-community/magicbelljwt/internal/words"
)

// hidden is a value that nothing the command prints may contain, and what stands
// in its place.
type hidden struct{ value, label string }

// hide adds value, and value trimmed of whitespace, to what the command never
// prints, in every spelling its output could give it: as it is, as JSON escapes it,
// and as terminalSafe escapes either. A value of whitespace alone hides nothing: it
// is no key, and hiding it would hide the layout of everything printed.
func (c *command) hide(value, label string) {
	if strings.TrimSpace(value) == "" {
		return
	}
	for _, v := range []string{value, strings.TrimSpace(value)} {
		for _, html := range []bool{false, true} {
			var b strings.Builder
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(html)
			enc.Encode(v) // a string always encodes
			inner := strings.TrimSuffix(b.String(), "\n")
			inner = inner[1 : len(inner)-1]
			for _, form := range []string{v, inner, terminalSafe(v), terminalSafe(inner)} {
				c.hidden = append(c.hidden, hidden{form, label})
			}
		}
	}
}

// redact returns s with every hidden value in it replaced by its label.
func (c *command) redact(s string) string {
	for _, h := range c.hidden {
		s = strings.ReplaceAll(s, h.value, h.label)
	}
	return s
}

// output is stdout or stderr as the command writes to it: every write redacted, and
// the first error kept, so that a failed write is reported once and exits 1.
type output struct {
	c   *command
	w   io.Writer
	err error
}

func (o *output) Write(p []byte) (int, error) {
	if o.err == nil {
		_, o.err = io.WriteString(o.w, o.c.redact(string(p)))
	}
	if o.err != nil {
		return 0, o.err
	}
	return len(p), nil
}

// printJSON prints v as indented JSON on stdout, with <, > and & as they are and every
// character that could drive a terminal escaped (see terminalSafe). The error is the
// write's.
func (c *command) printJSON(v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(v) // what the command prints always encodes
	// In JSON the characters terminalSafe escapes stand only inside strings, where an
	// escape means the same; the newlines and indentation stand outside them.
	_, err := c.stdout.Write([]byte(escapeHidden(buf.String(), true)))
	return err
}

// say prints a line on stderr, made terminal-safe.
func (c *command) say(format string, args ...any) {
	fmt.Fprintln(c.stderr, terminalSafe(fmt.Sprintf(format, args...)))
}

// terminalSafe returns s on one line, with every character that could drive a
// terminal or hide text written as a \u escape: C0 and C1 control characters
// (newlines and tabs included), DEL, the bidirectional overrides and isolates
// U+202A..U+202E and U+2066..U+2069, and each byte that is not UTF-8, as \ufffd.
func terminalSafe(s string) string { return escapeHidden(s, false) }

// escapeHidden is terminalSafe, keeping newlines and tabs when keepLayout is set.
func escapeHidden(s string, keepLayout bool) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case keepLayout && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			b.WriteString(`\ufffd`)
		case unicode.IsControl(r), rules.Bidi(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// printExpiry says on stderr when exp is, in local time and UTC (once when they are
// the same), and how far from now: in whole seconds from the current one, as a
// token's times are, so that a token minted for a day reads "expires in 1d".
func (c *command) printExpiry(exp time.Time) {
	const layout = "2006-01-02 15:04:05 MST"
	when := exp.UTC().Format(layout)
	if local := exp.Local().Format(layout); local != when {
		when = local + " (" + when + ")"
	}
	t := now()
	rel := "expires in " + words.Between(t.Truncate(time.Second), exp)
	switch ago := t.Sub(exp); {
	case ago >= time.Second:
		rel = "expired " + words.Between(exp, t) + " ago"
	case ago >= 0:
		rel = "expired just now"
	}
	c.say("exp: %s, %s", when, rel)
}
