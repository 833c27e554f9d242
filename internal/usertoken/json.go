package usertoken

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A Segment is the header or the payload of a token: its Name, "header" or "payload";
// its Text, decoded, JSON or not, nil when it is not base64url; and the Members of the
// JSON object as JSON.parse reads them (the last of a name given twice wins), nil when
// Text is none that can be read. Read also keeps every name and string value of the
// object in order, at any depth, or else what each string of the text reads as, from a
// quote to the next that no backslash escapes; and the names given twice in an object.
type Segment struct {
	Name       string
	Text       []byte
	Members    map[string]any
	Strings    []String
	Duplicates []string
}

// A String is a name or string value of a Segment, and Claim the name of the outermost
// member it is in, or is: "" when the text is no object.
type String struct{ Value, Claim string }

// read reads the segment's text, if there is one, and returns the problems that make
// Verify refuse it. It reads the members of an object that can be read; when lenient,
// also its strings and duplicate names, and the strings of a text that is no object.
func (s *Segment) read(lenient bool) []error {
	if s.Text == nil {
		return nil
	}
	var problems []error
	if !utf8.Valid(s.Text) {
		problems = append(problems, fmt.Errorf("the %s is not valid UTF-8", s.Name))
	}
	members, err := readJSON(s.Text)
	if err != nil {
		if lenient {
			s.scan()
		}
		return append(problems, fmt.Errorf("the %s %s", s.Name, err))
	}
	if err := loneSurrogate(s.Text); err != nil {
		problems = append(problems, fmt.Errorf("the %s %s", s.Name, err))
	}
	if s.Members = members; lenient {
		s.walk()
	}
	return problems
}

// readJSON reads b, which must be one JSON object, into its members, once; or it says
// why not: encoding/json judges the syntax and refuses a number beyond float64, and
// the object must nest at most MaxDepth levels.
func readJSON(b []byte) (map[string]any, error) {
	var members map[string]any
	if err := json.Unmarshal(b, &members); err != nil || members == nil {
		return nil, notObject(b, err)
	} else if bytes.Count(b, []byte("{"))+bytes.Count(b, []byte("[")) <= MaxDepth {
		return members, nil // too few brackets, even in strings, to nest too deep
	}
	depth := 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '"': // a string, to its closing quote, which no backslash escapes
			for i++; b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case '{', '[':
			if depth++; depth > MaxDepth {
				return nil, fmt.Errorf("nests deeper than %d levels", MaxDepth)
			}
		case '}', ']':
			depth--
		}
	}
	return members, nil
}

// notObject says why b, which json.Unmarshal did not read into an object, is not one.
func notObject(b []byte, err error) error {
	var syntax *json.SyntaxError
	switch t := bytes.TrimLeft(b, " \t\r\n"); {
	case len(t) == 0:
		return errors.New("is empty")
	case errors.As(err, &syntax) && strings.HasSuffix(syntax.Error(), "after top-level value"):
		return fmt.Errorf("has more after its JSON object, at byte %d", syntax.Offset-1)
	case errors.As(err, &syntax):
		return fmt.Errorf("is not a JSON object: a syntax error at byte %d", syntax.Offset-1)
	case t[0] != '{':
		return errors.New("is not a JSON object")
	}
	// In an object, Go reads any value but a number beyond float64.
	number := &json.UnmarshalTypeError{}
	errors.As(err, &number)
	return fmt.Errorf("has a number out of range: %.*s", shown, strings.TrimPrefix(number.Value, "number "))
}

// walk keeps every name and string of the text, which readJSON has read, and the
// names given twice in one object, value by value with encoding/json's Decoder.
func (s *Segment) walk() {
	dec := json.NewDecoder(bytes.NewReader(s.Text))
	tok, _ := dec.Token()
	s.value(dec, tok, "", true)
}

// value keeps what the value that starts with tok holds, in the member claim; top
// says it is the outermost object, whose names are the claims.
func (s *Segment) value(dec *json.Decoder, tok json.Token, claim string, top bool) {
	if v, ok := tok.(string); ok {
		s.Strings = append(s.Strings, String{v, claim})
	}
	delim, _ := tok.(json.Delim)
	names := map[string]bool{}
	for (delim == '{' || delim == '[') && dec.More() {
		inner := claim
		if delim == '{' {
			t, _ := dec.Token()
			name := t.(string)
			if top {
				inner = name
			}
			if s.Strings = append(s.Strings, String{name, inner}); names[name] {
				s.Duplicates = append(s.Duplicates, name)
			}
			names[name] = true
		}
		t, _ := dec.Token()
		s.value(dec, t, inner, false)
	}
	if delim == '{' || delim == '[' {
		dec.Token() // the closing delimiter
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

// loneSurrogate reports a \u escape of half a UTF-16 surrogate pair alone in b, valid
// JSON, in which a backslash stands only in a string, where it starts an escape.
func loneSurrogate(b []byte) error {
	for i := 0; ; i++ { // from one backslash to the next, past the character it escapes
		j := bytes.IndexByte(b[i:], '\\')
		if j < 0 {
			return nil
		}
		if i += j + 1; b[i] != 'u' || !utf16.IsSurrogate(unhex(b[i+1:i+5])) {
			continue
		}
		if unhex(b[i+1:i+5]) < 0xdc00 && b[i+5] == '\\' && b[i+6] == 'u' {
			if r2 := unhex(b[i+7 : i+11]); 0xdc00 <= r2 && r2 <= 0xdfff {
				i += 6 // the first half of a pair: on to the second
				continue
			}
		}
		return errors.New(`has a \u escape of half a surrogate pair alone`)
	}
}

// unhex returns the value of four hex digits.
func unhex(b []byte) (r rune) {
	for _, c := range b {
		r = r<<4 | rune(strings.IndexByte("0123456789abcdef", c|0x20))
	}
	return r
}
