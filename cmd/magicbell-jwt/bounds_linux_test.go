package main

import (
	"bytes"
	"strings"
	"syscall"
	"testing"
)

// TestPeakMemory runs decode and verify as processes on the worst tokens of the
// largest size taken, and checks that each stays under 64 MiB of resident memory.
func TestPeakMemory(t *testing.T) {
	for name, payload := range worstTokens() {
		tok := mint("e", `{"alg":"HS256"}`, payload)
		for _, sub := range []string{"decode", "verify"} {
			cmd := process(t, map[string]string{"MAGICBELL_API_KEY": apiKey, "MAGICBELL_API_SECRET": strings.Repeat("Q", 32)}, sub)
			var stdout, stderr bytes.Buffer
			cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(tok), &stdout, &stderr
			_ = cmd.Run() // both refuse these tokens
			rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10
			t.Logf("%s %s: %d bytes in, %d bytes out, %.1f MiB peak RSS", sub, name, len(tok), stdout.Len()+stderr.Len(), float64(rss)/(1<<20))
			if rss > 64<<20 {
				t.Errorf("%s %s: %d bytes of peak RSS", sub, name, rss)
			}
		}
	}
}
