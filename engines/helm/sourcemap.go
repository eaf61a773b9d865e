package helm

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"text/template/parse"
	"unicode"

	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/chart/common/util"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
	"helm.sh/helm/v4/pkg/engine"
	releaseutil "helm.sh/helm/v4/pkg/release/v1/util"
)

// The source map: which template node wrote each byte of a rendered document.
//
// Nothing of Go templates or Helm is reimplemented. Each mapped template file is parsed with
// text/template/parse (the parser Helm's engine uses), and a copy of its top-level tree is written
// back with a marker before every node that writes output (literal text, {{ action }},
// {{ template }}). Helm's own engine then renders the chart again with the same values, and the
// markers in that output say which node wrote what. Literal text maps byte for byte; an action's
// output maps to the action. Markers are only put in a file's top-level tree, never in {{ define }}
// blocks, whose output `include` captures (markers there would change what nindent, trunc or
// sha256sum see). A template whose output still differs once the markers are removed (one that
// includes another mapped file, like a checksum of configmap.yaml) is mapped again on its own; if it
// still differs, it is left unmapped with the reason.
const marker = "\x00"

func sourceMap(ctx context.Context, p *RenderParams, l *loadedChart, client *action.Install, vals map[string]any, docs []Document) []Template {
	wanted := map[string]bool{}
	for _, d := range docs {
		if d.Kind != "crd" && (p.SourceMap == true || mapNames(p.SourceMap)[d.Template]) {
			wanted[d.Template] = true
		}
	}
	if len(wanted) == 0 {
		return nil
	}
	byTemplate := map[string][]int{}
	for i, d := range docs {
		if wanted[d.Template] {
			byTemplate[d.Template] = append(byTemplate[d.Template], i)
		}
	}
	results := map[string]*Template{}
	pass := func(names []string) []string {
		outputs, plans, err := instrumentedRender(ctx, l, client, vals, names)
		var retry []string
		for _, name := range names {
			t := results[name]
			if t == nil {
				t = &Template{Name: name, File: l.fileOf(name), Nodes: []Node{}}
				results[name] = t
			}
			plan := plans[name]
			if plan != nil {
				t.Nodes = plan.nodes
			}
			switch {
			case err != nil:
				t.Unmapped = err.Error()
			case plan == nil:
				t.Unmapped = "the template was not found in the chart"
			case plan.err != nil:
				t.Unmapped = plan.err.Error()
			default:
				if reason := attach(outputs[name], plan, docs, byTemplate[name]); reason != "" {
					t.Unmapped = reason
					retry = append(retry, name)
				} else {
					t.Unmapped = ""
				}
			}
		}
		return retry
	}
	names := make([]string, 0, len(wanted))
	for name := range wanted {
		names = append(names, name)
	}
	if retry := pass(names); len(retry) > 0 && len(names) > 1 {
		for _, name := range retry {
			pass([]string{name})
		}
	}
	out := make([]Template, 0, len(results))
	for _, name := range names {
		out = append(out, *results[name])
	}
	return out
}

func mapNames(v any) map[string]bool {
	out := map[string]bool{}
	if list, ok := v.([]any); ok {
		for _, x := range list {
			if s, ok := x.(string); ok {
				out[s] = true
			}
		}
	}
	return out
}

// plan is one template's instrumented source and its output nodes.
type plan struct {
	source string
	nodes  []Node
	kinds  []parse.NodeType
	texts  map[int]string // node index -> literal text
	err    error
}

// instrumentedRender renders a fresh copy of the chart in which the named templates carry markers,
// with the values, release and capabilities the real render used (Install.RunWithContext's steps).
func instrumentedRender(ctx context.Context, l *loadedChart, client *action.Install, vals map[string]any, names []string) (map[string]string, map[string]*plan, error) {
	chrt, err := l.reload()
	if err != nil {
		return nil, nil, err
	}
	plans := map[string]*plan{}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var visit func(c *chart.Chart)
	visit = func(c *chart.Chart) {
		for _, t := range c.Templates {
			full := c.ChartFullPath() + "/" + t.Name
			if want[full] {
				pl := instrument(full, string(t.Data))
				plans[full] = pl
				if pl.err == nil {
					t.Data = []byte(pl.source)
				}
			}
		}
		for _, d := range c.Dependencies() {
			visit(d)
		}
	}
	vals = copyValues(vals)
	if err := chartutil.ProcessDependencies(chrt, vals); err != nil {
		return nil, nil, err
	}
	visit(chrt)
	caps := common.DefaultCapabilities.Copy()
	if client.KubeVersion != nil {
		caps.KubeVersion = *client.KubeVersion
	}
	caps.APIVersions = append(caps.APIVersions, client.APIVersions...)
	isUpgrade := client.IsUpgrade
	options := common.ReleaseOptions{Name: client.ReleaseName, Namespace: client.Namespace, Revision: 1, IsInstall: !isUpgrade, IsUpgrade: isUpgrade}
	top, err := util.ToRenderValuesWithSchemaValidation(chrt, vals, options, caps, true)
	if err != nil {
		return nil, nil, err
	}
	var e engine.Engine
	outputs, err := e.RenderWithContext(ctx, chrt, top)
	if err != nil {
		return nil, nil, fmt.Errorf("the marked copy did not render: %w", err)
	}
	return outputs, plans, nil
}

// instrument parses a template and writes its top-level tree back with a marker before each node
// that writes output; {{ define }} blocks of the file are written back unchanged.
func instrument(name, src string) *plan {
	pl := &plan{texts: map[int]string{}}
	if strings.Contains(src, marker) {
		pl.err = fmt.Errorf("the template contains NUL bytes")
		return pl
	}
	trees := parseTrees(name, src)
	tree := trees[name]
	if tree == nil {
		// Helm reports the parse error; there is nothing to map.
		pl.err = fmt.Errorf("the template does not parse")
		return pl
	}
	var b strings.Builder
	lines := lineStarts(src)
	scope := &valueScope{dot: "", vars: map[string]string{"$": ""}}
	var list func(l *parse.ListNode, scope *valueScope)
	list = func(l *parse.ListNode, scope *valueScope) {
		if l == nil {
			return
		}
		for _, n := range l.Nodes {
			switch n := n.(type) {
			case *parse.TextNode:
				id := pl.add(Node{Kind: "text", Start: posOf(lines, int(n.Pos)), End: posOf(lines, int(n.Pos)+len(n.Text))}, n.Type())
				pl.texts[id] = string(n.Text)
				b.WriteString(marker + strconv.Itoa(id) + marker)
				b.WriteString(n.String())
			case *parse.ActionNode:
				if len(n.Pipe.Decl) == 0 {
					start, end := actionBounds(src, int(n.Pos))
					id := pl.add(Node{Kind: "action", Start: posOf(lines, start), End: posOf(lines, end), Values: scope.values(n.Pipe), Includes: includes(n.Pipe)}, n.Type())
					b.WriteString(marker + strconv.Itoa(id) + marker)
				} else {
					scope.declare(n.Pipe)
				}
				b.WriteString(n.String())
			case *parse.TemplateNode:
				start, end := actionBounds(src, int(n.Pos))
				id := pl.add(Node{Kind: "template", Start: posOf(lines, start), End: posOf(lines, end), Includes: []string{n.Name}}, n.Type())
				b.WriteString(marker + strconv.Itoa(id) + marker)
				b.WriteString(n.String())
			case *parse.IfNode:
				branch(&b, "if", &n.BranchNode, scope, scope, list)
			case *parse.WithNode:
				branch(&b, "with", &n.BranchNode, scope.enter(n.Pipe, false), scope, list)
			case *parse.RangeNode:
				branch(&b, "range", &n.BranchNode, scope.enter(n.Pipe, true), scope, list)
			default:
				b.WriteString(n.String())
			}
		}
	}
	list(tree.Root, scope)
	for defName, t := range trees {
		if defName == name || t.Root == nil {
			continue
		}
		fmt.Fprintf(&b, "{{define %q}}%s{{end}}", defName, t.Root.String())
	}
	pl.source = b.String()
	return pl
}

// parseTrees parses a file as Helm's engine does, into its top-level tree (under the file's name)
// and its {{ define }} blocks; function names are not checked here: the real render already did.
func parseTrees(name, src string) map[string]*parse.Tree {
	t := parse.New(name)
	t.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := t.Parse(src, "{{", "}}", trees); err != nil {
		return nil
	}
	return trees
}

func branch(b *strings.Builder, keyword string, n *parse.BranchNode, inner, outer *valueScope, list func(*parse.ListNode, *valueScope)) {
	fmt.Fprintf(b, "{{%s %s}}", keyword, n.Pipe)
	list(n.List, inner)
	if n.ElseList != nil {
		b.WriteString("{{else}}")
		list(n.ElseList, outer)
	}
	b.WriteString("{{end}}")
}

func (pl *plan) add(n Node, kind parse.NodeType) int {
	pl.nodes = append(pl.nodes, n)
	pl.kinds = append(pl.kinds, kind)
	return len(pl.nodes) - 1
}

// attach strips the markers from a template's marked output, cuts it into documents as Helm does,
// and gives each real document of the template the spans of the marked document equal to it.
func attach(marked string, pl *plan, docs []Document, indexes []int) string {
	var plain strings.Builder
	type seg struct{ start, end, node int }
	var segs []seg
	rest := marked
	node := -1
	for rest != "" {
		i := strings.Index(rest, marker)
		if i < 0 {
			i = len(rest)
		}
		if i > 0 {
			if node < 0 {
				return "the marked output does not start with a marker"
			}
			segs = append(segs, seg{plain.Len(), plain.Len() + i, node})
			plain.WriteString(rest[:i])
		}
		rest = rest[i:]
		if rest == "" {
			break
		}
		j := strings.Index(rest[1:], marker)
		if j < 0 {
			return "a marker is cut short in the marked output"
		}
		id, err := strconv.Atoi(rest[1 : 1+j])
		if err != nil || id < 0 || id >= len(pl.nodes) {
			return "an unknown marker in the marked output"
		}
		node = id
		rest = rest[2+j:]
	}
	text := strings.ReplaceAll(plain.String(), "<no value>", "")
	if len(text) != plain.Len() {
		return "the output holds <no value>, which Helm removes after rendering"
	}
	pieces := splitDocuments(text)
	// The cut must be SplitManifests' own.
	split := releaseutil.SplitManifests(text)
	if len(split) != len(pieces) {
		return "the documents of the marked output differ from Helm's split"
	}
	for k, piece := range pieces {
		if split[fmt.Sprintf("manifest-%d", k)] != text[piece[0]:piece[1]] {
			return "the documents of the marked output differ from Helm's split"
		}
	}
	used := make([]bool, len(pieces))
	for _, di := range indexes {
		d := &docs[di]
		found := -1
		for k, piece := range pieces {
			if !used[k] && text[piece[0]:piece[1]] == d.Content {
				found = k
				break
			}
		}
		if found < 0 {
			return "with the markers removed, the output differs from the real render (the template reads another mapped template's output)"
		}
		used[found] = true
		start, end := pieces[found][0], pieces[found][1]
		d.Spans = d.Spans[:0]
		for _, s := range segs {
			a, z := max(s.start, start), min(s.end, end)
			if a >= z {
				continue
			}
			span := Span{Start: a - start, End: z - start, Node: s.node, Offset: -1}
			if pl.kinds[s.node] == parse.NodeText {
				span.Offset = pl.nodes[s.node].Start.Offset + (a - s.start)
			}
			d.Spans = append(d.Spans, span)
		}
	}
	return ""
}

// releaseutil's separator (helm.sh/helm/v4 pkg/release/v1/util/manifest.go).
var docSep = regexp.MustCompile(`(?m)^---[ \t]*`)

// splitDocuments is where releaseutil.SplitManifests cuts text, as [start, end) offsets of each
// document (checked against SplitManifests itself by the caller).
func splitDocuments(text string) [][2]int {
	lead := len(text) - len(strings.TrimLeftFunc(text, unicode.IsSpace))
	body := text[lead:]
	var out [][2]int
	from := 0
	cut := func(a, z int) {
		piece := body[a:z]
		if strings.TrimSpace(piece) == "" {
			return
		}
		l := len(piece) - len(strings.TrimLeftFunc(piece, unicode.IsSpace))
		out = append(out, [2]int{lead + a + l, lead + z})
	}
	for _, m := range docSep.FindAllStringIndex(body, -1) {
		cut(from, m[0])
		from = m[1]
	}
	cut(from, len(body))
	return out
}
