package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func mustCause(tb testing.TB, s *Store, inc string, in domain.CauseInput) *domain.CauseNode {
	tb.Helper()
	n, err := s.AddCause(context.Background(), inc, in)
	if err != nil {
		tb.Fatalf("AddCause(%q): %v", in.Statement, err)
	}
	return n
}

// outline renders an incident's tree as indented statements, one per line,
// and checks on the way that every sibling list is numbered 0..n-1.
func outline(t *testing.T, s *Store, inc string) string {
	t.Helper()
	tree, err := s.CauseTree(context.Background(), inc)
	if err != nil {
		t.Fatal(err)
	}
	next := map[string]int{}
	var b strings.Builder
	for _, n := range tree.Nodes {
		if n.Position != next[n.ParentID] {
			t.Errorf("%q has position %d, want %d (positions must stay dense)", n.Statement, n.Position, next[n.ParentID])
		}
		next[n.ParentID]++
		fmt.Fprintf(&b, "%s%s\n", strings.Repeat("  ", n.Depth), n.Statement)
	}
	return b.String()
}

// fiveWhys builds:
//
//	P
//	  A
//	    A1
//	    A2
//	  B
//	    B1
func fiveWhys(t *testing.T, s *Store, inc string) map[string]*domain.CauseNode {
	t.Helper()
	m := map[string]*domain.CauseNode{}
	m["P"] = mustCause(t, s, inc, domain.CauseInput{Statement: "P"})
	m["A"] = mustCause(t, s, inc, domain.CauseInput{ParentID: m["P"].ID, Statement: "A"})
	m["A1"] = mustCause(t, s, inc, domain.CauseInput{ParentID: m["A"].ID, Statement: "A1"})
	m["A2"] = mustCause(t, s, inc, domain.CauseInput{After: m["A1"].ID, Statement: "A2"})
	m["B"] = mustCause(t, s, inc, domain.CauseInput{ParentID: m["P"].ID, Statement: "B"})
	m["B1"] = mustCause(t, s, inc, domain.CauseInput{ParentID: m["B"].ID, Statement: "B1", Kind: "root cause"})
	return m
}

const fiveWhysOutline = "P\n  A\n    A1\n    A2\n  B\n    B1\n"

func TestAddCausesBuildsAnOrderedTree(t *testing.T) {
	s := mustOpen(t)
	inc := mustCreate(t, s, validInput())
	m := fiveWhys(t, s, inc.Ref())
	if got := outline(t, s, inc.Ref()); got != fiveWhysOutline {
		t.Errorf("tree:\n%s\nwant:\n%s", got, fiveWhysOutline)
	}
	if m["P"].Kind != domain.CauseProblem || m["A"].Kind != domain.CauseCause || m["B1"].Kind != domain.CauseRoot {
		t.Errorf("kinds = %s, %s, %s; want problem, cause, root", m["P"].Kind, m["A"].Kind, m["B1"].Kind)
	}
	if m["A2"].ParentID != m["A"].ID || m["A2"].Depth != 2 {
		t.Errorf("A2 added after A1: parent %q depth %d, want A's id and 2", m["A2"].ParentID, m["A2"].Depth)
	}
	// Position 0 puts a node first; one past the end is clamped.
	mustCause(t, s, inc.Ref(), domain.CauseInput{ParentID: m["P"].ID, Statement: "first", Position: ptr(0)})
	mustCause(t, s, inc.Ref(), domain.CauseInput{ParentID: m["P"].ID, Statement: "last", Position: ptr(99)})
	want := "P\n  first\n  A\n    A1\n    A2\n  B\n    B1\n  last\n"
	if got := outline(t, s, inc.Ref()); got != want {
		t.Errorf("tree:\n%s\nwant:\n%s", got, want)
	}
}

func TestBadCausesAreRefusedByField(t *testing.T) {
	s := mustOpen(t)
	inc := mustCreate(t, s, validInput())
	other := mustCreate(t, s, validInput())
	p := mustCause(t, s, inc.Ref(), domain.CauseInput{Statement: "P"})
	q := mustCause(t, s, other.Ref(), domain.CauseInput{Statement: "Q"})
	for _, tc := range []struct {
		name  string
		in    domain.CauseInput
		field string
	}{
		{"an empty statement", domain.CauseInput{Statement: "  "}, "statement"},
		{"a statement of two lines", domain.CauseInput{Statement: "a\nb"}, "statement"},
		{"a statement over the limit", domain.CauseInput{Statement: strings.Repeat("é", domain.MaxCauseStatement+1)}, "statement"},
		{"an unknown kind", domain.CauseInput{Statement: "x", Kind: "vibes"}, "kind"},
		{"an unknown parent", domain.CauseInput{Statement: "x", ParentID: "nope"}, "parentId"},
		{"a parent of another incident", domain.CauseInput{Statement: "x", ParentID: q.ID}, "parentId"},
		{"a sibling that is not the parent's child", domain.CauseInput{Statement: "x", ParentID: p.ID, After: p.ID}, "after"},
		{"a negative position", domain.CauseInput{Statement: "x", Position: ptr(-1)}, "position"},
	} {
		t.Run(tc.name+" is refused", func(t *testing.T) {
			_, err := s.AddCause(context.Background(), inc.Ref(), tc.in)
			e := wantCode(t, err, domain.EINVALID)
			if e.Fields[tc.field] == "" {
				t.Errorf("fields = %v, want one on %q", e.Fields, tc.field)
			}
		})
	}
	if got := outline(t, s, inc.Ref()); got != "P\n" {
		t.Errorf("after refused adds: %q, want only P", got)
	}
}

func TestMoveReparentsASubtreeAndKeepsPositionsDense(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput())
	m := fiveWhys(t, s, inc.Ref())
	moved, err := s.MoveCause(ctx, m["A"].ID, m["B"].ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if moved.ParentID != m["B"].ID || moved.Depth != 2 || moved.Version != 2 {
		t.Errorf("moved = parent %q depth %d version %d; want B, 2, 2", moved.ParentID, moved.Depth, moved.Version)
	}
	want := "P\n  B\n    A\n      A1\n      A2\n    B1\n"
	if got := outline(t, s, inc.Ref()); got != want {
		t.Errorf("after the move:\n%s\nwant:\n%s", got, want)
	}
	// To "" starts a new tree; a negative position is last.
	if _, err := s.MoveCause(ctx, m["A2"].ID, "", -1); err != nil {
		t.Fatal(err)
	}
	want = "P\n  B\n    A\n      A1\n    B1\nA2\n"
	if got := outline(t, s, inc.Ref()); got != want {
		t.Errorf("after the move to a new tree:\n%s\nwant:\n%s", got, want)
	}
}

func TestMoveRefusesCycles(t *testing.T) {
	s := mustOpen(t)
	inc := mustCreate(t, s, validInput())
	m := fiveWhys(t, s, inc.Ref())
	for _, tc := range []struct{ name, node, parent, words string }{
		{"under itself", "A", "A", "under itself"},
		{"under its child", "A", "A1", "loop"},
		{"under its grandchild", "P", "A2", "loop"},
	} {
		t.Run("a move "+tc.name+" is refused", func(t *testing.T) {
			_, err := s.MoveCause(context.Background(), m[tc.node].ID, m[tc.parent].ID, 0)
			e := wantCode(t, err, domain.EINVALID)
			if !strings.Contains(e.Fields["parentId"], tc.words) {
				t.Errorf("parentId = %q, want it to mention %q", e.Fields["parentId"], tc.words)
			}
		})
	}
	if got := outline(t, s, inc.Ref()); got != fiveWhysOutline {
		t.Errorf("after refused moves:\n%s", got)
	}
}

func TestDepthLimit(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput())
	parent := ""
	var chain []*domain.CauseNode
	for k := 1; k <= domain.MaxCauseDepth; k++ {
		n := mustCause(t, s, inc.Ref(), domain.CauseInput{ParentID: parent, Statement: fmt.Sprintf("level %d", k)})
		chain = append(chain, n)
		parent = n.ID
	}
	_, err := s.AddCause(ctx, inc.Ref(), domain.CauseInput{ParentID: parent, Statement: "one too deep"})
	if e := wantCode(t, err, domain.EINVALID); !strings.Contains(e.Fields["parentId"], "32 levels") {
		t.Errorf("parentId = %q", e.Fields["parentId"])
	}
	// A second tree of two levels cannot go under level 31.
	other := mustCause(t, s, inc.Ref(), domain.CauseInput{Statement: "other"})
	mustCause(t, s, inc.Ref(), domain.CauseInput{ParentID: other.ID, Statement: "other's child"})
	_, err = s.MoveCause(ctx, other.ID, chain[30].ID, 0)
	if e := wantCode(t, err, domain.EINVALID); !strings.Contains(e.Fields["parentId"], "at most 32") {
		t.Errorf("parentId = %q", e.Fields["parentId"])
	}
	if _, err := s.MoveCause(ctx, other.ID, chain[29].ID, 0); err != nil {
		t.Errorf("a move to exactly 32 levels: %v", err)
	}
}

func TestShiftsAsTheOutlineKeysMakeThem(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput())
	m := fiveWhys(t, s, inc.Ref())
	steps := []struct {
		node  string
		shift domain.CauseShift
		want  string
	}{
		{"B", domain.ShiftIndent, "P\n  A\n    A1\n    A2\n    B\n      B1\n"},
		{"B", domain.ShiftUp, "P\n  A\n    A1\n    B\n      B1\n    A2\n"},
		{"B", domain.ShiftOutdent, "P\n  A\n    A1\n    A2\n  B\n    B1\n"},
		{"A", domain.ShiftDown, "P\n  B\n    B1\n  A\n    A1\n    A2\n"},
		{"B1", domain.ShiftOutdent, "P\n  B\n  B1\n  A\n    A1\n    A2\n"},
	}
	for _, st := range steps {
		if _, err := s.ShiftCause(ctx, m[st.node].ID, st.shift); err != nil {
			t.Fatalf("%s %s: %v", st.shift, st.node, err)
		}
		if got := outline(t, s, inc.Ref()); got != st.want {
			t.Fatalf("after %s %s:\n%s\nwant:\n%s", st.shift, st.node, got, st.want)
		}
	}
	for _, tc := range []struct {
		node  string
		shift domain.CauseShift
	}{{"P", domain.ShiftOutdent}, {"B", domain.ShiftUp}, {"B", domain.ShiftIndent}, {"A", domain.ShiftDown}} {
		_, err := s.ShiftCause(ctx, m[tc.node].ID, tc.shift)
		if e := wantCode(t, err, domain.EINVALID); e.Fields["move"] == "" {
			t.Errorf("%s %s: fields %v, want one on move", tc.shift, tc.node, e.Fields)
		}
	}
}

func TestDeleteAsksThenDeletesTheSubtreeOrLiftsTheChildren(t *testing.T) {
	ctx := context.Background()
	t.Run("a node with children is not deleted without a mode", func(t *testing.T) {
		s := mustOpen(t)
		inc := mustCreate(t, s, validInput())
		m := fiveWhys(t, s, inc.Ref())
		e := wantCode(t, s.DeleteCause(ctx, m["A"].ID, ""), domain.ECONFLICT)
		if !strings.Contains(e.Message, "2 causes under it") {
			t.Errorf("message = %q", e.Message)
		}
		if got := outline(t, s, inc.Ref()); got != fiveWhysOutline {
			t.Errorf("tree changed:\n%s", got)
		}
		if err := s.DeleteCause(ctx, m["A2"].ID, ""); err != nil {
			t.Errorf("a leaf needs no mode: %v", err)
		}
	})
	t.Run("subtree deletes the node, its descendants and their evidence", func(t *testing.T) {
		s := mustOpen(t)
		inc := mustCreate(t, s, validInput())
		m := fiveWhys(t, s, inc.Ref())
		if _, err := s.AddEvidence(ctx, m["A1"].ID, domain.EvidenceInput{URL: "https://grafana.example.com/d/1"}); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteCause(ctx, m["A"].ID, domain.DeleteSubtree); err != nil {
			t.Fatal(err)
		}
		if got, want := outline(t, s, inc.Ref()), "P\n  B\n    B1\n"; got != want {
			t.Errorf("tree:\n%s\nwant:\n%s", got, want)
		}
		if n := count(t, s, "SELECT count(*) FROM cause_evidence"); n != 0 {
			t.Errorf("evidence left: %d", n)
		}
	})
	t.Run("lift puts the children in the node's place, in order", func(t *testing.T) {
		s := mustOpen(t)
		inc := mustCreate(t, s, validInput())
		m := fiveWhys(t, s, inc.Ref())
		if err := s.DeleteCause(ctx, m["A"].ID, domain.DeleteLift); err != nil {
			t.Fatal(err)
		}
		if got, want := outline(t, s, inc.Ref()), "P\n  A1\n  A2\n  B\n    B1\n"; got != want {
			t.Errorf("tree:\n%s\nwant:\n%s", got, want)
		}
		// Lifting the children of a tree's start makes them trees.
		if err := s.DeleteCause(ctx, m["P"].ID, domain.DeleteLift); err != nil {
			t.Fatal(err)
		}
		if got, want := outline(t, s, inc.Ref()), "A1\nA2\nB\n  B1\n"; got != want {
			t.Errorf("tree:\n%s\nwant:\n%s", got, want)
		}
	})
	t.Run("an unknown mode is refused", func(t *testing.T) {
		s := mustOpen(t)
		inc := mustCreate(t, s, validInput())
		m := fiveWhys(t, s, inc.Ref())
		wantCode(t, s.DeleteCause(ctx, m["A"].ID, "everything"), domain.EINVALID)
	})
}

func TestUpdateCauseChecksTheVersion(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput())
	n := mustCause(t, s, inc.Ref(), domain.CauseInput{Statement: "Checkout returned 502s"})
	got, err := s.UpdateCause(ctx, n.ID, domain.CauseInput{Statement: "Checkout returned 502s for 40 minutes", Notes: "see *graphs*"}, n.Version)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 2 || got.Kind != domain.CauseProblem || got.Notes != "see *graphs*" {
		t.Errorf("updated = %+v; want version 2, kind kept", got)
	}
	_, err = s.UpdateCause(ctx, n.ID, domain.CauseInput{Statement: "stale"}, n.Version)
	wantCode(t, err, domain.ECONFLICT)
	same, err := s.UpdateCause(ctx, n.ID, domain.CauseInput{Statement: got.Statement, Notes: got.Notes}, 0)
	if err != nil || same.Version != 2 {
		t.Errorf("an update that changes nothing: version %d, %v; want 2 and no error", same.Version, err)
	}
}

func TestEvidenceAndLinkedActionsShowOnTheTreeAndGuideIt(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput())
	other := mustCreate(t, s, validInput())
	m := fiveWhys(t, s, inc.Ref())
	ev := mustAdd(t, s, inc.Ref(), event("2026-11-20 09:05", "deploy 4412 went out"))
	otherEv := mustAdd(t, s, other.Ref(), event("2026-11-20 09:05", "elsewhere"))

	if _, err := s.AddEvidence(ctx, m["A1"].ID, domain.EvidenceInput{EventID: ev.ID, Note: "the trigger"}); err != nil {
		t.Fatal(err)
	}
	_, err := s.AddEvidence(ctx, m["A1"].ID, domain.EvidenceInput{EventID: otherEv.ID})
	if e := wantCode(t, err, domain.EINVALID); !strings.Contains(e.Fields["eventId"], "another incident") {
		t.Errorf("eventId = %q", e.Fields["eventId"])
	}
	_, err = s.AddEvidence(ctx, m["A1"].ID, domain.EvidenceInput{Kind: "url", URL: "javascript:alert(1)"})
	wantCode(t, err, domain.EINVALID)

	act := mustAction(t, s, domain.ActionInput{Title: "Alert on pool saturation", Incident: inc.Ref()})
	loose := mustAction(t, s, domain.ActionInput{Title: "From a meeting"})
	foreign := mustAction(t, s, domain.ActionInput{Title: "Elsewhere", Incident: other.Ref()})
	linked, err := s.LinkAction(ctx, act.Ref(), m["B1"].ID)
	if err != nil || linked.CauseNodeID != m["B1"].ID {
		t.Fatalf("LinkAction = %+v, %v", linked, err)
	}
	if _, err := s.LinkAction(ctx, loose.Ref(), m["A2"].ID); err != nil {
		t.Errorf("an action of no incident may answer a cause: %v", err)
	}
	_, err = s.LinkAction(ctx, foreign.Ref(), m["A2"].ID)
	if e := wantCode(t, err, domain.EINVALID); e.Fields["action"] == "" {
		t.Errorf("fields = %v", e.Fields)
	}

	tree, err := s.CauseTree(ctx, inc.Ref())
	if err != nil {
		t.Fatal(err)
	}
	byStatement := map[string]domain.CauseNode{}
	for _, n := range tree.Nodes {
		byStatement[n.Statement] = n
	}
	if e := byStatement["A1"].Evidence; len(e) != 1 || e[0].EventID != ev.ID || e[0].Note != "the trigger" {
		t.Errorf("A1 evidence = %+v", e)
	}
	if a := byStatement["B1"].Actions; len(a) != 1 || a[0].Ref != act.Ref() {
		t.Errorf("B1 actions = %+v", a)
	}
	var flagged []string
	for _, f := range domain.Guidance(tree.Nodes) {
		for _, n := range tree.Nodes {
			if n.ID == f.NodeID {
				flagged = append(flagged, n.Statement+":"+string(f.Kind))
			}
		}
	}
	if got, want := strings.Join(flagged, " "), "A1:symptom"; got != want {
		t.Errorf("flags = %s, want %s (A2 has an action, B1 is an answered root cause)", got, want)
	}

	// Deleting the event hides its evidence; deleting the node unlinks
	// the action and keeps it.
	if err := s.DeleteEvent(ctx, ev.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteCause(ctx, m["B"].ID, domain.DeleteSubtree); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetAction(ctx, act.Ref())
	if err != nil || got.CauseNodeID != "" {
		t.Errorf("action after its cause was deleted: %+v, %v; want it kept, unlinked", got, err)
	}
	if tree, _ = s.CauseTree(ctx, inc.Ref()); len(tree.Nodes[2].Evidence) != 0 {
		t.Errorf("evidence of a deleted event is still shown: %+v", tree.Nodes[2])
	}
	if unlinked, err := s.LinkAction(ctx, loose.Ref(), ""); err != nil || unlinked.CauseNodeID != "" {
		t.Errorf("unlink: %+v, %v", unlinked, err)
	}
}

func TestCausesGoWithTheirIncident(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput())
	m := fiveWhys(t, s, inc.Ref())
	if _, err := s.AddEvidence(ctx, m["A"].ID, domain.EvidenceInput{URL: "https://example.com/x"}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteIncident(ctx, inc.Ref()); err != nil {
		t.Fatal(err)
	}
	_, err := s.CauseTree(ctx, inc.Ref())
	wantCode(t, err, domain.ENOTFOUND)
	_, err = s.UpdateCause(ctx, m["A"].ID, domain.CauseInput{Statement: "x"}, 0)
	wantCode(t, err, domain.ENOTFOUND)
	if err := s.PurgeIncident(ctx, inc.Ref()); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "SELECT count(*) FROM cause_nodes") + count(t, s, "SELECT count(*) FROM cause_evidence"); n != 0 {
		t.Errorf("%d cause rows left after the purge", n)
	}
}

func TestImportCausesAddsTreesAfterTheExistingOnes(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput())
	mustCause(t, s, inc.Ref(), domain.CauseInput{Statement: "existing"})
	trees := []domain.CauseOutline{{Line: 1, Kind: domain.CauseProblem, Statement: "P", Children: []domain.CauseOutline{
		{Line: 2, Kind: domain.CauseCause, Statement: "A", Children: []domain.CauseOutline{{Line: 3, Kind: domain.CauseRoot, Statement: "R"}}},
		{Line: 4, Kind: domain.CauseTrigger, Statement: "T"},
	}}}
	n, err := s.ImportCauses(ctx, inc.Ref(), trees)
	if err != nil || n != 4 {
		t.Fatalf("ImportCauses = %d, %v; want 4", n, err)
	}
	if got, want := outline(t, s, inc.Ref()), "existing\nP\n  A\n    R\n  T\n"; got != want {
		t.Errorf("tree:\n%s\nwant:\n%s", got, want)
	}
	trees[0].Children[1].Statement = ""
	_, err = s.ImportCauses(ctx, inc.Ref(), trees)
	if e := wantCode(t, err, domain.EINVALID); !strings.Contains(e.Message, "line 4") {
		t.Errorf("message = %q, want it to name line 4", e.Message)
	}
	if got := count(t, s, "SELECT count(*) FROM cause_nodes"); got != 5 {
		t.Errorf("%d nodes after a refused import, want 5", got)
	}
}

// seedCauseTree adds a tree of n nodes, each node with up to 4 children,
// breadth first, in one import.
func seedCauseTree(tb testing.TB, s *Store, inc string, n int) {
	tb.Helper()
	nodes := make([]domain.CauseOutline, n)
	for k := range nodes {
		nodes[k] = domain.CauseOutline{Line: k + 1, Kind: domain.CauseCause, Statement: fmt.Sprintf("Because of reason number %d, which took a while to find", k)}
	}
	// Build bottom-up so each parent copies its finished children.
	for k := n - 1; k > 0; k-- {
		p := (k - 1) / 4
		nodes[p].Children = append([]domain.CauseOutline{nodes[k]}, nodes[p].Children...)
	}
	if _, err := s.ImportCauses(context.Background(), inc, nodes[:1]); err != nil {
		tb.Fatal(err)
	}
}

func BenchmarkCauseTree(b *testing.B) {
	s := mustOpen(b)
	inc := mustCreate(b, s, validInput())
	seedCauseTree(b, s, inc.Ref(), 2000)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		tree, err := s.CauseTree(ctx, inc.Ref())
		if err != nil || len(tree.Nodes) != 2000 {
			b.Fatalf("CauseTree: %d nodes, %v", len(tree.Nodes), err)
		}
		_ = domain.Guidance(tree.Nodes)
	}
}

func BenchmarkCauseEdit(b *testing.B) {
	s := mustOpen(b)
	inc := mustCreate(b, s, validInput())
	seedCauseTree(b, s, inc.Ref(), 2000)
	ctx := context.Background()
	tree, err := s.CauseTree(ctx, inc.Ref())
	if err != nil {
		b.Fatal(err)
	}
	target := tree.Nodes[len(tree.Nodes)/2]
	b.Run("update a statement", func(b *testing.B) {
		k := 0
		for b.Loop() {
			k++
			if _, err := s.UpdateCause(ctx, target.ID, domain.CauseInput{Statement: fmt.Sprintf("edited %d", k)}, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Two round trips per op: the delete keeps the tree under the limit
	// however many times the loop runs.
	b.Run("add then delete a sibling", func(b *testing.B) {
		for b.Loop() {
			n, err := s.AddCause(ctx, inc.Ref(), domain.CauseInput{After: target.ID, Statement: "a new why"})
			if err != nil {
				b.Fatal(err)
			}
			if err := s.DeleteCause(ctx, n.ID, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestAnActionCreatedFromACauseIsLinkedInOneStep(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput())
	other := mustCreate(t, s, validInput())
	m := fiveWhys(t, s, inc.Ref())
	a := mustAction(t, s, domain.ActionInput{Title: "Lint pool settings", CauseNodeID: m["B1"].ID})
	if a.CauseNodeID != m["B1"].ID || a.IncidentID != inc.ID {
		t.Errorf("action = node %q incident %q; want B1 and the node's incident", a.CauseNodeID, a.IncidentID)
	}
	_, err := s.CreateAction(ctx, domain.ActionInput{Title: "x", Incident: other.Ref(), CauseNodeID: m["B1"].ID, Zone: "UTC"})
	if e := wantCode(t, err, domain.EINVALID); e.Fields["causeNodeId"] == "" {
		t.Errorf("fields = %v", e.Fields)
	}
	// An update keeps the link; moving the action to another incident
	// drops it.
	in := a.Input()
	in.Title = "Lint pool settings in CI"
	if got, err := s.UpdateAction(ctx, a.Ref(), in, 0); err != nil || got.CauseNodeID != m["B1"].ID {
		t.Errorf("after an update: %q, %v; want the link kept", got.CauseNodeID, err)
	}
	in.Incident = other.Ref()
	if got, err := s.UpdateAction(ctx, a.Ref(), in, 0); err != nil || got.CauseNodeID != "" {
		t.Errorf("after moving to another incident: %q, %v; want no link", got.CauseNodeID, err)
	}
}
