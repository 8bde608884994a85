package app

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func newSearchAPIForTest(t *testing.T) (*SearchAPI, *IncidentsAPI) {
	t.Helper()
	inc, _, _ := newAPI(t)
	cfg := inc.cfg
	cfg.Search = cfg.Incidents.(domain.SearchService)
	return &SearchAPI{cfg: cfg}, &IncidentsAPI{cfg: cfg}
}

func hitOfKind(p SearchPageView, kind string) *SearchHitView {
	for k := range p.Hits {
		if p.Hits[k].Kind == kind {
			return &p.Hits[k]
		}
	}
	return nil
}

func TestSearchFindsEachKindWithItsRefAndHighlights(t *testing.T) {
	s, inc := newSearchAPIForTest(t)
	i, err := inc.Create(domain.IncidentInput{Title: "Zürich quokka outage", Severity: "SEV2", Services: []string{"payments"},
		StartedAt: "2026-11-20T10:00:00Z", DetectedAt: "2026-11-20T10:05:00Z"})
	if err != nil {
		t.Fatal(err)
	}
	tl := &TimelineAPI{cfg: inc.cfg}
	if _, err := tl.Add(i.Ref, domain.EventInput{At: "2026-11-20T10:07:00Z", Kind: "note", Body: "the quokka pool ran dry"}); err != nil {
		t.Fatal(err)
	}
	act := &ActionsAPI{cfg: inc.cfg}
	a, err := act.Create(domain.ActionInput{Title: "Cap the quokka pool", Incident: i.Ref, Priority: "P2"})
	if err != nil {
		t.Fatal(err)
	}

	p, err := s.Search(SearchInput{Text: "quok"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ kind, ref string }{
		{domain.SearchIncident, i.Ref}, {domain.SearchEvent, i.Ref}, {domain.SearchAction, a.Ref},
	} {
		t.Run("a prefix finds the "+c.kind, func(t *testing.T) {
			h := hitOfKind(p, c.kind)
			if h == nil {
				t.Fatalf("no %s hit in %+v", c.kind, p.Hits)
			}
			if h.Ref != c.ref {
				t.Errorf("ref = %q, want %q", h.Ref, c.ref)
			}
			if !strings.Contains(h.Title+h.Snippet, domain.HighlightStart+"quokka"+domain.HighlightEnd) {
				t.Errorf("no highlighted word in title %q, snippet %q", h.Title, h.Snippet)
			}
		})
	}
	if h := hitOfKind(p, domain.SearchEvent); h != nil && (h.IncidentRef != i.Ref || h.At == nil || h.Severity != "SEV2") {
		t.Errorf("event hit = %+v; want its incident's ref and severity, and a time", *h)
	}

	t.Run("kinds and severities narrow the search", func(t *testing.T) {
		p, err := s.Search(SearchInput{Text: "quokka", Kinds: []string{"action"}})
		if err != nil || len(p.Hits) != 1 || p.Hits[0].Kind != "action" {
			t.Errorf("kind action: %+v, %v", p.Hits, err)
		}
		p, err = s.Search(SearchInput{Text: "quokka", Severities: []string{"SEV1"}})
		if err != nil || len(p.Hits) != 0 {
			t.Errorf("SEV1: %+v, %v", p.Hits, err)
		}
	})

	t.Run("unicode folds", func(t *testing.T) {
		p, err := s.Search(SearchInput{Text: "zurich"})
		if err != nil || hitOfKind(p, domain.SearchIncident) == nil {
			t.Errorf("zurich: %+v, %v", p.Hits, err)
		}
	})

	t.Run("dates are days in the user's zone, to inclusive", func(t *testing.T) {
		p, err := s.Search(SearchInput{Text: "quokka", Kinds: []string{"event"}, From: "2026-11-20", To: "2026-11-20"})
		if err != nil || len(p.Hits) != 1 {
			t.Errorf("on the day: %+v, %v", p.Hits, err)
		}
		p, err = s.Search(SearchInput{Text: "quokka", Kinds: []string{"event"}, From: "2026-11-21"})
		if err != nil || len(p.Hits) != 0 {
			t.Errorf("after the day: %+v, %v", p.Hits, err)
		}
	})
}

func TestSearchNamesTheBadField(t *testing.T) {
	s, _ := newSearchAPIForTest(t)
	for _, c := range []struct {
		name  string
		in    SearchInput
		field string
	}{
		{"a date that is not one names from", SearchInput{Text: "x", From: "24/11/2026"}, "from"},
		{"a bad to date names to", SearchInput{Text: "x", To: "2026-13-01"}, "to"},
		{"to before from names to", SearchInput{Text: "x", From: "2026-11-24", To: "2026-11-20"}, "to"},
		{"an unknown kind names kind", SearchInput{Text: "x", Kinds: []string{"tweet"}}, "kind"},
		{"an unknown severity names severity", SearchInput{Text: "x", Severities: []string{"SEV9"}}, "severity"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.Search(c.in)
			if f := fieldsOf(t, err); f[c.field] == "" {
				t.Errorf("fields = %v, want one for %q", f, c.field)
			}
		})
	}
}

func TestSearchTreatsAnyTextAsText(t *testing.T) {
	s, inc := newSearchAPIForTest(t)
	if _, err := inc.Create(domain.IncidentInput{Title: "NEAR the AND gate", Severity: "SEV3", StartedAt: "2026-11-20T10:00:00Z"}); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{`"`, `AND AND`, `*`, `NEAR(`, `(`, `-`, `a:b`, `^x`, `"unclosed phrase`, `OR`, `""`, "\x02"} {
		t.Run(fmt.Sprintf("%q is no error", text), func(t *testing.T) {
			if _, err := s.Search(SearchInput{Text: text}); err != nil {
				t.Errorf("error %v", err)
			}
		})
	}
}

func TestAFullSearchPageStaysSmall(t *testing.T) {
	s, inc := newSearchAPIForTest(t)
	tl := &TimelineAPI{cfg: inc.cfg}
	i, err := inc.Create(domain.IncidentInput{Title: "Big", Severity: "SEV3", StartedAt: "2026-11-20T00:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("lorem ipsum dolor sit amet ", 400)
	for k := range 120 {
		at := fmt.Sprintf("2026-11-20T%02d:%02d:00Z", k/60, k%60)
		if _, err := tl.Add(i.Ref, domain.EventInput{At: at, Kind: "note", Body: "walrus " + long}); err != nil {
			t.Fatal(err)
		}
	}
	p, err := s.Search(SearchInput{Text: "walrus", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Hits) != 100 || !p.HasMore {
		t.Fatalf("got %d hits, hasMore %v; want 100 and more", len(p.Hits), p.HasMore)
	}
	b, _ := json.Marshal(p)
	if len(b) > 200_000 {
		t.Errorf("a 100-hit page is %d bytes; want well under 1 MB", len(b))
	}
}

func TestSearchWithoutADatabaseSaysSo(t *testing.T) {
	s := &SearchAPI{cfg: Config{Logger: slog.New(slog.DiscardHandler), Settings: noDatabase{}, Clock: time.Now}}
	if _, err := s.Search(SearchInput{Text: "x"}); domain.ErrorMessage(err) != "no database is open" {
		t.Errorf("error = %v", err)
	}
}
