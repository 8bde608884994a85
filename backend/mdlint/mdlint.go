// Package mdlint runs markdownlint-cli2, the frontend's copy, with its
// default rules over markdown written by the tests of the exporters, so
// that every export is checked the way a docs repository would check it.
package mdlint

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// bin is markdownlint-cli2 in frontend/node_modules, found from this file.
func bin() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "frontend", "node_modules", ".bin", "markdownlint-cli2")
}

// Files lints each file (name → contents) on its own, in a temporary
// folder, and fails t with markdownlint's report. Without the tool the test
// is skipped, unless HINDSIGHT_REQUIRE_MARKDOWNLINT is set (make test sets
// it), when it fails.
func Files(t testing.TB, files map[string][]byte) {
	t.Helper()
	b := bin()
	if _, err := os.Stat(b); err != nil {
		if os.Getenv("HINDSIGHT_REQUIRE_MARKDOWNLINT") != "" {
			t.Fatalf("markdownlint-cli2 is not installed at %s (run make deps)", b)
		}
		t.Skip("markdownlint-cli2 is not installed (npm ci in frontend/)")
	}
	if len(files) == 0 {
		t.Fatal("mdlint: no files to lint")
	}
	for name, data := range files {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(name)), data, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(b, filepath.Base(name))
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("markdownlint %s: %v\n%s", name, err, out)
		}
	}
}

// Golden lints testdata/*.md of the calling test's package; prefix, when
// not nil, is put before the contents of each file whose name it accepts
// (for fragments that are not whole documents).
func Golden(t testing.TB, prefix func(name string) []byte) {
	t.Helper()
	matches, _ := filepath.Glob("testdata/*.md")
	if len(matches) == 0 {
		t.Fatal("no golden files in testdata/")
	}
	files := map[string][]byte{}
	for _, m := range matches {
		data, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		if prefix != nil {
			data = append(prefix(filepath.Base(m)), data...)
		}
		files[m] = data
	}
	Files(t, files)
}
