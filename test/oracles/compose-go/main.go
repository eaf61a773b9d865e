// Command compose-go-oracle loads Compose files the way `docker compose config` does (compose-go/v2,
// same project options and environment handling) and prints one JSON line per project:
// {"file": ..., "ok": bool, "error": "..."}. Usage: compose-go-oracle FILE|DIR... (each its own project: a file
// alone from its folder with .env beside it, a folder like `docker compose` run in it, with compose.override.yaml),
// or compose-go-oracle -f a.yaml -f b.yaml (one project).
package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/compose-spec/compose-go/v2/cli"
)

type result struct {
	File  string `json:"file"`
	Ok    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
}

// load mirrors docker/compose cmd/compose: ProjectOptions.toProjectOptions + config's ToProject options.
// With a folder and no files, compose-go finds compose.yaml (+ compose.override.yaml) there, as `docker compose` does.
func load(dir string, files []string) result {
	abs := make([]string, len(files))
	for i, f := range files {
		abs[i], _ = filepath.Abs(f)
	}
	if len(abs) > 0 {
		dir = filepath.Dir(abs[0])
	}
	dir, _ = filepath.Abs(dir)
	if len(abs) == 0 {
		// `docker compose` run inside the project folder: relative COMPOSE_FILE entries resolve from there.
		if previous, err := os.Getwd(); err == nil && os.Chdir(dir) == nil {
			defer func() { _ = os.Chdir(previous) }()
		}
	}
	name := dir
	if len(abs) > 0 {
		name = abs[0]
	}
	opts, err := cli.NewProjectOptions(abs,
		cli.WithWorkingDirectory(dir),
		cli.WithOsEnv,
		cli.WithEnvFiles(),
		cli.WithDotEnv,
		cli.WithConfigFileEnv,
		cli.WithDefaultConfigPath,
		cli.WithEnvFiles(),
		cli.WithDotEnv,
		cli.WithDefaultProfiles(),
		cli.WithName(""),
		cli.WithInterpolation(true),
		cli.WithResolvedPaths(true),
		cli.WithNormalization(true),
		cli.WithConsistency(true),
		cli.WithDiscardEnvFile,
	)
	if err == nil {
		_, err = opts.LoadProject(context.Background())
	}
	if err != nil {
		return result{File: name, Ok: false, Error: err.Error()}
	}
	return result{File: name, Ok: true}
}

func main() {
	args := os.Args[1:]
	out := json.NewEncoder(os.Stdout)
	var project []string
	for i := 0; i < len(args); i++ {
		if args[i] == "-f" && i+1 < len(args) {
			project = append(project, args[i+1])
			i++
		}
	}
	if len(project) > 0 {
		_ = out.Encode(load("", project))
		return
	}
	for _, f := range args {
		if info, err := os.Stat(f); err == nil && info.IsDir() {
			_ = out.Encode(load(f, nil))
		} else {
			_ = out.Encode(load("", []string{f}))
		}
	}
}
