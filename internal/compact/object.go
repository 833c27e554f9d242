package compact

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
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

// readObject reads the JSON text b of the segment name. It returns the object, or nil
// when b is no JSON object that can be read, and the problems that make Verify refuse
// it: all of them, or when all is false, the first. With all, it also keeps the
// object's strings and duplicate names.
func readObject(name string, b []byte, all bool) (*Object, []error) {
	var problems []error
	if !utf8.Valid(b) {
		problems = append(problems, fmt.Errorf("the %s is not valid UTF-8", name))
		if !all {
			return nil, problems
		}
	}
	obj, err := walk(b, all)
	if err != nil {
		return nil, append(problems, fmt.Errorf("the %s %s", name, err))
	}
	if err := loneSurrogate(b); err != nil {
		problems = append(problems, fmt.Errorf("the %s %s", name, err))
	}
	return obj, problems
}

// frame is an object or array that walk is in.
type frame struct {
	object   bool
	wantName bool            // an object's next string is a name
	names    map[string]bool // an object's names so far, kept with all
}

// walk reads b as one JSON object, token by token, with encoding/json's own scanner,
// and refuses what JSON.parse and Go would read apart or what costs more than a token
// should: nesting deeper than MaxDepth, a number out of float64's range, anything after
// the object.
func walk(b []byte, all bool) (*Object, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	obj := &Object{Text: b}
	var stack []frame
	claim := ""
	started, done := false, false
	for {
		start := int(dec.InputOffset())
		tok, err := dec.Token()
		switch {
		case done && err == io.EOF:
			return obj, nil
		case done:
			return nil, fmt.Errorf("has more after its JSON object, at byte %d", start)
		case err != nil:
			return nil, fmt.Errorf("is not a JSON object: a syntax error at byte %d", dec.InputOffset())
		case !started && tok != json.Delim('{'):
			return nil, errors.New("is not a JSON object")
		}
		started = true
		var top *frame
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		isName := top != nil && top.object && top.wantName
		if top != nil && top.object {
			top.wantName = !top.wantName
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{', '[':
				if len(stack) == MaxDepth {
					return nil, fmt.Errorf("nests deeper than %d levels", MaxDepth)
				}
				f := frame{object: v == '{', wantName: true}
				if all && f.object {
					f.names = map[string]bool{}
				}
				stack = append(stack, f)
			default:
				stack = stack[:len(stack)-1]
				done = len(stack) == 0
			}
		case string:
			if isName && len(stack) == 1 {
				claim = v
			}
			if all {
				end := int(dec.InputOffset())
				start += bytes.IndexByte(b[start:end], '"')
				obj.Strings = append(obj.Strings, String{Value: v, Start: start, End: end, Claim: claim})
				if isName {
					if top.names[v] {
						in := claim
						if len(stack) == 1 {
							in = ""
						}
						obj.Duplicates = append(obj.Duplicates, Name{Name: v, Claim: in})
					}
					top.names[v] = true
				}
			}
		case json.Number:
			if _, err := strconv.ParseFloat(string(v), 64); err != nil {
				return nil, fmt.Errorf("has a number out of range: %.40s", v)
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
