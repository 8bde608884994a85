package app

import (
	"context"
	"strings"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// SearchInput is what the search page and the palette ask. From and To are
// dates (YYYY-MM-DD, both inclusive) read in the user's zone; "" leaves
// that end open. Empty lists select everything.
type SearchInput struct {
	Text       string   `json:"text"`
	Kinds      []string `json:"kinds"`
	Severities []string `json:"severities"`
	Services   []string `json:"services"`
	From       string   `json:"from"`
	To         string   `json:"to"`
	Limit      int      `json:"limit"`
	Offset     int      `json:"offset"`
}

// SearchHitView is one thing found. Title and Snippet keep the highlight
// markers (\x02 … \x03) around matched words: the UI splits on them and
// renders text, never HTML. At is unix ms, null when the thing has no time.
// Ref is what opens (INC-n for an incident and what is under it, ACT-n,
// MTG-n); the frontend turns Kind and Ref into the page's address, and
// labels the kinds (domain.SearchKinds).
type SearchHitView struct {
	Kind        string `json:"kind"`
	ID          string `json:"id"`
	ItemID      string `json:"itemId"`
	Ref         string `json:"ref"`
	IncidentRef string `json:"incidentRef"`
	Title       string `json:"title"`
	Snippet     string `json:"snippet"`
	At          *int64 `json:"at"`
	Severity    string `json:"severity"`
}

// SearchPageView is one page of hits, best first. There is no total, only
// whether another page follows. TookMicros is the Go side's time.
type SearchPageView struct {
	Hits       []SearchHitView `json:"hits"`
	HasMore    bool            `json:"hasMore"`
	Offset     int             `json:"offset"`
	Limit      int             `json:"limit"`
	TookMicros int64           `json:"tookMicros"`
}

// SearchAPI is bound to the frontend: full-text search over incidents and
// everything under them, actions and meetings.
type SearchAPI struct {
	ctx context.Context
	cfg Config
}

// Search returns one page of hits. A bad date names "from" or "to"; the
// store names the other fields (query, kind, severity, limit, offset).
// Whatever the text holds, it is never query syntax: odd input finds
// nothing rather than failing.
func (a *SearchAPI) Search(in SearchInput) (SearchPageView, error) {
	if a.cfg.Search == nil {
		return SearchPageView{}, errNoDatabase
	}
	q, err := searchQuery(in, userZone(a.cfg))
	if err != nil {
		return SearchPageView{}, err
	}
	p, err := a.cfg.Search.Search(context.Background(), q)
	if err != nil {
		return SearchPageView{}, err
	}
	out := SearchPageView{Hits: make([]SearchHitView, len(p.Hits)), HasMore: p.HasMore, Offset: p.Offset,
		Limit: p.Limit, TookMicros: p.Took.Microseconds()}
	for k, h := range p.Hits {
		out.Hits[k] = SearchHitView{Kind: h.Kind, ID: h.ID, ItemID: h.ItemID, Ref: h.Ref, IncidentRef: h.IncidentRef,
			Title: h.Title, Snippet: h.Snippet, At: msPtr(h.At), Severity: h.Severity}
	}
	return out, nil
}

// searchQuery reads the dates in loc: From is that day's start, To the
// start of the day after (so To is inclusive as typed, exclusive as stored).
func searchQuery(in SearchInput, loc *time.Location) (domain.SearchQuery, error) {
	q := domain.SearchQuery{Text: in.Text, Kinds: in.Kinds, Severities: in.Severities, Limit: in.Limit, Offset: in.Offset}
	for _, s := range in.Services {
		if s != "" {
			q.Services = append(q.Services, s)
		}
	}
	fe := domain.FieldErrors{}
	day := func(field, s string, next bool) *time.Time {
		if s == "" {
			return nil
		}
		t, err := time.ParseInLocation(domain.DateLayout, strings.TrimSpace(s), loc)
		if err != nil {
			fe.Add(field, "%q is not a date; use YYYY-MM-DD, e.g. 2026-11-24", s)
			return nil
		}
		if next {
			t = t.AddDate(0, 0, 1)
		}
		return &t
	}
	q.From = day("from", in.From, false)
	q.To = day("to", in.To, true)
	if q.From != nil && q.To != nil && !q.From.Before(*q.To) {
		fe.Add("to", "is before from")
	}
	return q, fe.Err()
}
