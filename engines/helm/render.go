package helm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"sigs.k8s.io/yaml"

	"github.com/shipshape-dev/shipshape/engines/protocol"

	"helm.sh/helm/v4/pkg/action"
	ci "helm.sh/helm/v4/pkg/chart"
	"helm.sh/helm/v4/pkg/chart/common"
	loader "helm.sh/helm/v4/pkg/chart/loader"
	"helm.sh/helm/v4/pkg/chart/loader/archive"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	c2load "helm.sh/helm/v4/pkg/chart/v2/loader"
	"helm.sh/helm/v4/pkg/cli/values"
	"helm.sh/helm/v4/pkg/getter"
	release "helm.sh/helm/v4/pkg/release/v1"
)

const defaultMaxOutput = 32 << 20

// Render is the helm.render method. The steps and their messages are `helm template`'s
// (pkg/cmd/template.go and runInstall in pkg/cmd/install.go of helm.sh/helm/v4), in the same order,
// so an error is the one Helm prints after "Error: ".
func Render(ctx context.Context, raw json.RawMessage) (any, error) {
	var p RenderParams
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, paramsError("helm.render: " + err.Error())
	}
	if p.Chart == "" || !filepath.IsAbs(p.Chart) {
		return nil, paramsError("helm.render: chart must be an absolute path")
	}
	for _, f := range p.ValueFiles {
		if !filepath.IsAbs(f) && f != "" {
			return nil, paramsError("helm.render: value files must be absolute paths")
		}
	}
	return render(ctx, &p), nil
}

func render(ctx context.Context, p *RenderParams) *RenderResult {
	res := &RenderResult{Documents: []Document{}, Errors: []Problem{}}
	started := time.Now()
	fail := func(kind string, err error) *RenderResult {
		res.Errors = append(res.Errors, Problem{Kind: kind, Message: err.Error()})
		return res
	}

	// LocateChart, for a local path.
	if _, err := os.Stat(p.Chart); err != nil {
		return fail("load", fmt.Errorf("path %q not found", p.Chart))
	}
	// Values before the chart, as runInstall merges them. No getters: a values "file" that is a URL
	// is not fetched (offline, and a workspace must not make the editor download things).
	valueOpts := &values.Options{ValueFiles: p.ValueFiles, StringValues: p.SetString, Values: p.Set, JSONValues: p.SetJSON, LiteralValues: p.SetLiteral}
	vals, err := valueOpts.MergeValues(getter.Providers{})
	if err != nil {
		return fail("values", err)
	}

	loaded, err := loadChart(p)
	res.Timing.LoadMs = ms(time.Since(started))
	if err != nil {
		return fail("load", err)
	}
	chrt := loaded.chart
	res.Chart = ChartInfo{Name: chrt.Metadata.Name, Version: chrt.Metadata.Version, APIVersion: chrt.Metadata.APIVersion, Type: chrt.Metadata.Type}
	ac, err := ci.NewAccessor(chrt)
	if err != nil {
		return fail("load", err)
	}
	if err := checkIfInstallable(ac); err != nil {
		return fail("load", err)
	}
	if ac.Deprecated() {
		res.Warnings = append(res.Warnings, "this chart is deprecated")
	}
	if req := ac.MetaDependencies(); len(req) > 0 {
		if err := action.CheckDependencies(chrt, req); err != nil {
			err = fmt.Errorf("an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' to fetch missing dependencies: %w", err)
			if !p.RenderWithMissingDependencies {
				return fail("dependencies", err)
			}
			res.Errors = append(res.Errors, Problem{Kind: "dependencies", Message: err.Error()})
		}
	}

	client := action.NewInstall(action.NewConfiguration())
	client.DryRunStrategy = action.DryRunClient
	client.ReleaseName = or(p.ReleaseName, "release-name")
	client.Namespace = or(p.Namespace, "default")
	client.Replace = true
	client.APIVersions = common.VersionSet(p.APIVersions)
	client.IncludeCRDs = p.IncludeCRDs
	client.IsUpgrade = p.IsUpgrade
	client.SkipSchemaValidation = p.SkipSchema
	if p.KubeVersion != "" {
		kv, err := common.ParseKubeVersion(p.KubeVersion)
		if err != nil {
			return fail("values", fmt.Errorf("invalid kube version '%s': %w", p.KubeVersion, err))
		}
		client.KubeVersion = kv
	}
	// The source map renders a second copy of the chart with the same values: keep them untouched.
	var mapVals map[string]any
	if p.SourceMap != nil && p.SourceMap != false {
		mapVals = copyValues(vals)
	}

	renderStart := time.Now()
	ri, err := client.RunWithContext(ctx, chrt, vals)
	res.Timing.RenderMs = ms(time.Since(renderStart))
	var rel *release.Release
	if ri != nil {
		rel, _ = ri.(*release.Release)
	}
	if err != nil {
		if rel != nil {
			err = fmt.Errorf("%w\n\nUse --debug flag to render out invalid YAML", err)
		}
		res.Errors = append(res.Errors, problemOf(err, loaded))
		return res
	}
	if rel == nil {
		return fail("render", errors.New("helm returned no release"))
	}
	res.Notes = rel.Info.Notes

	crds := 0
	if p.IncludeCRDs {
		crds = len(chrt.CRDObjects())
	}
	docs, err := splitManifest(rel.Manifest, crds)
	if err != nil {
		return fail("render", err)
	}
	for _, h := range rel.Hooks {
		if p.SkipTests && slices.Contains(h.Events, release.HookTest) {
			continue
		}
		docs = append(docs, Document{Template: h.Path, Kind: "hook", Content: h.Manifest})
	}
	size := 0
	limit := p.MaxOutputBytes
	if limit <= 0 {
		limit = defaultMaxOutput
	}
	for i := range docs {
		docs[i].File = loaded.fileOf(docs[i].Template)
		size += len(docs[i].Content)
	}
	if size > limit {
		return fail("limit", fmt.Errorf("the chart renders %d MB, over the limit of %d MB", size>>20, limit>>20))
	}
	res.Documents = docs

	if mapVals != nil {
		mapStart := time.Now()
		res.Templates = sourceMap(ctx, p, loaded, client, mapVals, res.Documents)
		res.Timing.MapMs = ms(time.Since(mapStart))
	}
	return res
}

// checkIfInstallable is runInstall's check: only application charts render.
func checkIfInstallable(ch ci.Accessor) error {
	meta := ch.MetadataAsMap()
	switch meta["Type"] {
	case "", "application":
		return nil
	}
	return fmt.Errorf("%s charts are not installable", meta["Type"])
}

// loadedChart is the chart with what the source map and error places need: its files, and where
// each (sub)chart's templates are on disk.
type loadedChart struct {
	chart *chart.Chart
	files []*archive.BufferedFile // nil for a packaged chart
	dir   string                  // the chart folder, "" for a .tgz
}

// loadChart is loader.Load (pkg/chart/loader) with readChartDir in place of the folder walk.
func loadChart(p *RenderParams) (*loadedChart, error) {
	fi, err := os.Stat(p.Chart)
	if err != nil {
		return nil, err
	}
	budget := archive.MaxDecompressedChartSize
	if p.MaxChartBytes > 0 {
		budget = int64(p.MaxChartBytes)
	}
	if !fi.IsDir() {
		c, err := loader.LoadFile(p.Chart)
		if err != nil {
			return nil, err
		}
		v2, ok := c.(*chart.Chart)
		if !ok {
			return nil, errors.New("chart apiVersion v3 is not supported yet by Shipshape's engine")
		}
		return &loadedChart{chart: v2}, nil
	}
	top, err := filepath.Abs(p.Chart)
	if err != nil {
		return nil, err
	}
	name := filepath.Join(top, "Chart.yaml")
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("unable to detect chart at %s: %w", name, err)
	}
	if text, ok := p.Overlay[name]; ok {
		data = []byte(text)
	}
	var base struct {
		APIVersion string `json:"apiVersion,omitempty"`
	}
	if err := yaml.Unmarshal(data, &base); err != nil {
		return nil, fmt.Errorf("cannot load Chart.yaml: %w", err)
	}
	switch base.APIVersion {
	case chart.APIVersionV1, chart.APIVersionV2, "":
	case "v3":
		return nil, errors.New("chart apiVersion v3 is not supported yet by Shipshape's engine")
	default:
		return nil, errors.New("unsupported chart version")
	}
	files, err := readChartDir(top, p.Overlay, budget)
	if err != nil {
		return nil, err
	}
	c, err := c2load.LoadFiles(files)
	if err != nil {
		return nil, err
	}
	return &loadedChart{chart: c, files: files, dir: top}, nil
}

// reload builds a fresh chart from the same files (for the source map's second render).
func (l *loadedChart) reload() (*chart.Chart, error) {
	if l.files == nil {
		return nil, errors.New("a packaged chart has no template files on disk to map")
	}
	return c2load.LoadFiles(l.files)
}

// fileOf is the file on disk a Helm template name ("top/charts/sub/templates/x.yaml") was read
// from, when there is one: subcharts are found by folder, Chart.yaml name or alias.
func (l *loadedChart) fileOf(template string) string {
	if l.dir == "" {
		return ""
	}
	parts := strings.Split(template, "/")
	if len(parts) < 2 {
		return ""
	}
	rel := ""
	parts = parts[1:]
	for len(parts) >= 2 && parts[0] == "charts" {
		folder := l.subchartFolder(rel, parts[1])
		if folder == "" {
			return ""
		}
		rel, parts = folder, parts[2:]
	}
	path := filepath.Join(l.dir, filepath.FromSlash(strings.Join(append([]string{rel}, parts...), "/")))
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		return path
	}
	return ""
}

// subchartFolder finds, under parent (a chart-relative folder), the charts/ folder holding the
// subchart Helm calls name (its Chart.yaml name, or an alias the parent gives it).
func (l *loadedChart) subchartFolder(parent, name string) string {
	prefix := "charts/"
	if parent != "" {
		prefix = parent + "/charts/"
	}
	wanted := []string{name}
	if meta := l.metadata(strings.TrimSuffix(prefix, "charts/")); meta != nil {
		for _, d := range meta.Dependencies {
			if d.Alias == name {
				wanted = append(wanted, d.Name)
			}
		}
	}
	for _, f := range l.files {
		rest, ok := strings.CutPrefix(f.Name, prefix)
		if !ok {
			continue
		}
		folder, file, ok := strings.Cut(rest, "/")
		if !ok || file != "Chart.yaml" {
			continue
		}
		var meta chart.Metadata
		if yaml.Unmarshal(f.Data, &meta) == nil && slices.Contains(wanted, meta.Name) {
			return prefix + folder
		}
	}
	return ""
}

func (l *loadedChart) metadata(folder string) *chart.Metadata {
	for _, f := range l.files {
		if f.Name == folder+"Chart.yaml" {
			var meta chart.Metadata
			if yaml.Unmarshal(f.Data, &meta) == nil {
				return &meta
			}
		}
	}
	return nil
}

// splitManifest cuts the release manifest into the documents helm template prints, each as
// "---\n# Source: <name>\n<content>\n" (renderResources' format); the first crds are CRD files.
func splitManifest(manifest string, crds int) ([]Document, error) {
	const head = "---\n# Source: "
	docs := []Document{}
	rest := manifest
	for rest != "" {
		if !strings.HasPrefix(rest, head) {
			return nil, fmt.Errorf("unexpected release manifest at %q", truncate(rest, 40))
		}
		rest = rest[len(head):]
		name, body, ok := strings.Cut(rest, "\n")
		if !ok {
			return nil, fmt.Errorf("unexpected end of the release manifest after %q", name)
		}
		// The next document starts at the next header naming a template of this chart; a "---" line
		// inside content (a ConfigMap holding YAML) is not followed by "# Source: ".
		end := len(body)
		for from := 0; ; {
			i := strings.Index(body[from:], "\n"+head)
			if i < 0 {
				break
			}
			cand := from + i + 1
			if next, _, ok := strings.Cut(body[cand+len(head):], "\n"); ok && plausibleSource(next, name) {
				end = cand
				break
			}
			from = cand
		}
		content := strings.TrimSuffix(body[:end], "\n")
		kind := "manifest"
		if len(docs) < crds {
			kind = "crd"
		}
		docs = append(docs, Document{Template: name, Kind: kind, Content: content})
		rest = body[end:]
	}
	return docs, nil
}

// plausibleSource: a "# Source:" line names a file of the same top chart as the previous one.
func plausibleSource(next, previous string) bool {
	top, _, _ := strings.Cut(previous, "/")
	return strings.HasPrefix(next, top+"/") && !strings.ContainsAny(next, " \t")
}

func copyValues(v map[string]any) map[string]any {
	out := make(map[string]any, len(v))
	for k, x := range v {
		out[k] = copyValue(x)
	}
	return out
}

func copyValue(x any) any {
	switch t := x.(type) {
	case map[string]any:
		return copyValues(t)
	case common.Values:
		return common.Values(copyValues(t))
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = copyValue(e)
		}
		return out
	default:
		return x
	}
}

func paramsError(message string) error {
	return &protocol.Error{Code: protocol.CodeParams, Message: message}
}

func or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
