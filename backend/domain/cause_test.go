package domain

import (
	"strings"
	"testing"
)

func TestParseCauseKindAcceptsTheWaysPeopleWriteThem(t *testing.T) {
	for in, want := range map[string]CauseKind{
		"root": CauseRoot, "Root Cause": CauseRoot, "root-cause": CauseRoot, "ROOT_CAUSE": CauseRoot,
		"contributing factor": CauseContributing, "Contributing": CauseContributing,
		"problem": CauseProblem, "cause": CauseCause, "why": CauseCause, " trigger ": CauseTrigger,
	} {
		if got, err := ParseCauseKind(in); err != nil || got != want {
			t.Errorf("ParseCauseKind(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseCauseKind("symptom"); err == nil || !strings.Contains(err.Error(), "use problem, cause") {
		t.Errorf("an unknown kind: %v", err)
	}
}

func TestCauseInputValidateNamesEachField(t *testing.T) {
	neg := -1
	for _, tc := range []struct {
		name  string
		in    CauseInput
		field string
		words string
	}{
		{"an empty statement", CauseInput{Statement: " \t"}, "statement", "is required"},
		{"a statement of two lines", CauseInput{Statement: "a\r\nb"}, "statement", "one line"},
		{"a statement of 1,001 characters", CauseInput{Statement: strings.Repeat("ü", MaxCauseStatement+1)}, "statement", "the limit is 1000"},
		{"invalid UTF-8", CauseInput{Statement: "a\xffb"}, "statement", "UTF-8"},
		{"an unknown kind", CauseInput{Statement: "x", Kind: "guess"}, "kind", "unknown kind"},
		{"notes over the limit", CauseInput{Statement: "x", Notes: strings.Repeat("n", MaxCauseNotes+1)}, "notes", "the limit"},
		{"a negative position", CauseInput{Statement: "x", Position: &neg}, "position", "zero or positive"},
	} {
		t.Run(tc.name+" is refused", func(t *testing.T) {
			_, err := tc.in.Validate()
			var e *Error
			if ErrorCode(err) != EINVALID {
				t.Fatalf("error = %v, want EINVALID", err)
			}
			e = err.(*Error)
			if !strings.Contains(e.Fields[tc.field], tc.words) {
				t.Errorf("fields = %v, want %s to say %q", e.Fields, tc.field, tc.words)
			}
		})
	}
	d, err := CauseInput{Statement: "  The pool was exhausted  ", Kind: "Root cause", Notes: "see *this*\n\n"}.Validate()
	if err != nil || d.Statement != "The pool was exhausted" || d.Kind != CauseRoot || d.Notes != "see *this*" {
		t.Errorf("Validate = %+v, %v", d, err)
	}
}

func TestEvidenceInputValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    EvidenceInput
		field string
	}{
		{"an event without an id", EvidenceInput{Kind: "event"}, "eventId"},
		{"a javascript: link", EvidenceInput{Kind: "url", URL: "javascript:alert(1)"}, "url"},
		{"a link without a scheme", EvidenceInput{URL: "grafana/d/1"}, "url"},
		{"a snapshot, not yet supported", EvidenceInput{Kind: "snapshot"}, "kind"},
		{"nothing at all", EvidenceInput{}, "kind"},
		{"an unknown kind", EvidenceInput{Kind: "rumour"}, "kind"},
	} {
		t.Run(tc.name+" is refused", func(t *testing.T) {
			_, err := tc.in.Validate()
			if e, ok := err.(*Error); !ok || e.Fields[tc.field] == "" {
				t.Errorf("error = %v, want one on %s", err, tc.field)
			}
		})
	}
	e, err := EvidenceInput{URL: " https://grafana.example.com/d/1 ", Note: "p99"}.Validate()
	if err != nil || e.Kind != EvidenceURL || e.URL != "https://grafana.example.com/d/1" {
		t.Errorf("Validate = %+v, %v; want a url kind inferred", e, err)
	}
}

func TestGuidanceFlagsBranchesThatStopShort(t *testing.T) {
	act := func(s ActionStatus) []CauseNodeAction { return []CauseNodeAction{{ID: "a", Status: s}} }
	nodes := []CauseNode{
		{ID: "p", Kind: CauseProblem},
		{ID: "a", ParentID: "p", Kind: CauseCause},
		{ID: "a1", ParentID: "a", Kind: CauseCause},                                  // leaf, unanswered: symptom
		{ID: "a2", ParentID: "a", Kind: CauseContributing, Actions: act(ActionOpen)}, // answered
		{ID: "r", ParentID: "p", Kind: CauseRoot},                                    // root, no action
		{ID: "r2", ParentID: "p", Kind: CauseRoot, Actions: act(ActionDone)},         // answered root
		{ID: "t", ParentID: "p", Kind: CauseTrigger, Actions: act(ActionWontDo)},     // won't do answers nothing
	}
	var got []string
	for _, f := range Guidance(nodes) {
		got = append(got, f.NodeID+":"+string(f.Kind))
	}
	if want := "a1:symptom r:unanswered_root t:symptom"; strings.Join(got, " ") != want {
		t.Errorf("flags = %v, want %s", got, want)
	}
	if f := Guidance(nil); f == nil || len(f) != 0 {
		t.Errorf("Guidance(nil) = %#v, want an empty list", f)
	}
	if !strings.Contains(Guidance(nodes)[0].Message, "this branch stops at a symptom") {
		t.Errorf("message = %q", Guidance(nodes)[0].Message)
	}
}

func TestCountOutline(t *testing.T) {
	trees := []CauseOutline{{Children: []CauseOutline{{Children: []CauseOutline{{}}}, {}}}, {}}
	if n, d := CountOutline(trees); n != 5 || d != 3 {
		t.Errorf("CountOutline = %d nodes, depth %d; want 5, 3", n, d)
	}
}
