package domain

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Search kinds: what a hit is.
const (
	SearchIncident   = "incident"
	SearchEvent      = "event"
	SearchCause      = "cause"
	SearchPostmortem = "postmortem"
	SearchAction     = "action"
	SearchMeeting    = "meeting"
)

// SearchKinds lists the kinds a search can be narrowed to, in the order
// the UI offers them.
var SearchKinds = []string{SearchIncident, SearchEvent, SearchCause, SearchPostmortem, SearchAction, SearchMeeting}

// Snippet markers: a hit's Title and Snippet wrap each matched word in
// HighlightStart … HighlightEnd. They are control characters that stored
// text never holds as markup, so a UI can split on them and render the
// parts as text, with no HTML involved.
const (
	HighlightStart = "\x02"
	HighlightEnd   = "\x03"
)

const (
	// MaxSearchText is the longest query accepted, in characters.
	MaxSearchText = 500
	// DefaultSearchLimit and MaxSearchLimit bound a page of hits.
	DefaultSearchLimit = 20
	MaxSearchLimit     = 100
	// MaxSearchOffset keeps paging within what ranking can afford.
	MaxSearchOffset = 1000
)

// SearchQuery asks for one page of hits. Text is what a person typed:
// words match anywhere (every word must occur), the last word also as a
// prefix unless the text ends with a space, and "quoted words" as a
// phrase. Everything else typed is plain text, never query syntax.
// Empty filters select everything. Severities and Services keep only
// what belongs to an incident of that severity or service (so no meeting,
// nor an action without an incident). From and To bound the hit's time
// (To excluded): when the incident started or the event happened; when
// the cause, postmortem or action was created; when the meeting is.
type SearchQuery struct {
	Text       string     `json:"text"`
	Kinds      []string   `json:"kinds"`
	Severities []string   `json:"severities"`
	Services   []string   `json:"services"`
	From       *time.Time `json:"from"`
	To         *time.Time `json:"to"`
	Limit      int        `json:"limit"`
	Offset     int        `json:"offset"`
}

// Check normalises the query (a zero limit takes the default, kinds and
// severities are lower- and upper-cased) and names each bad field.
func (q *SearchQuery) Check() error {
	fe := FieldErrors{}
	if n := utf8.RuneCountInString(q.Text); n > MaxSearchText {
		fe.Add("query", "is %d characters long; at most %d", n, MaxSearchText)
	}
	for k, kind := range q.Kinds {
		kind = strings.ToLower(strings.TrimSpace(kind))
		q.Kinds[k] = kind
		if !isSearchKind(kind) {
			fe.Add("kind", "unknown kind %q; use one of %s", kind, strings.Join(SearchKinds, ", "))
		}
	}
	for k, s := range q.Severities {
		sev, err := ParseSeverity(s)
		if err != nil {
			fe.Add("severity", "%s", err)
			continue
		}
		q.Severities[k] = string(sev)
	}
	for k, s := range q.Services {
		q.Services[k] = strings.TrimSpace(s)
	}
	switch {
	case q.Limit < 0:
		fe.Add("limit", "must be positive")
	case q.Limit == 0:
		q.Limit = DefaultSearchLimit
	case q.Limit > MaxSearchLimit:
		fe.Add("limit", "is %d; one page holds at most %d", q.Limit, MaxSearchLimit)
	}
	switch {
	case q.Offset < 0:
		fe.Add("offset", "must be zero or positive")
	case q.Offset > MaxSearchOffset:
		fe.Add("offset", "is %d; search pages go up to %d (narrow the search instead)", q.Offset, MaxSearchOffset)
	}
	if q.From != nil && q.To != nil && !q.From.Before(*q.To) {
		fe.Add("to", "must be after from")
	}
	return fe.Err()
}

func isSearchKind(s string) bool {
	for _, v := range SearchKinds {
		if v == s {
			return true
		}
	}
	return false
}

// SearchHit is one thing found. Ref is what a person would open: the
// incident's INC-n for an incident and for the events, causes and
// postmortem under it, ACT-n for an action, MTG-n for a meeting (its
// minutes, agenda items and decisions). Title and Snippet carry the
// highlight markers.
type SearchHit struct {
	Kind string `json:"kind"`
	// ID is the row found: the event, cause node, agenda item… For a
	// meeting hit from an agenda item or a decision, ItemID names the item.
	ID          string     `json:"id"`
	ItemID      string     `json:"itemId,omitempty"`
	Ref         string     `json:"ref"`
	IncidentRef string     `json:"incidentRef,omitempty"`
	Title       string     `json:"title"`
	Snippet     string     `json:"snippet"`
	At          *time.Time `json:"at"`
	Severity    string     `json:"severity,omitempty"`
	// Rank orders hits: lower is better (SQLite's bm25 is negative).
	Rank float64 `json:"rank"`
}

// SearchPage is one page of hits, best first. There is no total: counting
// every match of a common word costs as much as ranking them all, so the
// page says only whether there is more.
type SearchPage struct {
	Hits    []SearchHit   `json:"hits"`
	HasMore bool          `json:"hasMore"`
	Offset  int           `json:"offset"`
	Limit   int           `json:"limit"`
	Took    time.Duration `json:"took"`
}

// SearchService is the full-text search contract.
type SearchService interface {
	// Search returns one page of hits. Returns EINVALID, naming the field,
	// for a query too long, an unknown kind or severity, or a bad page;
	// text that holds no word finds nothing (not an error). Trashed
	// incidents, and everything under them, are never found.
	Search(ctx context.Context, q SearchQuery) (*SearchPage, error)
	// Reindex rebuilds the whole index from the stored rows, atomically,
	// calling progress (if not nil) as rows are indexed; it returns how
	// many documents the index holds.
	Reindex(ctx context.Context, progress func(done, total int)) (int, error)
}
