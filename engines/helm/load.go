package helm

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"helm.sh/helm/v4/pkg/chart/loader/archive"
	"helm.sh/helm/v4/pkg/ignore"
)

var utf8bom = []byte{0xEF, 0xBB, 0xBF}

// readChartDir reads a chart folder's files the way Helm's loader.LoadDir does (.helmignore and its
// defaults, the same size budget, a BOM dropped), with two differences a language server needs:
// an open editor's unsaved text replaces the file on disk, and a symbolic link that leads out of the
// chart is an error (Helm follows it; a repository must not make Shipshape read /etc or ~/.ssh).
func readChartDir(dir string, overlay map[string]string, budget int64) ([]*archive.BufferedFile, error) {
	top, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	realTop, err := filepath.EvalSymlinks(top)
	if err != nil {
		return nil, err
	}
	rules := ignore.Empty()
	ifile := filepath.Join(top, ignore.HelmIgnore)
	if _, err := os.Stat(ifile); err == nil {
		r, err := ignore.ParseFile(ifile)
		if err != nil {
			return nil, err
		}
		rules = r
	}
	rules.AddDefaults()

	clean := make(map[string]string, len(overlay))
	for p, text := range overlay {
		clean[filepath.Clean(p)] = text
	}
	files := []*archive.BufferedFile{}
	reader := archive.NewBudgetedReader(budget)
	visited := map[string]bool{realTop: true}
	var overlaid int64

	var walk func(path, name string) error
	walk = func(path, name string) error {
		entries, err := os.ReadDir(path)
		if err != nil {
			return err
		}
		names := make([]string, 0, len(entries))
		for _, e := range entries {
			names = append(names, e.Name())
		}
		sort.Strings(names)
		for _, base := range names {
			full := filepath.Join(path, base)
			n := base
			if name != "" {
				n = name + "/" + base
			}
			lfi, err := os.Lstat(full)
			if err != nil {
				return err
			}
			if lfi.Mode()&os.ModeSymlink != 0 {
				target, err := filepath.EvalSymlinks(full)
				if err != nil {
					return fmt.Errorf("cannot follow symbolic link %s: %w", n, err)
				}
				if target != realTop && !strings.HasPrefix(target, realTop+string(filepath.Separator)) {
					return fmt.Errorf("symbolic link %s points outside the chart (to %s); Shipshape does not follow it", n, target)
				}
			}
			fi, err := os.Stat(full)
			if err != nil {
				return err
			}
			if fi.IsDir() {
				if rules.Ignore(n, fi) {
					continue
				}
				real, _ := filepath.EvalSymlinks(full)
				if visited[real] {
					return fmt.Errorf("symbolic link %s leads into a folder already read (a loop)", n)
				}
				visited[real] = true
				if err := walk(full, n); err != nil {
					return err
				}
				continue
			}
			if rules.Ignore(n, fi) {
				continue
			}
			if !fi.Mode().IsRegular() {
				return fmt.Errorf("cannot load irregular file %s as it has file mode type bits set", full)
			}
			var data []byte
			if text, ok := clean[full]; ok {
				// An unsaved buffer counts against the same budget as the file it stands for.
				overlaid += int64(len(text))
				if overlaid > budget {
					err = fmt.Errorf("chart exceeds maximum decompressed size of %d bytes", budget)
				}
				data = []byte(text)
			} else {
				data, err = reader.ReadFileWithBudget(full, fi.Size())
			}
			if err != nil {
				return fmt.Errorf("error reading %s: %w", n, err)
			}
			data = bytes.TrimPrefix(data, utf8bom)
			files = append(files, &archive.BufferedFile{Name: n, ModTime: fi.ModTime(), Data: data})
		}
		return nil
	}
	if err := walk(top, ""); err != nil {
		return nil, err
	}
	return files, nil
}
