package magicbelljwt

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os/exec"
	"strings"
	"testing"
)

// TestSentinels_DefinedInErrorsGo checks that every sentinel is made by errors.New in
// errors.go, so that go doc shows its message beside its name, rather than pointing
// into an internal package.
func TestSentinels_DefinedInErrorsGo(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "errors.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	ast.Inspect(f, func(n ast.Node) bool {
		spec, ok := n.(*ast.ValueSpec)
		if !ok || !spec.Names[0].IsExported() {
			return true
		}
		for i, name := range spec.Names {
			found++
			call, _ := spec.Values[i].(*ast.CallExpr)
			if call == nil || types.ExprString(call.Fun) != "errors.New" {
				t.Errorf("%s = %s, want errors.New(...)", name.Name, types.ExprString(spec.Values[i]))
			}
		}
		return true
	})
	if found != 8 {
		t.Errorf("errors.go defines %d sentinels, want 8", found)
	}
}

// TestImportGraph_NoRegexp checks that a program that imports the package links no
// regexp, and compiles none at start-up: only the command needs one, if any.
func TestImportGraph_NoRegexp(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if pkg == "regexp" || strings.HasPrefix(pkg, "regexp/") {
			t.Errorf("the package imports %s", pkg)
		}
	}
}
