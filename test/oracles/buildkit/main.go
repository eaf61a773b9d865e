// buildkit-oracle: lints Dockerfiles with BuildKit's own parser and linter (dockerfile2llb.DockerfileLint,
// the code behind `docker build --check`) and prints one JSON object per file:
// {"file", "warnings": [{"rule", "line", "endLine", "message"}], "error": {"message", "line"}|null}.
// Offline: base images resolve to a linux/amd64 image config without a registry lookup; its ENV holds only
// the keys given for that image in BUILDKIT_ORACLE_IMAGE_ENV (Shipshape's table of official images' ENV).
// CopyIgnoredFile needs a build context session (dockerui.Client) and is therefore never reported here.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/containerd/platforms"
	"github.com/distribution/reference"
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

// offlineResolver answers every image lookup with a minimal non-scratch config for the requested platform. When
// BUILDKIT_ORACLE_IMAGE_ENV names a JSON file {"python": ["PYTHON_VERSION", ...]}, an image whose familiar
// name is listed gets those ENV keys in its config, as the real image would have.
type offlineResolver struct {
	env map[string][]string
}

func (r offlineResolver) ResolveImageConfig(_ context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	// A registry serves the platform asked for (multi-platform images), so answer with that one.
	platformOS, arch := "linux", "amd64"
	if opt.ImageOpt != nil && opt.ImageOpt.Platform != nil {
		platformOS, arch = opt.ImageOpt.Platform.OS, opt.ImageOpt.Platform.Architecture
	}
	env := []string{}
	if named, err := reference.ParseNormalizedNamed(ref); err == nil {
		for _, key := range r.env[reference.FamiliarName(named)] {
			env = append(env, key+"=/x") // absolute, like the paths these images set (GOPATH=/go…)
		}
	}
	cfg, err := json.Marshal(map[string]any{
		"architecture": arch,
		"os":           platformOS,
		"rootfs":       map[string]any{"type": "layers", "diff_ids": []string{"sha256:0000000000000000000000000000000000000000000000000000000000000000"}},
		"config":       map[string]any{"Env": env},
	})
	return ref, "", cfg, err
}

func loadImageEnv() map[string][]string {
	env := map[string][]string{}
	if file := os.Getenv("BUILDKIT_ORACLE_IMAGE_ENV"); file != "" {
		dt, err := os.ReadFile(file)
		if err == nil {
			err = json.Unmarshal(dt, &env)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "BUILDKIT_ORACLE_IMAGE_ENV:", err)
			os.Exit(2)
		}
	}
	return env
}

var imageEnv = loadImageEnv()

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
		MetaResolver:   offlineResolver{env: imageEnv},
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
