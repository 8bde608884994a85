package applog

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenWritesJSONLinesToTheLogFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "logs")
	var stderr bytes.Buffer
	log, path, closeLog, err := open(dir, noEnv, &stderr)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	log.Info("hello", "n", 42)
	if err := closeLog(); err != nil {
		t.Fatalf("close: %v", err)
	}
	if want := filepath.Join(dir, FileName); path != want {
		t.Errorf("path: got %q, want %q", path, want)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rec map[string]any
	if err := json.Unmarshal(bytes.TrimSpace(b), &rec); err != nil {
		t.Fatalf("log line is not JSON: %q: %v", b, err)
	}
	if rec["msg"] != "hello" || rec["n"] != float64(42) {
		t.Errorf("record: got %v, want msg hello and n 42", rec)
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr: got %q, want nothing", stderr.String())
	}
}

func TestOpenWithNoFolderUsesHINDSIGHT_LOG_DIR(t *testing.T) {
	dir := t.TempDir()
	env := func(k string) string {
		if k == "HINDSIGHT_LOG_DIR" {
			return dir
		}
		return ""
	}
	_, path, closeLog, err := open("", env, &bytes.Buffer{})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer closeLog()
	if want := filepath.Join(dir, FileName); path != want {
		t.Errorf("path: got %q, want %q", path, want)
	}
}

func TestOpenFallsBackToStderrWhenTheFolderCannotBeCreated(t *testing.T) {
	// A folder inside a regular file cannot be created, even by root.
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	log, path, closeLog, err := open(filepath.Join(file, "logs"), noEnv, &stderr)
	if err == nil {
		t.Fatal("err: got nil, want the reason for the fallback")
	}
	if path != "" {
		t.Errorf("path: got %q, want empty", path)
	}
	if closeLog == nil || log == nil {
		t.Fatal("logger and close must never be nil")
	}
	log.Info("still logging")
	if err := closeLog(); err != nil {
		t.Errorf("close: %v", err)
	}
	out := stderr.String()
	if got := strings.Count(out, "cannot use the log folder"); got != 1 {
		t.Errorf("fallback notices: got %d, want 1 in %q", got, out)
	}
	if !strings.Contains(out, "still logging") {
		t.Errorf("stderr: got %q, want the record", out)
	}
}

type brokenWriter struct{}

func (brokenWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestFailoverSaysOnceThenWritesToTheFallback(t *testing.T) {
	var fallback bytes.Buffer
	w := &failover{primary: brokenWriter{}, fallback: &fallback}
	for _, line := range []string{"one\n", "two\n"} {
		if n, err := w.Write([]byte(line)); err != nil || n != len(line) {
			t.Fatalf("write: got %d, %v; want %d, nil", n, err, len(line))
		}
	}
	got := fallback.String()
	want := "hindsight: cannot write the log file (disk full); logging to stderr from now on\none\ntwo\n"
	if got != want {
		t.Errorf("fallback: got %q, want %q", got, want)
	}
}

func noEnv(string) string { return "" }
