package kustomize

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// overlayFs is the disk with the editor's open documents over it: what kustomize reads of a file is
// its unsaved text when it is open. Only reads are overlaid; a build writes nothing. Reads from disk go
// through the same guard as the language server's own (server/src/core/read-guard.ts): a regular file,
// under the size cap, inside the roots once symbolic links are followed, so a kustomization cannot make
// Shipshape read ~/.ssh, /dev/zero or a FIFO.
type overlayFs struct {
	filesys.FileSystem
	overlay map[string]string
	// roots are the folders reads stay in, symbolic links resolved; none means no such bound (a direct caller).
	roots    []string
	maxBytes int64
	// refused collects the guard's refusals: kustomize swallows some read errors (it tries each
	// kustomization file name), so the build's error says "not found" where the guard said why.
	refused *[]string
}

func newOverlayFs(overlay map[string]string, roots []string, maxBytes int64) overlayFs {
	real := make([]string, 0, len(roots))
	for _, root := range roots {
		if r, err := filepath.EvalSymlinks(root); err == nil {
			real = append(real, r)
		}
	}
	clean := make(map[string]string, len(overlay))
	for p, text := range overlay {
		clean[filepath.Clean(p)] = text
	}
	// Roots were given but none exists: nothing may be read, as the server's guard says.
	if len(roots) > 0 && len(real) == 0 {
		real = []string{string(filepath.Separator) + "\x00none"}
	}
	return overlayFs{FileSystem: filesys.MakeFsOnDisk(), overlay: clean, roots: real, maxBytes: maxBytes, refused: &[]string{}}
}

func (o overlayFs) text(path string) (string, bool) {
	if len(o.overlay) == 0 {
		return "", false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	text, ok := o.overlay[abs]
	return text, ok
}

// check is the guard: why path may not be read, or nil.
func (o overlayFs) check(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		// Missing: kustomize's own error says so.
		return nil
	}
	if len(o.roots) > 0 && !o.inside(real) {
		if real != abs {
			return fmt.Errorf("%s resolves to %s, outside the workspace (a symbolic link): Shipshape does not read it", path, real)
		}
		return fmt.Errorf("%s is outside the workspace: Shipshape does not read it", path)
	}
	fi, err := os.Stat(real)
	if err != nil {
		return nil
	}
	if fi.IsDir() {
		return nil
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file (%s): Shipshape does not read it", path, fi.Mode().Type())
	}
	if o.maxBytes > 0 && fi.Size() > o.maxBytes {
		return fmt.Errorf("%s is %d bytes, over the %d bytes Shipshape reads", path, fi.Size(), o.maxBytes)
	}
	return nil
}

func (o overlayFs) inside(real string) bool {
	for _, root := range o.roots {
		if real == root || strings.HasPrefix(real, root+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

func (o overlayFs) ReadFile(path string) ([]byte, error) {
	if text, ok := o.text(path); ok {
		return []byte(text), nil
	}
	if err := o.check(path); err != nil {
		*o.refused = append(*o.refused, err.Error())
		return nil, err
	}
	return o.FileSystem.ReadFile(path)
}

func (o overlayFs) Exists(path string) bool {
	if _, ok := o.text(path); ok {
		return true
	}
	return o.FileSystem.Exists(path)
}
