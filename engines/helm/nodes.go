package helm

import (
	"sort"
	"strings"
	"text/template/parse"
)

// lineStarts are the byte offsets at which each line of src starts.
func lineStarts(src string) []int {
	starts := []int{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

func posOf(starts []int, offset int) Pos {
	line := sort.Search(len(starts), func(i int) bool { return starts[i] > offset }) - 1
	return Pos{Offset: offset, Line: line + 1, Column: offset - starts[line] + 1}
}

// actionBounds widens a node's position (its first token) to the whole "{{ … }}", trim markers
// included: back to the "{{" before it, on to the "}}" that closes it outside quotes.
func actionBounds(src string, pos int) (int, int) {
	start := strings.LastIndex(src[:pos], "{{")
	if start < 0 {
		start = pos
	}
	i := pos
	for i < len(src)-1 {
		switch c := src[i]; c {
		case '"', '\'':
			i++
			for i < len(src) && src[i] != c {
				if src[i] == '\\' {
					i++
				}
				i++
			}
		case '`':
			i++
			for i < len(src) && src[i] != '`' {
				i++
			}
		case '}':
			if src[i+1] == '}' {
				return start, i + 2
			}
		}
		i++
	}
	return start, len(src)
}

// valueScope follows what dot and $variables stand for, as .Values paths, through with and range:
// inside `with .Values.image`, `.tag` is "image.tag"; inside `range .Values.hosts`, `.name` is
// "hosts.*.name". A scope whose dot is not a values path has dot "?".
type valueScope struct {
	dot  string // "" is the root (where .Values is), "?" unknown, else a values path ("Values.image")
	vars map[string]string
}

func (s *valueScope) enter(pipe *parse.PipeNode, isRange bool) *valueScope {
	inner := &valueScope{dot: "?", vars: make(map[string]string, len(s.vars))}
	for k, v := range s.vars {
		inner.vars[k] = v
	}
	path := s.pipePath(pipe)
	if path != "" && isRange {
		path += ".*"
	}
	if len(pipe.Decl) > 0 {
		if isRange && len(pipe.Decl) == 2 {
			inner.vars[pipe.Decl[1].Ident[0]] = path
		} else {
			inner.vars[pipe.Decl[0].Ident[0]] = path
		}
	}
	if path != "" {
		inner.dot = path
	}
	return inner
}

func (s *valueScope) declare(pipe *parse.PipeNode) {
	path := s.pipePath(pipe)
	for _, d := range pipe.Decl {
		if path != "" {
			s.vars[d.Ident[0]] = path
		} else {
			delete(s.vars, d.Ident[0])
		}
	}
}

// pipePath is the values path of a pipeline that is only a field reference (`.Values.image`,
// `$.Values.x`, `$v.y`), else "".
func (s *valueScope) pipePath(pipe *parse.PipeNode) string {
	if pipe == nil || len(pipe.Cmds) != 1 || len(pipe.Cmds[0].Args) != 1 {
		return ""
	}
	return s.path(pipe.Cmds[0].Args[0])
}

// path is the full dotted path ("Values.a.b") a field or variable node reads, or "".
func (s *valueScope) path(n parse.Node) string {
	switch n := n.(type) {
	case *parse.FieldNode:
		if s.dot == "?" {
			return ""
		}
		return join(s.dot, strings.Join(n.Ident, "."))
	case *parse.VariableNode:
		base, ok := s.vars[n.Ident[0]]
		if !ok {
			return ""
		}
		return join(base, strings.Join(n.Ident[1:], "."))
	case *parse.DotNode:
		if s.dot == "?" || s.dot == "" {
			return ""
		}
		return s.dot
	}
	return ""
}

func join(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "." + b
}

// values lists the .Values paths (without "Values.") a pipeline reads anywhere in it.
func (s *valueScope) values(pipe *parse.PipeNode) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.PipeNode:
			for _, c := range n.Cmds {
				walk(c)
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(a)
			}
		case *parse.ChainNode:
			walk(n.Node)
		default:
			if p := s.path(n); p == "Values" || strings.HasPrefix(p, "Values.") {
				v := strings.TrimPrefix(strings.TrimPrefix(p, "Values"), ".")
				if v != "" && !seen[v] {
					seen[v] = true
					out = append(out, v)
				}
			}
		}
	}
	walk(pipe)
	return out
}

// includes are the named templates a pipeline calls by a constant name (include "x", template "x").
func includes(pipe *parse.PipeNode) []string {
	var out []string
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.PipeNode:
			for _, c := range n.Cmds {
				walk(c)
			}
		case *parse.CommandNode:
			if len(n.Args) >= 2 {
				if id, ok := n.Args[0].(*parse.IdentifierNode); ok && (id.Ident == "include" || id.Ident == "template" || id.Ident == "tpl") {
					if s, ok := n.Args[1].(*parse.StringNode); ok && id.Ident != "tpl" {
						out = append(out, s.Text)
					}
				}
			}
			for _, a := range n.Args {
				walk(a)
			}
		}
	}
	walk(pipe)
	return out
}
