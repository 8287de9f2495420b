package wordclust

import (
	"archive/zip"
	"encoding/json"
	"fmt"

	"path/filepath"
	"sort"
	"strings"
)

// ReadNewsZips reads a SaudiNewsNet-style directory of *.zip files, each
// holding JSON arrays of articles with "title" and "content" fields, in file
// name order, and calls fn for every non-empty line of every title and body.
func ReadNewsZips(dir string, fn func(line string)) (articles int, err error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.zip"))
	if err != nil {
		return 0, err
	}
	if len(files) == 0 {
		return 0, fmt.Errorf("wordclust: no *.zip in %s", dir)
	}
	sort.Strings(files)
	for _, f := range files {
		zr, err := zip.OpenReader(f)
		if err != nil {
			return articles, fmt.Errorf("wordclust: %s: %w", f, err)
		}
		names := make([]*zip.File, 0, len(zr.File))
		for _, zf := range zr.File {
			if strings.HasSuffix(zf.Name, ".json") {
				names = append(names, zf)
			}
		}
		sort.Slice(names, func(i, j int) bool { return names[i].Name < names[j].Name })
		for _, zf := range names {
			rc, err := zf.Open()
			if err != nil {
				zr.Close()
				return articles, fmt.Errorf("wordclust: %s: %s: %w", f, zf.Name, err)
			}
			var arts []struct {
				Title   string `json:"title"`
				Content string `json:"content"`
			}
			err = json.NewDecoder(rc).Decode(&arts)
			rc.Close()
			if err != nil {
				zr.Close()
				return articles, fmt.Errorf("wordclust: %s: %s: %w", f, zf.Name, err)
			}
			for _, a := range arts {
				articles++
				for _, text := range []string{a.Title, a.Content} {
					for _, line := range strings.Split(text, "\n") {
						if strings.TrimSpace(line) != "" {
							fn(line)
						}
					}
				}
			}
		}
		zr.Close()
	}
	return articles, nil
}
