package shape

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The limits: a function reads on one screen or two, a screen type delegates.
const (
	maxFuncLines = 100
	maxUIMethods = 30
)

// longFuncs are the functions allowed over maxFuncLines while they wait to
// be split, with their length: none is left. Each may shrink, never grow;
// once split, its entry goes.
var longFuncs = map[string]int{}

// bigUITypes are the ui types still over maxUIMethods, with their count today:
// none is left (issue 20 split App). A type may enter only while it waits to
// be split, at its count, and must leave once it is.
var bigUITypes = map[string]int{}

// root is the module's root, two levels above this package.
func root(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// funcDecl is one function of the module, measured.
type funcDecl struct {
	name  string // pkg.Func or pkg.Type.Method
	file  string // relative to the root
	lines int
	test  bool // in a _test.go file
	recv  string
}

// parseModule measures every function of every .go file of the module, tests
// included, outside reports/gofpdf (a vendored library) and hidden folders.
func parseModule(t *testing.T) []funcDecl {
	base := root(t)
	fset := token.NewFileSet()
	var out []funcDecl
	err := filepath.WalkDir(base, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(base, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "reports/gofpdf" || rel == "testdata" || (rel != "." && strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(rel, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Body != nil {
				out = append(out, measure(fset, f.Name.Name, rel, fd))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 1000 {
		t.Fatalf("only %d functions found under %s: not the module's root?", len(out), base)
	}
	return out
}

func measure(fset *token.FileSet, pkg, file string, fd *ast.FuncDecl) funcDecl {
	d := funcDecl{name: pkg + "." + fd.Name.Name, file: file, test: strings.HasSuffix(file, "_test.go")}
	d.lines = fset.Position(fd.End()).Line - fset.Position(fd.Pos()).Line + 1
	if fd.Recv != nil && len(fd.Recv.List) > 0 {
		d.recv = pkg + "." + receiverType(fd.Recv.List[0].Type)
		d.name = d.recv + "." + fd.Name.Name
	}
	return d
}

// receiverType names a method's type: T for T, *T, T[P] and *T[P, Q].
func receiverType(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return "?"
		}
	}
}

func TestNoLongFunction(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range parseModule(t) {
		if d.lines <= maxFuncLines {
			continue
		}
		limit, allowed := longFuncs[d.name]
		seen[d.name] = true
		switch {
		case !allowed:
			t.Errorf("%s (%s) has %d lines: split it into named steps of at most %d", d.name, d.file, d.lines, maxFuncLines)
		case d.lines > limit:
			t.Errorf("%s (%s) has grown to %d lines (%d allowed while it waits to be split): split it rather", d.name, d.file, d.lines, limit)
		}
	}
	for _, name := range sortedKeys(longFuncs) {
		if !seen[name] {
			t.Errorf("%s is no longer over %d lines: remove it from longFuncs", name, maxFuncLines)
		}
	}
}

func TestNoBigUIType(t *testing.T) {
	methods := map[string]int{}
	for _, d := range parseModule(t) {
		if !d.test && d.recv != "" && strings.HasPrefix(d.file, "ui/") && !strings.Contains(d.file[3:], "/") {
			methods[d.recv]++
		}
	}
	if len(methods) == 0 {
		t.Fatal("no method found in package ui")
	}
	for _, typ := range sortedKeys(methods) {
		n := methods[typ]
		limit, allowed := bigUITypes[typ]
		switch {
		case n <= maxUIMethods:
			if allowed {
				t.Errorf("%s has %d methods, no longer over %d: remove it from bigUITypes", typ, n, maxUIMethods)
			}
		case !allowed:
			t.Errorf("%s has %d methods: at most %d; give its screens types of their own", typ, n, maxUIMethods)
		case n > limit:
			t.Errorf("%s has grown to %d methods (%d allowed while it waits to be split)", typ, n, limit)
		}
	}
	for _, typ := range sortedKeys(bigUITypes) {
		if _, ok := methods[typ]; !ok {
			t.Errorf("%s no longer exists: remove it from bigUITypes", typ)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// The top of the repository holds what the developers' guide lists and
// nothing else: a licence, a generated file or a second Go file goes into
// assets/, scripts/ or docs/. Only the one Go file that embeds FyneApp.toml
// (and its test) may sit beside it, because go:embed cannot reach a parent.
func TestTopLevelIsTheAgreedOne(t *testing.T) {
	allowed := map[string]bool{
		"cmd": true, "ui": true, "data": true, "reports": true, "assets": true,
		"go.mod": true, "go.sum": true, "FyneApp.toml": true, "README.md": true,
		".ci": true, "scripts": true, "docs": true, "testdata": true,
		"fyneapp.go": true, "fyneapp_test.go": true, ".gitignore": true, ".git": true,
	}
	out, err := exec.Command("git", "-C", root(t), "ls-files").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	for _, f := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if top, _, _ := strings.Cut(f, "/"); !allowed[top] {
			t.Errorf("%s at the top of the repository: not in the agreed layout", top)
		}
	}
}
