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

// Object is a JSON object that Read found in a segment.
type Object struct {
	// Text is the segment's JSON, as it is in the token.
	Text []byte
	// Strings is every name and string value of the object, at any depth and in order,
	// duplicates included.
	Strings []String
	// Duplicates is every name given twice in one object, at any depth, in order.
	Duplicates []Name
}

// String is a name or string value of an Object.
type String struct {
	Value string
	// Start and End are its span in Text, quotes included, as written.
	Start, End int
	// Claim is the name of the outermost member it is in, or is.
	Claim string
}

// Name is a name given twice in one object: Claim is the outermost member it is
// nested in, "" at the top level.
type Name struct{ Name, Claim string }

// Claims returns the object's members as JSON.parse reads them: the last value of a
// name given twice wins. Numbers are float64, as everywhere in JavaScript.
func (o *Object) Claims() map[string]any {
	var m map[string]any
	if json.Unmarshal(o.Text, &m) != nil { // readObject has checked that it cannot fail
		return nil
	}
	return m
}

// readObject reads the JSON text b of the segment name, and returns the problems that
// make Verify refuse it and, with all, the object, nil when b is no JSON object that
// can be read, with its strings and duplicate names.
func readObject(name string, b []byte, all bool) (*Object, []error) {
	var problems []error
	if !utf8.Valid(b) {
		problems = append(problems, fmt.Errorf("the %s is not valid UTF-8", name))
	}
	if err := checkJSON(b); err != nil {
		return nil, append(problems, fmt.Errorf("the %s %s", name, err))
	}
	if err := loneSurrogate(b); err != nil {
		problems = append(problems, fmt.Errorf("the %s %s", name, err))
	}
	if !all {
		return nil, problems
	}
	obj := &Object{Text: b}
	obj.walk()
	return obj, problems
}

// checkJSON reports b that is not one JSON object, or that JSON.parse and Go would read
// apart or that costs more than a token should: a number beyond float64's range, which
// JSON.parse reads as Infinity and Go refuses, or nesting deeper than MaxDepth.
// encoding/json is the judge of the syntax.
func checkJSON(b []byte) error {
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
				return fmt.Errorf("has a number out of range: %.40s", b[i:j])
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

// walk keeps every name and string of o, which checkJSON has accepted, and the names
// given twice in one object, token by token with encoding/json's Decoder.
func (o *Object) walk() {
	dec := json.NewDecoder(bytes.NewReader(o.Text))
	var stack []frame
	claim := ""
	for {
		start := int(dec.InputOffset())
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
			end := int(dec.InputOffset())
			start += bytes.IndexByte(o.Text[start:end], '"')
			o.Strings = append(o.Strings, String{Value: v, Start: start, End: end, Claim: claim})
			if isName {
				if top.names[v] {
					in := claim
					if len(stack) == 1 {
						in = ""
					}
					o.Duplicates = append(o.Duplicates, Name{Name: v, Claim: in})
				}
				top.names[v] = true
			}
		}
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
