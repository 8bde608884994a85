package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func newPostmortemsAPIForTest(t *testing.T) (*PostmortemsAPI, *IncidentsAPI) {
	t.Helper()
	inc, _, _ := newAPI(t)
	cfg := inc.cfg
	cfg.Metrics = cfg.Incidents.(domain.MetricService)
	cfg.Postmortems = cfg.Incidents.(domain.PostmortemService)
	cfg.Clock = func() time.Time { return time.Date(2026, 6, 15, 9, 0, 0, 0, time.UTC) }
	return newPostmortemsAPI(cfg), &IncidentsAPI{cfg: cfg}
}

func fieldsOf(t *testing.T, err error) map[string]string {
	t.Helper()
	ui := toUIError(nil, err)
	if ui.Code != string(domain.EINVALID) {
		t.Fatalf("got %v, want EINVALID", err)
	}
	return ui.Fields
}

func TestAPostmortemIsWrittenPreviewedReviewedAndExported(t *testing.T) {
	p, inc := newPostmortemsAPIForTest(t)
	i, err := inc.Create(domain.IncidentInput{Title: "Checkout 502s", Severity: "SEV1", Status: "resolved", Commander: "Dana Reyes",
		StartedAt: "2026-06-01T10:00:00Z", DetectedAt: "2026-06-01T10:05:00Z", ResolvedAt: "2026-06-01T11:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Get(i.Ref); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("Get before create = %v, want ENOTFOUND", err)
	}
	if f := fieldsOf(t, func() error { _, err := p.Create(i.Ref, "nope", ""); return err }()); !strings.Contains(f["template"], "nope") {
		t.Errorf("unknown template: fields %v", f)
	}
	v, err := p.Create(i.Ref, "sre", "")
	if err != nil {
		t.Fatal(err)
	}
	// SEV1 resolved on 1 June is due 3 days later, overdue on the 15th.
	if v.Status != "draft" || v.DueDate != "2026-06-04" || !v.Overdue || v.IncidentRef != i.Ref || v.Version == 0 {
		t.Errorf("created: %+v", v)
	}
	body := v.Body + "\nThe rollout was human error.\n"
	saved, err := p.Save(v.ID, domain.PostmortemEdit{Title: v.Title, Body: body}, v.Version)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Save(v.ID, domain.PostmortemEdit{Title: v.Title, Body: "stale"}, v.Version); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("a save naming an old version = %v, want ECONFLICT", err)
	}
	pv, err := p.Preview(i.Ref, body)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pv.HTML, "Checkout 502s") || !strings.Contains(pv.HTML, "<table>") || len(pv.Problems) != 0 {
		t.Errorf("preview: problems %v, html %.300s", pv.Problems, pv.HTML)
	}
	if len(pv.Hints) != 1 || pv.Hints[0].Phrase != "human error" {
		t.Errorf("hints: %+v", pv.Hints)
	}
	pv, _ = p.Preview(i.Ref, "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n{{incident.nope}}\n")
	if strings.Contains(pv.HTML, "<script") || strings.Contains(pv.HTML, "javascript:") || len(pv.Problems) != 1 {
		t.Errorf("a hostile preview: %q, problems %v", pv.HTML, pv.Problems)
	}

	if _, err := p.Submit(saved.ID, nil); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("submit without reviewers = %v", err)
	}
	v, err = p.Submit(saved.ID, []string{"Lee Chen"})
	if err != nil || v.Status != "in_review" || len(v.Next) != 1 || v.Next[0] != "draft" {
		t.Fatalf("submit: %+v, %v", v, err)
	}
	if v, err = p.Review(v.ID, "Lee Chen", "approve", ""); err != nil || v.Status != "approved" || v.Overdue {
		t.Fatalf("approve: %+v, %v", v, err)
	}
	if v, err = p.SetStatus(v.ID, "published", ""); err != nil || v.Status != "published" || v.PublishedAt == 0 {
		t.Fatalf("publish: %+v, %v", v, err)
	}
	h, _ := p.History(v.ID)
	if len(h) != 3 || h[2].To != "published" {
		t.Errorf("history: %+v", h)
	}

	if f := fieldsOf(t, func() error { _, err := p.Export(i.Ref, " ", "md", false); return err }()); f["dir"] == "" {
		t.Errorf("export without a folder: %v", f)
	}
	dir := t.TempDir()
	res, err := p.Export(i.Ref, dir, "md", false)
	if err != nil || len(res.Files) != 1 {
		t.Fatalf("export: %+v, %v", res, err)
	}
	md, _ := os.ReadFile(filepath.Join(dir, res.Files[0]))
	if !strings.Contains(string(md), "human error") || !strings.Contains(string(md), `postmortem_status: "published"`) {
		t.Errorf("exported:\n%.600s", md)
	}
	f := fieldsOf(t, func() error { _, err := p.Export(i.Ref, dir, "md", false); return err }())
	if !strings.Contains(f["dir"], "already exists") {
		t.Errorf("export over existing files: %v", f)
	}
	if _, err := p.Export(i.Ref, dir, "md", true); err != nil {
		t.Errorf("export with force: %v", err)
	}
	if p.ExportDir() != dir {
		t.Errorf("ExportDir = %q, want the last folder %q", p.ExportDir(), dir)
	}
}

func TestPostmortemSettingsAreCheckedTogether(t *testing.T) {
	p, _ := newPostmortemsAPIForTest(t)
	s, err := p.Settings()
	if err != nil || s.PhrasesCustom || s.ReviewDue["SEV1"] != "3d" || s.ReviewDue["SEV2"] != "5bd" || s.ReviewDue["SEV4"] != "none" {
		t.Fatalf("defaults: %+v, %v", s, err)
	}
	bad := PostmortemSettingsView{
		Templates: []TemplateView{{Name: "ok", Body: "{{timeline}}\n"}, {Name: "Bad Name", Body: "x"}},
		Phrases:   "=> nothing",
		ReviewDue: map[string]string{"SEV2": "soon"},
	}
	f := fieldsOf(t, func() error { _, err := p.SaveSettings(bad); return err }())
	for _, k := range []string{"templates.1.name", "phrases", "reviewDue.SEV2"} {
		if f[k] == "" {
			t.Errorf("field %s has no message; fields %v", k, f)
		}
	}
	if s, _ := p.Settings(); len(s.Templates) != 0 {
		t.Errorf("a refused save kept templates: %+v", s.Templates)
	}
	good := PostmortemSettingsView{
		Templates: []TemplateView{{Name: "security", Title: "Security review", Body: "# {{incident.title}}\n\n{{timeline}}\n"}},
		Phrases:   "rushed => name the time pressure\n",
		ReviewDue: map[string]string{"SEV2": "2d", "SEV4": "10bd"},
	}
	s, err = p.SaveSettings(good)
	if err != nil || len(s.Templates) != 1 || !s.PhrasesCustom || s.ReviewDue["SEV2"] != "2d" || s.ReviewDue["SEV4"] != "10bd" || s.ReviewDue["SEV1"] != "3d" {
		t.Fatalf("saved: %+v, %v", s, err)
	}
	ts, _ := p.Templates()
	if len(ts) != 3 || ts[0].Name != "security" || ts[0].BuiltIn || !ts[1].BuiltIn {
		t.Errorf("templates: %+v", ts)
	}
}

// TestThePreviewOfTheLongestDocumentIsBounded: a document is at most 1 MiB,
// and its preview (HTML about as long as the text) at most twice that; the
// 1 MB bridge budget holds for any document under about 400 KB of prose.
func TestThePreviewOfTheLongestDocumentIsBounded(t *testing.T) {
	p, inc := newPostmortemsAPIForTest(t)
	i, _ := inc.Create(domain.IncidentInput{Title: "Long", Severity: "SEV3"})
	body := strings.Repeat("## Section\n\nSome prose about the incident, written at length. ", 9000)
	if len(body) > domain.MaxPostmortemBody {
		body = body[:domain.MaxPostmortemBody]
	}
	pv, err := p.Preview(i.Ref, body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(pv)
	if len(b) > 2<<20 {
		t.Errorf("the preview of a 1 MiB document is %d bytes", len(b))
	}
	if _, err := p.Preview(i.Ref, body+strings.Repeat("x", domain.MaxPostmortemBody)); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("a preview over the limit = %v, want EINVALID", err)
	}
}
