package compact

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Segment is the header or the payload of a token, as Read reads it.
type Segment struct {
	Name string // "header" or "payload"
	// Text is the segment decoded, JSON or not; nil when it is not base64url.
	Text []byte
	// JSON reports whether Text is a JSON object that can be read. Strings and
	// Duplicates are empty, and Claims nil, when it is not.
	JSON bool
	// Strings is every name and string value of the object, at any depth and in order,
	// duplicates included; or, when the text is no object, what each string in it reads
	// as, from a quote to the next quote that no backslash escapes.
	Strings []String
	// Duplicates is every name given twice in one object, at any depth, in order.
	Duplicates []string
}

// String is a name or string value of a Segment, and Claim the name of the outermost
// member it is in, or is: "" when the text is no object.
type String struct{ Value, Claim string }

// Claims returns the object's members as JSON.parse reads them, the last value of a
// name given twice winning, with numbers as float64; nil when the text is no object.
func (s *Segment) Claims() map[string]any {
	var m map[string]any
	if !s.JSON || json.Unmarshal(s.Text, &m) != nil { // read has checked that it cannot fail
		return nil
	}
	return m
}

// read reads the segment's text, if there is one, and returns the problems that make
// Verify refuse it. With all, it marks a text that is a JSON object that can be read,
// and keeps its strings and duplicate names.
func (s *Segment) read(all bool) []error {
	if s.Text == nil {
		return nil
	}
	var problems []error
	if !utf8.Valid(s.Text) {
		problems = append(problems, fmt.Errorf("the %s is not valid UTF-8", s.Name))
	}
	if err := checkJSON(s.Text); err != nil {
		if all {
			s.scan()
		}
		return append(problems, fmt.Errorf("the %s %s", s.Name, err))
	}
	if err := loneSurrogate(s.Text); err != nil {
		problems = append(problems, fmt.Errorf("the %s %s", s.Name, err))
	}
	if all {
		s.JSON = true
		s.walk()
	}
	return problems
}

// checkJSON reports b that is not one JSON object, or that JSON.parse and Go would read
// apart or that costs more than a token should: a number beyond float64's range, which
// JSON.parse reads as Infinity and Go refuses, or nesting deeper than MaxDepth.
// encoding/json is the judge of the syntax.
func checkJSON(b []byte) error {
	if len(bytes.TrimLeft(b, " \t\r\n")) == 0 {
		return errors.New("is empty")
	}
	if !json.Valid(b) {
		// Unmarshal checks b as Valid does, and returns where it fails.
		var syntax *json.SyntaxError
		errors.As(json.Unmarshal(b, new(json.RawMessage)), &syntax)
		if strings.HasSuffix(syntax.Error(), "after top-level value") {
			return fmt.Errorf("has more after its JSON object, at byte %d", syntax.Offset-1)
		}
		return fmt.Errorf("is not a JSON object: a syntax error at byte %d", syntax.Offset-1)
	}
	if t := bytes.TrimLeft(b, " \t\r\n"); t[0] != '{' {
		return errors.New("is not a JSON object")
	}
	return measure(b)
}

// measure reports nesting deeper than MaxDepth and a number out of float64's range in
// b, which json.Valid has accepted: a string in it runs from a quote to the next quote
// that no backslash escapes, and a number is the longest run of number bytes.
func measure(b []byte) error {
	depth := 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			for i++; b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case c == '{', c == '[':
			if depth++; depth > MaxDepth {
				return fmt.Errorf("nests deeper than %d levels", MaxDepth)
			}
		case c == '}', c == ']':
			depth--
		case c == '-', '0' <= c && c <= '9':
			j := i
			for strings.IndexByte("+-.eE0123456789", b[j]) >= 0 { // the object ends with '}'
				j++
			}
			if _, err := json.Number(b[i:j]).Float64(); err != nil {
				// Cut shorter than a secret key can be, so that no error holds one.
				return fmt.Errorf("has a number out of range: %.24s", b[i:j])
			}
			i = j - 1
		}
	}
	return nil
}

// frame is an object or array that walk is in.
type frame struct {
	wantName bool            // an object's next string is a name
	names    map[string]bool // an object's names so far; nil in an array
}

// walk keeps every name and string of the text, which checkJSON has accepted, and the
// names given twice in one object, token by token with encoding/json's Decoder.
func (s *Segment) walk() {
	dec := json.NewDecoder(bytes.NewReader(s.Text))
	var stack []frame
	claim := ""
	for {
		tok, err := dec.Token()
		if err != nil {
			return // the end of the object
		}
		var top *frame
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		isName := top != nil && top.names != nil && top.wantName
		if top != nil { // in an object, names and values take turns
			top.wantName = !top.wantName
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				stack = append(stack, frame{wantName: true, names: map[string]bool{}})
			case '[':
				stack = append(stack, frame{})
			default:
				stack = stack[:len(stack)-1]
			}
		case string:
			if isName && len(stack) == 1 {
				claim = v
			}
			s.Strings = append(s.Strings, String{Value: v, Claim: claim})
			if isName {
				if top.names[v] {
					s.Duplicates = append(s.Duplicates, v)
				}
				top.names[v] = true
			}
		}
	}
}

// scan keeps what each string in the text, which is no JSON object, reads as.
func (s *Segment) scan() {
	for i := 0; i < len(s.Text); i++ {
		if s.Text[i] != '"' {
			continue
		}
		j := i + 1
		for ; j < len(s.Text) && s.Text[j] != '"'; j++ {
			if s.Text[j] == '\\' {
				j++
			}
		}
		var v string
		if j < len(s.Text) && json.Unmarshal(s.Text[i:j+1], &v) == nil {
			s.Strings = append(s.Strings, String{Value: v})
		}
		i = j
	}
}

// loneSurrogate reports a \u escape of half a UTF-16 surrogate pair alone, which Go
// reads as U+FFFD and JSON.parse keeps, so that two readers would read two users. In
// JSON text a backslash stands only inside a string, where it starts an escape.
func loneSurrogate(b []byte) error {
	const lone = `has a \u escape of half a surrogate pair alone`
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' {
			continue
		}
		i++ // the escaped character, skipped unless it starts \uXXXX
		r, ok := hexEscape(b, i)
		if !ok || !utf16.IsSurrogate(r) {
			continue
		}
		if r >= 0xdc00 { // the second half of a pair, with no first half before it
			return errors.New(lone)
		}
		if r2, ok := hexEscape(b, i+6); ok && 0xdc00 <= r2 && r2 <= 0xdfff && b[i+5] == '\\' {
			i += 10 // the whole pair
			continue
		}
		return errors.New(lone)
	}
	return nil
}

// hexEscape returns the code unit of the \uXXXX escape whose 'u' is at b[i], and
// whether there is one there.
func hexEscape(b []byte, i int) (rune, bool) {
	if i+4 >= len(b) || b[i] != 'u' {
		return 0, false
	}
	var r rune
	for _, c := range b[i+1 : i+5] {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
