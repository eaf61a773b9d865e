// buildkit-oracle: lints Dockerfiles with BuildKit's own parser and linter (dockerfile2llb.DockerfileLint,
// the code behind `docker build --check`) and prints one JSON object per file:
// {"file", "warnings": [{"rule", "line", "endLine", "message"}], "error": {"message", "line"}|null}.
// Offline: base images resolve to an empty linux/amd64 image config instead of a registry lookup, so
// findings that depend on a real image's ENV (UndefinedVar) are those of an image that sets only PATH.
// CopyIgnoredFile needs a build context session (dockerui.Client) and is therefore never reported here.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/containerd/platforms"
	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	digest "github.com/opencontainers/go-digest"
)

type warning struct {
	Rule    string `json:"rule"`
	Line    int32  `json:"line"`
	EndLine int32  `json:"endLine"`
	Message string `json:"message"`
}

type buildError struct {
	Message string `json:"message"`
	Line    int32  `json:"line"`
}

type result struct {
	File     string      `json:"file"`
	Warnings []warning   `json:"warnings"`
	Error    *buildError `json:"error"`
}

// offlineResolver answers every image lookup with a minimal non-scratch linux/amd64 config.
type offlineResolver struct{}

func (offlineResolver) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	cfg := `{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:0000000000000000000000000000000000000000000000000000000000000000"]},"config":{}}`
	return ref, "", []byte(cfg), nil
}

func lint(file string) result {
	res := result{File: file, Warnings: []warning{}}
	dt, err := os.ReadFile(file)
	if err != nil {
		res.Error = &buildError{Message: err.Error()}
		return res
	}
	platform := platforms.MustParse("linux/amd64")
	sourceMap := llb.NewSourceMap(nil, file, "Dockerfile", dt)
	// The lint report's source table wants a definition; any empty one does.
	def, err := llb.Scratch().Marshal(context.Background())
	if err != nil {
		res.Error = &buildError{Message: err.Error()}
		return res
	}
	sourceMap.Definition = def
	opt := dockerfile2llb.ConvertOpt{
		SourceMap:      sourceMap,
		MetaResolver:   offlineResolver{},
		TargetPlatform: &platform,
	}
	opt.BuildPlatforms = []platforms.Platform{platform}
	lr, err := dockerfile2llb.DockerfileLint(context.Background(), dt, opt)
	if err != nil {
		res.Error = &buildError{Message: err.Error()}
		return res
	}
	for _, w := range lr.Warnings {
		item := warning{Rule: w.RuleName, Message: w.Detail}
		if w.Location != nil && len(w.Location.Ranges) > 0 {
			item.Line = w.Location.Ranges[0].Start.Line
			item.EndLine = w.Location.Ranges[0].End.Line
		}
		res.Warnings = append(res.Warnings, item)
	}
	if lr.Error != nil {
		be := &buildError{Message: lr.Error.Message}
		if len(lr.Error.Location.Ranges) > 0 {
			be.Line = lr.Error.Location.Ranges[0].Start.Line
		}
		res.Error = be
	}
	return res
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: buildkit-oracle DOCKERFILE...")
		os.Exit(2)
	}
	out := json.NewEncoder(os.Stdout)
	for _, file := range os.Args[1:] {
		if err := out.Encode(lint(file)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
