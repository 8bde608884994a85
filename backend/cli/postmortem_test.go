package cli

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/backend/postmortem"
)

// postmortemOf shows the incident's postmortem as JSON and decodes it.
func (w *world) postmortemOf(ref string) postmortemJSON {
	w.t.Helper()
	var pm postmortemJSON
	out := w.ok("postmortem", "show", ref, "--json")
	if err := json.Unmarshal([]byte(out), &pm); err != nil {
		w.t.Fatalf("postmortem show --json: %v in %q", err, out)
	}
	return pm
}

// resolvedIncident creates a SEV1 incident resolved on 2026-06-01, so its
// review (3 days) is overdue on the test clock's 2026-06-15.
func resolvedIncident(w *world) {
	w.t.Helper()
	w.ok("incident", "create", "--title", "Checkout 502s", "--severity", "SEV1", "--status", "resolved",
		"--commander", "Dana Reyes", "--started", "2026-06-01T10:00:00Z", "--detected", "2026-06-01T10:05:00Z",
		"--resolved", "2026-06-01T11:00:00Z")
}

func TestAPostmortemGoesFromTemplateToPublished(t *testing.T) {
	w := newWorld(t)
	resolvedIncident(w)

	out := w.ok("postmortem", "create", "INC-0001", "--template", "sre")
	if want := "Created the postmortem of INC-0001: Postmortem: Checkout 502s (Draft)\n"; out != want {
		t.Errorf("create: got %q, want %q", out, want)
	}
	sre, _ := postmortem.FindTemplate("sre", nil)
	if got := w.ok("postmortem", "show", "inc-1"); got != sre.Body {
		t.Errorf("show: got %q, want the sre template's body as it is", got)
	}
	rendered := w.ok("postmortem", "show", "INC-0001", "--rendered", "--tz", "UTC")
	if !strings.Contains(rendered, "# INC-0001 Checkout 502s") || strings.Contains(rendered, "{{") {
		t.Errorf("show --rendered: got %q, want the placeholders filled", rendered)
	}

	body := "# Checkout 502s\n\nThe outage was human error.\n\n## Timeline\n\n{{timeline}}\n"
	file := writeFile(t, w.dir, "pm.md", body)
	if out := w.ok("postmortem", "edit", "INC-0001", "--file", file, "--revision", "--note", "First draft"); !strings.HasPrefix(out, "Saved the postmortem of INC-0001") {
		t.Errorf("edit: got %q", out)
	}
	pm := w.postmortemOf("INC-0001")
	if pm.Body != body || pm.Version != 2 || pm.Status != "draft" || pm.Template != "sre" {
		t.Errorf("after edit: got body %q, version %d, status %s, template %q; want the file's body, 2, draft, sre",
			pm.Body, pm.Version, pm.Status, pm.Template)
	}
	revs := w.ok("postmortem", "revisions", "INC-0001", "--tz", "UTC")
	if !strings.Contains(revs, "First draft") || !strings.Contains(revs, "2026-06-15 12:00 UTC") {
		t.Errorf("revisions: got %q, want the kept revision with its note", revs)
	}

	r := w.run("", "postmortem", "hints", "INC-0001")
	if r.code != 1 || r.stdout != "3:16  human error — describe the conditions that made the mistake easy\n" {
		t.Errorf("hints: got exit %d, %q; want 1 and the hint at 3:16", r.code, r.stdout)
	}
	checkOneErrorLine(t, r.stderr, "1 blameless-language hint", "INC-0001")

	out = w.ok("postmortem", "submit", "INC-0001", "--reviewer", "Ana Lima", "--reviewer", "Sam Okafor")
	if want := "Submitted the postmortem of INC-0001 for review by Ana Lima, Sam Okafor\n"; out != want {
		t.Errorf("submit: got %q, want %q", out, want)
	}
	w.fails(2, []string{"status", "In review"}, "postmortem", "edit", "INC-0001", "--file", file)
	out = w.ok("postmortem", "review", "INC-0001", "--as", "ana lima", "--approve")
	if !strings.Contains(out, "still in review, waiting for Sam Okafor") {
		t.Errorf("first approval: got %q, want it still in review", out)
	}
	if got := w.postmortemOf("INC-0001").Status; got != "in_review" {
		t.Errorf("after one approval: got %s, want in_review", got)
	}
	w.fails(2, []string{"status", "Approved"}, "postmortem", "publish", "INC-0001")
	out = w.ok("postmortem", "review", "INC-0001", "--as", "Sam Okafor", "--approve")
	if !strings.Contains(out, "it is Approved") {
		t.Errorf("second approval: got %q, want it approved", out)
	}
	if got := w.postmortemOf("INC-0001").Status; got != "approved" {
		t.Errorf("after both approvals: got %s, want approved", got)
	}
	if out := w.ok("postmortem", "publish", "INC-0001"); !strings.Contains(out, "Published the postmortem of INC-0001") {
		t.Errorf("publish: got %q", out)
	}

	var list []postmortemSummaryJSON
	if err := json.Unmarshal([]byte(w.ok("postmortem", "list", "--json", "--tz", "UTC")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Incident != "INC-0001" || list[0].Status != "published" || list[0].Overdue {
		t.Errorf("list: got %+v, want INC-0001 published, not overdue", list)
	}
	if out := w.ok("postmortem", "list", "--status", "published", "--tz", "UTC"); !strings.Contains(out, "INC-0001") || !strings.Contains(out, "published") {
		t.Errorf("list --status published: got %q", out)
	}
	if out := w.ok("postmortem", "list", "--overdue", "--tz", "UTC"); out != "no postmortems match\n" {
		t.Errorf("list --overdue of a published postmortem: got %q, want none", out)
	}
	w.ok("postmortem", "reopen", "INC-0001", "--comment", "Add the metrics")
	if got := w.postmortemOf("INC-0001").Status; got != "draft" {
		t.Errorf("after reopen: got %s, want draft", got)
	}
}

func TestChangesSendAPostmortemBackAndWithdrawToo(t *testing.T) {
	w := newWorld(t)
	resolvedIncident(w)
	w.ok("postmortem", "create", "INC-0001", "--template", "short")
	w.ok("postmortem", "submit", "INC-0001", "--reviewer", "Ana Lima,Sam Okafor")
	w.fails(2, []string{"changes:", "say what to change"}, "postmortem", "review", "INC-0001", "--as", "Ana Lima", "--changes", " ")
	w.fails(2, []string{"as:", "Zed", "not a reviewer"}, "postmortem", "review", "INC-0001", "--as", "Zed", "--approve")
	w.fails(2, []string{"approve:", "--approve", "--changes"}, "postmortem", "review", "INC-0001", "--as", "Ana Lima")
	w.fails(2, []string{"as:", "required"}, "postmortem", "review", "INC-0001", "--approve")
	out := w.ok("postmortem", "review", "INC-0001", "--as", "Ana Lima", "--changes", "Add the pool metrics")
	if !strings.Contains(out, "back to Draft") {
		t.Errorf("changes: got %q", out)
	}
	w.fails(2, []string{"status", "Draft", "withdrawn"}, "postmortem", "withdraw", "INC-0001")
	w.ok("postmortem", "submit", "INC-0001", "--reviewer", "Ana Lima")
	if out := w.ok("postmortem", "withdraw", "INC-0001"); !strings.Contains(out, "Withdrew the postmortem of INC-0001") {
		t.Errorf("withdraw: got %q", out)
	}
	w.fails(2, []string{"status", "Draft", "reopened"}, "postmortem", "reopen", "INC-0001")
}

func TestPostmortemBadInput(t *testing.T) {
	w := newWorld(t)
	resolvedIncident(w)
	w.fails(3, []string{"INC-0001", "no postmortem"}, "postmortem", "show", "INC-0001")
	w.fails(2, []string{"template:", "nope", "sre or short"}, "postmortem", "create", "INC-0001", "--template", "nope")
	w.fails(3, []string{"INC-0009"}, "postmortem", "create", "INC-0009")
	w.ok("postmortem", "create", "INC-0001")
	w.fails(4, []string{"already has a postmortem"}, "postmortem", "create", "INC-0001")
	w.fails(2, []string{"file:", "required"}, "postmortem", "edit", "INC-0001")
	w.fails(2, []string{"file:", "missing.md"}, "postmortem", "edit", "INC-0001", "--file", filepath.Join(w.dir, "missing.md"))
	w.fails(2, []string{"reviewer:"}, "postmortem", "submit", "INC-0001")
	w.fails(2, []string{"status:", "bogus"}, "postmortem", "list", "--status", "bogus")
	w.fails(2, []string{"status", "Draft", "published"}, "postmortem", "publish", "INC-0001")

	// Edit from stdin; the same text again saves nothing.
	r := w.run("# New\n\nText.\n", "postmortem", "edit", "INC-0001", "--file", "-")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "Saved") {
		t.Errorf("edit from stdin: got exit %d, %q, %q", r.code, r.stdout, r.stderr)
	}
	r = w.run("# New\n\nText.\n", "postmortem", "edit", "INC-0001", "--file", "-")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "Nothing changed in") {
		t.Errorf("same edit again: got exit %d, %q, %q", r.code, r.stdout, r.stderr)
	}
	if got := w.ok("postmortem", "show", "INC-0001"); got != "# New\n\nText.\n" {
		t.Errorf("show after edit: got %q, want the text as saved", got)
	}
	r = w.run("Dana forgot the canary.\n", "postmortem", "edit", "INC-0001", "--file", "-")
	if r.code != 0 {
		t.Fatalf("edit: exit %d, %q", r.code, r.stderr)
	}
	if r := w.run("", "postmortem", "hints", "INC-0001"); r.code != 1 || !strings.HasPrefix(r.stdout, "1:1  Dana forgot — ") {
		t.Errorf("hints on the commander as the subject of a failure: got exit %d, %q", r.code, r.stdout)
	}
	r = w.run("# New\n\nText.\n", "postmortem", "edit", "INC-0001", "--file", "-")
	if r := w.run("", "postmortem", "hints", "INC-0001"); r.code != 0 || r.stdout != "" {
		t.Errorf("hints on blameless text: got exit %d, %q, %q; want 0 and nothing", r.code, r.stdout, r.stderr)
	}
}

func TestAnOverdueReviewIsListedAndExits1(t *testing.T) {
	w := newWorld(t)
	resolvedIncident(w)
	w.ok("postmortem", "create", "INC-0001")
	r := w.run("", "postmortem", "list", "--overdue", "--tz", "UTC")
	if r.code != 1 || !strings.Contains(r.stdout, "2026-06-04 (overdue)") {
		t.Errorf("list --overdue: got exit %d, %q; want 1 and the review due 2026-06-04", r.code, r.stdout)
	}
	checkOneErrorLine(t, r.stderr, "1 postmortem review overdue")
}

func TestTemplatesListsTheBuiltInOnes(t *testing.T) {
	w := newWorld(t)
	var got []templateJSON
	if err := json.Unmarshal([]byte(w.ok("postmortem", "templates", "--json")), &got); err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, tm := range got {
		names = append(names, tm.Name)
	}
	if want := []string{"sre", "short"}; !reflect.DeepEqual(names, want) {
		t.Errorf("templates: got %v, want %v", names, want)
	}
	if out := w.ok("postmortem", "templates"); !strings.HasPrefix(out, "NAME") || !strings.Contains(out, "SRE postmortem") {
		t.Errorf("templates: got %q", out)
	}
}

func TestTheDemoHasADraftPostmortem(t *testing.T) {
	w := newWorld(t)
	w.ok("demo")
	pm := w.postmortemOf("INC-0001")
	sre, _ := postmortem.FindTemplate("sre", nil)
	if pm.Status != "draft" || pm.Template != "sre" || pm.Body != sre.Body {
		t.Errorf("demo postmortem: got %s from %q, want a draft of the sre template", pm.Status, pm.Template)
	}
	if out := w.ok("postmortem", "show", "INC-0001", "--rendered", "--tz", "UTC"); !strings.Contains(out, "Checkout API returned 502s") {
		t.Errorf("show --rendered: got %q", out)
	}
}

func TestYourOwnTemplatesAndPhrases(t *testing.T) {
	w := newWorld(t)
	resolvedIncident(w)

	body := "# {{incident.ref}} security review\n\n## Exposure\n\n{{timeline}}\n"
	if r := w.run(body, "postmortem", "template", "save", "Security", "--file", "-", "--title", "Security review"); r.code != 0 ||
		r.stdout != "Added the template security: Security review\n" {
		t.Fatalf("template save: got exit %d, %q, %q", r.code, r.stdout, r.stderr)
	}
	if out := w.ok("postmortem", "templates"); !strings.Contains(out, "security") || !strings.Contains(out, "sre") {
		t.Errorf("templates: got %q, want yours and the built-in ones", out)
	}
	// A template with a misspelt placeholder is refused, naming the line,
	// and the saved list is unchanged.
	r := w.run("Intro\n\n{{timelime}}\n", "postmortem", "template", "save", "bad", "--file", "-")
	if r.code != 2 {
		t.Fatalf("template with an unknown placeholder: got exit %d, %q", r.code, r.stderr)
	}
	checkOneErrorLine(t, r.stderr, "file: line 3", "{{timelime}}")
	if out := w.ok("postmortem", "templates"); strings.Contains(out, "bad") {
		t.Errorf("a refused template was saved: %q", out)
	}
	w.fails(2, []string{"name", "lower-case"}, "postmortem", "template", "save", "no spaces", "--file", "/dev/null")

	out := w.ok("postmortem", "create", "INC-0001", "--template", "security")
	if !strings.Contains(out, "Created") {
		t.Fatalf("create from your template: %q", out)
	}
	if got := w.postmortemOf("INC-0001"); got.Body != body || got.Template != "security" {
		t.Errorf("created from security: got template %q, body %q", got.Template, got.Body)
	}
	w.ok("postmortem", "template", "remove", "security")
	w.fails(3, []string{"security"}, "postmortem", "template", "remove", "security")

	// Phrases: the default list, then one of the team's own.
	if out := w.ok("postmortem", "phrases"); !strings.HasPrefix(out, "# Hindsight's default list") || !strings.Contains(out, "human error => ") {
		t.Errorf("phrases: got %q", out)
	}
	w.run("The rollout was rushed.\n", "postmortem", "edit", "INC-0001", "--file", "-")
	if r := w.run("", "postmortem", "hints", "INC-0001"); r.code != 0 {
		t.Errorf("hints before the phrase is configured: exit %d, %q", r.code, r.stdout)
	}
	if r := w.run("# ours\nrushed => describe the time pressure and where it came from\n", "postmortem", "phrases", "--file", "-"); r.code != 0 || r.stdout != "Saved 1 phrase\n" {
		t.Fatalf("phrases --file: got exit %d, %q, %q", r.code, r.stdout, r.stderr)
	}
	if r := w.run("", "postmortem", "hints", "INC-0001"); r.code != 1 || !strings.HasPrefix(r.stdout, "1:17  rushed — describe the time pressure") {
		t.Errorf("hints with the team's phrase: got exit %d, %q", r.code, r.stdout)
	}
	r = w.run("=> nothing before\n", "postmortem", "phrases", "--file", "-")
	if r.code != 2 {
		t.Fatalf("bad phrase list: exit %d", r.code)
	}
	checkOneErrorLine(t, r.stderr, "file: line 1")
	w.ok("postmortem", "phrases", "--reset")
	if out := w.ok("postmortem", "phrases"); !strings.HasPrefix(out, "# Hindsight's default list") {
		t.Errorf("phrases after --reset: %q", out)
	}
}
