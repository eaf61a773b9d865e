// Command gen writes schemas/helm/functions.json: every function a Helm template can call, taken from
// Helm's own function map (helm.sh/helm/v4/pkg/engine's funcMap: sprig's TxtFuncMap without env/expandenv,
// plus Helm's toYaml, include, tpl, required, lookup, …), each with its Go signature by reflection and,
// for sprig's, the paragraph sprig's own docs/ (shipped in the module) give it.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"text/template"
	_ "unsafe" // go:linkname

	"github.com/Masterminds/sprig/v3"
	_ "helm.sh/helm/v4/pkg/engine"
)

// The engine's function map is unexported; linking to it reads the real one rather than a copy of its keys
// (a pull linkname of a non-standard-library symbol, which the Go linker allows).
//
//go:linkname helmFuncMap helm.sh/helm/v4/pkg/engine.funcMap
func helmFuncMap() template.FuncMap

// text/template's own functions (and, or, printf, …), which no map lists: from its documentation.
var builtins = map[string][2]string{
	"and":      {"and x y ...", "Returns the boolean AND of its arguments by returning the first empty argument or the last argument."},
	"or":       {"or x y ...", "Returns the boolean OR of its arguments by returning the first non-empty argument or the last argument."},
	"not":      {"not x", "Returns the boolean negation of its single argument."},
	"len":      {"len x", "Returns the integer length of its argument."},
	"index":    {"index x k1 k2 ...", "Returns the result of indexing its first argument by the following arguments: index .Values \"a-b\" is .Values[\"a-b\"]."},
	"slice":    {"slice x i j", "Returns the result of slicing its first argument by the remaining arguments."},
	"print":    {"print args...", "An alias for fmt.Sprint."},
	"printf":   {"printf format args...", "An alias for fmt.Sprintf."},
	"println":  {"println args...", "An alias for fmt.Sprintln."},
	"eq":       {"eq x y ...", "Returns the boolean truth of x == y (or x == any of the others)."},
	"ne":       {"ne x y", "Returns the boolean truth of x != y."},
	"lt":       {"lt x y", "Returns the boolean truth of x < y."},
	"le":       {"le x y", "Returns the boolean truth of x <= y."},
	"gt":       {"gt x y", "Returns the boolean truth of x > y."},
	"ge":       {"ge x y", "Returns the boolean truth of x >= y."},
	"call":     {"call fn args...", "Returns the result of calling the first argument, which must be a function, with the remaining arguments."},
	"html":     {"html x", "Returns the escaped HTML equivalent of the textual representation of its arguments."},
	"js":       {"js x", "Returns the escaped JavaScript equivalent of the textual representation of its arguments."},
	"urlquery": {"urlquery x", "Returns the escaped value of the textual representation of its arguments in a form suitable for embedding in a URL query."},
}

// Helm's own functions, which sprig's docs do not cover: Helm's documentation (helm.sh/docs/chart_template_guide).
var helmDocs = map[string]string{
	"include":            "Renders the named template with the given data and returns the result as a string, so it can be piped (`include \"x\" . | indent 4`).",
	"tpl":                "Evaluates a string as a template with the given data: `tpl .Values.text .`.",
	"required":           "Fails the render with the message when the value is empty: `required \"a name is required\" .Values.name`.",
	"lookup":             "Looks up a resource in the cluster: `lookup \"v1\" \"Secret\" \"ns\" \"name\"`. Empty in `helm template` and in Shipshape's renders.",
	"toYaml":             "Encodes a value as YAML (an error becomes an empty string).",
	"mustToYaml":         "Encodes a value as YAML, failing the render on an error.",
	"toYamlPretty":       "Encodes a value as YAML with lists indented under their key.",
	"fromYaml":           "Decodes a YAML document into a map (an error is put under the key \"Error\").",
	"fromYamlArray":      "Decodes a YAML list into a slice (an error is its only element).",
	"toToml":             "Encodes a value as TOML.",
	"fromToml":           "Decodes a TOML document into a map.",
	"toJson":             "Encodes a value as JSON (an error becomes an empty string).",
	"mustToJson":         "Encodes a value as JSON, failing the render on an error.",
	"fromJson":           "Decodes a JSON document into a map (an error is put under the key \"Error\").",
	"fromJsonArray":      "Decodes a JSON list into a slice.",
	"mustFromJson":       "Decodes a JSON document into a map, failing the render on an error.",
	"mustFromYaml":       "Decodes a YAML document into a map, failing the render on an error.",
	"mustFromYamlArray":  "Decodes a YAML list into a slice, failing the render on an error.",
	"mustFromJsonArray":  "Decodes a JSON list into a slice, failing the render on an error.",
	"mustToToml":         "Encodes a value as TOML, failing the render on an error.",
	"mustFromToml":       "Decodes a TOML document into a map, failing the render on an error.",
}

type fn struct {
	Name      string `json:"name"`
	Signature string `json:"signature"`
	Doc       string `json:"doc,omitempty"`
	Source    string `json:"source"`
}

func main() {
	out := flag("--out", "functions.json")
	sprigNames := map[string]bool{}
	for name := range sprig.TxtFuncMap() {
		sprigNames[name] = true
	}
	docs := sprigDocs()
	var fns []fn
	for name, f := range helmFuncMap() {
		source := "helm"
		doc := helmDocs[name]
		if sprigNames[name] && doc == "" {
			source = "sprig"
			doc = docs[name]
		}
		fns = append(fns, fn{Name: name, Signature: signature(name, reflect.TypeOf(f)), Doc: doc, Source: source})
	}
	helm := helmFuncMap()
	for name, b := range builtins {
		// A function of the map wins over text/template's own of the same name (sprig's slice).
		if _, ok := helm[name]; ok {
			continue
		}
		fns = append(fns, fn{Name: name, Signature: b[0], Doc: b[1], Source: "text/template"})
	}
	sort.Slice(fns, func(i, j int) bool { return fns[i].Name < fns[j].Name })
	data, err := json.MarshalIndent(fns, "", " ")
	if err != nil {
		panic(err)
	}
	if err := os.WriteFile(out, append(data, '\n'), 0o644); err != nil {
		panic(err)
	}
	fmt.Fprintf(os.Stderr, "%d functions written to %s\n", len(fns), out)
}

func flag(name, def string) string {
	for i, a := range os.Args {
		if a == name && i+1 < len(os.Args) {
			return os.Args[i+1]
		}
	}
	return def
}

// signature is "name(arg, …) result" in Go's types, as a template calls it with arguments in that order.
func signature(name string, t reflect.Type) string {
	var in []string
	for i := 0; i < t.NumIn(); i++ {
		a := t.In(i)
		if t.IsVariadic() && i == t.NumIn()-1 {
			in = append(in, "..."+typeName(a.Elem()))
		} else {
			in = append(in, typeName(a))
		}
	}
	var res []string
	for i := 0; i < t.NumOut(); i++ {
		res = append(res, typeName(t.Out(i)))
	}
	s := name + "(" + strings.Join(in, ", ") + ")"
	if len(res) == 1 {
		s += " " + res[0]
	} else if len(res) > 1 {
		s += " (" + strings.Join(res, ", ") + ")"
	}
	return s
}

func typeName(t reflect.Type) string {
	return strings.ReplaceAll(t.String(), "interface {}", "any")
}

// sprigDocs reads sprig's docs/*.md from the module: each "## name" heading's first paragraph.
func sprigDocs() map[string]string {
	dir := filepath.Join(moduleDir(), "docs")
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	heading := regexp.MustCompile("^##+\\s+(.+)$")
	word := regexp.MustCompile("^[A-Za-z_][A-Za-z0-9_]*$")
	out := map[string]string{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		lines := strings.Split(string(data), "\n")
		for i := 0; i < len(lines); i++ {
			m := heading.FindStringSubmatch(lines[i])
			if m == nil {
				continue
			}
			var para []string
			for j := i + 1; j < len(lines); j++ {
				l := strings.TrimSpace(lines[j])
				if strings.HasPrefix(l, "#") || strings.HasPrefix(l, "```") {
					break
				}
				if l == "" {
					if len(para) > 0 {
						break
					}
					continue
				}
				para = append(para, l)
			}
			// "quote and squote", "b64enc/b64dec", "`add`, `add1`": each name the heading gives.
			for _, name := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == '/' || r == ' ' || r == '`' }) {
				if word.MatchString(name) && name != "and" && out[name] == "" && len(para) > 0 {
					out[name] = strings.Join(para, " ")
				}
			}
		}
	}
	return out
}

func moduleDir() string {
	// The sprig version Helm requires, as `go list` resolves it for this module.
	type mod struct{ Dir string }
	data, err := runGo("list", "-m", "-json", "github.com/Masterminds/sprig/v3")
	if err != nil {
		panic(err)
	}
	var m mod
	if err := json.Unmarshal(data, &m); err != nil {
		panic(err)
	}
	return m.Dir
}
