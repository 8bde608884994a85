package app

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func TestCauseTreesCrossTheBridgeWithGuidance(t *testing.T) {
	inc, _, _ := newAPI(t)
	c := &CausesAPI{cfg: inc.cfg}
	a := &ActionsAPI{cfg: inc.cfg}
	i, _ := inc.Create(domain.IncidentInput{Title: "x", Severity: "SEV2"})
	outline := "- Checkout returned 502s\n  - the pods were OOM-killed\n    - [root] the cache had no size limit\n  - alerts fired late\n"
	pv, err := c.PreviewOutline(outline)
	if err != nil || pv.Nodes != 4 || pv.Trees != 1 || pv.Depth != 3 {
		t.Fatalf("preview = %+v, %v", pv, err)
	}
	if n, err := c.ImportOutline(i.Ref, outline); err != nil || n != 4 {
		t.Fatalf("import = %d, %v", n, err)
	}
	tree, err := c.Tree(i.ID)
	if err != nil || len(tree.Nodes) != 4 {
		t.Fatalf("tree = %+v, %v", tree, err)
	}
	// The unanswered root cause and the branch that stops at "alerts fired
	// late" are flagged.
	if len(tree.Flags) != 2 {
		t.Errorf("flags = %+v, want 2", tree.Flags)
	}
	root := tree.Nodes[2]
	act, _ := a.Create(domain.ActionInput{Title: "Cap the cache at 512 MB", Incident: i.ID, Owner: "ana"})
	if err := c.LinkAction(act.Ref, root.ID); err != nil {
		t.Fatal(err)
	}
	tree, _ = c.Tree(i.ID)
	if len(tree.Nodes[2].Actions) != 1 || len(tree.Flags) != 1 {
		t.Errorf("after linking: actions %+v, flags %+v", tree.Nodes[2].Actions, tree.Flags)
	}
	// Moving the problem under its own descendant is refused, naming the field.
	if _, err := c.Move(tree.Nodes[0].ID, root.ID, 0); err == nil {
		t.Error("a cycle was accepted")
	} else if ui := toUIError(inc.cfg.Logger, err); ui.Fields["parentId"] == "" {
		t.Errorf("UI error = %+v, want parentId named", ui)
	}
	mm, err := c.Export(i.ID, "mermaid")
	if err != nil || !strings.HasPrefix(mm, "flowchart LR") {
		t.Errorf("mermaid = %q, %v", mm, err)
	}
	if _, err := c.Shift(root.ID, "sideways"); err == nil {
		t.Error("an unknown shift was accepted")
	}
}

// A 2,000-node tree with realistic statements stays under the bridge budget.
func TestCauseTreePayloadForTwoThousandNodes(t *testing.T) {
	inc, _, _ := newAPI(t)
	c := &CausesAPI{cfg: inc.cfg}
	i, _ := inc.Create(domain.IncidentInput{Title: "x", Severity: "SEV2"})
	var b strings.Builder
	for k := range 2000 {
		depth := k % 5
		if k == 0 {
			depth = 0
		} else if depth == 0 {
			depth = 1
		}
		fmt.Fprintf(&b, "%s- because the %d-th thing went wrong, which nobody noticed for a while\n", strings.Repeat("  ", depth), k)
	}
	if _, err := c.ImportOutline(i.ID, b.String()); err != nil {
		t.Fatal(err)
	}
	tree, err := c.Tree(i.ID)
	if err != nil || len(tree.Nodes) != 2000 {
		t.Fatalf("tree: %d nodes, %v", len(tree.Nodes), err)
	}
	js, _ := json.Marshal(tree)
	t.Logf("2,000-node tree: %d bytes", len(js))
	if len(js) > 1<<20 {
		t.Errorf("a 2,000-node tree is %d bytes; the bridge budget is 1 MB", len(js))
	}
}
