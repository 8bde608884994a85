package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// causeTree runs 'causes show --format json' and decodes it.
func (w *world) causeTree(ref string) causeTreeJSON {
	w.t.Helper()
	var out causeTreeJSON
	if err := json.Unmarshal([]byte(w.ok("causes", "show", ref, "--format", "json")), &out); err != nil {
		w.t.Fatal(err)
	}
	return out
}

const whys = `- Checkout returned 502s
  - [cause] The connection pool was exhausted
    - [root] Staging pool settings reached production
  - Contributing factor: no alert on "pool" saturation | #1
`

func TestCausesImportShowAndLink(t *testing.T) {
	w := newWorld(t)
	w.ok("incident", "create", "--title", "Checkout 502s", "--severity", "SEV2", "--started", "2026-06-10T09:00:00Z")
	path := filepath.Join(w.dir, "whys.md")
	if err := os.WriteFile(path, []byte(whys), 0o600); err != nil {
		t.Fatal(err)
	}
	out := w.ok("causes", "import", "1", path, "--dry-run")
	if !strings.Contains(out, "4 causes in 1 trees; nothing was saved") || !strings.Contains(out, "    - [root] Staging pool settings reached production\n") {
		t.Errorf("dry run:\n%s", out)
	}
	if n := len(w.causeTree("1").Nodes); n != 0 {
		t.Fatalf("a dry run saved %d causes", n)
	}
	if out := w.ok("causes", "import", "INC-1", path); out != "Imported 4 causes in 1 trees into INC-0001\n" {
		t.Errorf("import: %q", out)
	}
	md := w.ok("causes", "show", "1")
	want := "- [problem] Checkout returned 502s\n  - [cause] The connection pool was exhausted\n    - [root] Staging pool settings reached production\n" +
		"  - [contributing] no alert on \"pool\" saturation | #1\n"
	if md != want {
		t.Errorf("markdown:\n%s\nwant:\n%s", md, want)
	}
	mm := w.ok("causes", "show", "1", "--format", "mermaid")
	for _, s := range []string{"flowchart LR\n", `n4["no alert on #quot;pool#quot; saturation #124; #35;1"]:::kindContributing`, "n2 --> n3", "classDef kindRoot"} {
		if !strings.Contains(mm, s) {
			t.Errorf("mermaid lacks %q:\n%s", s, mm)
		}
	}

	tree := w.causeTree("1")
	root := tree.Nodes[2]
	if root.Kind != "root" || root.Depth != 2 || root.ParentID == nil || *root.ParentID != tree.Nodes[1].ID {
		t.Errorf("root cause node = %+v", root)
	}
	if len(tree.Guidance) != 2 {
		t.Errorf("guidance = %+v; want the unanswered root and the branch stopping at a factor", tree.Guidance)
	}
	w.ok("action", "create", "--title", "Lint pool settings", "--incident", "1")
	if out := w.ok("causes", "link", "ACT-1", root.ID); !strings.Contains(out, "ACT-0001 now answers cause "+root.ID) {
		t.Errorf("link: %q", out)
	}
	if a := w.action("ACT-1"); a["causeNodeId"] != root.ID {
		t.Errorf("action causeNodeId = %v", a["causeNodeId"])
	}
	tree = w.causeTree("1")
	if len(tree.Nodes[2].Actions) != 1 || len(tree.Guidance) != 1 || tree.Guidance[0].Kind != "symptom" {
		t.Errorf("after linking: actions %+v, guidance %+v", tree.Nodes[2].Actions, tree.Guidance)
	}

	// Add, move and delete from the command line.
	out = w.ok("causes", "add", "1", "--parent", tree.Nodes[3].ID, "Nobody", "owned", "alerting")
	id := strings.Fields(out)[0]
	w.ok("causes", "move", id, "--parent", tree.Nodes[1].ID, "--position", "0")
	w.fails(2, []string{"parentId:", "loop"}, "causes", "move", tree.Nodes[0].ID, "--parent", id)
	w.fails(4, []string{"2 causes under it", "subtree", "lift"}, "causes", "delete", tree.Nodes[1].ID)
	w.ok("causes", "delete", tree.Nodes[1].ID, "--lift")
	want = "- [problem] Checkout returned 502s\n  - [cause] Nobody owned alerting\n  - [root] Staging pool settings reached production\n" +
		"  - [contributing] no alert on \"pool\" saturation | #1\n"
	if md := w.ok("causes", "show", "1"); md != want {
		t.Errorf("after move and lift:\n%s\nwant:\n%s", md, want)
	}
}

func TestCausesImportFromStdinAndBadInput(t *testing.T) {
	w := newWorld(t)
	w.ok("incident", "create", "--title", "t", "--severity", "SEV3", "--started", "2026-06-10T09:00:00Z")
	r := w.run("- P\n  - a\n      - jumps\n", "causes", "import", "1", "-")
	if r.code != 2 {
		t.Fatalf("exit %d, stderr %q; want 2", r.code, r.stderr)
	}
	checkOneErrorLine(t, r.stderr, "file:", "line 3", "2 levels deeper")
	if r := w.run("* P\n\t* Root cause: r\n", "causes", "import", "1", "-"); r.code != 0 || !strings.Contains(r.stdout, "Imported 2 causes") {
		t.Errorf("stdin import: %+v", r)
	}
	w.fails(2, []string{"format:", "pdf"}, "causes", "show", "1", "--format", "pdf")
	w.fails(3, []string{"no incident"}, "causes", "show", "INC-9")
	w.fails(2, []string{"file:", "cannot read"}, "causes", "import", "1", filepath.Join(w.dir, "missing.md"))
	w.fails(2, []string{"statement:", "required"}, "causes", "add", "1", " ")
	w.fails(2, []string{"kind:", "vibes"}, "causes", "add", "1", "--kind", "vibes", "x")
	w.fails(3, []string{"no cause"}, "causes", "delete", "nope")
	w.fails(3, []string{"no action"}, "causes", "link", "ACT-9", "")
}
