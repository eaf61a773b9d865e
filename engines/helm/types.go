// Package helm renders a chart exactly as `helm template` does, with Helm's own loader, values
// merging, engine and manifest sorting (helm.sh/helm/v4), and maps rendered text back to the
// template source that wrote it.
package helm

// RenderParams are `helm template`'s inputs. Paths are absolute.
type RenderParams struct {
	Chart string `json:"chart"` // a chart folder or a packaged .tgz
	// Overlay holds unsaved editor buffers, by absolute path; they replace the files on disk.
	Overlay     map[string]string `json:"overlay,omitempty"`
	ReleaseName string            `json:"releaseName,omitempty"` // default "release-name", as helm template's
	Namespace   string            `json:"namespace,omitempty"`   // default "default"
	ValueFiles  []string          `json:"valueFiles,omitempty"`  // -f, in order
	Set         []string          `json:"set,omitempty"`         // --set
	SetString   []string          `json:"setString,omitempty"`   // --set-string
	SetJSON     []string          `json:"setJson,omitempty"`     // --set-json
	SetLiteral  []string          `json:"setLiteral,omitempty"`  // --set-literal
	KubeVersion string            `json:"kubeVersion,omitempty"` // --kube-version, e.g. "1.34.0"
	APIVersions []string          `json:"apiVersions,omitempty"` // --api-versions
	IncludeCRDs bool              `json:"includeCrds,omitempty"` // --include-crds
	IsUpgrade   bool              `json:"isUpgrade,omitempty"`   // --is-upgrade
	SkipTests   bool              `json:"skipTests,omitempty"`   // --skip-tests
	SkipSchema  bool              `json:"skipSchemaValidation,omitempty"`
	// RenderWithMissingDependencies renders the rest of a chart whose Chart.yaml names subcharts
	// missing under charts/ (helm template stops there; the error is reported either way).
	RenderWithMissingDependencies bool `json:"renderWithMissingDependencies,omitempty"`
	// SourceMap asks for the map from rendered text to template source: true for every template,
	// or the Helm template names (e.g. "mychart/templates/deployment.yaml") wanted.
	SourceMap      any `json:"sourceMap,omitempty"`
	MaxOutputBytes int `json:"maxOutputBytes,omitempty"` // default 32 MB
	MaxChartBytes  int `json:"maxChartBytes,omitempty"`  // default Helm's own limit for a chart's files
}

// RenderResult is what `helm template` prints, split into documents, plus what went wrong.
type RenderResult struct {
	Chart     ChartInfo  `json:"chart"`
	Documents []Document `json:"documents"`
	Notes     string     `json:"notes,omitempty"`
	Errors    []Problem  `json:"errors"`
	Warnings  []string   `json:"warnings,omitempty"`
	Templates []Template `json:"templates,omitempty"` // with SourceMap: the parse of each template named by a map
	Timing    Timing     `json:"timing"`
}

// ChartInfo describes the loaded top chart.
type ChartInfo struct {
	Name       string `json:"name"`
	Version    string `json:"version"`
	APIVersion string `json:"apiVersion"`
	Type       string `json:"type,omitempty"`
}

// Document is one YAML document of the output, in `helm template`'s order: CRDs (with
// includeCrds), then manifests sorted by kind, then hooks.
type Document struct {
	Template string `json:"template"`       // Helm's name: "<chart>/templates/x.yaml", "<chart>/charts/<sub>/templates/x.yaml"
	File     string `json:"file,omitempty"` // the file on disk, when the template is one (not inside a .tgz)
	Kind     string `json:"kind"`           // "manifest", "hook" or "crd"
	Content  string `json:"content"`        // exactly as printed after "# Source: <template>\n"
	// Spans map Content's bytes to the template source (with SourceMap).
	Spans []Span `json:"spans,omitempty"`
}

// Span says which template node wrote Content[Start:End].
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
	Node  int `json:"node"` // index into the Template's Nodes
	// Offset is, for a text node, the byte of the template source that Content[Start] copies.
	Offset int `json:"offset"`
}

// Template is the parse of one template file: its output-writing nodes, by position.
type Template struct {
	Name  string `json:"name"`
	File  string `json:"file,omitempty"`
	Nodes []Node `json:"nodes"`
	// Unmapped says why a document of this template has no spans, when one has none.
	Unmapped string `json:"unmapped,omitempty"`
}

// Node is a top-level node of a template that writes output.
type Node struct {
	Kind  string `json:"kind"`  // "text" (copied verbatim), "action" ({{ pipeline }}) or "template" ({{ template "x" }})
	Start Pos    `json:"start"` // of the text, or of "{{" for an action
	End   Pos    `json:"end"`   // exclusive: after the text, or after "}}"
	// Values are the .Values paths the action reads ("resources", "image.tag"; with/range dots resolved).
	Values []string `json:"values,omitempty"`
	// Includes are the named templates the action calls with a constant name.
	Includes []string `json:"includes,omitempty"`
}

// Pos is a place in a file: byte offset, 1-based line, 1-based byte column.
type Pos struct {
	Offset int `json:"offset"`
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Problem is an error as Helm reports it, with the places its message names.
type Problem struct {
	Kind    string     `json:"kind"` // "load", "values", "dependencies", "parse", "render", "manifest", "limit"
	Message string     `json:"message"`
	Places  []Location `json:"places,omitempty"` // in the order the message names them; the last one is the innermost
}

// Location is a template and line (and column when Helm gives one) named by an error.
type Location struct {
	Template string `json:"template"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"` // absent when the message's line is not the template's
	Column   int    `json:"column,omitempty"`
}

// Timing is where the time went, in milliseconds.
type Timing struct {
	LoadMs   float64 `json:"loadMs"`
	RenderMs float64 `json:"renderMs"`
	MapMs    float64 `json:"mapMs,omitempty"`
}
