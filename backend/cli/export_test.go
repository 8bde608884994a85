package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/store"
)

// outDir makes an empty export folder.
func (w *world) outDir(name string) string {
	w.t.Helper()
	dir := filepath.Join(w.dir, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		w.t.Fatal(err)
	}
	return dir
}

// seedSnapshot stores a one-series snapshot of the incident straight
// through the store, as a fetch would.
func (w *world) seedSnapshot(ref string) {
	w.t.Helper()
	st, err := store.Open(w.env["HINDSIGHT_DB"], store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		w.t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	src, err := st.CreateSource(ctx, domain.SourceInput{Name: "prom", Kind: "prometheus", URL: "http://127.0.0.1:9090"})
	if err != nil {
		w.t.Fatal(err)
	}
	start := testNow.Add(-72 * time.Hour)
	se := domain.Series{Key: `{job="api"}`, Labels: map[string]string{"job": "api"}, Stats: domain.SeriesStats{Count: 60, Max: 59}}
	for k := range 60 {
		se.Points = append(se.Points, domain.Point{T: start.Add(time.Duration(k) * time.Minute).UnixMilli(), V: float64(k)})
	}
	_, err = st.SaveSnapshots(ctx, ref, []domain.Snapshot{{
		SourceID: src.ID, SourceName: src.Name, SourceKind: src.Kind, SourceURL: src.URL,
		Title: "checkout 5xx rate", Query: "sum(rate(http_errors_total[5m]))", Start: start, End: start.Add(time.Hour),
		Step: time.Minute, FetchedAt: testNow, Series: []domain.Series{se},
	}})
	if err != nil {
		w.t.Fatal(err)
	}
}

// files lists the files under dir, relative and slash-separated, sorted.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func TestExportPostmortemWritesTheDocumentAndRefusesToOverwrite(t *testing.T) {
	w := newWorld(t)
	w.ok("demo")
	out := w.outDir("out")

	printed := w.ok("export", "postmortem", "INC-0001", "--out", out, "--tz", "UTC")
	got := files(t, out)
	if len(got) != 1 || !strings.HasPrefix(got[0], "INC-0001-") || !strings.HasSuffix(got[0], ".md") {
		t.Fatalf("files: got %v, want one INC-0001-*.md (the demo has no snapshots)", got)
	}
	doc := filepath.Join(out, got[0])
	if printed != doc+"\n" {
		t.Errorf("stdout: got %q, want the file's path %q", printed, doc)
	}
	before, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(before, []byte("---\n")) || !bytes.Contains(before, []byte(`version: "1.2.3-test"`)) ||
		!bytes.Contains(before, []byte("# INC-0001 Checkout API returned 502s")) {
		t.Errorf("document: got %q, want front matter with the version, then the rendered body", before)
	}
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(doc, old, old); err != nil {
		t.Fatal(err)
	}

	w.fails(4, []string{got[0], "already exists", "--force"}, "export", "postmortem", "INC-0001", "--out", out)
	after, _ := os.ReadFile(doc)
	fi, _ := os.Stat(doc)
	if !bytes.Equal(after, before) || !fi.ModTime().Equal(old) {
		t.Errorf("after a refused export: the file changed (mtime %v, want %v)", fi.ModTime(), old)
	}

	if err := os.WriteFile(doc, []byte("stale\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	w.ok("export", "postmortem", "INC-0001", "--out", out, "--force", "--tz", "UTC")
	if after, _ := os.ReadFile(doc); !bytes.Equal(after, before) {
		t.Errorf("--force: got %q, want the document written again", after)
	}
}

func TestExportWritesChartsAndDataOfSnapshots(t *testing.T) {
	w := newWorld(t)
	w.ok("demo")
	w.seedSnapshot("INC-0001")
	out := w.outDir("out")
	w.ok("export", "postmortem", "INC-0001", "--out", out, "--tz", "UTC")
	got := files(t, out)
	var svg, csv bool
	for _, f := range got {
		svg = svg || strings.HasPrefix(f, "assets/INC-0001/") && strings.HasSuffix(f, ".svg")
		csv = csv || strings.HasPrefix(f, "assets/INC-0001/") && strings.HasSuffix(f, ".csv")
	}
	if len(got) != 3 || !svg || !csv {
		t.Errorf("files: got %v, want the document and an .svg and a .csv under assets/INC-0001/", got)
	}
}

func TestExportHTMLHasNoScript(t *testing.T) {
	w := newWorld(t)
	w.ok("demo")
	out := w.outDir("html")
	w.ok("export", "postmortem", "INC-0001", "--out", out, "--format", "html")
	got := files(t, out)
	if len(got) != 1 || !strings.HasSuffix(got[0], ".html") {
		t.Fatalf("files: got %v, want one .html", got)
	}
	b, _ := os.ReadFile(filepath.Join(out, got[0]))
	if bytes.Contains(bytes.ToLower(b), []byte("<script")) {
		t.Errorf("html: contains <script")
	}
}

func TestExportRefusesBadInputNamingTheFlag(t *testing.T) {
	w := newWorld(t)
	w.ok("demo")
	missing := filepath.Join(w.dir, "nowhere")
	w.fails(2, []string{"out:", "nowhere", "does not exist"}, "export", "postmortem", "INC-0001", "--out", missing)
	w.fails(2, []string{"out:", "required"}, "export", "postmortem", "INC-0001")
	file := writeFile(t, w.dir, "afile", "x")
	w.fails(2, []string{"out:", "not a folder"}, "export", "postmortem", "INC-0001", "--out", file)
	w.fails(2, []string{"out:", "nowhere"}, "export", "postmortems", "--out", missing)
	w.fails(2, []string{"format:", "pdf"}, "export", "postmortem", "INC-0001", "--out", w.outDir("o"), "--format", "pdf")
	w.fails(3, []string{"INC-0009"}, "export", "postmortem", "INC-0009", "--out", w.outDir("o"))
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("%s was created", missing)
	}
}

func TestExportWarnsOfUnknownPlaceholdersWithTheirLine(t *testing.T) {
	w := newWorld(t)
	w.ok("demo")
	w.run("# Title\n\nSee {{nope}}.\n", "postmortem", "edit", "INC-0001", "--file", "-")
	r := w.run("", "export", "postmortem", "INC-0001", "--out", w.outDir("out"))
	if r.code != 0 || !strings.Contains(r.stderr, "warning: INC-0001 line 3:") || !strings.Contains(r.stderr, "{{nope}}") {
		t.Errorf("export: got exit %d, stderr %q; want 0 and a warning naming line 3", r.code, r.stderr)
	}
}

func TestExportPostmortemsWritesEveryOneAndStopsAtTheFirstFailure(t *testing.T) {
	w := newWorld(t)
	w.ok("demo")
	w.ok("demo")
	w.ok("incident", "create", "--title", "No postmortem", "--severity", "SEV3")
	w.ok("demo")
	w.ok("incident", "delete", "INC-0004") // in the trash: left out
	out := w.outDir("all")

	printed := w.ok("export", "postmortems", "--out", out, "--tz", "UTC")
	got := files(t, out)
	if len(got) != 2 || !strings.HasPrefix(got[0], "INC-0001-") || !strings.HasPrefix(got[1], "INC-0002-") {
		t.Fatalf("files: got %v, want INC-0001's and INC-0002's documents", got)
	}
	if lines := strings.Split(strings.TrimSpace(printed), "\n"); len(lines) != 2 {
		t.Errorf("stdout: got %q, want two paths", printed)
	}
	second := filepath.Join(out, got[1])
	if err := os.Remove(second); err != nil {
		t.Fatal(err)
	}
	w.fails(4, []string{"INC-0001:", "already exists"}, "export", "postmortems", "--out", out)
	if _, err := os.Stat(second); err == nil {
		t.Errorf("after INC-0001 failed, INC-0002 was written anyway")
	}
	w.ok("export", "postmortems", "--out", out, "--force", "--tz", "UTC")
	if got := files(t, out); len(got) != 2 {
		t.Errorf("--force: got %v, want both documents", got)
	}
}

// The demo's summary has "## Impact" and other headings of its own; the
// render layer turns them into lead-in lines, so its export passes too.
func TestTheDemoExportPassesMarkdownlint(t *testing.T) {
	w := newWorld(t)
	w.ok("demo")
	out := w.outDir("demo")
	w.ok("export", "postmortem", "INC-0001", "--out", out, "--tz", "UTC")
	lint(t, out)
}

// An incident with every section filled, a chart and its data.
func TestExportedMarkdownPassesMarkdownlint(t *testing.T) {
	w := newWorld(t)
	resolvedIncident(w)
	w.ok("incident", "update", "INC-0001", "--summary", "The pool shrank to 5 connections.\n\nCheckout queued and timed out.",
		"--impact", "18% of checkouts failed for 41 minutes.", "--services", "checkout-api,payments-db")
	w.ok("timeline", "add", "INC-0001", "--at", "2026-06-01T10:05:00Z", "Pager fired | on 502 rate")
	w.ok("action", "create", "--incident", "INC-0001", "--title", "Alert on pool wait", "--owner", "Sam Okafor", "--tz", "UTC")
	w.ok("causes", "import", "INC-0001", writeFile(t, w.dir, "causes.md", "- Checkout returned 502s\n  - The pool was too small\n"))
	w.seedSnapshot("INC-0001")
	w.ok("postmortem", "create", "INC-0001", "--template", "sre")
	for _, format := range []string{"md", "html"} {
		out := w.outDir("lint-" + format)
		w.ok("export", "postmortems", "--out", out, "--format", format, "--tz", "UTC")
		if got := files(t, out); len(got) != 3 {
			t.Errorf("%s files: got %v, want the document, a chart and its data", format, got)
		}
		if format == "md" {
			lint(t, out)
		}
	}
}

// lint runs markdownlint-cli2 with its default configuration over the
// exported markdown in dir.
func lint(t *testing.T, dir string) {
	t.Helper()
	bin, err := filepath.Abs("../../frontend/node_modules/.bin/markdownlint-cli2")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(bin); err != nil {
		if os.Getenv("HINDSIGHT_REQUIRE_MARKDOWNLINT") != "" {
			t.Fatalf("markdownlint-cli2 is not installed at %s (run make deps)", bin)
		}
		t.Log("markdownlint-cli2 is not installed (npm ci in frontend/); not linted")
		return
	}
	cmd := exec.Command(bin, "*.md")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("markdownlint: %v\n%s", err, out)
	}
}
