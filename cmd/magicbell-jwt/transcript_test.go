package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// docs are the files whose console blocks are transcripts of the command.
var docs = []string{"../../README.md", "README.md", "../../CONTRIBUTING.md"}

// TestTranscripts runs every console block of the documentation with the command's
// clock at testNow, and compares what it prints, line by line, with what the block
// shows. A block's lines that start with "$ " are commands: export VAR=VALUE...,
// echo $? (the last exit status), or magicbell-jwt ARGS... (or go run
// ./cmd/magicbell-jwt ARGS...), after VAR=VALUE assignments and before >/dev/null or
// 2>/dev/null; the other lines are what the command before them prints, stdout first.
func TestTranscripts(t *testing.T) {
	atTime(t, testNow)
	blocks := 0
	for _, doc := range docs {
		text, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, block := range strings.Split(string(text), "```console\n")[1:] {
			block, _, _ = strings.Cut(block, "```\n")
			blocks++
			if err := runTranscript(block); err != nil {
				t.Errorf("%s: %v", doc, err)
			}
		}
	}
	if blocks < 3 {
		t.Errorf("%d console blocks in %v", blocks, docs)
	}
}

// runTranscript runs the commands of one console block, and reports the first whose
// output is not what the block shows.
func runTranscript(block string) error {
	env := map[string]string{}
	status := 0
	var cmd string
	var got, want []string
	mismatch := func() error {
		if cmd == "" || strings.Join(got, "\n") == strings.Join(want, "\n") {
			return nil
		}
		return fmt.Errorf("$ %.100s\nprints\n%s\nwhere the transcript shows\n%s", cmd, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, line := range strings.Split(strings.TrimSuffix(block, "\n"), "\n") {
		next, ok := strings.CutPrefix(line, "$ ")
		if !ok {
			want = append(want, line)
			continue
		}
		if err := mismatch(); err != nil {
			return err
		}
		cmd, got, want = next, nil, nil
		words, err := shellWords(cmd)
		if err != nil {
			return err
		}
		switch {
		case words[0] == "export":
			for _, w := range words[1:] {
				k, v, _ := strings.Cut(w, "=")
				env[k] = v
			}
		case cmd == "echo $?":
			got = []string{strconv.Itoa(status)}
		default:
			cmdEnv := map[string]string{}
			for k, v := range env {
				cmdEnv[k] = v
			}
			for strings.Contains(words[0], "=") {
				k, v, _ := strings.Cut(words[0], "=")
				cmdEnv[k], words = v, words[1:]
			}
			stdout, stderr := true, true
			for n := len(words); n > 0 && strings.HasSuffix(words[n-1], ">/dev/null"); n = len(words) {
				stdout, stderr, words = stdout && words[n-1] != ">/dev/null", stderr && words[n-1] != "2>/dev/null", words[:n-1]
			}
			args, ok := strings.CutPrefix(strings.Join(words, "\x00"), "magicbell-jwt\x00")
			if !ok {
				args, ok = strings.CutPrefix(strings.Join(words, "\x00"), "go\x00run\x00./cmd/magicbell-jwt\x00")
			}
			if !ok {
				return fmt.Errorf("cannot run %q", cmd)
			}
			r := runWith(cmdEnv, "", strings.Split(args, "\x00")...)
			status = r.code
			var out string
			if stdout {
				out += r.stdout
			}
			if stderr {
				out += r.stderr
			}
			if out != "" {
				got = strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			}
		}
	}
	return mismatch()
}

// shellWords splits a command line into words as a shell does, for words that are
// plain or in single or double quotes.
func shellWords(line string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord, quote := false, byte(0)
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			w.WriteByte(c)
		case c == '\'' || c == '"':
			quote, inWord = c, true
		case c == ' ':
			if inWord {
				words, inWord = append(words, w.String()), false
				w.Reset()
			}
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

// TestTranscripts_Fail checks that a transcript fails when a line is not what the
// command prints, when the command prints a line more, and when it cannot be run.
func TestTranscripts_Fail(t *testing.T) {
	atTime(t, testNow)
	const unknown = "$ magicbell-jwt frobnicate\nmagicbell-jwt: unknown command \"frobnicate\": give sign, verify or decode\n"
	for _, block := range []string{
		unknown,
		unknown + "run 'magicbell-jwt help' for usage\n$ echo $?\n1\n",
		unknown + "run 'magicbell-jwt help' for usage.\n",
		"$ magicbell-jwt frobnicate 2>/dev/null\nrun 'magicbell-jwt help' for usage\n",
		"$ magicbell-jwt 'frobnicate\n",
		"$ ls\n",
	} {
		if runTranscript(block) == nil {
			t.Errorf("a wrong transcript passes:\n%s", block)
		}
	}
	if err := runTranscript(unknown + "run 'magicbell-jwt help' for usage\n$ echo $?\n2\n$ magicbell-jwt frobnicate >/dev/null 2>/dev/null\n"); err != nil {
		t.Errorf("a right transcript fails: %v", err)
	}
}
