package postmortem

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// exportFixture exports the fixture into a temporary folder and returns
// the folder and the document's name.
func exportFixture(t testing.TB, doc Document) (string, string) {
	dir := t.TempDir()
	res, err := Export(dir, doc, fixture(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return dir, res.Files[0]
}

func TestParseReadsBackWhatExportWrote(t *testing.T) {
	doc := testDoc()
	dir, name := exportFixture(t, doc)
	md, _ := os.ReadFile(filepath.Join(dir, name))
	b, err := Parse(md, os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	d := fixture(t)
	if b.Postmortem.Body != doc.Body {
		t.Errorf("the body is not the template again:\n%s", b.Postmortem.Body)
	}
	inc := b.Incident
	if inc.ID != d.Incident.ID || inc.Number != 42 || inc.Title != d.Incident.Title || inc.Summary != d.Incident.Summary ||
		inc.CustomerImpact != d.Incident.CustomerImpact || inc.Commander != "Ana Lima" || inc.Severity != domain.SEV2 ||
		!inc.ResolvedAt.Equal(*d.Incident.ResolvedAt) || strings.Join(inc.Services, ",") != "checkout,payment-gateway" {
		t.Errorf("incident = %+v", inc)
	}
	if b.Zone.String() != "Europe/Berlin" || b.Postmortem.Template != "sre" || b.Postmortem.Status != domain.PostmortemInReview ||
		strings.Join(b.Postmortem.Authors, ",") != `Ana Lima,Sam "Sammy" Ortiz` || strings.Join(b.Postmortem.Reviewers, ",") != "Lee Chen" {
		t.Errorf("postmortem = %+v, zone %v", b.Postmortem, b.Zone)
	}
	if len(b.Events) != len(d.Events) {
		t.Fatalf("events = %d", len(b.Events))
	}
	for k, e := range b.Events {
		w := d.Events[k]
		if !e.At.Equal(w.At) || e.Kind != w.Kind || e.Author != w.Author || e.Body != w.Body || e.KeyMoment != w.KeyMoment {
			t.Errorf("event %d = %+v, want %+v", k, e, w)
		}
	}
	if n := b.CauseCount(); n != 5 || b.Causes[0].Children[0].Children[1].Kind != domain.CauseRoot {
		t.Errorf("causes = %+v", b.Causes)
	}
	if len(b.Actions) != 3 || b.Actions[0].Link != "https://tracker.example/PAY-120" || b.Actions[1].Due != "2026-03-28" ||
		b.Actions[2].Status != domain.ActionDone || b.Actions[0].Number != 7 {
		t.Errorf("actions = %+v", b.Actions)
	}
	if len(b.Snapshots) != 1 {
		t.Fatalf("snapshots = %+v", b.Snapshots)
	}
	s, w := b.Snapshots[0], d.Snapshots[0]
	if s.Title != w.Title || s.Query != w.Query || s.SourceName != "prod-prom" || s.SourceKind != domain.SourcePrometheus ||
		!s.Start.Equal(w.Start) || !s.End.Equal(w.End) || s.Step != w.Step || s.Signal.SeriesKey != `{code="503"}` ||
		len(s.Series) != 2 || len(s.Series[1].Points) != len(w.Series[1].Points) || s.Series[1].Labels["code"] != "503" {
		t.Errorf("snapshot = %+v", s)
	}
}

func TestParseRestoresInlinePlaceholdersByValue(t *testing.T) {
	doc := testDoc()
	doc.Body = "# {{incident.ref}}: {{incident.title}} ({{incident.severity}})\n\nCommander {{incident.commander}}, services {{incident.services}}.\n\n## Body\n\nINC-0042 stays text here.\n"
	dir, name := exportFixture(t, doc)
	md, _ := os.ReadFile(filepath.Join(dir, name))
	b, err := Parse(md, os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if b.Postmortem.Body != doc.Body {
		t.Errorf("body:\n%s\nwant:\n%s", b.Postmortem.Body, doc.Body)
	}
}

func TestExportMarksOnlyTheMarkdown(t *testing.T) {
	d := fixture(t)
	got, _ := Render(testDoc().Body, d)
	if strings.Contains(got, "hindsight:begin") {
		t.Error("Render (show --rendered, previews) has markers")
	}
	var b bytes.Buffer
	if _, err := writeHTML(&b, testDoc(), d, ""); err != nil || strings.Contains(b.String(), "hindsight:") {
		t.Errorf("the HTML export has markers (%v)", err)
	}
	// A placeholder inside a paragraph is not marked: markers would split it.
	marked, _ := renderMarked("Before\n{{incident.summary}}\nafter.\n\n{{incident.summary}}\n", d)
	if strings.Count(marked, "hindsight:begin") != 1 {
		t.Errorf("marked:\n%s", marked)
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	dir, name := exportFixture(t, testDoc())
	md, _ := os.ReadFile(filepath.Join(dir, name))
	text := string(md)
	lineOf := func(s string) string {
		return "line " + strconv.Itoa(strings.Count(text[:strings.Index(text, s)], "\n")+1) + ":"
	}
	for _, c := range []struct {
		name, from, to string
		want           []string
	}{
		{"bad yaml", `severity: "SEV2"`, `severity: [SEV2`, []string{"front matter is not valid"}},
		{"bad severity", `severity: "SEV2"`, `severity: "SEV9"`, []string{"severity"}},
		{"short timeline row", "| observation | |", "| observation |", []string{lineOf("| observation | |"), "timeline row has 4 cells; expected 5 (Time, T+, Kind, Who, What)"}},
		{"bad time", "| 2026-03-14 14:16:00 |", "| yesterday |", []string{lineOf("| 2026-03-14 14:16:00 |"), "timeline time"}},
		{"unknown cause kind", "- [trigger]", "- [spark]", []string{lineOf("- [trigger]"), "cause"}},
		{"bad action ref", "| ACT-0008 |", "| TODO |", []string{lineOf("| ACT-0008 |"), "ACT-0042"}},
		{"unknown marker", "<!-- hindsight:begin actions -->", "<!-- hindsight:begin todo -->", []string{lineOf("<!-- hindsight:begin actions -->"), "not a placeholder"}},
		{"stray end", "<!-- hindsight:begin actions -->", "", []string{"no begin marker"}},
		{"no query", "```promql", "```sql", []string{"no query"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			bad := strings.Replace(text, c.from, c.to, 1)
			_, err := Parse([]byte(bad), os.DirFS(dir))
			if domain.ErrorCode(err) != domain.EINVALID {
				t.Fatalf("err = %v, want invalid", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("err = %q; want %q in it", err, w)
				}
			}
		})
	}
	_, err := Parse(md, fstest.MapFS{})
	if err == nil || !strings.Contains(err.Error(), "checkout-responses-by-status.csv is missing") {
		t.Errorf("missing CSV: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	md, err := os.ReadFile(filepath.Join("testdata", "export-sre.md"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(md)
	f.Add([]byte("---\nref: INC-1\nincident_title: x\nseverity: SEV1\nstatus: resolved\nstarted: \"2026-01-01T00:00:00Z\"\n---\n<!-- hindsight:begin timeline -->\n| Time (UTC) | T+ | Kind | Who | What |\n| --- | --- | --- | --- | --- |\n| 2026-01-01 00:00:00 | | note | a\\|b | **Started:** x |\n<!-- hindsight:end timeline -->\n"))
	csv := "time_utc,unix_ms,\"{code=\"\"200\"\"}\",\"{code=\"\"503\"\"}\"\n2026-03-14T12:30:00.000Z,1773491400000,99.6,0.4\n"
	assets := fstest.MapFS{"assets/INC-0042/checkout-responses-by-status.csv": {Data: []byte(csv)}}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(data, assets)
		if err != nil {
			if domain.ErrorCode(err) != domain.EINVALID {
				t.Fatalf("error %v is not EINVALID", err)
			}
			return
		}
		if b == nil {
			t.Fatal("nil bundle without an error")
		}
	})
}
