package usertoken

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

func TestUnhex(t *testing.T) {
	for in, want := range map[string]rune{"d800": 0xd800, "DBFF": 0xdbff, "00e9": 0xe9, "abcF": 0xabcf, "DA0A": 0xda0a, "0A9f": 0x0a9f, "0909": 0x0909, "ffff": 0xffff, "0000": 0} {
		if r := unhex([]byte(in)); r != want {
			t.Errorf("unhex(%q) = %#x, want %#x", in, r, want)
		}
	}
}

func TestLoneSurrogate(t *testing.T) {
	for _, tt := range []struct {
		text string
		lone bool
	}{
		{`"\ud800\udc00"`, false}, // the first pair
		{`"\udbff\udfff"`, false}, // the last pair
		{`"\uD800\uDC00"`, false},
		{`"\ud7ff\ue000"`, false}, // the neighbours of the surrogates
		{`"\ud800\ue000"`, true},  // a high surrogate and the first code point after the low ones
		{`"\ud800\udbff"`, true},
		{`"\ud83c\udf89\ud800"`, true}, // a lone one right after a pair
		{`"\ud83c\udf89\udc00"`, true},
		{`"\uDA00"`, true},
		{`"\udfff"`, true},
		{`"\\ud800"`, false}, // an escaped backslash, then text
		{`"\ud800\\udc00"`, true},
		{`"x\ud800"`, true},      // at the end of a string
		{`"\u0041\ud800"`, true}, // right after another \u escape
		{`"\ud800\\dc00"`, true}, // an escaped backslash, then what looks like a second half
		{`"\u0041\\u"`, false},
		{`["\ud800","\udc00"]`, true},
		{`{"\ud800":"\udc00"}`, true},
		{`"\ud800\n\udc00"`, true},
		{`"\ud800\u0041"`, true},
	} {
		if err := loneSurrogate([]byte(tt.text)); (err != nil) != tt.lone {
			t.Errorf("loneSurrogate(%s) = %v, want lone %v", tt.text, err, tt.lone)
		}
	}
}

// TestCheckText covers each class of byte, and its neighbours, with its own message.
func TestCheckText(t *testing.T) {
	for _, tt := range []struct{ token, msg string }{
		{"a.b.c", ""},
		{"AZaz09-_.x.y", ""},
		{"a b.c.d", "whitespace at byte 1"},
		{"a\tb.c.d", "whitespace at byte 1"},
		{"a\vb.c.d", "whitespace at byte 1"},
		{"a\fb.c.d", "whitespace at byte 1"},
		{"a\rb.c.d", "whitespace at byte 1"},
		{"a=.c.d", "padding '=' at byte 1: JWT segments are base64url without padding"},
		{"a+.c.d", `'+' at byte 1: JWT segments are base64url, which has '-' and '_' where standard base64 has '+' and '/'`},
		{"a/.c.d", `'/' at byte 1: JWT segments are base64url, which has '-' and '_'`},
		{"a\x80.c.d", "non-ASCII byte 0x80 at byte 1: a JWT is ASCII"},
		{"a\xff.c.d", "non-ASCII byte 0xff at byte 1"},
		{"a\x7f.c.d", `'\x7f' at byte 1 is not base64url`},
		{"a\x1f.c.d", `'\x1f' at byte 1 is not base64url`},
		{"a,.c.d", `',' at byte 1 is not base64url`}, // the neighbours of '-' and '.'
		{"a@.c.d", `'@' at byte 1 is not base64url`}, // before 'A'
		{"a[.c.d", `'[' at byte 1 is not base64url`}, // after 'Z'
		{"a`.c.d", "'`' at byte 1 is not base64url"}, // before 'a', after '_'
		{"a{.c.d", `'{' at byte 1 is not base64url`}, // after 'z'
		{"a:.c.d", `':' at byte 1 is not base64url`}, // after '9'
		{"Bearer a.b.c", `starts with "Bearer "`},
		{"bearer\ta.b.c", `starts with "Bearer "`},
		{"Bearer a", `starts with "Bearer "`},
		{"Bearer ", "whitespace at byte 6: pass the token without surrounding spaces"},
		{"Bearerxa.b.c", ""},
		{"abcdef g.h.i", "whitespace at byte 6, inside the token"},
		{`"`, `'"' at byte 0 is not base64url`},
		{"'a.b.c'", "is wrapped in quotes"},
		{"'a.b.c", `'\'' at byte 0 is not base64url`},
		{"", "the token is empty"},
		{"abc", "1 segment, want 3 separated by dots"},
		{"a.b", "2 segments, want 3 separated by dots"},
		{"a.b.c.d", "4 segments, want 3 separated by dots"},
	} {
		err := checkText(tt.token)
		if tt.msg == "" && err != nil || tt.msg != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.msg)) {
			t.Errorf("checkText(%q) = %v, want %q", tt.token, err, tt.msg)
		}
	}
}

// TestCheckJSON covers the judge of the header's and payload's JSON: encoding/json for
// the syntax, then one pass for depth and numbers that must skip what strings hold.
func TestCheckJSON(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("[", n-1) + strings.Repeat("]", n-1) }
	siblings := func(n int, v string) string { return "[" + strings.Repeat(v+",", n) + "1]" }
	for _, tt := range []struct{ text, problem string }{
		{`{}`, ""},
		{" \t\r\n{}\n", ""},
		{`{"a":` + deep(16) + `}`, ""},
		{`{"a":` + deep(17) + `}`, "nests deeper than 16 levels"},
		{`{"a":` + strings.Repeat(`{"b":`, 15) + `1` + strings.Repeat(`}`, 15) + `}`, ""},
		{`{"a":` + strings.Repeat(`{"b":`, 16) + `1` + strings.Repeat(`}`, 16) + `}`, "nests deeper than 16 levels"},
		// Closing brackets end a level: many levels, one after another, are no depth.
		{`{"a":` + siblings(20, deep(15)) + `}`, ""},
		{`{"a":` + siblings(20, `{"b":`+deep(14)+`}`) + `}`, ""},
		// What a string holds is neither a level nor a number, escaped quotes included.
		{`{"a":"` + strings.Repeat("[{", 20) + ` 1e400"}`, ""},
		{`{"a":"x\"` + strings.Repeat("[", 20) + ` 1e400","b":"\\","c":"\\\""}`, ""},
		{`{"a\"[[[[[[[[[[[[[[[[[[1e999":1}`, ""},
		{`{"a":1e400}`, "has a number out of range: 1e400"},
		{`{"a":-1e400}`, "has a number out of range: -1e400"},
		{`{"a":1E400}`, "has a number out of range: 1E400"},
		{`{"a":1e+400}`, "has a number out of range: 1e+400"},
		{`{"a":1.5e400}`, "has a number out of range: 1.5e400"},
		{`{"a":9e400}`, "has a number out of range: 9e400"},
		{`{"a":[1,2,1e400]}`, "has a number out of range: 1e400"},
		{`{"a":1e308,"b":-0,"c":1e-400,"d":true,"e":false,"f":null}`, ""},
		// A number is read whole: its sign, its leading 0 and its exponent's sign are in it,
		// and the bracket after it is read too.
		{`{"a":0.1e309,"b":1e+5,"c":-2E-3,"d":` + siblings(20, "[1]") + `}`, ""},
		{`{"a":1}{"b":2}`, "has more after its JSON object, at byte 7"},
		{`{"a":1} x`, "has more after its JSON object, at byte 8"},
		{`{"a":1`, "is not a JSON object: a syntax error at byte 5"},
		{`{"a":tru}`, "is not a JSON object: a syntax error at byte 8"},
		{``, "is empty"},
		{" \n", "is empty"},
		{`[{}]`, "is not a JSON object"},
		{` "x"`, "is not a JSON object"},
		{`null`, "is not a JSON object"},
	} {
		members, err := readJSON([]byte(tt.text))
		if tt.problem == "" && (err != nil || members == nil) || tt.problem != "" && (err == nil || err.Error() != tt.problem) {
			t.Errorf("readJSON(%.60s) = %v, %v, want %q", tt.text, members, err, tt.problem)
		}
	}
}

// TestCheckJSON_Linear checks that the pass over a long number reads it once.
func TestCheckJSON_Linear(t *testing.T) {
	text := []byte(`{"n":0.` + strings.Repeat("7", 6000) + `}`)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := readJSON(text); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 64<<10 {
		t.Errorf("readJSON allocated %d bytes for %d bytes of JSON", n, len(text))
	}
}

// TestWalk covers what Read keeps of an object: every name and string in order with
// its outermost claim, and the names given twice in one object.
func TestWalk(t *testing.T) {
	text := `{"a":{"k":1,"s":"v"},"k":[{"k":"v"},"k"],"b":"v","b":"v","a":{"x":1,"x":[]}}`
	o := &Segment{Text: []byte(text)}
	o.walk()
	var strs []string
	for _, s := range o.Strings {
		strs = append(strs, s.Claim+":"+s.Value)
	}
	if got, want := strings.Join(strs, " "), "a:a a:k a:s a:v k:k k:k k:v k:k b:b b:v b:b b:v a:a a:x a:x"; got != want {
		t.Errorf("strings %s\nwant    %s", got, want)
	}
	// "k" in "a", at the top and in "k"'s array are three objects; equal values are no
	// duplicates; "a" and "b" are given twice at the top, "x" twice in the second "a".
	if got, want := strings.Join(o.Duplicates, " "), "b a x"; got != want {
		t.Errorf("duplicates %q, want %q", got, want)
	}
}

var problems []error // what TestParse_Allocations keeps, as Parse does

// TestParse_Allocations checks that Parse, Verify's reading, builds nothing that only
// Read's callers use: it allocates what decoding the three segments and unmarshalling
// the two JSON objects allocate, and the Token, on any Go release; and it refuses a
// token over the size limit for the cost of its error alone.
func TestParse_Allocations(t *testing.T) {
	if raceEnabled {
		t.Skip("counts are not exact under the race detector; .ci/run runs this test without it")
	}
	e := base64.RawURLEncoding.EncodeToString
	segs := []string{e([]byte(`{"alg":"HS256","typ":"JWT"}`)), e([]byte(`{"user_external_id":"u","api_key":"pk_x","a":[true,{"b":null}]}`)), e(make([]byte, 32))}
	token := strings.Join(segs, ".")
	least := testing.AllocsPerRun(100, func() {
		header, _ := base64.RawURLEncoding.Strict().DecodeString(segs[0])
		payload, _ := base64.RawURLEncoding.Strict().DecodeString(segs[1])
		_, _ = base64.RawURLEncoding.Strict().DecodeString(segs[2])
		var h, p map[string]any
		_, _ = json.Unmarshal(header, &h), json.Unmarshal(payload, &p)
		tokens = append(tokens[:0], &Token{})
	})
	if _, err := Parse(token); err != nil {
		t.Fatal(err)
	}
	if got := testing.AllocsPerRun(100, func() { _, _ = Parse(token) }); got != least {
		t.Errorf("Parse allocates %v times, want %v", got, least)
	}
	long := strings.Repeat("a", MaxLen+1)
	least = testing.AllocsPerRun(100, func() {
		problems = append([]error(nil), fmt.Errorf("%d bytes, over the limit of %d", len(long), MaxLen))
	})
	if got := testing.AllocsPerRun(100, func() { _, _ = Parse(long) }); got != least {
		t.Errorf("Parse of a token over the size limit allocates %v times, want %v", got, least)
	}
}

var tokens []*Token // what TestParse_Allocations keeps, as Parse does

// TestRead_Segments covers what Read keeps of each segment: no problem of its JSON for
// a segment that is not base64url, and no claims from a text that is JSON but no
// object that can be read.
func TestRead_Segments(t *testing.T) {
	e := base64.RawURLEncoding.EncodeToString
	tok, problems := Read("a." + e([]byte(`{"a":`+strings.Repeat("[", 17)+strings.Repeat("]", 17)+`}`)) + ".c2ln")
	var words []string
	for _, p := range problems {
		words = append(words, p.Error())
	}
	if got, want := strings.Join(words, "; "), "the header segment is cut short or damaged: base64url cannot end after 1 character; the payload nests deeper than 16 levels"; got != want {
		t.Errorf("problems %q, want %q", got, want)
	}
	if tok.Header.Text != nil || tok.Payload.Members != nil || tok.Header.Members != nil {
		t.Errorf("header %+v, payload %+v", tok.Header, tok.Payload)
	}
	// A problem that leaves the object readable leaves its members and strings too.
	tok, problems = Read("e30." + e([]byte(`{"a":"\ud800"}`)) + ".c2ln")
	if len(problems) != 1 || tok.Payload.Members["a"] != "\ufffd" || len(tok.Payload.Strings) != 2 {
		t.Errorf("header %+v, payload %+v", tok.Header, tok.Payload)
	}
}

// TestDecodeSegment covers the two ways a segment can fail to be base64url: a length
// no base64 has, 4n+1, and a last character with stray bits, which is read anyway.
func TestDecodeSegment(t *testing.T) {
	for _, tt := range []struct{ seg, text, problem string }{
		{"eyJhIjoxfQ", `{"a":1}`, ""},
		{"eyJhIjoxfR", `{"a":1}`, "the x segment is cut short or damaged: its last character has stray bits, so it is not the base64url of any bytes"},
		{"AAAAAB", "\x00\x00\x00\x00", "the x segment is cut short or damaged: its last character has stray bits, so it is not the base64url of any bytes"},
		{"A", "", "the x segment is cut short or damaged: base64url cannot end after 1 character"},
		{"AAAAAAAAA", "", "the x segment is cut short or damaged: base64url cannot end after 9 characters"},
		{strings.Repeat("A", 45), "", "the x segment is cut short or damaged: base64url cannot end after 45 characters"},
	} {
		b, problems := decodeSegment(nil, "x", tt.seg)
		if string(b) != tt.text || fmt.Sprint(problems) != fmt.Sprint([]string{tt.problem}) && !(tt.problem == "" && problems == nil) {
			t.Errorf("decodeSegment(%q) = %q, %v; want %q, %q", tt.seg, b, problems, tt.text, tt.problem)
		}
	}
}

// TestScan covers the strings kept of a text that is no JSON object: each from a quote
// to the next quote no backslash escapes, as JSON reads it, or nothing when JSON does
// not read it as a string.
func TestScan(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{`"a"`, "a"},
		{`""x"b"`, "|b"},
		{`{"k":"v\"w","\\":"\u0041"} "z`, `k|v"w|\|A`},
		{"\ufeff" + `{"a":"b"}x`, "a|b"},
		{`"\x" "ok"`, "ok"},
		{`"a\`, ""},
		{`x"\"`, ""},
	} {
		s := Segment{Text: []byte(tt.text)}
		s.scan()
		var got []string
		for _, v := range s.Strings {
			got = append(got, v.Value)
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("scan(%s) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestParse_DoesNotScan checks that Parse, Verify's reading, keeps no string of a text
// that is no JSON object: it costs what a text without one costs.
func TestParse_DoesNotScan(t *testing.T) {
	if raceEnabled {
		t.Skip("counts are not exact under the race detector; .ci/run runs this test without it")
	}
	e := base64.RawURLEncoding.EncodeToString
	withString, without := "e30."+e([]byte(`["abc","def"]`))+".c2ln", "e30."+e([]byte(`[12345,67890]`))+".c2ln"
	if a, b := testing.AllocsPerRun(100, func() { _, _ = Parse(withString) }), testing.AllocsPerRun(100, func() { _, _ = Parse(without) }); a != b {
		t.Errorf("Parse allocates %v times for strings, %v for numbers", a, b)
	}
}
