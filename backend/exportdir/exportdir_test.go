package exportdir

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func TestWriteChecksEveryTargetFirst(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "b.md"), []byte("old"), 0o644)
	files := []File{{"a.md", []byte("a")}, {"b.md", []byte("b")}}
	if _, err := Write(dir, files, false); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("got %v, want ECONFLICT", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.md")); err == nil {
		t.Error("a.md was written although b.md was refused")
	}
	got, err := Write(dir, files, true)
	if err != nil || len(got) != 2 {
		t.Fatalf("forced: %v %v", got, err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "b.md")); string(b) != "b" {
		t.Errorf("b.md = %q", b)
	}
	if _, err := Write(filepath.Join(dir, "nope"), files, false); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("missing folder: %v", err)
	}
}

func TestWriteStaysInsideTheFolder(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Skip(err)
	}
	if _, err := Write(dir, []File{{"link/x.md", []byte("x")}}, false); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("through a symlink: %v, want EINVALID", err)
	}
	if _, err := os.Stat(filepath.Join(outside, "x.md")); err == nil {
		t.Error("a file was written outside the folder")
	}
}

func TestYAMLString(t *testing.T) {
	if got, want := YAMLString("a \"b\"\\\n\x01"), `"a \"b\"\\\n\u0001"`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
