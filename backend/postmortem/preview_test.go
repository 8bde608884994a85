package postmortem

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/markdown"
)

// xssCorpus is markdown that tries to run script, load something or
// navigate; the preview must show it as text or drop it. The frontend's
// end-to-end test runs the same kind of corpus in a real browser.
var xssCorpus = []string{
	`<script>alert(1)</script>`,
	`<img src=x onerror=alert(1)>`,
	`<svg onload=alert(1)><script>alert(1)</script></svg>`,
	`<iframe src="javascript:alert(1)"></iframe>`,
	`[a](javascript:alert(1))`,
	`[b](javascript&colon;alert(1))`,
	`[c](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
	`![d](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+PC9zdmc+)`,
	`<a href="javascript:alert(1)">e</a>`,
	`<details open ontoggle=alert(1)>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`<object data="javascript:alert(1)"></object>`,
	`<form action="javascript:alert(1)"><button>f</button></form>`,
	`[g](vbscript:msgbox(1))`,
	`<base href="javascript:alert(1)//">`,
	`<javascript:alert(1)>`,
	`[h](JaVaScRiPt:alert(1))`,
	`[i](  javascript:alert(1))`,
	"[j](java\tscript:alert(1))",
	`<a href="&#106;avascript:alert(1)">k</a>`,
	`<style>body{background:url(https://evil.example/x)}</style>`,
	`![remote](https://evil.example/pixel.png)`,
	`<meta http-equiv="refresh" content="0;url=https://evil.example">`,
}

var (
	dangerTag  = regexp.MustCompile(`(?i)<\s*(script|iframe|object|embed|form|base|meta|style|svg|math|link)\b`)
	handler    = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
	badURL     = regexp.MustCompile(`(?i)(href|src|action|data)\s*=\s*"\s*(javascript|vbscript|data):`)
	remoteLoad = regexp.MustCompile(`(?i)src\s*=\s*"https?:`)
)

func TestPreviewRunsNothingAndLoadsNothing(t *testing.T) {
	d := fixture(t)
	d.Snapshots = nil // no chart: no data: URI of ours either
	for _, in := range xssCorpus {
		html, _ := Preview("before\n\n"+in+"\n\nafter\n", d, nil, nil)
		for name, re := range map[string]*regexp.Regexp{"tag": dangerTag, "event handler": handler, "URL": badURL} {
			if m := re.FindString(html); m != "" {
				t.Errorf("%s: the preview kept a dangerous %s %q:\n%s", in, name, m, html)
			}
		}
		if strings.Contains(in, "evil.example/pixel") && remoteLoad.MatchString(html) {
			// Images are kept as written (the webview's CSP, img-src 'self'
			// data:, stops the request); the test states what is in the HTML.
			t.Logf("remote image stays in the HTML, blocked by the CSP: %s", in)
		}
	}
}

func TestPreviewDrawsChartsOnlyWhereTheirLinkIs(t *testing.T) {
	d := fixture(t)
	charts, err := Charts(d)
	if err != nil || len(charts) != 1 {
		t.Fatalf("Charts: %v, %v", charts, err)
	}
	link := "assets/INC-0042/checkout-responses-by-status.svg"
	uri, ok := charts[link]
	if !ok || !strings.HasPrefix(uri, "data:image/svg+xml;base64,") {
		t.Fatalf("Charts: got keys %v, want %s as a base64 SVG", charts, link)
	}
	html, problems := Preview("## Charts\n\n{{metrics}}\n", d, charts, markdown.NewSections())
	if len(problems) != 0 {
		t.Fatalf("problems: %v", problems)
	}
	if !strings.Contains(html, `src="`+uri+`"`) {
		t.Errorf("the chart is not drawn in the preview:\n%.400s", html)
	}
	// A link the author writes to a data: image stays refused even when
	// charts are inlined.
	html, _ = Preview("![x](data:image/svg+xml;base64,PHN2Zy8+)\n\n"+"![y]("+link+")\n", d, charts, nil)
	if strings.Count(html, "data:") != 1 {
		t.Errorf("want exactly the one chart of ours as data:, got:\n%.600s", html)
	}
}

// bigDocument is about size bytes of realistic postmortem prose with
// headings, lists, tables, code and some blaming words, plus the live
// sections of the SRE template.
func bigDocument(size int) string {
	var b strings.Builder
	b.WriteString(sreBody)
	for k := 0; b.Len() < size; k++ {
		fmt.Fprintf(&b, "\n## Finding %d\n\nThe gateway's pool was set to %d connections by the push; requests queued "+
			"behind it and timed out after 30 s. Nobody should have needed to know the limit: the config "+
			"schema did not check it, and human error is the wrong frame.\n\n", k, k%7)
		fmt.Fprintf(&b, "- Step %d: rolled back the push\n- Step %d: replayed queued orders\n\n", k, k+1)
		fmt.Fprintf(&b, "| Metric | Before | During |\n| --- | ---: | ---: |\n| errors | 0.4%% | %d%% |\n\n", k%30)
		b.WriteString("```sh\nkubectl rollout undo deploy/payment-gateway\n```\n")
	}
	return b.String()
}

// BenchmarkPreview200KB is the first preview of a 200 KB document:
// placeholders filled, markdown to sanitized HTML (every section rendered,
// in parallel), the cached charts put in, and the blameless hints found.
// Budget: 15 ms.
func BenchmarkPreview200KB(b *testing.B) {
	benchmarkPreview(b, false)
}

// BenchmarkPreviewKeystroke200KB is the preview after one character typed
// in a 200 KB document: only the changed section is rendered again.
func BenchmarkPreviewKeystroke200KB(b *testing.B) {
	benchmarkPreview(b, true)
}

func benchmarkPreview(b *testing.B, typing bool) {
	d := fixture(b)
	charts, err := Charts(d)
	if err != nil {
		b.Fatal(err)
	}
	body := bigDocument(200 << 10)
	people := []string{"Ana Lima", "Sam Ortiz", "Lee Chen"}
	sections, hints := markdown.NewSections(), NewHintCache()
	Preview(body, d, charts, sections)
	hints.Hints(body, DefaultPhrases, people)
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if typing {
			k := len(body) / 2
			body = body[:k] + "x" + body[k:]
		} else {
			sections, hints = markdown.NewSections(), NewHintCache()
		}
		html, _ := Preview(body, d, charts, sections)
		if len(html) == 0 {
			b.Fatal("empty preview")
		}
		hints.Hints(body, DefaultPhrases, people)
	}
}

// largeIncident has 5,000 events, 200 actions and 10 snapshots of three
// series of 1,500 points each.
func largeIncident(tb testing.TB) Data {
	d := fixture(tb)
	start := *d.Incident.StartedAt
	kinds := []string{"observation", "action", "decision", "communication", "alert"}
	d.Events = make([]domain.TimelineEvent, 5000)
	for k := range d.Events {
		d.Events[k] = domain.TimelineEvent{ID: fmt.Sprint("e", k), At: start.Add(time.Duration(k) * 2 * time.Second),
			Kind: domain.EventKind(kinds[k%len(kinds)]), Author: "Ana Lima",
			Body: fmt.Sprintf("Step %d: checked pool usage on gateway-%d; still saturated | queue at %d", k, k%12, k*3)}
	}
	d.Actions = make([]domain.ActionItem, 200)
	for k := range d.Actions {
		d.Actions[k] = domain.ActionItem{Number: k + 1, Title: fmt.Sprintf("Follow-up %d: add a check for pool size", k),
			Owner: "Sam Ortiz", Due: "2026-05-01", Priority: domain.P2, Type: "prevent", Status: domain.ActionOpen,
			IncidentID: d.Incident.ID, IncidentNumber: 42}
	}
	base := d.Snapshots[0]
	d.Snapshots = make([]domain.Snapshot, 10)
	for k := range d.Snapshots {
		s := base
		s.ID, s.Title = fmt.Sprint("s", k), fmt.Sprintf("Gateway metric %d", k)
		s.Start, s.End, s.Step = start.Add(-time.Hour), start.Add(4*time.Hour+10*time.Minute), 10*time.Second
		s.Series = make([]domain.Series, 3)
		for j := range s.Series {
			pts := make([]domain.Point, 1500)
			for p := range pts {
				pts[p] = domain.Point{T: s.Start.Add(time.Duration(p) * s.Step).UnixMilli(), V: float64((p*7+j*13)%100) / 3}
			}
			s.Series[j] = domain.Series{Key: fmt.Sprintf(`{pod="gw-%d"}`, j), Labels: map[string]string{"pod": fmt.Sprint("gw-", j)}, Points: pts}
		}
		d.Snapshots[k] = s
	}
	return d
}

// BenchmarkExportLargeIncident writes the markdown export of an incident
// with 5,000 events, 200 actions and 10 charts (with their SVG and CSV
// files) into a folder. Budget: 300 ms.
func BenchmarkExportLargeIncident(b *testing.B) {
	d := largeIncident(b)
	doc := Document{Title: "Checkout errors", Body: sreBody, Status: "draft", Authors: []string{"Ana Lima"}, UpdatedAt: d.Now}
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Export(dir, doc, d, Options{Force: true})
		if err != nil || len(res.Files) != 21 {
			b.Fatalf("export: %d files, %v", len(res.Files), err)
		}
	}
	b.StopTimer()
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		b.Fatal(err)
	}
}
