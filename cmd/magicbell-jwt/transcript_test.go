package main

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// docs are the files whose console blocks are transcripts of the command.
var docs = []string{"../../README.md", "README.md", "../../CONTRIBUTING.md"}

// TestTranscripts runs every console block of the documentation, as a reader would
// paste it into a shell, and compares what it prints with the block, every line of it:
// at testNow, the clock of the tokens and numbers the blocks show, exactly; and at
// clocks years later, today's among them, but for what changes with the day: times,
// durations, the iat, exp and nbf numbers, and the tokens a block mints.
func TestTranscripts(t *testing.T) {
	blocks := 0
	for _, doc := range docs {
		text, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, block := range consoleBlocks(string(text)) {
			blocks++
			for _, clock := range []time.Time{testNow, time.Now(), testNow.AddDate(60, 0, 0)} {
				atTime(t, clock)
				if err := runTranscript(block.lines, clock != testNow); err != nil {
					t.Errorf("%s:%d, at %v: %v", doc, block.line, clock, err)
				}
			}
		}
	}
	if blocks < 5 {
		t.Errorf("%d console blocks in %v", blocks, docs)
	}
}

// A block is a fenced code block of a Markdown file: its lines, and the number of the
// line after its opening fence.
type block struct {
	line  int
	lines []string
}

// fence matches the opening fence of a code block: up to three spaces, three or more
// backticks or tildes, and its info string, whose first word names the language.
var fence = regexp.MustCompile("^( {0,3})(`{3,}|~{3,})[ \t]*([^ \t`]*)(.*)$")

// consoleBlocks returns the fenced code blocks of a Markdown text whose language is
// console, in any case, as CommonMark reads fences: with backticks or tildes, an info
// string after the language, and lines ending in LF or CR LF. A block ends at a closing
// fence of its own character, at least as long, or at the end of the text.
func consoleBlocks(text string) []block {
	var blocks []block
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		m := fence.FindStringSubmatch(lines[i])
		if m == nil || m[2][0] == '`' && strings.Contains(m[4], "`") {
			continue
		}
		indent, marks := len(m[1]), m[2]
		closing := regexp.MustCompile("^ {0,3}" + regexp.QuoteMeta(marks[:1]) + "{" + strconv.Itoa(len(marks)) + ",}[ \t]*$")
		b := block{line: i + 2}
		for i++; i < len(lines) && !closing.MatchString(lines[i]); i++ {
			line := lines[i]
			for n := 0; n < indent && strings.HasPrefix(line, " "); n++ {
				line = line[1:]
			}
			b.lines = append(b.lines, line)
		}
		if i == len(lines) && len(b.lines) > 0 && b.lines[len(b.lines)-1] == "" {
			b.lines = b.lines[:len(b.lines)-1] // the text's last newline, in a block never closed
		}
		if strings.EqualFold(m[3], "console") {
			blocks = append(blocks, b)
		}
	}
	return blocks
}

// A shell runs the commands of one transcript as bash would, for the little of bash
// that the transcripts use: variables, exported or not, expanded as $NAME, ${NAME} and
// $? unquoted (when they hold no space) or in double quotes; $(...); single and double
// quotes; >/dev/null and 2>/dev/null; and the commands export, echo and magicbell-jwt
// (also as go run ./cmd/magicbell-jwt). Anything else is an error, so that no
// transcript goes unrun or is read other than as bash reads it.
type shell struct {
	vars     map[string]string
	exported map[string]bool
	status   int
	stderr   string // what $(...) printed on stderr, which bash shows
}

// Redirections are words of their own, which no quoted word can be.
const toNull, errToNull = "\x00>/dev/null", "\x002>/dev/null"

// runTranscript runs the commands of a block's lines that start with "$ ", and reports
// the first whose output is not the lines after it, up to the next command. The lines
// before the first command must be none. With mask, times, durations, iat, exp and nbf
// numbers, and tokens are compared as masked.
func runTranscript(lines []string, mask bool) error {
	sh := &shell{vars: map[string]string{}, exported: map[string]bool{}}
	cmd, got, want := "", []string(nil), []string(nil)
	check := func() error {
		g, w := got, want
		if mask {
			g, w = masked(g), masked(w)
		}
		if !slices.Equal(g, w) {
			return fmt.Errorf("$ %.100s\nprints\n%s\nwhere the transcript shows\n%s", cmd, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		return nil
	}
	for _, line := range lines {
		next, ok := strings.CutPrefix(line, "$ ")
		if !ok {
			want = append(want, line)
			continue
		}
		if err := check(); err != nil {
			return err
		}
		out, err := sh.run(next)
		if err != nil {
			return fmt.Errorf("$ %.100s: %v", next, err)
		}
		cmd, got, want = next, out, nil
	}
	return check()
}

// masks stand for what changes with the day in what the command prints.
var masks = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? UTC`), "<time>"},
	{regexp.MustCompile(`\b\d+(\.\d+)?[dhms](\d+(\.\d+)?[hms])*\b`), "<duration>"},
	{regexp.MustCompile(`("(iat|exp|nbf)": )\d+(\.\d+)?`), "${1}<number>"},
	{regexp.MustCompile(`eyJ[\w-]*\.[\w-]*\.[\w-]*`), "<token>"},
}

func masked(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		for _, m := range masks {
			l = m.re.ReplaceAllString(l, m.with)
		}
		out[i] = l
	}
	return out
}

// run runs one command line and returns the lines it prints, stdout first.
func (sh *shell) run(line string) ([]string, error) {
	out, errs, err := sh.exec(line)
	printed := sh.stderr + out + errs
	sh.stderr = ""
	if err != nil || printed == "" {
		return nil, err
	}
	return strings.Split(strings.TrimSuffix(printed, "\n"), "\n"), nil
}

// exec runs one command line and returns what it prints on stdout and stderr.
func (sh *shell) exec(line string) (stdout, stderr string, err error) {
	words, err := sh.words(line)
	if err != nil {
		return "", "", err
	}
	toStdout, toStderr := true, true
	for n := len(words); n > 0 && (words[n-1] == toNull || words[n-1] == errToNull); n = len(words) {
		toStdout, toStderr, words = toStdout && words[n-1] != toNull, toStderr && words[n-1] != errToNull, words[:n-1]
	}
	env := map[string]string{}
	for k := range sh.exported {
		env[k] = sh.vars[k]
	}
	assigned := map[string]string{}
	for len(words) > 0 && isAssignment(words[0]) {
		k, v, _ := strings.Cut(words[0], "=")
		assigned[k], words = v, words[1:]
	}
	switch {
	case slices.Contains(words, toNull) || slices.Contains(words, errToNull):
		return "", "", fmt.Errorf("cannot read a redirection before the last words")
	case len(words) == 0: // assignments alone set shell variables
		for k, v := range assigned {
			sh.vars[k] = v
		}
		return "", "", nil
	case words[0] == "export":
		for _, w := range words[1:] {
			k, v, _ := strings.Cut(w, "=")
			if !isAssignment(w) {
				return "", "", fmt.Errorf("cannot export %q", w)
			}
			sh.vars[k], sh.exported[k] = v, true
		}
		sh.status = 0
	case words[0] == "echo":
		stdout, sh.status = strings.Join(words[1:], " ")+"\n", 0
	default:
		var args []string
		for _, command := range [][]string{{"magicbell-jwt"}, {"go", "run", "./cmd/magicbell-jwt"}} {
			if len(words) >= len(command) && slices.Equal(words[:len(command)], command) {
				args = words[len(command):]
				break
			}
		}
		if args == nil {
			return "", "", fmt.Errorf("cannot run %q", words[0])
		}
		for k, v := range assigned {
			env[k] = v
		}
		r := runWith(env, "", args...)
		stdout, stderr, sh.status = r.stdout, r.stderr, r.code
	}
	if !toStdout {
		stdout = ""
	}
	if !toStderr {
		stderr = ""
	}
	return stdout, stderr, nil
}

var assignment = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=`)

func isAssignment(w string) bool { return assignment.MatchString(w) }

// words splits a command line into words, expanded as bash expands them.
func (sh *shell) words(line string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord, quote := false, byte(0)
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote == '\'' && c == '\'', quote == '"' && c == '"':
			quote = 0
		case quote == '\'':
			w.WriteByte(c)
		case c == '$':
			v, n, err := sh.expand(line[i:])
			if err != nil {
				return nil, err
			}
			if quote == 0 && strings.ContainsAny(v, " \t\n") {
				return nil, fmt.Errorf("cannot split %q into words: quote it", line[i:i+n])
			}
			w.WriteString(v)
			i, inWord = i+n-1, true
		case quote == '"':
			if c == '\\' || c == '`' {
				return nil, fmt.Errorf("cannot read %q in double quotes", c)
			}
			w.WriteByte(c)
		case c == '\'' || c == '"':
			quote, inWord = c, true
		case c == ' ':
			if inWord {
				words, inWord = append(words, w.String()), false
				w.Reset()
			}
		case c == '>' && (w.Len() == 0 || w.String() == "2") && strings.HasPrefix(line[i:]+" ", ">/dev/null "):
			words = append(words, map[string]string{"": toNull, "2": errToNull}[w.String()])
			w.Reset()
			i, inWord = i+len(">/dev/null"), false
		case strings.IndexByte("\\`|&;<>(){}*?[]#~\t", c) >= 0:
			return nil, fmt.Errorf("cannot read %q", c)
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unterminated quote in %q", line)
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

var varName = regexp.MustCompile(`^\$(\?|[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})`)

// expand expands the $ expression that s starts with, and says how long it is. $(...)
// stands for its command's stdout less its last newlines; what the command prints on
// stderr is printed before the line's own output.
func (sh *shell) expand(s string) (string, int, error) {
	if rest, ok := strings.CutPrefix(s, "$("); ok {
		end := strings.IndexByte(rest, ')')
		if end < 0 || strings.ContainsAny(rest[:end], "()$") {
			return "", 0, fmt.Errorf("cannot read %q", s)
		}
		out, errs, err := sh.exec(rest[:end])
		sh.stderr += errs
		return strings.TrimRight(out, "\n"), end + 3, err
	}
	m := varName.FindString(s)
	switch name := strings.Trim(m[min(len(m), 1):], "{}"); {
	case m == "":
		return "", 0, fmt.Errorf("cannot read %q", s)
	case name == "?":
		return strconv.Itoa(sh.status), len(m), nil
	default:
		return sh.vars[name], len(m), nil
	}
}

// TestTranscripts_Fail checks that a transcript fails when a line is not what the
// command prints, when the command prints a line more or less, when a line stands
// before the first command, and when it cannot be run; and that every fence spelling
// that Markdown shows as console is run.
func TestTranscripts_Fail(t *testing.T) {
	atTime(t, testNow)
	const unknown = "$ magicbell-jwt frobnicate\nmagicbell-jwt: unknown command \"frobnicate\": give sign, verify or decode\n"
	const right = unknown + "run 'magicbell-jwt help' for usage\n$ echo $?\n2\n"
	for _, tt := range []string{
		unknown,
		unknown + "run 'magicbell-jwt help' for usage\n$ echo $?\n1\n",
		unknown + "run 'magicbell-jwt help' for usage.\n",
		"$ magicbell-jwt frobnicate 2>/dev/null\nrun 'magicbell-jwt help' for usage\n",
		"$ magicbell-jwt 'frobnicate\n",
		"$ ls\n",
		"$ magicbell-jwt help | head\n",
		"$ magicbell-jwt help > out\n",
		"$ magicbell-jwt help >/dev/null/x\n",
		"a line before the first command\n" + right,
		"$ export A=1\n\n" + right,                  // a blank line that nothing prints
		right + "\n",                                // the same, at the end
		"$ T=$(echo x)\n$ echo \"$T\"\ny\n",         // a variable
		"$ echo \"${T}\"\nx\n",                      // a variable that is not set
		"$ echo $(echo a b)\na b\n",                 // unquoted, bash splits it: not read
		"$ echo \"$(echo a b)\"\na  b\n",            // command substitution
		"$ echo \"a\\\"b\"\na\"b\n",                 // an escape we do not read
		"$ go run ./cmd/magicbell-jwt frobnicate\n", // a line less
	} {
		if err := runTranscript(strings.Split(strings.TrimSuffix(tt, "\n"), "\n"), false); err == nil {
			t.Errorf("a wrong transcript passes:\n%s", tt)
		}
	}
	for _, tt := range []string{
		right,
		"$ magicbell-jwt frobnicate >/dev/null 2>/dev/null\n$ export A=1 B='x y'\n$ echo \"$A\" \"${B}\" $?\n1 x y 0\n",
		"$ T=$(magicbell-jwt frobnicate)\nmagicbell-jwt: unknown command \"frobnicate\": give sign, verify or decode\nrun 'magicbell-jwt help' for usage\n$ echo $? \"$T\"\n2 \n",
		"$ T=$(echo x)\n$ echo \"$T\"\nx\n",
	} {
		if err := runTranscript(strings.Split(strings.TrimSuffix(tt, "\n"), "\n"), false); err != nil {
			t.Errorf("a right transcript fails: %v\n%s", err, tt)
		}
	}
	// Each fence spelling, with one line changed: the block is found, and fails.
	for _, open := range []string{"```console", "```console ", "``` console", "```Console", "```CONSOLE", "~~~console", "```console title=x", "````console", "  ```console", "~~~ console {.x}"} {
		for _, eol := range []string{"\n", "\r\n"} {
			closing := strings.TrimSpace(open)[:3]
			if strings.HasPrefix(strings.TrimSpace(open), "````") {
				closing = "````"
			}
			for _, body := range []string{right, strings.Replace(right, "2\n", "3\n", 1)} {
				doc := "# Doc\n\n" + open + "\n" + body + closing + "\n\ntext\n"
				blocks := consoleBlocks(strings.ReplaceAll(doc, "\n", eol))
				if len(blocks) != 1 {
					t.Errorf("%q %q: %d blocks", open, eol, len(blocks))
					continue
				}
				if err := runTranscript(blocks[0].lines, false); (err == nil) != (body == right) {
					t.Errorf("%q %q: %v for\n%s", open, eol, err, body)
				}
			}
		}
	}
	// Not console, and not closed by a shorter fence or another character; never closed.
	if b := consoleBlocks("~~~console\n" + right); len(b) != 1 || runTranscript(b[0].lines, false) != nil {
		t.Errorf("a block to the end of the text: %q", b)
	}
	if b := consoleBlocks("```sh\n$ ls\n```\n````console\n" + right + "```\n~~~~\n````\n"); len(b) != 1 || len(b[0].lines) != 7 {
		t.Errorf("blocks %q", b)
	}
}

// TestTranscripts_Masked checks what the comparison at another clock leaves out:
// times, durations, the times' numbers and tokens, and nothing else.
func TestTranscripts_Masked(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"ok   exp: 2026-11-24 12:00:00 UTC, expires in 1d", "ok   exp: 2087-01-01 00:00:00.5 UTC, expires in 27433d12h0.5s"},
		{`    "iat": 1795435200,`, `    "iat": 3688579200,`},
		{"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2Vy.abc-_", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ2.x"},
	} {
		if a, b := masked([]string{tt.a}), masked([]string{tt.b}); !slices.Equal(a, b) {
			t.Errorf("%q and %q differ masked: %q, %q", tt.a, tt.b, a, b)
		}
	}
	for _, tt := range []struct{ a, b string }{
		{"ok   exp: 2026-11-24 12:00:00 UTC, expires in 1d", "FAIL exp: it expired at 2026-11-24 12:00:00 UTC, 1d ago"},
		{`    "user_external_id": "usr_1",`, `    "user_external_id": "usr_2",`},
		{"ok   names: no name is given twice", "FAIL names: \"a\" is given twice in the payload"},
		{`    "api_key": "pk_1",`, `    "api_key": "pk_2",`},
	} {
		if a, b := masked([]string{tt.a}), masked([]string{tt.b}); slices.Equal(a, b) {
			t.Errorf("%q and %q are the same masked: %q", tt.a, tt.b, a)
		}
	}
}
