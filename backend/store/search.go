package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/hindsight-app/hindsight/backend/domain"
)

var _ domain.SearchService = (*Store)(nil)

// Ranking: bm25 with a match in a title worth searchWeightTitle matches
// in a body, so an incident named for the word comes before an event
// that mentions it in passing. Lower is better.
const (
	searchWeightTitle = 5.0
	searchWeightBody  = 1.0
	// minPrefix is the shortest last word that matches as a prefix: one
	// letter would match nearly every document.
	minPrefix = 2
	// kindKeyPrefix starts the kind's token in the index (kind_key).
	kindKeyPrefix = "\ue000"
)

// Variables so that tests can make them small.
var (
	// searchWindow bounds how many matches a search ranks. A common word
	// is in hundreds of thousands of timeline events, and bm25 reads each
	// match's length: ranking them all takes longer than a keystroke may.
	// A search with more matches ranks the searchWindow newest (by when
	// they were indexed, which follows when they were written); see
	// rankWindow.
	searchWindow = 5000
	// searchSlack is how many more of a window's best the first, cheap
	// pass looks at than the page needs, for the filters to drop.
	searchSlack = 200
)

// ftsMatch turns what a person typed into an FTS5 MATCH expression in
// which nothing is syntax: every word is a quoted string (so AND, OR, NOT,
// NEAR, *, ^, :, parentheses and minus signs are plain text), all of them
// must occur, text between double quotes is a phrase, and an unmatched
// double quote is ignored. The last word, when the text does not end with
// a space or a closing quote, also matches as a prefix: the search runs as
// the person types. A word is a run of letters, digits and combining
// marks; anything else separates words, as unicode61 does in the index.
// Text with no word gives "" (the caller finds nothing).
func ftsMatch(text string) string {
	type term struct {
		words  []string
		phrase bool
	}
	var (
		terms  []term
		cur    []rune
		phrase []string
		quoted bool
	)
	endWord := func() {
		if len(cur) == 0 {
			return
		}
		w := string(cur)
		cur = cur[:0]
		if quoted {
			phrase = append(phrase, w)
			return
		}
		terms = append(terms, term{words: []string{w}})
	}
	for _, r := range text {
		switch {
		case isWordRune(r):
			cur = append(cur, r)
		case r == '"':
			endWord()
			if quoted && len(phrase) > 0 {
				terms = append(terms, term{words: phrase, phrase: true})
			}
			phrase, quoted = nil, !quoted
		default:
			endWord()
		}
	}
	last, _ := utf8.DecodeLastRuneInString(text)
	typing := isWordRune(last)
	endWord()
	// An unclosed quote: its words count as words.
	for _, w := range phrase {
		terms = append(terms, term{words: []string{w}})
	}
	parts := make([]string, 0, len(terms))
	for k, t := range terms {
		s := `"` + strings.Join(t.words, " ") + `"`
		if k == len(terms)-1 && typing && !t.phrase && utf8.RuneCountInString(t.words[0]) >= minPrefix {
			s += "*"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// isWordRune is what unicode61 keeps in a token: letters, digits, and
// the combining marks it folds away. A double quote never is one, so a
// word needs no escaping inside "…"; nor is a private-use character,
// which unicode61 would keep, so no word can reach the kinds' tokens.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r)
}

// searchError words an error from a MATCH. ftsMatch quotes everything, so
// FTS5 should never see bad syntax; if it does, the person sees that the
// text could not be searched, never SQLite's own words.
func searchError(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if strings.Contains(msg, "fts5") || strings.Contains(msg, "syntax error") || strings.Contains(msg, "unterminated string") {
		return fieldError("query", "could not be searched as typed; try plain words, or \"a phrase\" in double quotes")
	}
	return wrap(err, "search")
}

// searchFilter is the WHERE clause (over search_docs d) of a query's
// filters, and its arguments. Documents under a trashed incident are
// never found; severity and service keep only documents of incidents
// that match.
func searchFilter(q *domain.SearchQuery) (string, []any) {
	var (
		where []string
		args  []any
	)
	inc := "SELECT i.seq FROM incidents i WHERE i.deleted_at IS NULL"
	var incArgs []any
	if len(q.Severities) > 0 {
		inc += " AND i.severity IN ?"
		incArgs = append(incArgs, q.Severities)
	}
	if len(q.Services) > 0 {
		inc += ` AND i.seq IN (SELECT j.incident_seq FROM incident_services j
			JOIN services v ON v.id = j.service_id WHERE v.name IN ?)`
		incArgs = append(incArgs, q.Services)
	}
	// The unary + keeps SQLite from answering this through the index on
	// incident_seq, looking up every document of every SEV1 incident in
	// the full-text index: the match list is what must drive the join.
	if len(incArgs) > 0 {
		where = append(where, "+d.incident_seq IN ("+inc+")")
	} else {
		where = append(where, "(d.incident_seq IS NULL OR +d.incident_seq IN ("+inc+"))")
	}
	args = append(args, incArgs...)
	if len(q.Kinds) > 0 {
		where = append(where, "+d.kind IN ?")
		args = append(args, q.Kinds)
	}
	if q.From != nil {
		where = append(where, "d.at >= ?")
		args = append(args, q.From.UnixMilli())
	}
	if q.To != nil {
		where = append(where, "d.at < ?")
		args = append(args, q.To.UnixMilli())
	}
	return strings.Join(where, " AND "), args
}

type rankedDoc struct {
	ID    int64
	Score float64
}

// Search implements domain.SearchService.
//
// Most searches rank every match. One whose text matches more than
// searchWindow documents ranks only the searchWindow newest matches (or,
// when the filters leave too few of those, the newest that pass the
// filters): recent incidents are what a person is most likely after, and
// the cost stays bounded however common the word. Snippets and
// references are read for the page alone.
func (s *Store) Search(ctx context.Context, q domain.SearchQuery) (*domain.SearchPage, error) {
	start := time.Now()
	q.Kinds = append([]string(nil), q.Kinds...)
	q.Severities = append([]string(nil), q.Severities...)
	q.Services = append([]string(nil), q.Services...)
	if err := q.Check(); err != nil {
		return nil, err
	}
	page := &domain.SearchPage{Hits: []domain.SearchHit{}, Offset: q.Offset, Limit: q.Limit}
	match := ftsMatch(q.Text)
	if match == "" {
		page.Took = time.Since(start)
		return page, nil
	}
	// Kinds other than events have short lists in the index: intersect
	// with them there. Events are most documents; filtering them by the
	// row costs less than intersecting with their list.
	if len(q.Kinds) > 0 && !slices.Contains(q.Kinds, domain.SearchEvent) {
		keys := make([]string, len(q.Kinds))
		for k, kind := range q.Kinds {
			keys[k] = `"` + kindKeyPrefix + kind + `"`
		}
		match = "(" + match + ") AND (" + strings.Join(keys, " OR ") + ")"
	}
	db := s.db.WithContext(ctx)
	filter, fargs := searchFilter(&q)
	want := q.Offset + q.Limit + 1
	rank := fmt.Sprintf("bm25(search_fts, %g, %g, 0)", searchWeightTitle, searchWeightBody)

	var matches int
	err := db.Raw(`SELECT count(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? LIMIT ?)`,
		match, searchWindow+1).Row().Scan(&matches)
	if err != nil {
		return nil, searchError(err)
	}
	var ranked []rankedDoc
	args := append([]any{match}, fargs...)
	if matches > searchWindow {
		ranked, err = rankWindow(db, match, rank, filter, fargs, want)
	} else {
		err = db.Raw(`SELECT d.id, `+rank+` AS score FROM search_fts JOIN search_docs d INDEXED BY search_docs_filter ON d.id = search_fts.rowid
			WHERE search_fts MATCH ? AND `+filter+` ORDER BY score, d.id LIMIT ?`,
			append(args, want)...).Scan(&ranked).Error
	}
	if err != nil {
		return nil, searchError(err)
	}
	if len(ranked) > q.Offset+q.Limit {
		page.HasMore = true
		ranked = ranked[:q.Offset+q.Limit]
	}
	if q.Offset >= len(ranked) {
		page.Took = time.Since(start)
		return page, nil
	}
	hits, err := searchHits(db, match, ranked[q.Offset:])
	if err != nil {
		return nil, err
	}
	page.Hits = hits
	page.Took = time.Since(start)
	return page, nil
}

// rankWindow ranks the searchWindow newest matches of a common word. It
// first ranks them by bm25 alone and applies the filters to the best few
// hundred, which answers any search whose filters keep most documents
// (the trash hides few) without reading a document per match; when the
// filters leave too few of those, it ranks the newest matches that pass
// them.
func rankWindow(db *gorm.DB, match, rank, filter string, fargs []any, want int) ([]rankedDoc, error) {
	var cands []rankedDoc
	n := want + searchSlack
	err := db.Raw(`SELECT id, score FROM (SELECT rowid AS id, `+rank+` AS score FROM search_fts
		WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?) ORDER BY score, id LIMIT ?`,
		match, searchWindow, n).Scan(&cands).Error
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(cands))
	for k, c := range cands {
		ids[k] = c.ID
	}
	var pass []int64
	if err := db.Raw("SELECT d.id FROM search_docs d INDEXED BY search_docs_filter WHERE d.id IN ? AND "+filter, append([]any{ids}, fargs...)...).Scan(&pass).Error; err != nil {
		return nil, err
	}
	if len(pass) >= want {
		ok := make(map[int64]bool, len(pass))
		for _, id := range pass {
			ok[id] = true
		}
		out := cands[:0]
		for _, c := range cands {
			if ok[c.ID] && len(out) < want {
				out = append(out, c)
			}
		}
		return out, nil
	}
	var ranked []rankedDoc
	err = db.Raw(`SELECT id, score FROM (SELECT d.id AS id, `+rank+` AS score
		FROM search_fts JOIN search_docs d INDEXED BY search_docs_filter ON d.id = search_fts.rowid
		WHERE search_fts MATCH ? AND `+filter+` ORDER BY search_fts.rowid DESC LIMIT ?)
		ORDER BY score, id LIMIT ?`, append(append([]any{match}, fargs...), searchWindow, want)...).Scan(&ranked).Error
	return ranked, err
}

// searchHits reads what a page of ranked documents shows: the
// highlighted title and snippet (which need the MATCH), the reference and
// the time.
func searchHits(db *gorm.DB, match string, ranked []rankedDoc) ([]domain.SearchHit, error) {
	ids := make([]int64, len(ranked))
	for k, r := range ranked {
		ids[k] = r.ID
	}
	mark := fmt.Sprintf("char(%d), char(%d)", domain.HighlightStart[0], domain.HighlightEnd[0])
	rows, err := db.Raw(`SELECT d.id, d.kind, d.entity_id, coalesce(d.item_id, ''), d.at,
		highlight(search_fts, 0, `+mark+`), snippet(search_fts, 1, `+mark+`, '…', 24),
		i.number, coalesce(i.title, ''), coalesce(i.severity, ''), a.number, m.number, coalesce(m.title, '')
		FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid
		LEFT JOIN incidents i ON i.seq = d.incident_seq
		LEFT JOIN actions a ON d.kind = 'action' AND a.id = d.entity_id
		LEFT JOIN meetings m ON m.id = d.meeting_id
		WHERE search_fts MATCH ? AND search_fts.rowid IN ?`, match, ids).Rows()
	if err != nil {
		return nil, searchError(err)
	}
	defer rows.Close()
	byID := make(map[int64]domain.SearchHit, len(ids))
	for rows.Next() {
		var (
			id, at                  int64
			h                       domain.SearchHit
			title, snippet          string
			incNum, actNum, mtgNum  *int
			incTitle, mtgTitle, sev string
		)
		if err := rows.Scan(&id, &h.Kind, &h.ID, &h.ItemID, &at, &title, &snippet,
			&incNum, &incTitle, &sev, &actNum, &mtgNum, &mtgTitle); err != nil {
			return nil, wrap(err, "read search hits")
		}
		t := time.UnixMilli(at).UTC()
		h.At, h.Severity, h.Snippet = &t, sev, strings.TrimSpace(snippet)
		if incNum != nil {
			h.IncidentRef = domain.IncidentRef(*incNum)
			h.Ref = h.IncidentRef
		}
		switch {
		case actNum != nil:
			h.Ref = domain.ActionRef(*actNum)
		case mtgNum != nil:
			h.Ref = domain.MeetingRef(*mtgNum)
		}
		// An event has no title of its own, and a decision none: they
		// show their incident's or their meeting's.
		h.Title = title
		if strings.TrimSpace(h.Title) == "" {
			h.Title = incTitle
			if mtgNum != nil {
				h.Title = mtgTitle
			}
		}
		byID[id] = h
	}
	if err := rows.Err(); err != nil {
		return nil, searchError(err)
	}
	out := make([]domain.SearchHit, 0, len(ranked))
	for _, r := range ranked {
		if h, ok := byID[r.ID]; ok {
			h.Rank = r.Score
			out = append(out, h)
		}
	}
	return out, nil
}

// reindexBatch is how many rows of a table one INSERT … SELECT indexes
// between two progress reports.
const reindexBatch = 20000

// Reindex implements domain.SearchService. It runs in one transaction:
// until it commits, searches see the old index, and if it fails nothing
// changed. It holds the write lock throughout (about a minute for a
// million timeline events).
func (s *Store) Reindex(ctx context.Context, progress func(done, total int)) (int, error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	var docs int
	err := s.tx(ctx, func(tx *gorm.DB) error {
		type span struct{ lo, hi, n int64 }
		spans := make([]span, len(searchBackfill0008))
		total := 0
		for k, b := range searchBackfill0008 {
			sp := &spans[k]
			q := "SELECT coalesce(min(t.rowid), 0), coalesce(max(t.rowid), 0), count(*) FROM " + b.table + " t WHERE " + searchSources0008[k].live
			if err := tx.Raw(q).Row().Scan(&sp.lo, &sp.hi, &sp.n); err != nil {
				return wrap(err, "count %s", b.table)
			}
			total += int(sp.n)
		}
		progress(0, total)
		// Emptying row by row through the triggers would delete each
		// document from the index in turn; drop them, empty both tables
		// at once, and put them back before filling.
		stmts := []string{}
		for _, name := range []string{"search_docs_ai", "search_docs_ad", "search_docs_au"} {
			stmts = append(stmts, "DROP TRIGGER "+name)
		}
		stmts = append(stmts, "DELETE FROM search_docs", "DELETE FROM search_queue", "INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
		stmts = append(stmts, searchDocTriggers0008...)
		if err := execAll(tx, stmts...); err != nil {
			return wrap(err, "empty the search index")
		}
		done := 0
		for k, b := range searchBackfill0008 {
			sp := spans[k]
			for lo := sp.lo; sp.n > 0 && lo <= sp.hi; lo += reindexBatch {
				if err := ctx.Err(); err != nil {
					return err
				}
				res := tx.Exec(b.sql+" AND t.rowid BETWEEN ? AND ?", lo, lo+reindexBatch-1)
				if res.Error != nil {
					return wrap(res.Error, "index %s", b.table)
				}
				if err := flushSearch(tx); err != nil {
					return err
				}
				done += int(res.RowsAffected)
				progress(done, total)
			}
		}
		return wrap(tx.Raw("SELECT count(*) FROM search_docs").Row().Scan(&docs), "count documents")
	})
	if err != nil {
		return 0, err
	}
	return docs, nil
}

// indexEvents indexes the live events of incident incSeq whose seq is
// above after: the ones an insert just added. Adding events does not
// fire a trigger (see searchSourceTriggers0008); every path that adds
// them calls this in its transaction, once for all it added.
func indexEvents(tx *gorm.DB, incSeq, after int64) error {
	for _, src := range searchSources0008 {
		if src.table != "timeline_events" {
			continue
		}
		err := tx.Exec(upsertDoc0008("SELECT "+src.cols+" FROM timeline_events t WHERE "+src.live+
			" AND t.incident_seq = ? AND t.seq > ?"), incSeq, after).Error
		return wrap(err, "index events")
	}
	panic("store: no search source for timeline events")
}

// lastEventSeq is the highest event seq so far, for indexEvents.
func lastEventSeq(tx *gorm.DB) (int64, error) {
	var seq int64
	err := tx.Raw("SELECT coalesce(max(seq), 0) FROM timeline_events").Row().Scan(&seq)
	return seq, wrap(err, "read the last event")
}

// flushSearch applies the changes the triggers queued to the full-text
// index (see searchDocTriggers0008). Every write transaction ends with it.
func flushSearch(tx *gorm.DB) error {
	return wrap(execAll(tx, flushSearch0008...), "update the search index")
}

// errNoFTS5 is what Open says when SQLite was built without FTS5: a
// domain error, so the CLI shows these words (and exits 5, as for any
// internal error) rather than only pointing at the log.
var errNoFTS5 = domain.Errorf(domain.EINTERNAL, "this build of Hindsight has no full-text search (its SQLite lacks FTS5); build it with -tags sqlite_fts5")

// checkFTS5 refuses to open a database without FTS5: the migrations and
// every search need it, and a driver error about an unknown module would
// not say what to do.
func (s *Store) checkFTS5() error {
	var on int
	if err := s.db.Raw("SELECT sqlite_compileoption_used('ENABLE_FTS5')").Row().Scan(&on); err != nil {
		return fmt.Errorf("store: check for FTS5: %w", err)
	}
	if on == 0 {
		return errNoFTS5
	}
	return nil
}
