// Command shipshape-engine is the engine Shipshape's language server runs as a long-lived child
// process: Helm's (and later kustomize's and hcl's) own Go packages behind a JSON-lines protocol on
// stdin/stdout (see protocol/). Logs go to stderr.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"time"

	"github.com/shipshape-dev/shipshape/engines/helm"
	"github.com/shipshape-dev/shipshape/engines/kustomize"
	"github.com/shipshape-dev/shipshape/engines/protocol"
)

// Version is stamped at build time (-ldflags -X main.Version=…) with the hash of the engine's sources.
var Version = "dev"

func main() {
	showVersion := flag.Bool("version", false, "print the version and exit")
	maxHeapMB := flag.Int("max-heap-mb", 1024, "live heap at which the engine stops (the client restarts it)")
	timeout := flag.Duration("timeout", 10*time.Second, "time limit of a request that names none")
	flag.Parse()
	if *showVersion {
		fmt.Println(Version)
		return
	}
	// Helm logs through slog; keep stdout for the protocol.
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))

	limits := protocol.DefaultLimits()
	limits.MaxHeapBytes = uint64(*maxHeapMB) << 20
	limits.DefaultTimeout = *timeout
	server := protocol.NewServer(os.Stdin, os.Stdout, limits)
	server.Handle("engine.info", func(context.Context, json.RawMessage) (any, error) {
		methods := server.Methods()
		sort.Strings(methods)
		return map[string]any{"version": Version, "go": runtime.Version(), "helm": moduleVersion("helm.sh/helm/v4"), "kustomize": moduleVersion("sigs.k8s.io/kustomize/api"), "methods": methods, "pid": os.Getpid()}, nil
	})
	server.Handle("helm.render", helm.Render)
	server.Handle("kustomize.build", kustomize.Build)
	if err := server.Serve(); err != nil {
		fmt.Fprintln(os.Stderr, "engine:", err)
		os.Exit(1)
	}
}

func moduleVersion(path string) string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if m.Path == path {
				return m.Version
			}
		}
	}
	return ""
}
