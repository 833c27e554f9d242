package main

import (
	"flag"
	"fmt"
	"strings"
)

const overview = `magicbell-jwt mints, verifies and decodes MagicBell User JWTs on your own machine,
so that no secret key is ever pasted into an online JWT debugger.

Commands:
%s
  magicbell-jwt help [COMMAND]
      Print this help, or a command's.

Keys are read from the environment:
  MAGICBELL_API_KEY     the project's API key; -api-key overrides it
  MAGICBELL_API_SECRET  the project's secret key, under the name MagicBell's SDKs
                        read; MAGICBELL_SECRET_KEY is read too. There is no flag for it
                        on purpose: a flag is kept in shell history and shown by ps to
                        everyone on the machine.
Both are in the MagicBell dashboard: your project, Settings, User Auth. Every command
checks the keys it is given as the library's NewSigner does, and prints neither the
secret key nor an API key that does not look like one.

Examples:
  MAGICBELL_API_KEY=pk_... MAGICBELL_API_SECRET=... magicbell-jwt sign -external-id usr_l70vln
  magicbell-jwt sign -email person@example.com -external-id usr_l70vln -expiry 24h
  magicbell-jwt sign -external-id usr_l70vln | magicbell-jwt verify
  magicbell-jwt decode < token.txt

Exit status: 0 success; 1 invalid token, failed signing or writing; 2 usage or configuration error.
`

// lookup returns the subcommand called name, or nil after a usage error that suggests
// the closest one.
func (c *command) lookup(name string) *subcommand {
	best, bestDist := "", 3 // suggest only what is at most two edits away
	for _, sub := range subcommands {
		if sub.name == name {
			return sub
		}
		if d := editDistance(name, sub.name); d < bestDist {
			best, bestDist = sub.name, d
		}
	}
	if best != "" {
		c.usageError("unknown command %q; did you mean %q?", name, best)
	} else {
		c.usageError("unknown command %q", name)
	}
	return nil
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	var prev []int
	for j := 0; j <= len(b); j++ {
		prev = append(prev, j)
	}
	for i := 1; i <= len(a); i++ {
		cur := []int{i}
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur = append(cur, min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost))
		}
		prev = cur
	}
	return prev[len(b)]
}

// help prints the overview, or with one argument that command's help, on stdout.
func (c *command) help(args []string) int {
	c.name = "help"
	switch {
	case len(args) > 1:
		return c.usageError("%d arguments, want at most one command", len(args))
	case len(args) == 1:
		sub := c.lookup(args[0])
		if sub == nil {
			return exitUsage
		}
		c.printHelp(sub)
		return exitOK
	}
	var list strings.Builder
	for _, sub := range subcommands {
		fmt.Fprintf(&list, "  magicbell-jwt %s %s\n      %s\n", sub.name, sub.usage, strings.ReplaceAll(sub.help, "\n", "\n      "))
	}
	fmt.Fprintf(c.stdout, overview, strings.TrimSuffix(list.String(), "\n"))
	return exitOK
}

// printHelp prints a subcommand's help on stdout, with a flags section only when it
// has flags.
func (c *command) printHelp(sub *subcommand) {
	fmt.Fprintf(c.stdout, "Usage: magicbell-jwt %s %s\n\n%s\n", sub.name, sub.usage, sub.help)
	fs := flag.NewFlagSet(sub.name, flag.ContinueOnError)
	sub.flags(fs)
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		fmt.Fprintln(c.stdout, "\nFlags:")
		fs.SetOutput(c.stdout)
		fs.PrintDefaults()
	}
	fmt.Fprintln(c.stdout, "\nRun 'magicbell-jwt help' for the keys, examples and exit statuses.")
}
