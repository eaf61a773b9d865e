package kustomize

import (
	"path/filepath"

	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// overlayFs is the disk with the editor's open documents over it: what kustomize reads of a file is
// its unsaved text when it is open. Only reads are overlaid; a build writes nothing.
type overlayFs struct {
	filesys.FileSystem
	overlay map[string]string
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

func (o overlayFs) ReadFile(path string) ([]byte, error) {
	if text, ok := o.text(path); ok {
		return []byte(text), nil
	}
	return o.FileSystem.ReadFile(path)
}

func (o overlayFs) Exists(path string) bool {
	if _, ok := o.text(path); ok {
		return true
	}
	return o.FileSystem.Exists(path)
}
