package store

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

const migrationsTable = "schema_migrations"

// migrations are applied in order, each in its own transaction, and never
// edited once released: a change to the schema is a new migration. Each one
// carries its DDL as frozen text, so later changes to the Go row types cannot
// rewrite history. IDs are timestamps.
//
// Times are INTEGER unix milliseconds (UTC): they sort and compare exactly,
// keep milliseconds, and mean the same on every driver.
var migrations = []*gormigrate.Migration{
	{
		ID: "202611240001_incidents",
		Migrate: func(tx *gorm.DB) error {
			return execAll(tx,
				`CREATE TABLE counters (
					name  TEXT PRIMARY KEY,
					value INTEGER NOT NULL
				)`,
				`INSERT INTO counters (name, value) VALUES ('incident', 0)`,
				`CREATE TABLE settings (
					key   TEXT PRIMARY KEY,
					value TEXT NOT NULL
				)`,
				`CREATE TABLE people (
					id         TEXT PRIMARY KEY,
					name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
					email      TEXT NOT NULL DEFAULT '',
					created_at INTEGER NOT NULL
				)`,
				`CREATE TABLE services (
					id         TEXT PRIMARY KEY,
					name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
					created_at INTEGER NOT NULL
				)`,
				`CREATE TABLE tags (
					id         TEXT PRIMARY KEY,
					name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
					created_at INTEGER NOT NULL
				)`,
				// seq is the rowid made explicit (so VACUUM keeps it): the
				// join tables and the full-text index refer to it, which lets
				// filters be answered from indexes alone. id is the public,
				// stable identifier.
				`CREATE TABLE incidents (
					seq             INTEGER PRIMARY KEY,
					id              TEXT NOT NULL UNIQUE,
					number          INTEGER NOT NULL UNIQUE,
					title           TEXT NOT NULL CHECK (length(title) > 0),
					summary         TEXT NOT NULL DEFAULT '',
					severity        TEXT NOT NULL CHECK (severity IN ('SEV1','SEV2','SEV3','SEV4')),
					status          TEXT NOT NULL CHECK (status IN ('investigating','identified','monitoring','resolved','postmortem','closed')),
					commander_id    TEXT REFERENCES people(id) ON DELETE SET NULL,
					customer_impact TEXT NOT NULL DEFAULT '',
					started_at      INTEGER NOT NULL,
					detected_at     INTEGER,
					mitigated_at    INTEGER,
					resolved_at     INTEGER,
					created_at      INTEGER NOT NULL,
					updated_at      INTEGER NOT NULL,
					deleted_at      INTEGER,
					version         INTEGER NOT NULL DEFAULT 1
				)`,
				// The list is always filtered on deleted_at first; these cover
				// the default sort and the common filters.
				`CREATE INDEX incidents_live_started ON incidents (deleted_at, started_at)`,
				`CREATE INDEX incidents_live_status ON incidents (deleted_at, status, severity, started_at)`,
				`CREATE INDEX incidents_live_severity ON incidents (deleted_at, severity, started_at)`,
				`CREATE INDEX incidents_live_title ON incidents (deleted_at, title COLLATE NOCASE)`,
				`CREATE INDEX incidents_commander ON incidents (commander_id)`,
				`CREATE TABLE incident_services (
					incident_seq INTEGER NOT NULL REFERENCES incidents(seq) ON DELETE CASCADE,
					service_id   TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
					position     INTEGER NOT NULL,
					PRIMARY KEY (incident_seq, service_id)
				) WITHOUT ROWID`,
				`CREATE INDEX incident_services_service ON incident_services (service_id, incident_seq)`,
				`CREATE TABLE incident_tags (
					incident_seq INTEGER NOT NULL REFERENCES incidents(seq) ON DELETE CASCADE,
					tag_id       TEXT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
					position     INTEGER NOT NULL,
					PRIMARY KEY (incident_seq, tag_id)
				) WITHOUT ROWID`,
				`CREATE INDEX incident_tags_tag ON incident_tags (tag_id, incident_seq)`,
				`CREATE TABLE status_changes (
					id          TEXT PRIMARY KEY,
					incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
					from_status TEXT NOT NULL,
					to_status   TEXT NOT NULL,
					at          INTEGER NOT NULL,
					by          TEXT NOT NULL DEFAULT '',
					reopen      INTEGER NOT NULL DEFAULT 0
				)`,
				`CREATE INDEX status_changes_incident ON status_changes (incident_id, at)`,
				// Full-text index of what the list's text filter searches; its
				// rowid is the incident's rowid, so a match joins without a
				// lookup. The store writes it in the same transaction as the
				// incident (services and tags live in other tables, so
				// triggers on incidents alone could not keep it whole).
				`CREATE VIRTUAL TABLE incident_fts USING fts5 (
					ref, title, summary, people, labels,
					tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
				)`,
			)
		},
		Rollback: func(tx *gorm.DB) error {
			return execAll(tx,
				`DROP TABLE incident_fts`, `DROP TABLE status_changes`, `DROP TABLE incident_tags`,
				`DROP TABLE incident_services`, `DROP TABLE incidents`, `DROP TABLE tags`,
				`DROP TABLE services`, `DROP TABLE people`, `DROP TABLE settings`, `DROP TABLE counters`)
		},
	},
	{
		ID: "202611240002_timeline",
		Migrate: func(tx *gorm.DB) error {
			return execAll(tx,
				// One row per event. import_key identifies an imported event
				// (time, author, text) so importing a file twice adds nothing.
				// Tags are stored joined by commas (names never contain one).
				`CREATE TABLE timeline_events (
					seq           INTEGER PRIMARY KEY,
					id            TEXT NOT NULL UNIQUE,
					incident_seq  INTEGER NOT NULL REFERENCES incidents(seq) ON DELETE CASCADE,
					at            INTEGER NOT NULL,
					kind          TEXT NOT NULL CHECK (kind IN ('alert','detection','action','communication','decision','observation','deploy','mitigation','resolution','note')),
					author        TEXT NOT NULL DEFAULT '',
					body          TEXT NOT NULL,
					source        TEXT NOT NULL CHECK (source IN ('typed','imported','alert','metric')),
					source_format TEXT NOT NULL DEFAULT '',
					tags          TEXT NOT NULL DEFAULT '',
					key_moment    TEXT NOT NULL DEFAULT '' CHECK (key_moment IN ('','started','detected','mitigated','resolved')),
					import_key    TEXT,
					created_at    INTEGER NOT NULL,
					updated_at    INTEGER NOT NULL,
					deleted_at    INTEGER
				)`,
				`CREATE INDEX timeline_events_page ON timeline_events (incident_seq, deleted_at, at, seq)`,
				`CREATE UNIQUE INDEX timeline_events_import ON timeline_events (incident_seq, import_key) WHERE import_key IS NOT NULL`,
				// At most one live event marks each key moment of an incident.
				`CREATE UNIQUE INDEX timeline_events_moment ON timeline_events (incident_seq, key_moment)
					WHERE key_moment != '' AND deleted_at IS NULL`,
			)
		},
		Rollback: func(tx *gorm.DB) error { return execAll(tx, `DROP TABLE timeline_events`) },
	},
	{
		ID: "202611240003_actions",
		Migrate: func(tx *gorm.DB) error {
			return execAll(tx,
				// ACT references count like INC ones, never reused.
				`INSERT INTO counters (name, value) VALUES ('action', 0)`,
				// incident_seq is NULL for an action from a review meeting;
				// purging the incident deletes its actions. due is a
				// calendar date as text (YYYY-MM-DD, sorts as a date), NULL
				// for none. Later issues add cause_node_id and meeting_id
				// with ALTER TABLE ... ADD COLUMN ... REFERENCES (allowed
				// for a nullable column), so their foreign keys are real.
				`CREATE TABLE actions (
					seq          INTEGER PRIMARY KEY,
					id           TEXT NOT NULL UNIQUE,
					number       INTEGER NOT NULL UNIQUE,
					incident_seq INTEGER REFERENCES incidents(seq) ON DELETE CASCADE,
					owner_id     TEXT REFERENCES people(id) ON DELETE SET NULL,
					due          TEXT CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
					priority     TEXT NOT NULL CHECK (priority IN ('P1','P2','P3')),
					type         TEXT NOT NULL CHECK (type IN ('mitigate','prevent','detect','process')),
					status       TEXT NOT NULL CHECK (status IN ('open','in_progress','blocked','done','wont_do')),
					created_at   INTEGER NOT NULL,
					updated_at   INTEGER NOT NULL,
					closed_at    INTEGER,
					version      INTEGER NOT NULL DEFAULT 1,
					title        TEXT NOT NULL CHECK (length(title) > 0),
					reason       TEXT NOT NULL DEFAULT '',
					link         TEXT NOT NULL DEFAULT '',
					verification TEXT NOT NULL DEFAULT '',
					-- Last: a long description spills into overflow pages,
					-- and a scan reading the columns before it never
					-- touches them.
					description  TEXT NOT NULL DEFAULT '',
					CHECK (status != 'wont_do' OR length(reason) > 0)
				)`,
				// Few indexes, on purpose: each one holding a column that a
				// bulk change sets (due, owner, status) is rewritten by it.
				// actions_filter covers every filter but text and service,
				// so the global view is a scan of this narrow index, never
				// of the rows; led by status, it also answers the open and
				// overdue counts by a range. The owner and incident (and so
				// service) filters are selective and have their own; the
				// incident's holds the due date, its default order.
				`CREATE INDEX actions_filter ON actions (status, due, priority, type, owner_id, incident_seq, updated_at, created_at)`,
				`CREATE INDEX actions_owner ON actions (owner_id)`,
				`CREATE INDEX actions_incident ON actions (incident_seq, due)`,
				`CREATE TABLE action_changes (
					id         TEXT PRIMARY KEY,
					action_seq INTEGER NOT NULL REFERENCES actions(seq) ON DELETE CASCADE,
					field      TEXT NOT NULL,
					from_value TEXT NOT NULL,
					to_value   TEXT NOT NULL,
					at         INTEGER NOT NULL,
					by         TEXT NOT NULL DEFAULT ''
				)`,
				`CREATE INDEX action_changes_action ON action_changes (action_seq, at)`,
				// Full-text index of what the text filter searches, by the
				// action's rowid, written in the same transaction as the
				// action (as incident_fts is).
				`CREATE VIRTUAL TABLE action_fts USING fts5 (
					ref, title, description,
					tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
				)`,
			)
		},
		Rollback: func(tx *gorm.DB) error {
			return execAll(tx, `DROP TABLE action_fts`, `DROP TABLE action_changes`, `DROP TABLE actions`, `DELETE FROM counters WHERE name = 'action'`)
		},
	},
	{
		ID: "202611240004_causes",
		Migrate: func(tx *gorm.DB) error {
			return execAll(tx,
				// Root-cause trees. parent_id is NULL for a tree's first
				// node; position numbers siblings 0..n-1 (the store keeps
				// them dense; no unique index, as shifting siblings one by
				// one would trip it mid-statement). Purging the incident
				// deletes its nodes; deleting a node deletes its subtree
				// (the store deletes it explicitly, the cascade is the
				// safety net).
				`CREATE TABLE cause_nodes (
					id           TEXT PRIMARY KEY,
					incident_seq INTEGER NOT NULL REFERENCES incidents(seq) ON DELETE CASCADE,
					parent_id    TEXT REFERENCES cause_nodes(id) ON DELETE CASCADE,
					position     INTEGER NOT NULL CHECK (position >= 0),
					kind         TEXT NOT NULL CHECK (kind IN ('problem','cause','contributing','root','trigger')),
					statement    TEXT NOT NULL CHECK (length(statement) > 0),
					notes        TEXT NOT NULL DEFAULT '',
					created_at   INTEGER NOT NULL,
					updated_at   INTEGER NOT NULL,
					version      INTEGER NOT NULL DEFAULT 1
				)`,
				// The tree is read by incident in one range; the foreign
				// key on parent_id needs its own index for deletes.
				`CREATE INDEX cause_nodes_tree ON cause_nodes (incident_seq, parent_id, position)`,
				`CREATE INDEX cause_nodes_parent ON cause_nodes (parent_id)`,
				// kind snapshot is reserved for metric snapshots (a later
				// issue adds snapshot_id with ALTER TABLE).
				`CREATE TABLE cause_evidence (
					id         TEXT PRIMARY KEY,
					node_id    TEXT NOT NULL REFERENCES cause_nodes(id) ON DELETE CASCADE,
					kind       TEXT NOT NULL CHECK (kind IN ('event','url','snapshot')),
					event_id   TEXT REFERENCES timeline_events(id) ON DELETE CASCADE,
					url        TEXT NOT NULL DEFAULT '',
					note       TEXT NOT NULL DEFAULT '',
					created_at INTEGER NOT NULL,
					CHECK ((kind = 'event') = (event_id IS NOT NULL))
				)`,
				`CREATE INDEX cause_evidence_node ON cause_evidence (node_id)`,
				`CREATE INDEX cause_evidence_event ON cause_evidence (event_id) WHERE event_id IS NOT NULL`,
				// As the actions migration foresaw: nullable, so ADD COLUMN
				// may carry a real foreign key. Deleting a node leaves its
				// actions, unlinked.
				`ALTER TABLE actions ADD COLUMN cause_node_id TEXT REFERENCES cause_nodes(id) ON DELETE SET NULL`,
				`CREATE INDEX actions_cause ON actions (cause_node_id) WHERE cause_node_id IS NOT NULL`,
			)
		},
		Rollback: func(tx *gorm.DB) error {
			return execAll(tx, `DROP INDEX actions_cause`, `ALTER TABLE actions DROP COLUMN cause_node_id`,
				`DROP TABLE cause_evidence`, `DROP TABLE cause_nodes`)
		},
	},
	{
		ID: "202611240005_metrics",
		Migrate: func(tx *gorm.DB) error {
			return execAll(tx,
				// A source never holds its secret: the token or password
				// lives in the OS keyring under the source's id, or in the
				// environment variable secret_env names. Do not add a
				// column for it.
				`CREATE TABLE metric_sources (
					id              TEXT PRIMARY KEY,
					name            TEXT NOT NULL UNIQUE COLLATE NOCASE,
					kind            TEXT NOT NULL CHECK (kind IN ('prometheus','graphite')),
					url             TEXT NOT NULL,
					auth            TEXT NOT NULL CHECK (auth IN ('none','bearer','basic')),
					username        TEXT NOT NULL DEFAULT '',
					secret_env      TEXT NOT NULL DEFAULT '',
					ca_file         TEXT NOT NULL DEFAULT '',
					skip_verify     INTEGER NOT NULL DEFAULT 0,
					timeout_seconds INTEGER NOT NULL DEFAULT 0,
					created_at      INTEGER NOT NULL,
					updated_at      INTEGER NOT NULL
				)`,
				`CREATE TABLE saved_queries (
					id         TEXT PRIMARY KEY,
					service    TEXT NOT NULL CHECK (length(service) > 0),
					name       TEXT NOT NULL CHECK (length(name) > 0),
					source_id  TEXT NOT NULL REFERENCES metric_sources(id) ON DELETE CASCADE,
					query      TEXT NOT NULL,
					unit       TEXT NOT NULL DEFAULT '',
					created_at INTEGER NOT NULL,
					UNIQUE (service COLLATE NOCASE, name COLLATE NOCASE)
				)`,
				`CREATE INDEX saved_queries_source ON saved_queries (source_id)`,
				// A group is one query of one incident; each fetch of it is
				// a version in snapshots. The detection signal belongs to
				// the group so that a re-sync keeps it.
				`CREATE TABLE snapshot_groups (
					id               TEXT PRIMARY KEY,
					incident_seq     INTEGER NOT NULL REFERENCES incidents(seq) ON DELETE CASCADE,
					created_at       INTEGER NOT NULL,
					signal_key       TEXT NOT NULL DEFAULT '',
					signal_threshold REAL,
					signal_below     INTEGER NOT NULL DEFAULT 0
				)`,
				`CREATE INDEX snapshot_groups_incident ON snapshot_groups (incident_seq, created_at)`,
				// source_id has no foreign key: removing a source keeps the
				// evidence taken from it, which copies its name, kind and URL.
				// start_ms, end_ms and fetched_at are unix ms; step_ms is the
				// step in milliseconds.
				`CREATE TABLE snapshots (
					id           TEXT PRIMARY KEY,
					group_id     TEXT NOT NULL REFERENCES snapshot_groups(id) ON DELETE CASCADE,
					version      INTEGER NOT NULL CHECK (version > 0),
					source_id    TEXT NOT NULL DEFAULT '',
					source_name  TEXT NOT NULL DEFAULT '',
					source_kind  TEXT NOT NULL DEFAULT '',
					source_url   TEXT NOT NULL DEFAULT '',
					title        TEXT NOT NULL DEFAULT '',
					query        TEXT NOT NULL,
					start_ms     INTEGER NOT NULL,
					end_ms       INTEGER NOT NULL,
					step_ms      INTEGER NOT NULL,
					fetched_at   INTEGER NOT NULL,
					hash         TEXT NOT NULL,
					series_count INTEGER NOT NULL,
					point_count  INTEGER NOT NULL,
					UNIQUE (group_id, version)
				)`,
				// One row per series. points is the raw samples, 16 bytes
				// each in time order: the time as a little-endian int64 of
				// unix milliseconds, then the value as the little-endian
				// bits of a float64 (IEEE 754), so NaN gaps and every value
				// survive exactly. A blob per series stores and loads a
				// whole series in one step (hundreds of thousands of points
				// a second), where a row per point would cost an index
				// entry each. It is the last column so that reading the
				// key, labels and stats never touches its overflow pages.
				// labels_json is a JSON object; stats_json a
				// domain.SeriesStats with non-finite numbers as strings.
				`CREATE TABLE snapshot_series (
					snapshot_id TEXT NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
					idx         INTEGER NOT NULL,
					key         TEXT NOT NULL,
					labels_json TEXT NOT NULL DEFAULT '{}',
					stats_json  TEXT NOT NULL DEFAULT '{}',
					points      BLOB NOT NULL,
					PRIMARY KEY (snapshot_id, idx)
				)`,
			)
		},
		Rollback: func(tx *gorm.DB) error {
			return execAll(tx, `DROP TABLE snapshot_series`, `DROP TABLE snapshots`, `DROP TABLE snapshot_groups`,
				`DROP TABLE saved_queries`, `DROP TABLE metric_sources`)
		},
	},
	{
		ID: "202611240006_postmortems",
		Migrate: func(tx *gorm.DB) error {
			return execAll(tx,
				// One postmortem per incident. authors_json and
				// reviewers_json are JSON arrays of names: they are shown
				// and matched as typed, never joined on. round counts
				// submissions; only reviews of the current round decide
				// approval.
				`CREATE TABLE postmortems (
					id             TEXT PRIMARY KEY,
					incident_seq   INTEGER NOT NULL UNIQUE REFERENCES incidents(seq) ON DELETE CASCADE,
					template       TEXT NOT NULL DEFAULT '',
					title          TEXT NOT NULL CHECK (length(title) > 0),
					body           TEXT NOT NULL DEFAULT '',
					status         TEXT NOT NULL CHECK (status IN ('draft','in_review','approved','published')),
					authors_json   TEXT NOT NULL DEFAULT '[]',
					reviewers_json TEXT NOT NULL DEFAULT '[]',
					round          INTEGER NOT NULL DEFAULT 0,
					created_at     INTEGER NOT NULL,
					updated_at     INTEGER NOT NULL,
					published_at   INTEGER,
					version        INTEGER NOT NULL DEFAULT 1
				)`,
				`CREATE INDEX postmortems_status ON postmortems (status, updated_at)`,
				// body is the last column so that listing revisions never
				// reads its overflow pages.
				`CREATE TABLE postmortem_revisions (
					id            TEXT PRIMARY KEY,
					postmortem_id TEXT NOT NULL REFERENCES postmortems(id) ON DELETE CASCADE,
					number        INTEGER NOT NULL CHECK (number > 0),
					title         TEXT NOT NULL,
					author        TEXT NOT NULL DEFAULT '',
					note          TEXT NOT NULL DEFAULT '',
					size          INTEGER NOT NULL,
					created_at    INTEGER NOT NULL,
					body          TEXT NOT NULL,
					UNIQUE (postmortem_id, number)
				)`,
				`CREATE TABLE postmortem_reviews (
					id            TEXT PRIMARY KEY,
					postmortem_id TEXT NOT NULL REFERENCES postmortems(id) ON DELETE CASCADE,
					round         INTEGER NOT NULL,
					reviewer      TEXT NOT NULL,
					verdict       TEXT NOT NULL CHECK (verdict IN ('approve','changes')),
					comment       TEXT NOT NULL DEFAULT '',
					created_at    INTEGER NOT NULL
				)`,
				`CREATE INDEX postmortem_reviews_pm ON postmortem_reviews (postmortem_id, round, created_at)`,
				`CREATE TABLE postmortem_history (
					id            TEXT PRIMARY KEY,
					postmortem_id TEXT NOT NULL REFERENCES postmortems(id) ON DELETE CASCADE,
					from_status   TEXT NOT NULL,
					to_status     TEXT NOT NULL,
					actor         TEXT NOT NULL DEFAULT '',
					comment       TEXT NOT NULL DEFAULT '',
					created_at    INTEGER NOT NULL
				)`,
				`CREATE INDEX postmortem_history_pm ON postmortem_history (postmortem_id, created_at)`,
			)
		},
		Rollback: func(tx *gorm.DB) error {
			return execAll(tx, `DROP TABLE postmortem_history`, `DROP TABLE postmortem_reviews`,
				`DROP TABLE postmortem_revisions`, `DROP TABLE postmortems`)
		},
	},
	{
		ID: "202611240007_meetings",
		Migrate: func(tx *gorm.DB) error {
			return execAll(tx,
				// MTG references count like INC ones, never reused.
				`INSERT INTO counters (name, value) VALUES ('meeting', 0)`,
				// zone is an IANA name: a series' periods, days and "today"
				// are read in it. Names of people are JSON arrays, as for
				// postmortems: shown as typed, never joined on.
				`CREATE TABLE meeting_series (
					id             TEXT PRIMARY KEY,
					name           TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) > 0),
					cadence        TEXT NOT NULL CHECK (cadence IN ('weekly','monthly','adhoc')),
					zone           TEXT NOT NULL,
					facilitator    TEXT NOT NULL DEFAULT '',
					attendees_json TEXT NOT NULL DEFAULT '[]',
					created_at     INTEGER NOT NULL,
					updated_at     INTEGER NOT NULL,
					version        INTEGER NOT NULL DEFAULT 1
				)`,
				// The period reviewed is [period_start, period_end). notes
				// (the minutes) last, for its overflow pages.
				`CREATE TABLE meetings (
					id             TEXT PRIMARY KEY,
					number         INTEGER NOT NULL UNIQUE,
					series_id      TEXT NOT NULL REFERENCES meeting_series(id) ON DELETE CASCADE,
					title          TEXT NOT NULL CHECK (length(title) > 0),
					at             INTEGER NOT NULL,
					period_start   INTEGER NOT NULL,
					period_end     INTEGER NOT NULL,
					facilitator    TEXT NOT NULL DEFAULT '',
					attendees_json TEXT NOT NULL DEFAULT '[]',
					status         TEXT NOT NULL CHECK (status IN ('planned','held')),
					held_at        INTEGER,
					created_at     INTEGER NOT NULL,
					updated_at     INTEGER NOT NULL,
					version        INTEGER NOT NULL DEFAULT 1,
					notes          TEXT NOT NULL DEFAULT '',
					CHECK (period_start < period_end)
				)`,
				`CREATE INDEX meetings_series ON meetings (series_id, at)`,
				// key names a generated item's subject ("incident:<id>",
				// "trend:incidents"…) so a regeneration finds it again; NULL
				// for an item added by hand. position numbers the items
				// 0..n-1 (kept dense by the store; no unique index, as
				// shifting them would trip it mid-statement). The subject
				// columns are real foreign keys: a purge leaves the item,
				// with its title and body, and no subject.
				`CREATE TABLE agenda_items (
					id            TEXT PRIMARY KEY,
					meeting_id    TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
					position      INTEGER NOT NULL CHECK (position >= 0),
					section       TEXT NOT NULL CHECK (section IN ('incidents','postmortems','actions','themes','trends','anniversaries','other')),
					kind          TEXT NOT NULL,
					key           TEXT,
					title         TEXT NOT NULL CHECK (length(title) > 0),
					incident_id   TEXT REFERENCES incidents(id) ON DELETE SET NULL,
					action_id     TEXT REFERENCES actions(id) ON DELETE SET NULL,
					postmortem_id TEXT REFERENCES postmortems(id) ON DELETE SET NULL,
					manual        INTEGER NOT NULL DEFAULT 0,
					dismissed     INTEGER NOT NULL DEFAULT 0,
					reviewed_at   INTEGER,
					created_at    INTEGER NOT NULL,
					updated_at    INTEGER NOT NULL,
					version       INTEGER NOT NULL DEFAULT 1,
					body          TEXT NOT NULL DEFAULT '',
					data          TEXT NOT NULL DEFAULT '',
					notes         TEXT NOT NULL DEFAULT '',
					CHECK (manual = (key IS NULL))
				)`,
				`CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position)`,
				`CREATE UNIQUE INDEX agenda_items_key ON agenda_items (meeting_id, key) WHERE key IS NOT NULL`,
				`CREATE INDEX agenda_items_incident ON agenda_items (incident_id) WHERE incident_id IS NOT NULL`,
				`CREATE INDEX agenda_items_action ON agenda_items (action_id) WHERE action_id IS NOT NULL`,
				`CREATE INDEX agenda_items_postmortem ON agenda_items (postmortem_id) WHERE postmortem_id IS NOT NULL`,
				`CREATE TABLE meeting_decisions (
					id         TEXT PRIMARY KEY,
					item_id    TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
					text       TEXT NOT NULL CHECK (length(text) > 0),
					author     TEXT NOT NULL DEFAULT '',
					created_at INTEGER NOT NULL
				)`,
				`CREATE INDEX meeting_decisions_item ON meeting_decisions (item_id, created_at)`,
				// As the actions migration foresaw: nullable columns, so
				// ADD COLUMN may carry real foreign keys. Deleting a meeting
				// or an item leaves its actions, unlinked.
				`ALTER TABLE actions ADD COLUMN meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL`,
				`ALTER TABLE actions ADD COLUMN agenda_item_id TEXT REFERENCES agenda_items(id) ON DELETE SET NULL`,
				`CREATE INDEX actions_meeting ON actions (meeting_id) WHERE meeting_id IS NOT NULL`,
				`CREATE INDEX actions_agenda_item ON actions (agenda_item_id) WHERE agenda_item_id IS NOT NULL`,
				// The agenda's range reads: actions closed in a period, and
				// incidents resolved in or after one (those started before
				// it are found by resolution, not by a scan of every older
				// start).
				`CREATE INDEX actions_closed ON actions (closed_at) WHERE closed_at IS NOT NULL`,
				`CREATE INDEX incidents_live_resolved ON incidents (deleted_at, resolved_at)`,
			)
		},
		Rollback: func(tx *gorm.DB) error {
			return execAll(tx, `DROP INDEX incidents_live_resolved`, `DROP INDEX actions_closed`,
				`DROP INDEX actions_agenda_item`, `DROP INDEX actions_meeting`,
				`ALTER TABLE actions DROP COLUMN agenda_item_id`, `ALTER TABLE actions DROP COLUMN meeting_id`,
				`DROP TABLE meeting_decisions`, `DROP TABLE agenda_items`, `DROP TABLE meetings`, `DROP TABLE meeting_series`,
				`DELETE FROM counters WHERE name = 'meeting'`)
		},
	},
	{
		ID: "202611240008_search",
		Migrate: func(tx *gorm.DB) error {
			// The triggers on search_docs go in after the backfill, and
			// one 'rebuild' indexes all of it: faster than a trigger per
			// row, and the same result.
			stmts := append([]string{}, searchTables0008...)
			for _, b := range searchBackfill0008 {
				stmts = append(stmts, b.sql)
			}
			stmts = append(stmts, searchDocTriggers0008...)
			stmts = append(stmts, `INSERT INTO search_fts (search_fts) VALUES ('rebuild')`)
			stmts = append(stmts, searchSourceTriggers0008...)
			return execAll(tx, stmts...)
		},
		Rollback: func(tx *gorm.DB) error {
			stmts := []string{}
			for _, name := range searchTriggerNames0008 {
				stmts = append(stmts, "DROP TRIGGER IF EXISTS "+name)
			}
			return execAll(tx, append(stmts, `DROP TABLE search_fts`, `DROP TABLE search_queue`, `DROP TABLE search_docs`)...)
		},
	},
}

func execAll(tx *gorm.DB, stmts ...string) error {
	for _, s := range stmts {
		if err := tx.Exec(s).Error; err != nil {
			return err
		}
	}
	return nil
}
