package postmortem

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/markdown"
	"github.com/hindsight-app/hindsight/backend/mdlint"
)

func testDoc() Document {
	sre, _ := FindTemplate("sre", nil)
	return Document{Title: "Checkout errors: config push", Body: sre.Body, Status: "in review", Template: "sre",
		Authors: []string{"Ana Lima", `Sam "Sammy" Ortiz`}, Reviewers: []string{"Lee Chen"}, UpdatedAt: at("2026-03-20T10:00:00Z")}
}

func TestMarkdownFrontMatter(t *testing.T) {
	var b bytes.Buffer
	problems, err := Markdown(&b, testDoc(), fixture(t))
	if err != nil || len(problems) > 0 {
		t.Fatalf("got %v, %+v", err, problems)
	}
	golden(t, "export-sre.md", b.String())
}

// listFiles returns every file under dir, slash-separated, with contents.
func listFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if e.Type().IsRegular() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	return out
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestExport(t *testing.T) {
	dir := t.TempDir()
	d := fixture(t)
	res, err := Export(dir, testDoc(), d, Options{Version: "1.2.3"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"INC-0042-checkout-errors-config-push.md",
		"assets/INC-0042/checkout-responses-by-status.svg", "assets/INC-0042/checkout-responses-by-status.csv"}
	if strings.Join(res.Files, ",") != strings.Join(want, ",") || len(res.Problems) > 0 {
		t.Errorf("got %+v, want files %v", res, want)
	}
	files := listFiles(t, dir)
	if got := keys(files); len(got) != 3 {
		t.Errorf("got files %v, want exactly the three written (no temporary files left)", got)
	}
	md := files[want[0]]
	for _, s := range []string{`hindsight_version: "1.2.3"`, "](assets/INC-0042/checkout-responses-by-status.svg)",
		"](assets/INC-0042/checkout-responses-by-status.csv)"} {
		if !strings.Contains(md, s) {
			t.Errorf("the document does not contain %q", s)
		}
	}
	if svg := files[want[1]]; !strings.HasPrefix(svg, "<svg") && !strings.HasPrefix(svg, "<?xml") || !strings.Contains(svg, "detected") {
		t.Errorf("the chart is not an SVG with the key moments marked: %.200s", svg)
	}
	if csv := files[want[2]]; !strings.HasPrefix(csv, "time_utc,unix_ms,") {
		t.Errorf("the data file is not the snapshot's CSV: %.100s", csv)
	}

	t.Run("without force an existing file is a conflict and nothing changes", func(t *testing.T) {
		os.WriteFile(filepath.Join(dir, want[2]), []byte("mine"), 0o644)
		before := listFiles(t, dir)
		d2 := fixture(t)
		d2.Incident.Title = "changed"
		doc := testDoc()
		doc.Body = "# changed"
		_, err := Export(dir, doc, d2, Options{})
		if domain.ErrorCode(err) != domain.ECONFLICT || !strings.Contains(err.Error(), want[0]) || strings.Contains(err.Error(), "--force") {
			t.Fatalf("got %v, want ECONFLICT naming the file (and no command-line words)", err)
		}
		after := listFiles(t, dir)
		for k, v := range before {
			if after[k] != v {
				t.Errorf("%s changed", k)
			}
		}
		if len(after) != len(before) {
			t.Errorf("got files %v, want %v", keys(after), keys(before))
		}
	})

	t.Run("with force every file is replaced", func(t *testing.T) {
		doc := testDoc()
		doc.Body = "# changed\n"
		if _, err := Export(dir, doc, d, Options{Force: true}); err != nil {
			t.Fatal(err)
		}
		after := listFiles(t, dir)
		if !strings.HasSuffix(after[want[0]], "\n# changed\n") || after[want[2]] == "mine" || len(after) != 3 {
			t.Errorf("got %v, want the files rewritten", keys(after))
		}
	})
}

func TestExportRefusesPathsOutside(t *testing.T) {
	t.Run("a title with ../ stays a file name inside the folder", func(t *testing.T) {
		dir := t.TempDir()
		doc := testDoc()
		doc.Title = "../../../etc/passwd"
		res, err := Export(dir, doc, Data{Incident: &domain.Incident{Number: 1, Title: "x"}}, Options{})
		if err != nil || len(res.Files) != 1 || res.Files[0] != "INC-0001-etc-passwd.md" {
			t.Fatalf("got %+v, %v", res, err)
		}
	})
	t.Run("a symbolic link out of the folder is refused and nothing is written", func(t *testing.T) {
		dir, outside := t.TempDir(), t.TempDir()
		if err := os.Symlink(outside, filepath.Join(dir, "assets")); err != nil {
			t.Skip("no symbolic links here:", err)
		}
		for _, force := range []bool{false, true} {
			_, err := Export(dir, testDoc(), fixture(t), Options{Force: force})
			if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(err.Error(), "outside the folder") {
				t.Errorf("force %v: got %v, want EINVALID saying the path leads outside", force, err)
			}
			if got := listFiles(t, outside); len(got) > 0 {
				t.Errorf("force %v: wrote %v outside the folder", force, keys(got))
			}
			if _, err := os.Lstat(filepath.Join(dir, "INC-0042-checkout-errors-config-push.md")); err == nil {
				t.Errorf("force %v: wrote the document although the assets were refused", force)
			}
		}
	})
	t.Run("a symbolic link at the target is replaced, not followed", func(t *testing.T) {
		dir, outside := t.TempDir(), t.TempDir()
		victim := filepath.Join(outside, "victim")
		os.WriteFile(victim, []byte("keep"), 0o644)
		target := filepath.Join(dir, "INC-0001-x.md")
		if err := os.Symlink(victim, target); err != nil {
			t.Skip("no symbolic links here:", err)
		}
		d := Data{Incident: &domain.Incident{Number: 1, Title: "x"}}
		if _, err := Export(dir, Document{Body: "# x"}, d, Options{}); domain.ErrorCode(err) != domain.ECONFLICT {
			t.Errorf("without force: got %v, want ECONFLICT", err)
		}
		if _, err := Export(dir, Document{Body: "# x"}, d, Options{Force: true}); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(victim); string(b) != "keep" {
			t.Errorf("the file outside was overwritten: %q", b)
		}
		if fi, err := os.Lstat(target); err != nil || !fi.Mode().IsRegular() {
			t.Errorf("got %v, %v; want a regular file in place of the link", fi, err)
		}
	})
}

func TestExportHTML(t *testing.T) {
	dir := t.TempDir()
	d := fixture(t)
	d.Incident.Summary = "Bad <script>alert(1)</script> and <img src=x onerror=alert(2)>"
	res, err := Export(dir, testDoc(), d, Options{Format: "HTML", Version: "1.2.3"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files[0] != "INC-0042-checkout-errors-config-push.html" {
		t.Fatalf("got %v", res.Files)
	}
	page, _ := os.ReadFile(filepath.Join(dir, res.Files[0]))
	s := string(page)
	rendered, _ := Render(testDoc().Body, withAssets(d))
	for _, want := range []string{"Content-Security-Policy", "default-src &#39;none&#39;", markdown.ToHTML(rendered),
		`<img src="assets/INC-0042/checkout-responses-by-status.svg"`} {
		if !strings.Contains(s, want) {
			t.Errorf("the page does not contain %.80q", want)
		}
	}
	if strings.Contains(strings.ToLower(s), "<script") || strings.Contains(s, "onerror") {
		t.Errorf("the page holds a script")
	}
	if _, err := Export(dir, testDoc(), d, Options{Format: "pdf"}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("format pdf: got %v, want EINVALID", err)
	}
}

func withAssets(d Data) Data {
	d.AssetDir = "assets/INC-0042"
	return d
}

func TestHMM(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0:00", 88 * time.Minute: "1:28", 25*time.Hour + 59*time.Second: "25:00", -5 * time.Minute: "-0:05"} {
		if got := hmm(d); got != want {
			t.Errorf("hmm(%v) = %q, want %q", d, got, want)
		}
	}
}

// TestGoldenFilesPassMarkdownlint runs the frontend's markdownlint, with its
// default rules, over the golden files (make test installs it; the test
// fails loudly without it when HINDSIGHT_REQUIRE_MARKDOWNLINT is set). The
// exported document turns off MD013 (line length) itself, for its tables;
// the render-only golden files have no such line, so MD013 is off for them
// here and on for the export.
func TestGoldenFilesPassMarkdownlint(t *testing.T) {
	// render-*.md are bodies without the export's front matter and lint
	// configuration: they get the configuration here.
	mdlint.Golden(t, func(name string) []byte {
		if strings.HasPrefix(name, "export-") {
			return nil
		}
		return []byte(strings.Join(lintConfig, "\n") + "\n\n")
	})
}
