package store

import "fmt"

// The full-text search schema of migration 202611240008_search, frozen
// here as text like every migration's DDL. Reindex rebuilds the index with
// the same statements; a later migration that changes the index brings
// its own copies, and Reindex moves to them.
//
// search_docs holds one row per searchable thing: its text (title, body)
// and what the filters and the hit need (kind, the incident, the meeting,
// the time). search_fts is an external-content FTS5 index over its title
// and body, so the text is stored once and snippet() reads it from there.
//
// Triggers keep both in step with every table they index, inside the
// statement that writes the row and so inside its transaction: a write
// that rolls back takes its index change with it, and no write path (the
// form, a bulk import, a cascade from a purge) can forget the index.
// Severity, services and the trash are not copied into search_docs: a
// search joins incidents for them, so changing an incident never has to
// rewrite the rows of its events.

var searchTables0008 = []string{
	`CREATE TABLE search_docs (
		id           INTEGER PRIMARY KEY,
		kind         TEXT NOT NULL CHECK (kind IN ('incident','event','cause','postmortem','action','meeting')),
		entity_id    TEXT NOT NULL,
		incident_seq INTEGER,
		meeting_id   TEXT,
		item_id      TEXT,
		at           INTEGER NOT NULL,
		title        TEXT NOT NULL,
		body         TEXT NOT NULL,
		-- The kind as the index holds it: after U+E000, a private-use
		-- character that unicode61 keeps in a token and a search never
		-- passes on, so a person's words cannot match it.
		kind_key     TEXT GENERATED ALWAYS AS (char(57344) || kind) VIRTUAL,
		UNIQUE (kind, entity_id)
	)`,
	// What the filters read of each match, in a narrow index that stays
	// in the page cache where the rows, with their text, would not: a
	// search looks up each match by id here (INDEXED BY in Search).
	`CREATE INDEX search_docs_filter ON search_docs (id, kind, incident_seq, at)`,
	// For the deletes that cascade by incident, meeting and agenda item.
	`CREATE INDEX search_docs_incident ON search_docs (incident_seq) WHERE incident_seq IS NOT NULL`,
	`CREATE INDEX search_docs_meeting ON search_docs (meeting_id) WHERE meeting_id IS NOT NULL`,
	`CREATE INDEX search_docs_item ON search_docs (item_id) WHERE item_id IS NOT NULL`,
	// Changes waiting for search_fts until the transaction's end; empty
	// between transactions. A removal keeps the text the index holds (an
	// external-content 'delete' needs it); an addition only names the row,
	// whose text the flush reads from search_docs.
	`CREATE TABLE search_queue (
		seq    INTEGER PRIMARY KEY,
		doc_id INTEGER NOT NULL,
		del    INTEGER NOT NULL,
		kind   TEXT,
		title  TEXT,
		body   TEXT
	)`,
	// unicode61 folds case and (remove_diacritics 2) accents, in the text
	// and the query alike; the prefix indexes answer two- and three-letter
	// prefixes, what a person has typed so far, without a term scan.
	// The kind is indexed too, so a kind filter is a term the index
	// intersects with the words (search for "service" among incidents
	// reads the incidents' short list, not every event's); it has no
	// weight in the ranking.
	`CREATE VIRTUAL TABLE search_fts USING fts5 (
		title, body, kind_key,
		content = 'search_docs', content_rowid = 'id',
		tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
	)`,
}

// searchDocTriggers0008 queue each change to search_docs for search_fts
// (the 'delete' of an external-content index needs the old text, which
// the queue keeps). The store applies the queue in one statement at the
// end of each write transaction (flushSearch): FTS5 writes its pending
// terms out as a new segment at every statement savepoint, so an index
// written row by row from triggers cost about a millisecond a row in a
// bulk import, and a single statement costs microseconds.
var searchDocTriggers0008 = []string{
	`CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
		INSERT INTO search_queue (doc_id, del) VALUES (new.id, 0);
	END`,
	`CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
		INSERT INTO search_queue (doc_id, del, kind, title, body) VALUES (old.id, 1, old.kind_key, old.title, old.body);
	END`,
	`CREATE TRIGGER search_docs_au AFTER UPDATE OF title, body ON search_docs
	WHEN old.title IS NOT new.title OR old.body IS NOT new.body BEGIN
		INSERT INTO search_queue (doc_id, del, kind, title, body) VALUES (old.id, 1, old.kind_key, old.title, old.body);
		INSERT INTO search_queue (doc_id, del) VALUES (new.id, 0);
	END`,
}

// flushSearch0008 applies the queue to search_fts and empties it. For each
// row touched it takes out what the index held before the transaction (a
// row whose first change is a removal was indexed, with that text), then
// puts in what search_docs holds now (if the row is still there): the net
// change, whatever happened in between. Additions carry no text, so a
// bulk import copies each event's text once, into search_docs.
var flushSearch0008 = []string{
	`INSERT INTO search_fts (search_fts, rowid, title, body, kind_key)
		SELECT 'delete', q.doc_id, q.title, q.body, q.kind
		FROM (SELECT min(seq) AS first FROM search_queue GROUP BY doc_id) f
		JOIN search_queue q ON q.seq = f.first WHERE q.del`,
	`INSERT INTO search_fts (rowid, title, body, kind_key)
		SELECT d.id, d.title, d.body, d.kind_key FROM search_docs d
		WHERE d.id IN (SELECT doc_id FROM search_queue)`,
	`DELETE FROM search_queue`,
}

// upsertDoc0008 writes one search_docs row from a VALUES clause giving
// (kind, entity_id, incident_seq, meeting_id, item_id, at, title, body).
func upsertDoc0008(values string) string {
	return `INSERT INTO search_docs (kind, entity_id, incident_seq, meeting_id, item_id, at, title, body) ` + values + `
		ON CONFLICT (kind, entity_id) DO UPDATE SET incident_seq = excluded.incident_seq,
		meeting_id = excluded.meeting_id, item_id = excluded.item_id, at = excluded.at,
		title = excluded.title, body = excluded.body`
}

// searchSource0008 says how one table becomes search documents: cols is
// the SELECT list over alias t (in upsertDoc0008's order), live the
// condition a row must meet to be found.
type searchSource0008 struct {
	kind, table, cols, live string
}

var searchSources0008 = []searchSource0008{
	{"incident", "incidents", `'incident', t.id, t.seq, NULL, NULL, t.started_at, t.title,
		t.summary || char(10) || t.customer_impact`, "true"},
	{"event", "timeline_events", `'event', t.id, t.incident_seq, NULL, NULL, t.at, '', t.body`, "t.deleted_at IS NULL"},
	{"cause", "cause_nodes", `'cause', t.id, t.incident_seq, NULL, NULL, t.created_at, t.statement, t.notes`, "true"},
	{"postmortem", "postmortems", `'postmortem', t.id, t.incident_seq, NULL, NULL, t.created_at, t.title, t.body`, "true"},
	{"action", "actions", `'action', t.id, t.incident_seq, NULL, NULL, t.created_at, t.title,
		t.description || char(10) || t.verification || char(10) || t.reason`, "true"},
	{"meeting", "meetings", `'meeting', t.id, NULL, t.id, NULL, t.at, t.title, t.notes`, "true"},
	// A generated item's title repeats its subject's (an incident's, an
	// action's), found under its own kind already; only titles typed by
	// hand, and notes, are the meeting's own text.
	{"meeting", "agenda_items", `'meeting', t.id, NULL, t.meeting_id, t.id,
		(SELECT m.at FROM meetings m WHERE m.id = t.meeting_id),
		CASE WHEN t.manual THEN t.title ELSE '' END, t.notes`, "(t.manual OR t.notes != '')"},
	{"meeting", "meeting_decisions", `'meeting', t.id, NULL,
		(SELECT i.meeting_id FROM agenda_items i WHERE i.id = t.item_id), t.item_id,
		(SELECT m.at FROM meetings m JOIN agenda_items i ON i.meeting_id = m.id WHERE i.id = t.item_id),
		'', t.text`, "true"},
}

// searchBackfill0008 indexes every row of every source; where is the
// source's condition, to which Reindex adds a rowid range for batches.
var searchBackfill0008 = func() []struct{ table, sql string } {
	out := make([]struct{ table, sql string }, len(searchSources0008))
	for k, s := range searchSources0008 {
		out[k].table = s.table
		out[k].sql = fmt.Sprintf("INSERT INTO search_docs (kind, entity_id, incident_seq, meeting_id, item_id, at, title, body) SELECT %s FROM %s t WHERE %s", s.cols, s.table, s.live)
	}
	return out
}()

// searchSourceTriggers0008 keep search_docs in step with the tables (but
// for new timeline events, see below). An update trigger fires only when
// a column the index reads is set.
var searchSourceTriggers0008 = func() []string {
	// new.* in place of t.* turns a source's SELECT list into a trigger's.
	row := func(kind string, n int) (cols, live string) {
		for _, s := range searchSources0008 {
			if s.kind == kind && n == 0 {
				return replaceAlias(s.cols), replaceAlias(s.live)
			}
			if s.kind == kind {
				n--
			}
		}
		panic("no search source " + kind)
	}
	type src struct {
		name, table, kind string
		n                 int
		watch             string
		onDelete          string
		extraUpdate       string
	}
	var out []string
	for _, s := range []src{
		{"incident", "incidents", "incident", 0, "title, summary, customer_impact, started_at",
			"DELETE FROM search_docs WHERE incident_seq = old.seq", ""},
		{"event", "timeline_events", "event", 0, "body, at, deleted_at, incident_seq",
			"DELETE FROM search_docs WHERE kind = 'event' AND entity_id = old.id", ""},
		{"cause", "cause_nodes", "cause", 0, "statement, notes",
			"DELETE FROM search_docs WHERE kind = 'cause' AND entity_id = old.id", ""},
		{"postmortem", "postmortems", "postmortem", 0, "title, body",
			"DELETE FROM search_docs WHERE kind = 'postmortem' AND entity_id = old.id", ""},
		{"action", "actions", "action", 0, "title, description, verification, reason, incident_seq",
			"DELETE FROM search_docs WHERE kind = 'action' AND entity_id = old.id", ""},
		{"meeting", "meetings", "meeting", 0, "title, notes, at",
			"DELETE FROM search_docs WHERE meeting_id = old.id",
			"UPDATE search_docs SET at = new.at WHERE meeting_id = new.id AND at IS NOT new.at;"},
		{"agenda_item", "agenda_items", "meeting", 1, "title, notes, manual",
			"DELETE FROM search_docs WHERE item_id = old.id", ""},
		{"decision", "meeting_decisions", "meeting", 2, "text",
			"DELETE FROM search_docs WHERE kind = 'meeting' AND entity_id = old.id", ""},
	} {
		cols, live := row(s.kind, s.n)
		// VALUES, with the live condition as the trigger's WHEN: an
		// INSERT … SELECT in a trigger costs several times more per row.
		upsert := upsertDoc0008("VALUES (" + cols + ")")
		when := ""
		if live != "true" {
			when = " WHEN " + live
		}
		// Events come in by the hundred thousand in an import, and a
		// trigger on an INSERT makes SQLite keep a statement journal for
		// each row: the code that adds events indexes them itself, all
		// of an import in one statement (indexEvents).
		if s.table != "timeline_events" {
			out = append(out, fmt.Sprintf("CREATE TRIGGER search_%s_ai AFTER INSERT ON %s%s BEGIN %s; END", s.name, s.table, when, upsert))
		}
		out = append(out,
			fmt.Sprintf("CREATE TRIGGER search_%s_au AFTER UPDATE OF %s ON %s%s BEGIN %s %s; END",
				s.name, s.watch, s.table, when, s.extraUpdate, upsert),
			fmt.Sprintf("CREATE TRIGGER search_%s_ad AFTER DELETE ON %s BEGIN %s; END", s.name, s.table, s.onDelete),
		)
		if live != "true" {
			// A row that stops being live (an event deleted to the
			// timeline's trash) leaves the index; one that comes back
			// returns, by the update trigger above.
			out = append(out, fmt.Sprintf("CREATE TRIGGER search_%s_gone AFTER UPDATE OF %s ON %s WHEN NOT (%s) BEGIN DELETE FROM search_docs WHERE kind = '%s' AND entity_id = old.id; END",
				s.name, s.watch, s.table, live, s.kind))
		}
	}
	return out
}()

// searchTriggerNames0008 lists every trigger above, for the rollback.
var searchTriggerNames0008 = func() []string {
	out := []string{"search_docs_ai", "search_docs_ad", "search_docs_au"}
	for _, n := range []string{"incident", "event", "cause", "postmortem", "action", "meeting", "agenda_item", "decision"} {
		out = append(out, "search_"+n+"_ai", "search_"+n+"_au", "search_"+n+"_ad", "search_"+n+"_gone")
	}
	return out
}()

func replaceAlias(s string) string {
	// Only "t." at a word start is the alias; "at", "text" must stay.
	out := make([]byte, 0, len(s)+16)
	for k := 0; k < len(s); k++ {
		if s[k] == 't' && k+1 < len(s) && s[k+1] == '.' && (k == 0 || !isIdent(s[k-1])) {
			out = append(out, "new."...)
			k++
			continue
		}
		out = append(out, s[k])
	}
	return string(out)
}

func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
