package main

import (
	"encoding/json"
	"flag"
	"slices"
	"strings"

	"github.com/magicbell-community/magicbelljwt/internal/compact"
	"github.com/magicbell-community/magicbelljwt/internal/keys"
)

var decodeCommand = subcommand{
	name:  "decode",
	usage: "[-api-key KEY] [TOKEN | -]",
	help: `Print a token's header and payload as JSON on stdout, whichever backend minted
it, and on stderr a checklist of what MagicBell will make of it: one line per check,
starting with ok, warn, FAIL or skip. It needs no keys; with MAGICBELL_API_KEY (or
-api-key) it also checks that the token is your project's, and with
MAGICBELL_API_SECRET (or MAGICBELL_SECRET_KEY) its signature, offline, and that it
does not publish the secret key. Without TOKEN, or with -, read it from stdin. The
exit status is 1 when any check fails.`,
	flags: decodeFlags,
}

func decodeFlags(fs *flag.FlagSet) func(*command, []string) int {
	apiKeyFlag := apiKeyFlag(fs)
	return func(c *command, args []string) int {
		token, ok := c.token(args)
		if !ok {
			return exitUsage
		}
		k, ok := c.projectKeys(*apiKeyFlag, false)
		if !ok {
			return exitUsage
		}
		d := newDecoded(token, k)
		err := c.printJSON(struct {
			Header  json.RawMessage `json:"header"`
			Payload json.RawMessage `json:"payload"`
		}{c.objectJSON(d.tok.Header), c.objectJSON(d.tok.Payload)})
		if err != nil {
			return exitInvalid // run reports the failed write
		}
		c.say("UNVERIFIED: this explains the token; 'magicbell-jwt verify' is the strict yes or no.")
		status := exitOK
		for _, l := range d.checklist() {
			if l.word == "FAIL" {
				status = exitInvalid
			}
			for _, text := range l.text() {
				c.say("%s", text)
			}
		}
		return status
	}
}

// decoded is a token as decode reads it, with the keys to check it against.
type decoded struct {
	text     string // the token as given
	keys     keys.Keys
	tok      *compact.Token // never nil; its Header and Payload may be
	problems []error        // what Verify refuses the token's text for
	// header and claims are the header's and the payload's members, nil when there is
	// no object to read them from.
	header, claims map[string]any
	// publishedIn says where the token holds the secret key; nil when it does not.
	publishedIn []string
}

func newDecoded(token string, k keys.Keys) *decoded {
	d := &decoded{text: token, keys: k}
	d.tok, d.problems = compact.Read(token)
	if d.tok == nil {
		d.tok = &compact.Token{}
	}
	if d.tok.Header != nil {
		d.header = d.tok.Header.Claims()
	}
	if d.tok.Payload != nil {
		d.claims = d.tok.Payload.Claims()
	}
	d.publishedIn = d.published()
	return d
}

// objectJSON returns the JSON of obj as the token has it, with every string that holds
// a hidden value written anew without it, however the token escapes it; JSON null
// when there is no object.
func (c *command) objectJSON(obj *compact.Object) json.RawMessage {
	if obj == nil {
		return json.RawMessage("null")
	}
	text := obj.Text
	for i := len(obj.Strings) - 1; i >= 0; i-- { // from the end, so that spans stay put
		s := obj.Strings[i]
		if redacted := c.redact(s.Value); redacted != s.Value {
			text = append(append(append([]byte(nil), text[:s.Start]...), describe(redacted)...), text[s.End:]...)
		}
	}
	return text
}

// published says where the token holds the secret key: in which members of the header
// and payload, in the order they come, by a name or a string at any depth, or else in
// the JSON text itself; nil when it does not, or no secret key is set.
func (d *decoded) published() []string {
	secret := d.keys.Secret
	if secret == "" {
		return nil
	}
	var where []string
	for _, part := range d.objects() {
		var claims []string
		for _, s := range part.obj.Strings {
			if strings.Contains(s.Value, secret) && !slices.Contains(claims, s.Claim) {
				claims = append(claims, s.Claim)
			}
		}
		for _, claim := range claims {
			where = append(where, describe(claim)+" of the "+part.name)
		}
		if claims == nil && strings.Contains(string(part.obj.Text), secret) {
			where = append(where, "the JSON text of the "+part.name)
		}
	}
	return where
}

// object is the header or the payload of a token, by name.
type object struct {
	name string
	obj  *compact.Object
}

// objects returns the header and the payload, those of them that are objects.
func (d *decoded) objects() []object {
	var objects []object
	for _, o := range []object{{"header", d.tok.Header}, {"payload", d.tok.Payload}} {
		if o.obj != nil {
			objects = append(objects, o)
		}
	}
	return objects
}
