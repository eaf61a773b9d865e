// Package kustomize is the kustomize.build method: a kustomization built by kustomize's own engine
// (sigs.k8s.io/kustomize/api krusty, the code of `kustomize build` and `kubectl kustomize`) over the
// files on disk with the editor's unsaved text laid over them, offline.
package kustomize

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"sigs.k8s.io/kustomize/api/krusty"

	"github.com/shipshape-dev/shipshape/engines/protocol"
)

const defaultMaxOutput = 32 << 20

// BuildParams are the method's parameters.
type BuildParams struct {
	// Path is the absolute path of the kustomization's folder.
	Path string `json:"path"`
	// Overlay is unsaved editor text by absolute path; it replaces the file on disk.
	Overlay map[string]string `json:"overlay,omitempty"`
	// MaxOutputBytes bounds the built YAML.
	MaxOutputBytes int `json:"maxOutputBytes,omitempty"`
	// Roots are the folders files are read from (the workspace's); none: anywhere, as kustomize reads.
	Roots []string `json:"roots,omitempty"`
	// MaxFileBytes bounds each file read from disk.
	MaxFileBytes int64 `json:"maxFileBytes,omitempty"`
}

// BuildResult is the built YAML exactly as `kustomize build` prints it, or the error it prints.
type BuildResult struct {
	YAML   string `json:"yaml"`
	Error  string `json:"error,omitempty"`
	Timing struct {
		BuildMs float64 `json:"buildMs"`
	} `json:"timing"`
}

var offline sync.Once

// goOffline makes kustomize's remote loading fail at once instead of fetching: its HTTP loader uses a
// plain http.Client (the default transport), its git cloner the git binary. The engine fetches nothing.
func goOffline() {
	offline.Do(func() {
		http.DefaultTransport = refuse{}
		// git refuses every transport not listed; "none" matches none.
		_ = os.Setenv("GIT_ALLOW_PROTOCOL", "none")
		_ = os.Setenv("GIT_TERMINAL_PROMPT", "0")
	})
}

type refuse struct{}

func (refuse) RoundTrip(r *http.Request) (*http.Response, error) {
	return nil, errors.New("not fetched: Shipshape builds offline (" + r.URL.String() + ")")
}

// Build is the kustomize.build method.
func Build(ctx context.Context, raw json.RawMessage) (any, error) {
	var p BuildParams
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, &protocol.Error{Code: protocol.CodeParams, Message: "kustomize.build: " + err.Error()}
	}
	if p.Path == "" || !filepath.IsAbs(p.Path) {
		return nil, &protocol.Error{Code: protocol.CodeParams, Message: "kustomize.build: path must be an absolute path"}
	}
	goOffline()
	started := time.Now()
	res := &BuildResult{}
	options := krusty.MakeDefaultOptions()
	// `kustomize build` without --reorder: legacy order unless the kustomization's sortOptions say otherwise.
	options.Reorder = krusty.ReorderOptionUnspecified
	fs := newOverlayFs(p.Overlay, p.Roots, p.MaxFileBytes)
	m, err := krusty.MakeKustomizer(options).Run(fs, p.Path)
	if err == nil {
		var yml []byte
		yml, err = m.AsYaml()
		limit := p.MaxOutputBytes
		if limit <= 0 {
			limit = defaultMaxOutput
		}
		if err == nil && len(yml) > limit {
			err = errors.New("the built output is larger than the limit of " + itoa(limit) + " bytes")
		}
		if err == nil {
			res.YAML = string(yml)
		}
	}
	if err != nil {
		res.Error = err.Error()
		// What the guard refused comes first: kustomize may have reported it as a missing file.
		if len(*fs.refused) > 0 {
			res.Error = strings.Join(*fs.refused, "; ") + ": " + res.Error
		}
	}
	res.Timing.BuildMs = float64(time.Since(started).Microseconds()) / 1000
	return res, ctx.Err()
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
