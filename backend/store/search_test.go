package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// A build without FTS5 would lose search and the list's text filter; it
// must fail here, loudly, not skip.
func TestSQLiteHasFTS5(t *testing.T) {
	s := mustOpen(t)
	var on int
	if err := s.db.Raw("SELECT sqlite_compileoption_used('ENABLE_FTS5')").Row().Scan(&on); err != nil {
		t.Fatal(err)
	}
	if on != 1 {
		t.Fatal("SQLite was built without FTS5: full-text search cannot work. Build and test with -tags sqlite_fts5 (make test does)")
	}
	if err := s.checkFTS5(); err != nil {
		t.Fatalf("checkFTS5: %v", err)
	}
}

func TestFTSMatchQuotesEverything(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"words must all occur, the last as a prefix", "connection pool", `"connection" "pool"*`},
		{"a trailing space ends the last word", "connection pool ", `"connection" "pool"`},
		{"one letter is not a prefix", "pool x", `"pool" "x"`},
		{"a phrase in quotes", `"pool exhausted"`, `"pool exhausted"`},
		{"a phrase then a word being typed", `"pool exhausted" db`, `"pool exhausted" "db"*`},
		{"a stray quote is ignored", `pool "exhau`, `"pool" "exhau"*`},
		{"a lone quote is nothing", `"`, ``},
		{"empty quotes are nothing", `""`, ``},
		{"operators are words", "AND AND", `"AND" "AND"*`},
		{"OR is a word", "OR", `"OR"*`},
		{"NOT and NEAR are words", "NOT NEAR(a, b)", `"NOT" "NEAR" "a" "b"`},
		{"a star is nothing", "*", ``},
		{"a minus is nothing", "-", ``},
		{"minus before a word is not NOT", "-pool", `"pool"*`},
		{"a column filter is two words", "col:foo", `"col" "foo"*`},
		{"caret and braces", "^title {a b}", `"title" "a" "b"`},
		{"emoji separate words", "db🔥down", `"db" "down"*`},
		{"only emoji is nothing", "🔥🔥", ``},
		{"unicode letters are kept", "Über größe", `"Über" "größe"*`},
		{"combining marks stay in the word", "cafe\u0301", `"cafe` + "\u0301" + `"*`},
		{"Japanese is one word per run", "データベース障害", `"データベース障害"*`},
		{"digits are words", "502 errors", `"502" "errors"*`},
		{"unbalanced parenthesis", "NEAR(", `"NEAR"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := ftsMatch(c.in); got != c.want {
				t.Errorf("ftsMatch(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// searchWorld is a seeded corpus: incidents with events, causes, a
// postmortem, actions and a meeting, with known words in known places.
type searchWorld struct {
	s        *Store
	pool     *domain.Incident // SEV1, payments-db: "Database connection pool exhausted"
	dns      *domain.Incident // SEV3, edge: mentions the pool once, in an event
	cert     *domain.Incident // SEV2, edge: nothing about pools
	event    *domain.TimelineEvent
	cause    *domain.CauseNode
	pm       *domain.Postmortem
	action   *domain.ActionItem
	meeting  *domain.Meeting
	itemID   string
	decision *domain.Decision
}

// must returns v, or stops the test (by a panic, which fails it with
// the error) when err is set.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func seedSearch(t *testing.T) *searchWorld {
	t.Helper()
	s := mustOpen(t)
	ctx := context.Background()
	w := &searchWorld{s: s}
	w.pool = mustCreate(t, s, domain.IncidentInput{Title: "Database connection pool exhausted", Severity: "SEV1",
		Services: []string{"payments-db"}, Summary: "Checkout failed while every connection was taken.",
		StartedAt: "2026-11-10 09:00", Zone: "UTC"})
	w.dns = mustCreate(t, s, domain.IncidentInput{Title: "DNS resolution failures at the edge", Severity: "SEV3",
		Services: []string{"edge"}, Summary: "Resolvers timed out for München and Zürich users.",
		StartedAt: "2026-11-15 09:00", Zone: "UTC"})
	w.cert = mustCreate(t, s, domain.IncidentInput{Title: "Expired TLS certificate", Severity: "SEV2",
		Services: []string{"edge"}, Summary: "The wildcard certificate lapsed. データベース障害 was not involved.",
		StartedAt: "2026-11-18 09:00", Zone: "UTC"})
	w.event = must(s.AddEvent(ctx, w.dns.Ref(), domain.EventInput{At: "2026-11-15 09:10", Zone: "UTC", Kind: "note",
		Body: "Checked the resolver hosts; unrelated to yesterday's connection pool incident."}))
	must(s.AddEvent(ctx, w.pool.Ref(), domain.EventInput{At: "2026-11-10 09:05", Zone: "UTC", Kind: "alert",
		Body: "Alert: payments API latency above 2s"}))
	w.cause = mustCause(t, s, w.pool.Ref(), domain.CauseInput{Kind: "root", Statement: "Pool size was left at the default of 10",
		Notes: "Nobody sized it for the new traffic."})
	w.pm = must(s.CreatePostmortem(ctx, w.pool.Ref(), domain.PostmortemInput{Title: "Postmortem: checkout outage",
		Body: "## What happened\n\nThe pool was exhausted after the deploy. Connections leaked in the retry path."}))
	w.action = mustAction(t, s, domain.ActionInput{Title: "Alert on pool saturation", Incident: w.pool.Ref(),
		Priority: "P1", Type: "detect", Description: "Page when 80% of connections are in use."})
	must(s.CreateSeries(ctx, domain.SeriesInput{Name: "Ops review", Cadence: "weekly", Zone: "UTC"}))
	w.meeting = must(s.CreateMeeting(ctx, domain.MeetingInput{Series: "Ops review", Date: "2026-01-05", Time: "10:00"}))
	notes := "We agreed the pool dashboards need an owner."
	w.meeting = must(s.UpdateMeeting(ctx, w.meeting.Ref(), domain.MeetingEdit{Notes: &notes}, w.meeting.Version))
	title, itemNotes := "Retry storms", "Backoff jitter is missing in three clients."
	item := must(s.AddItem(ctx, w.meeting.Ref(), domain.ItemInput{Title: &title, Notes: &itemNotes}))
	w.itemID = item.ID
	w.decision = must(s.AddDecision(ctx, w.meeting.Ref(), item.ID, "Adopt exponential backoff everywhere"))
	return w
}

// search runs a query and returns its hits as "kind ref", best first.
func (w *searchWorld) search(t *testing.T, q domain.SearchQuery) []string {
	t.Helper()
	p, err := w.s.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%q): %v", q.Text, err)
	}
	out := []string{}
	for _, h := range p.Hits {
		out = append(out, h.Kind+" "+h.Ref)
	}
	return out
}

func (w *searchWorld) find(t *testing.T, text string) []string {
	t.Helper()
	return w.search(t, domain.SearchQuery{Text: text})
}

func wantHits(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	if want == nil {
		want = []string{}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %q\n want %q", what, got, want)
	}
}

func TestSearchRanksTitlesFirst(t *testing.T) {
	w := seedSearch(t)
	// The incident named for the pool first; the action and the cause,
	// whose titles name it, next; the postmortem, an event and the meeting
	// that mention it in passing after.
	got := w.find(t, "pool ")
	if len(got) < 5 || got[0] != "incident "+w.pool.Ref() {
		t.Fatalf("pool: got %q, want the incident first", got)
	}
	pos := map[string]int{}
	for k, h := range got {
		pos[h] = k
	}
	for _, pair := range [][2]string{
		{"incident " + w.pool.Ref(), "event " + w.dns.Ref()},
		{"action " + w.action.Ref(), "event " + w.dns.Ref()},
		{"cause " + w.pool.Ref(), "event " + w.dns.Ref()},
		{"incident " + w.pool.Ref(), "postmortem " + w.pool.Ref()},
		{"incident " + w.pool.Ref(), "meeting " + w.meeting.Ref()},
	} {
		a, aok := pos[pair[0]]
		b, bok := pos[pair[1]]
		if !aok || !bok || a > b {
			t.Errorf("want %s before %s in %q", pair[0], pair[1], got)
		}
	}
	wantHits(t, "two words, both must occur", w.find(t, "connection pool exhausted"), "incident "+w.pool.Ref())
	wantHits(t, "a decision is found under its meeting", w.find(t, "exponential"), "meeting "+w.meeting.Ref())
	wantHits(t, "an agenda item typed by hand", w.find(t, "retry storms"), "meeting "+w.meeting.Ref())
}

func TestSearchHitsCarryRefsSnippetsAndMarkers(t *testing.T) {
	w := seedSearch(t)
	p, err := w.s.Search(context.Background(), domain.SearchQuery{Text: "resolver", Kinds: []string{"event"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Hits) != 1 {
		t.Fatalf("got %+v", p.Hits)
	}
	h := p.Hits[0]
	if h.ID != w.event.ID || h.Ref != w.dns.Ref() || h.IncidentRef != w.dns.Ref() || h.Severity != "SEV3" {
		t.Errorf("hit: got %+v", h)
	}
	if h.Title != w.dns.Title {
		t.Errorf("an event shows its incident's title: got %q", h.Title)
	}
	if !strings.Contains(h.Snippet, domain.HighlightStart+"resolver"+domain.HighlightEnd) {
		t.Errorf("snippet %q: want the word between the markers", h.Snippet)
	}
	if h.At == nil || !h.At.Equal(time.Date(2026, 11, 15, 9, 10, 0, 0, time.UTC)) {
		t.Errorf("at: got %v", h.At)
	}
	p, err = w.s.Search(context.Background(), domain.SearchQuery{Text: "saturation"})
	if err != nil || len(p.Hits) != 1 {
		t.Fatalf("saturation: %+v %v", p, err)
	}
	if h := p.Hits[0]; h.Ref != w.action.Ref() || h.IncidentRef != w.pool.Ref() ||
		h.Title != "Alert on pool "+domain.HighlightStart+"saturation"+domain.HighlightEnd {
		t.Errorf("action hit: got %+v", h)
	}
	p, err = w.s.Search(context.Background(), domain.SearchQuery{Text: "exponential"})
	if err != nil || len(p.Hits) != 1 {
		t.Fatalf("exponential: %+v %v", p, err)
	}
	if h := p.Hits[0]; h.ID != w.decision.ID || h.ItemID != w.itemID || h.Title != w.meeting.Title {
		t.Errorf("decision hit: got %+v", h)
	}
}

func TestSearchFilters(t *testing.T) {
	w := seedSearch(t)
	all := []string{}
	for _, h := range w.find(t, "pool") {
		all = append(all, h)
	}
	if len(all) < 6 {
		t.Fatalf("pool: got %q", all)
	}
	wantHits(t, "kind", w.search(t, domain.SearchQuery{Text: "pool", Kinds: []string{"event", "MEETING"}}),
		"event "+w.dns.Ref(), "meeting "+w.meeting.Ref())
	p, err := w.s.Search(context.Background(), domain.SearchQuery{Text: "pool", Severities: []string{"sev1"}})
	if err != nil || len(p.Hits) != 4 {
		t.Fatalf("severity SEV1: %+v %v, want the incident, its cause, postmortem and action", p, err)
	}
	for _, h := range p.Hits {
		if h.IncidentRef != w.pool.Ref() || h.Severity != "SEV1" {
			t.Errorf("severity SEV1: got %+v", h)
		}
	}
	wantHits(t, "severity and kind", w.search(t, domain.SearchQuery{Text: "pool", Severities: []string{"SEV3"}}),
		"event "+w.dns.Ref())
	wantHits(t, "service", w.search(t, domain.SearchQuery{Text: "pool", Services: []string{"EDGE"}}),
		"event "+w.dns.Ref())
	from, to := time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	wantHits(t, "date range", w.search(t, domain.SearchQuery{Text: "pool", From: &from, To: &to}),
		"event "+w.dns.Ref())
	wantHits(t, "date range before everything", w.search(t, domain.SearchQuery{Text: "pool", To: &from, Kinds: []string{"meeting"}}),
		"meeting "+w.meeting.Ref())

	_, err = w.s.Search(context.Background(), domain.SearchQuery{Text: "pool", Kinds: []string{"tweet"}, Severities: []string{"SEV9"}, Limit: 1000, From: &to, To: &from})
	e := wantCode(t, err, domain.EINVALID)
	for _, f := range []string{"kind", "severity", "limit", "to"} {
		if e.Fields[f] == "" {
			t.Errorf("no error on %s: %v", f, e.Fields)
		}
	}
}

func TestSearchPrefixQuotingAndUnicode(t *testing.T) {
	w := seedSearch(t)
	wantHits(t, "a word being typed is a prefix", w.find(t, "exhau"), "incident "+w.pool.Ref(), "postmortem "+w.pool.Ref())
	wantHits(t, "a finished word is not", w.find(t, "exhau "))
	wantHits(t, "as you type, two words", w.find(t, "database conn"), "incident "+w.pool.Ref())
	// "pool exhausted" as words: the incident (title) and the postmortem
	// (body, "pool was exhausted"); as a phrase only the incident.
	wantHits(t, "words", w.find(t, "pool exhausted "), "incident "+w.pool.Ref(), "postmortem "+w.pool.Ref())
	wantHits(t, "phrase", w.find(t, `"pool exhausted"`), "incident "+w.pool.Ref())
	for _, q := range []string{"münchen", "MUNCHEN", "Zurich", "zürich"} {
		wantHits(t, q+" folds case and accents", w.find(t, q+" "), "incident "+w.dns.Ref())
	}
	wantHits(t, "Japanese run", w.find(t, "データベース障害"), "incident "+w.cert.Ref())
}

func TestSearchNeverShowsFTS5Syntax(t *testing.T) {
	w := seedSearch(t)
	for _, q := range []string{`"`, `""`, `"""`, `AND AND`, `*`, `NEAR(`, `NEAR(pool`, `OR`, `-`, `- pool`,
		`col:foo`, `title:pool`, `pool^`, `{pool}`, `(pool`, `pool)`, `🔥`, `ü`, `Ü`, `データ`, `'`, `\`, "\x00", `%`,
		`pool AND OR NOT`, strings.Repeat("a", 500), strings.Repeat("pool ", 100)} {
		t.Run(fmt.Sprintf("%.20q", q), func(t *testing.T) {
			p, err := w.s.Search(context.Background(), domain.SearchQuery{Text: q})
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if p.Hits == nil {
				t.Error("hits: got nil, want an empty list")
			}
		})
	}
	_, err := w.s.Search(context.Background(), domain.SearchQuery{Text: strings.Repeat("é", 501)})
	e := wantCode(t, err, domain.EINVALID)
	if e.Fields["query"] == "" {
		t.Errorf("501 characters: got %v, want an error on query", e)
	}
	// Were FTS5 to see bad syntax anyway, the person sees neither "fts5"
	// nor SQLite's words.
	var raw error
	err = w.s.db.Raw(`SELECT rowid FROM search_fts WHERE search_fts MATCH 'AND AND'`).Scan(&[]int{}).Error
	if err == nil {
		t.Fatal("want FTS5 to refuse AND AND unquoted")
	}
	raw = searchError(err)
	e = wantCode(t, raw, domain.EINVALID)
	if msg := domain.ErrorMessage(raw); strings.Contains(msg, "fts5") || strings.Contains(msg, "syntax") || e.Fields["query"] == "" {
		t.Errorf("mapped error: got %q", msg)
	}
}

func TestSearchFollowsTheTrash(t *testing.T) {
	w := seedSearch(t)
	ctx := context.Background()
	before := w.find(t, "pool")
	if err := w.s.DeleteIncident(ctx, w.pool.Ref()); err != nil {
		t.Fatal(err)
	}
	for _, h := range w.find(t, "pool") {
		if strings.HasSuffix(h, w.pool.Ref()) || h == "action "+w.action.Ref() {
			t.Errorf("trashed: found %s", h)
		}
	}
	must(w.s.RestoreIncident(ctx, w.pool.Ref()))
	wantHits(t, "restored", w.find(t, "pool"), before...)

	if err := w.s.DeleteIncident(ctx, w.pool.Ref()); err != nil {
		t.Fatal(err)
	}
	if err := w.s.PurgeIncident(ctx, w.pool.Ref()); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := w.s.db.Raw("SELECT count(*) FROM search_docs WHERE incident_seq IS NOT NULL AND incident_seq NOT IN (SELECT seq FROM incidents)").Row().Scan(&n); err != nil || n != 0 {
		t.Errorf("purged: %d documents left (%v)", n, err)
	}
	checkIndex(t, w.s)
}

// checkIndex runs FTS5's own consistency check of the index against
// search_docs.
func checkIndex(t *testing.T, s *Store) {
	t.Helper()
	if err := s.db.Exec("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)").Error; err != nil {
		t.Errorf("search index integrity: %v", err)
	}
}

func TestSearchIndexFollowsEveryEdit(t *testing.T) {
	w := seedSearch(t)
	ctx := context.Background()
	s := w.s
	type edit struct {
		name, old, new, kind string
		change               func() error
	}
	for _, c := range []edit{
		{"incident title", "database", "datastore", "incident " + w.pool.Ref(), func() error {
			in := validInput()
			in.Title, in.Severity, in.StartedAt = "Datastore connection pool exhausted", "SEV1", "2026-11-10 09:00"
			_, err := s.UpdateIncident(ctx, w.pool.Ref(), in, 0)
			return err
		}},
		{"event body", "resolver", "nameserver", "event " + w.dns.Ref(), func() error {
			_, err := s.UpdateEvent(ctx, w.event.ID, domain.EventInput{At: "2026-11-15 09:10", Zone: "UTC", Kind: "note", Body: "Checked the nameserver hosts"})
			return err
		}},
		{"cause statement", "default", "hardcoded", "cause " + w.pool.Ref(), func() error {
			_, err := s.UpdateCause(ctx, w.cause.ID, domain.CauseInput{Kind: "root", Statement: "Pool size was hardcoded"}, 0)
			return err
		}},
		{"postmortem body", "leaked", "escaped", "postmortem " + w.pool.Ref(), func() error {
			pm := must(s.GetPostmortem(ctx, w.pool.Ref()))
			_, err := s.SavePostmortem(ctx, pm.ID, domain.PostmortemEdit{Title: pm.Title, Body: "Connections escaped in the retry path."}, pm.Version)
			return err
		}},
		{"action title", "saturation", "exhaustion", "action " + w.action.Ref(), func() error {
			a := must(s.GetAction(ctx, w.action.Ref()))
			_, err := s.UpdateAction(ctx, a.Ref(), domain.ActionInput{Title: "Alert on pool exhaustion", Incident: w.pool.Ref(),
				Priority: "P1", Type: "detect", Zone: "UTC"}, a.Version)
			return err
		}},
		{"meeting notes", "dashboards", "runbooks", "meeting " + w.meeting.Ref(), func() error {
			m := must(s.GetMeeting(ctx, w.meeting.Ref()))
			n := "We agreed the pool runbooks need an owner."
			_, err := s.UpdateMeeting(ctx, m.Ref(), domain.MeetingEdit{Notes: &n}, m.Version)
			return err
		}},
		{"agenda item notes", "jitter", "randomness", "meeting " + w.meeting.Ref(), func() error {
			m := must(s.GetMeeting(ctx, w.meeting.Ref()))
			var v int
			for _, it := range m.Items {
				if it.ID == w.itemID {
					v = it.Version
				}
			}
			n := "Backoff randomness is missing."
			_, err := s.UpdateItem(ctx, m.Ref(), w.itemID, domain.ItemInput{Notes: &n}, v)
			return err
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			wantHits(t, "before, the old word", w.find(t, c.old+" "), c.kind)
			if err := c.change(); err != nil {
				t.Fatal(err)
			}
			wantHits(t, "after, the old word", w.find(t, c.old+" "))
			wantHits(t, "after, the new word", w.find(t, c.new+" "), c.kind)
		})
	}
	t.Run("deletes", func(t *testing.T) {
		if err := s.DeleteEvent(ctx, w.event.ID); err != nil {
			t.Fatal(err)
		}
		wantHits(t, "a deleted event", w.find(t, "nameserver "))
		must(s.RestoreEvent(ctx, w.event.ID))
		wantHits(t, "a restored event", w.find(t, "nameserver "), "event "+w.dns.Ref())
		if err := s.DeleteCause(ctx, w.cause.ID, domain.DeleteSubtree); err != nil {
			t.Fatal(err)
		}
		wantHits(t, "a deleted cause", w.find(t, "hardcoded "))
		if err := s.RemoveDecision(ctx, w.decision.ID); err != nil {
			t.Fatal(err)
		}
		wantHits(t, "a removed decision", w.find(t, "exponential "))
	})
	t.Run("imported events", func(t *testing.T) {
		evs := []domain.ImportedEvent{
			{At: time.Date(2026, 11, 18, 9, 1, 0, 0, time.UTC), Kind: "note", Author: "ana", Body: "Renewal bot silently failed"},
			{At: time.Date(2026, 11, 18, 9, 2, 0, 0, time.UTC), Kind: "note", Author: "ana", Body: "Renewed by hand"},
		}
		must(s.ImportEvents(ctx, w.cert.Ref(), "text", evs))
		wantHits(t, "imported", w.find(t, "renew"), "event "+w.cert.Ref(), "event "+w.cert.Ref())
	})
	checkIndex(t, s)
}

func TestSearchIndexRollsBackWithTheWrite(t *testing.T) {
	w := seedSearch(t)
	ctx := context.Background()
	in := validInput()
	in.Title = "Renamed while someone else saved"
	_, err := w.s.UpdateIncident(ctx, w.pool.Ref(), in, w.pool.Version+5)
	wantCode(t, err, domain.ECONFLICT)
	wantHits(t, "after a version conflict", w.find(t, "renamed "))
	// A write that reached the table, then failed: the index goes back
	// with it.
	boom := errors.New("boom")
	err = w.s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("UPDATE incidents SET title = 'Renamed inside a failed write' WHERE seq = (SELECT seq FROM incidents WHERE number = ?)", w.pool.Number).Error; err != nil {
			return err
		}
		if err := flushSearch(tx); err != nil {
			return err
		}
		var n int
		if err := tx.Raw("SELECT count(*) FROM search_fts WHERE search_fts MATCH 'renamed'").Row().Scan(&n); err != nil || n != 1 {
			t.Errorf("inside the transaction: %d matches (%v), want 1", n, err)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	wantHits(t, "after the rollback, the new word", w.find(t, "renamed "))
	wantHits(t, "after the rollback, the old word", w.find(t, "exhausted "), "incident "+w.pool.Ref(), "postmortem "+w.pool.Ref())
	checkIndex(t, w.s)
}

func TestReindexRebuildsTheSameIndex(t *testing.T) {
	w := seedSearch(t)
	ctx := context.Background()
	queries := []string{"pool", "connection", "exponential", "resolver", "münchen", "retry"}
	before := map[string][]string{}
	for _, q := range queries {
		before[q] = w.find(t, q)
	}
	// Lose the index.
	if err := w.s.db.Exec("INSERT INTO search_fts (search_fts) VALUES ('delete-all')").Error; err != nil {
		t.Fatal(err)
	}
	wantHits(t, "with no index", w.find(t, "pool"))
	var calls, last, total int
	n, err := w.s.Reindex(ctx, func(done, tot int) { calls, last, total = calls+1, done, tot })
	if err != nil {
		t.Fatal(err)
	}
	if calls < 2 || last != total || total != n {
		t.Errorf("progress: %d calls, last %d of %d; %d documents", calls, last, total, n)
	}
	for _, q := range queries {
		wantHits(t, "after reindex, "+q, w.find(t, q), before[q]...)
	}
	checkIndex(t, w.s)
	// The triggers are back: the index still follows writes.
	mustCreate(t, w.s, domain.IncidentInput{Title: "Pool of workers stalled", Severity: "SEV4", StartedAt: "2026-11-21 09:00", Zone: "UTC"})
	if got := w.find(t, "stalled"); len(got) != 1 {
		t.Errorf("after reindex, a new incident: got %q", got)
	}
}

// A database from before search gets its index from the migration.
func TestSearchMigrationIndexesExistingRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(path, Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	inc := mustCreate(t, s, domain.IncidentInput{Title: "Queue backlog", Severity: "SEV2", StartedAt: "2026-11-10 09:00", Zone: "UTC"})
	must(s.AddEvent(ctx, inc.Ref(), domain.EventInput{At: "2026-11-10 09:01", Zone: "UTC", Kind: "note", Body: "Consumers stalled on a poison message"}))
	ev := must(s.AddEvent(ctx, inc.Ref(), domain.EventInput{At: "2026-11-10 09:02", Zone: "UTC", Kind: "note", Body: "Deleted poison note"}))
	if err := s.DeleteEvent(ctx, ev.ID); err != nil {
		t.Fatal(err)
	}
	mustAction(t, s, domain.ActionInput{Title: "Dead-letter queue for poison messages", Priority: "P2", Type: "prevent"})
	// Back to the schema before 202611240008_search.
	last := migrations[len(migrations)-1]
	if last.ID != "202611240008_search" {
		t.Fatalf("last migration is %s", last.ID)
	}
	if err := last.Rollback(s.db); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Exec("DELETE FROM schema_migrations WHERE id = ?", last.ID).Error; err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = mustOpenAt(t, path)
	p, err := s.Search(ctx, domain.SearchQuery{Text: "poison"})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, h := range p.Hits {
		got = append(got, h.Kind+" "+h.Ref)
	}
	wantHits(t, "backfilled", got, "action ACT-0001", "event "+inc.Ref())
	checkIndex(t, s)
}

func TestSearchPagesAndHasMore(t *testing.T) {
	t.Run("ranking every match", func(t *testing.T) { testSearchPages(t) })
	t.Run("ranking the newest matches of a common word", func(t *testing.T) {
		w, sl := searchWindow, searchSlack
		searchWindow, searchSlack = 40, 3
		defer func() { searchWindow, searchSlack = w, sl }()
		testSearchPages(t)
	})
}

func testSearchPages(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, domain.IncidentInput{Title: "Noisy", Severity: "SEV4", StartedAt: "2026-11-10 09:00", Zone: "UTC"})
	evs := make([]domain.ImportedEvent, 30)
	for k := range evs {
		evs[k] = domain.ImportedEvent{At: time.Date(2026, 11, 10, 9, k, 0, 0, time.UTC), Kind: "note", Body: fmt.Sprintf("flap %d", k)}
	}
	must(s.ImportEvents(ctx, inc.Ref(), "text", evs))
	seen := map[string]bool{}
	for off := 0; off < 30; off += 12 {
		p, err := s.Search(ctx, domain.SearchQuery{Text: "flap", Limit: 12, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		if want := off+12 < 30; p.HasMore != want {
			t.Errorf("offset %d: hasMore %v, want %v", off, p.HasMore, want)
		}
		for _, h := range p.Hits {
			if seen[h.ID] {
				t.Errorf("offset %d: %s twice", off, h.ID)
			}
			seen[h.ID] = true
		}
	}
	if len(seen) != 30 {
		t.Errorf("got %d distinct hits over the pages, want 30", len(seen))
	}
	// A second incident's flaps, in the trash: never found, however the
	// matches are ranked.
	other := mustCreate(t, s, domain.IncidentInput{Title: "Other", Severity: "SEV4", StartedAt: "2026-11-11 09:00", Zone: "UTC"})
	must(s.ImportEvents(ctx, other.Ref(), "text", evs))
	if err := s.DeleteIncident(ctx, other.Ref()); err != nil {
		t.Fatal(err)
	}
	p, err := s.Search(ctx, domain.SearchQuery{Text: "flap", Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Hits) != 30 || p.HasMore {
		t.Errorf("with a trashed incident's flaps: got %d hits (more: %v), want 30", len(p.Hits), p.HasMore)
	}
	for _, h := range p.Hits {
		if h.Ref != inc.Ref() {
			t.Errorf("found %s", h.Ref)
		}
	}
}

// A postmortem file brings an incident with its events, causes, actions
// and the document: all of them are found once imported, and a second
// import of the same file indexes nothing twice.
func TestSearchFindsWhatAPostmortemImportBrought(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	count := func() map[string]int {
		var rows []struct {
			Kind string
			N    int
		}
		if err := s.db.Raw("SELECT kind, count(*) AS n FROM search_docs GROUP BY kind").Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, r := range rows {
			out[r.Kind] = r.N
		}
		return out
	}
	for round := 1; round <= 2; round++ {
		if _, err := s.ImportPostmortem(ctx, goldenBundle(t), ImportOptions{Source: "export-sre.md"}); err != nil {
			t.Fatal(err)
		}
		got := count()
		want := map[string]int{"incident": 1, "event": 6, "cause": 5, "action": 3, "postmortem": 1}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("import %d: documents by kind %v, want %v", round, got, want)
		}
	}
	var body string
	if err := s.db.Raw("SELECT body FROM search_docs WHERE kind = 'event' LIMIT 1").Row().Scan(&body); err != nil {
		t.Fatal(err)
	}
	word := strings.Fields(body)[0]
	p, err := s.Search(ctx, domain.SearchQuery{Text: word + " ", Kinds: []string{"event"}})
	if err != nil || len(p.Hits) == 0 {
		t.Errorf("an imported event's first word %q: %+v %v", word, p, err)
	}
	checkIndex(t, s)
}
