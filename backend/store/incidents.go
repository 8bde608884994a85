package store

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// incidentRow is one row of incidents with its commander's name joined in.
type incidentRow struct {
	Seq            int64
	ID             string
	Number         int
	Title          string
	Summary        string
	Severity       string
	Status         string
	CommanderID    *string
	Commander      *string
	CustomerImpact string
	StartedAt      int64
	DetectedAt     *int64
	MitigatedAt    *int64
	ResolvedAt     *int64
	CreatedAt      int64
	UpdatedAt      int64
	DeletedAt      *int64
	Version        int
}

const incidentColumns = `i.seq, i.id, i.number, i.title, i.summary, i.severity, i.status, i.commander_id,
	p.name AS commander, i.customer_impact, i.started_at, i.detected_at, i.mitigated_at,
	i.resolved_at, i.created_at, i.updated_at, i.deleted_at, i.version`

// listColumns leave out the two long text fields: a page of the list never
// needs them, and they could make a page megabytes long.
const listColumns = `i.seq, i.id, i.number, i.title, '' AS summary, i.severity, i.status, i.commander_id,
	p.name AS commander, '' AS customer_impact, i.started_at, i.detected_at, i.mitigated_at,
	i.resolved_at, i.created_at, i.updated_at, i.deleted_at, i.version`

const incidentFrom = ` FROM incidents i LEFT JOIN people p ON p.id = i.commander_id`

func toMs(t *time.Time) *int64 {
	if t == nil {
		return nil
	}
	v := t.UnixMilli()
	return &v
}

func fromMs(v *int64) *time.Time {
	if v == nil {
		return nil
	}
	t := time.UnixMilli(*v).UTC()
	return &t
}

func (r *incidentRow) toDomain() domain.Incident {
	i := domain.Incident{
		ID: r.ID, Number: r.Number, Title: r.Title, Summary: r.Summary,
		Severity: domain.Severity(r.Severity), Status: domain.Status(r.Status),
		CustomerImpact: r.CustomerImpact,
		StartedAt:      fromMs(&r.StartedAt), DetectedAt: fromMs(r.DetectedAt),
		MitigatedAt: fromMs(r.MitigatedAt), ResolvedAt: fromMs(r.ResolvedAt),
		CreatedAt: time.UnixMilli(r.CreatedAt).UTC(), UpdatedAt: time.UnixMilli(r.UpdatedAt).UTC(),
		DeletedAt: fromMs(r.DeletedAt), Version: r.Version,
		Services: []string{}, Tags: []string{},
	}
	if r.Commander != nil {
		i.Commander = *r.Commander
	}
	return i
}

// queryRows runs a query selecting incidentColumns or listColumns and scans
// the rows by hand: GORM's reflection-based Scan costs more than the query
// itself on a page of the list.
func queryRows(tx *gorm.DB, sql string, args ...any) ([]incidentRow, error) {
	rs, err := tx.Raw(sql, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []incidentRow
	for rs.Next() {
		var r incidentRow
		if err := rs.Scan(&r.Seq, &r.ID, &r.Number, &r.Title, &r.Summary, &r.Severity, &r.Status, &r.CommanderID,
			&r.Commander, &r.CustomerImpact, &r.StartedAt, &r.DetectedAt, &r.MitigatedAt, &r.ResolvedAt,
			&r.CreatedAt, &r.UpdatedAt, &r.DeletedAt, &r.Version); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rs.Err()
}

var refPattern = regexp.MustCompile(`(?i)^\s*(?:inc-?)?0*(\d{1,9})\s*$`)

// byIDOrRef is the WHERE clause (on table alias t) that finds a row by its
// UUID, or by its number when idOrRef matches the reference pattern.
func byIDOrRef(idOrRef string, pattern *regexp.Regexp, t string) (string, any) {
	if m := pattern.FindStringSubmatch(idOrRef); m != nil {
		n, _ := strconv.Atoi(m[1])
		return t + ".number = ?", n
	}
	return t + ".id = ?", strings.TrimSpace(idOrRef)
}

// findRow resolves an id or a human reference to a row. trashed selects
// whether the row must be in the trash or live. Returns ENOTFOUND otherwise.
func findRow(tx *gorm.DB, idOrRef string, trashed bool) (*incidentRow, error) {
	where, arg := byIDOrRef(idOrRef, refPattern, "i")
	rows, err := queryRows(tx, "SELECT "+incidentColumns+incidentFrom+" WHERE "+where, arg)
	if err != nil {
		return nil, wrap(err, "find incident %q", idOrRef)
	}
	if len(rows) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "no incident %s", describeRef(idOrRef))
	}
	r := &rows[0]
	switch {
	case trashed && r.DeletedAt == nil:
		return nil, domain.Errorf(domain.ENOTFOUND, "%s is not in the trash", domain.IncidentRef(r.Number))
	case !trashed && r.DeletedAt != nil:
		return nil, domain.Errorf(domain.ENOTFOUND, "%s is in the trash; restore it first", domain.IncidentRef(r.Number))
	}
	return r, nil
}

func describeRef(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	if s == "" {
		return "given (the reference is empty)"
	}
	return fmt.Sprintf("%q", s)
}

// loadLabels fills in services and tags for the given incidents (seqs[k]
// is the seq of incs[k]), in the order they were entered.
func loadLabels(tx *gorm.DB, incs []domain.Incident, seqs []int64) error {
	if len(incs) == 0 {
		return nil
	}
	pos := make(map[int64]int, len(incs))
	for k, seq := range seqs {
		pos[seq] = k
	}
	type pair struct {
		IncidentSeq int64
		Name        string
	}
	for _, q := range []struct {
		join, table, col string
		set              func(i *domain.Incident, name string)
	}{
		{"incident_services", "services", "service_id", func(i *domain.Incident, n string) { i.Services = append(i.Services, n) }},
		{"incident_tags", "tags", "tag_id", func(i *domain.Incident, n string) { i.Tags = append(i.Tags, n) }},
	} {
		var pairs []pair
		sql := fmt.Sprintf("SELECT j.incident_seq, t.name FROM %s j JOIN %s t ON t.id = j.%s WHERE j.incident_seq IN ? ORDER BY j.incident_seq, j.position", q.join, q.table, q.col)
		if err := tx.Raw(sql, seqs).Scan(&pairs).Error; err != nil {
			return wrap(err, "load %s", q.table)
		}
		for _, p := range pairs {
			q.set(&incs[pos[p.IncidentSeq]], p.Name)
		}
	}
	return nil
}

// getByRow turns a row into a full incident with its labels.
func getByRow(tx *gorm.DB, r *incidentRow) (*domain.Incident, error) {
	incs := []domain.Incident{r.toDomain()}
	if err := loadLabels(tx, incs, []int64{r.Seq}); err != nil {
		return nil, err
	}
	return &incs[0], nil
}

// ensureNames makes sure each name exists in a shared list (people,
// services, tags) and returns their ids in the same order. Names match
// case-insensitively; the first spelling used is the one kept.
func ensureNames(tx *gorm.DB, table string, names []string, now int64) ([]string, error) {
	ids := make([]string, 0, len(names))
	for _, n := range names {
		if err := tx.Exec("INSERT INTO "+table+" (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
			uuid.NewString(), n, now).Error; err != nil {
			return nil, wrap(err, "add %s %q", table, n)
		}
		var id string
		if err := tx.Raw("SELECT id FROM "+table+" WHERE name = ?", n).Row().Scan(&id); err != nil {
			return nil, wrap(err, "find %s %q", table, n)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// writeLabels replaces the incident's services and tags.
func writeLabels(tx *gorm.DB, seq int64, d *domain.IncidentDraft, now int64) error {
	for _, l := range []struct {
		join, table, col string
		names            []string
	}{
		{"incident_services", "services", "service_id", d.Services},
		{"incident_tags", "tags", "tag_id", d.Tags},
	} {
		if err := tx.Exec("DELETE FROM "+l.join+" WHERE incident_seq = ?", seq).Error; err != nil {
			return wrap(err, "clear %s", l.table)
		}
		ids, err := ensureNames(tx, l.table, l.names, now)
		if err != nil {
			return err
		}
		for k, id := range ids {
			if err := tx.Exec("INSERT INTO "+l.join+" (incident_seq, "+l.col+", position) VALUES (?, ?, ?)", seq, id, k).Error; err != nil {
				return wrap(err, "link %s", l.table)
			}
		}
	}
	return nil
}

// commanderID returns the person id for a commander name, or nil for none.
func commanderID(tx *gorm.DB, name string, now int64) (*string, error) {
	if name == "" {
		return nil, nil
	}
	ids, err := ensureNames(tx, "people", []string{name}, now)
	if err != nil {
		return nil, err
	}
	return &ids[0], nil
}

// indexIncident rewrites the incident's full-text row. It runs in the same
// transaction as every write to the incident, so the index is never stale.
func indexIncident(tx *gorm.DB, seq int64, number int, d *domain.IncidentDraft) error {
	if err := tx.Exec("DELETE FROM incident_fts WHERE rowid = ?", seq).Error; err != nil {
		return wrap(err, "unindex incident")
	}
	ref := domain.IncidentRef(number)
	err := tx.Exec("INSERT INTO incident_fts (rowid, ref, title, summary, people, labels) VALUES (?, ?, ?, ?, ?, ?)",
		seq, ref+" "+strconv.Itoa(number), d.Title, d.Summary+"\n"+d.CustomerImpact, d.Commander,
		strings.Join(d.Services, " ")+" "+strings.Join(d.Tags, " ")).Error
	return wrap(err, "index incident")
}

func recordStatus(tx *gorm.DB, incidentID string, from, to domain.Status, at int64, by string, reopen bool) error {
	err := tx.Exec("INSERT INTO status_changes (id, incident_id, from_status, to_status, at, by, reopen) VALUES (?, ?, ?, ?, ?, ?, ?)",
		uuid.NewString(), incidentID, string(from), string(to), at, by, reopen).Error
	return wrap(err, "record status change")
}

// CreateIncident implements domain.IncidentService.
func (s *Store) CreateIncident(ctx context.Context, in domain.IncidentInput) (*domain.Incident, error) {
	now := s.now().UTC()
	d, err := in.Validate(now)
	if err != nil {
		return nil, err
	}
	if _, err := d.FinishDraft("", now); err != nil {
		return nil, err
	}
	var out *domain.Incident
	err = s.tx(ctx, func(tx *gorm.DB) error {
		out, err = createTx(tx, d, now, domain.Actor(ctx))
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// createTx inserts a finished draft inside tx.
func createTx(tx *gorm.DB, d *domain.IncidentDraft, now time.Time, actor string) (*domain.Incident, error) {
	return insertIncident(tx, d, now, actor, "", 0)
}

// insertIncident inserts a finished draft with the given id and number, or
// a new id ("") and the next number (0). A number given moves the counter
// past it, so later incidents never take it.
func insertIncident(tx *gorm.DB, d *domain.IncidentDraft, now time.Time, actor, id string, number int) (*domain.Incident, error) {
	if id == "" {
		id = uuid.NewString()
	}
	nowMs := now.UnixMilli()
	if number == 0 {
		if err := tx.Raw("UPDATE counters SET value = value + 1 WHERE name = 'incident' RETURNING value").Row().Scan(&number); err != nil {
			return nil, wrap(err, "next incident number")
		}
	} else if err := tx.Exec("UPDATE counters SET value = max(value, ?) WHERE name = 'incident'", number).Error; err != nil {
		return nil, wrap(err, "move incident counter")
	}
	cmd, err := commanderID(tx, d.Commander, nowMs)
	if err != nil {
		return nil, err
	}
	var seq int64
	err = tx.Raw(`INSERT INTO incidents (id, number, title, summary, severity, status, commander_id,
		customer_impact, started_at, detected_at, mitigated_at, resolved_at, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING seq`,
		id, number, d.Title, d.Summary, string(d.Severity), string(d.Status), cmd, d.CustomerImpact,
		d.StartedAt.UnixMilli(), toMs(d.DetectedAt), toMs(d.MitigatedAt), toMs(d.ResolvedAt), nowMs, nowMs).Row().Scan(&seq)
	if err != nil {
		return nil, wrap(err, "insert incident")
	}
	if err := writeLabels(tx, seq, d, nowMs); err != nil {
		return nil, err
	}
	if err := recordStatus(tx, id, "", d.Status, nowMs, actor, false); err != nil {
		return nil, err
	}
	if err := indexIncident(tx, seq, number, d); err != nil {
		return nil, err
	}
	r, err := findRow(tx, id, false)
	if err != nil {
		return nil, err
	}
	return getByRow(tx, r)
}

// CreateIncidents saves many incidents in one transaction: all of them or,
// if any input is invalid, none (the error names the first bad one by its
// position, counting from 1). For loading generated data at scale.
func (s *Store) CreateIncidents(ctx context.Context, ins []domain.IncidentInput) (int, error) {
	now := s.now().UTC()
	drafts := make([]*domain.IncidentDraft, len(ins))
	for k, in := range ins {
		d, err := in.Validate(now)
		if err == nil {
			_, err = d.FinishDraft("", now)
		}
		if err != nil {
			return 0, domain.Errorf(domain.EINVALID, "incident %d of %d: %s", k+1, len(ins), domain.ErrorMessage(err))
		}
		drafts[k] = d
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		for _, d := range drafts {
			if _, err := createTx(tx, d, now, domain.Actor(ctx)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(drafts), nil
}

// GetIncident implements domain.IncidentService.
func (s *Store) GetIncident(ctx context.Context, idOrRef string) (*domain.Incident, error) {
	db := s.db.WithContext(ctx)
	r, err := findRow(db, idOrRef, false)
	if err != nil {
		return nil, err
	}
	return getByRow(db, r)
}

// UpdateIncident implements domain.IncidentService.
func (s *Store) UpdateIncident(ctx context.Context, idOrRef string, in domain.IncidentInput, expectedVersion int) (*domain.Incident, error) {
	now := s.now().UTC()
	d, err := in.Validate(now)
	if err != nil {
		return nil, err
	}
	var out *domain.Incident
	err = s.tx(ctx, func(tx *gorm.DB) error {
		r, err := findRow(tx, idOrRef, false)
		if err != nil {
			return err
		}
		ref := domain.IncidentRef(r.Number)
		if expectedVersion != 0 && expectedVersion != r.Version {
			return domain.Errorf(domain.ECONFLICT,
				"%s was changed elsewhere since you opened it (now version %d, yours %d); reload it and make your change again", ref, r.Version, expectedVersion)
		}
		prev := domain.Status(r.Status)
		reopen, err := d.FinishDraft(prev, now)
		if err != nil {
			return err
		}
		out, err = updateTx(tx, r, d, prev, reopen, now, domain.Actor(ctx))
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// updateTx writes a finished draft over the incident row r inside tx:
// fields, labels, the status history (prev is the status before) and the
// full-text row. It is the one write path for incident changes, from the
// form and from key moments marked on the timeline.
func updateTx(tx *gorm.DB, r *incidentRow, d *domain.IncidentDraft, prev domain.Status, reopen bool, now time.Time, actor string) (*domain.Incident, error) {
	ref := domain.IncidentRef(r.Number)
	nowMs := now.UnixMilli()
	cmd, err := commanderID(tx, d.Commander, nowMs)
	if err != nil {
		return nil, err
	}
	res := tx.Exec(`UPDATE incidents SET title = ?, summary = ?, severity = ?, status = ?, commander_id = ?,
		customer_impact = ?, started_at = ?, detected_at = ?, mitigated_at = ?, resolved_at = ?,
		updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
		d.Title, d.Summary, string(d.Severity), string(d.Status), cmd, d.CustomerImpact,
		d.StartedAt.UnixMilli(), toMs(d.DetectedAt), toMs(d.MitigatedAt), toMs(d.ResolvedAt),
		nowMs, r.ID, r.Version)
	if res.Error != nil {
		return nil, wrap(res.Error, "update %s", ref)
	}
	if res.RowsAffected != 1 {
		// Cannot happen under BEGIN IMMEDIATE, but never write blind.
		return nil, domain.Errorf(domain.ECONFLICT, "%s was changed elsewhere while saving; reload it and try again", ref)
	}
	if err := writeLabels(tx, r.Seq, d, nowMs); err != nil {
		return nil, err
	}
	if prev != d.Status {
		if err := recordStatus(tx, r.ID, prev, d.Status, nowMs, actor, reopen); err != nil {
			return nil, err
		}
	}
	if err := indexIncident(tx, r.Seq, r.Number, d); err != nil {
		return nil, err
	}
	r, err = findRow(tx, r.ID, false)
	if err != nil {
		return nil, err
	}
	return getByRow(tx, r)
}

// DeleteIncident implements domain.IncidentService. Everything that hangs
// under an incident is reached only through it, so hiding the incident
// hides all of it at once; nothing is orphaned.
func (s *Store) DeleteIncident(ctx context.Context, idOrRef string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		r, err := findRow(tx, idOrRef, false)
		if err != nil {
			return err
		}
		now := s.now().UnixMilli()
		return wrap(tx.Exec("UPDATE incidents SET deleted_at = ?, updated_at = ? WHERE id = ?", now, now, r.ID).Error, "trash incident")
	})
}

// RestoreIncident implements domain.IncidentService.
func (s *Store) RestoreIncident(ctx context.Context, idOrRef string) (*domain.Incident, error) {
	var out *domain.Incident
	err := s.tx(ctx, func(tx *gorm.DB) error {
		r, err := findRow(tx, idOrRef, true)
		if err != nil {
			return err
		}
		if err := tx.Exec("UPDATE incidents SET deleted_at = NULL, updated_at = ? WHERE id = ?", s.now().UnixMilli(), r.ID).Error; err != nil {
			return wrap(err, "restore incident")
		}
		r.DeletedAt = nil
		out, err = getByRow(tx, r)
		return err
	})
	return out, err
}

// PurgeIncident implements domain.IncidentService. The foreign keys cascade
// the delete to everything under the incident.
func (s *Store) PurgeIncident(ctx context.Context, idOrRef string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		r, err := findRow(tx, idOrRef, true)
		if err != nil {
			return err
		}
		if err := tx.Exec("DELETE FROM incident_fts WHERE rowid = ?", r.Seq).Error; err != nil {
			return wrap(err, "unindex incident")
		}
		// The incident's actions go with it (foreign key); their
		// full-text rows are not reached by the cascade.
		if err := tx.Exec("DELETE FROM action_fts WHERE rowid IN (SELECT seq FROM actions WHERE incident_seq = ?)", r.Seq).Error; err != nil {
			return wrap(err, "unindex actions")
		}
		return wrap(tx.Exec("DELETE FROM incidents WHERE id = ?", r.ID).Error, "purge incident")
	})
}

// StatusHistory implements domain.IncidentService.
func (s *Store) StatusHistory(ctx context.Context, idOrRef string) ([]domain.StatusChange, error) {
	db := s.db.WithContext(ctx)
	r, err := findRow(db, idOrRef, false)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		ID, IncidentID, FromStatus, ToStatus, By string
		At                                       int64
		Reopen                                   bool
	}
	if err := db.Raw("SELECT id, incident_id, from_status, to_status, at, by, reopen FROM status_changes WHERE incident_id = ? ORDER BY at, rowid", r.ID).Scan(&rows).Error; err != nil {
		return nil, wrap(err, "status history")
	}
	out := make([]domain.StatusChange, len(rows))
	for k, h := range rows {
		out[k] = domain.StatusChange{ID: h.ID, IncidentID: h.IncidentID, From: domain.Status(h.FromStatus),
			To: domain.Status(h.ToStatus), At: time.UnixMilli(h.At).UTC(), By: h.By, Reopen: h.Reopen}
	}
	return out, nil
}

// names lists a shared list, most used by live incidents first.
func (s *Store) names(ctx context.Context, sql string) ([]string, error) {
	out := []string{}
	err := s.db.WithContext(ctx).Raw(sql).Scan(&out).Error
	return out, wrap(err, "list names")
}

// Services implements domain.IncidentService.
func (s *Store) Services(ctx context.Context) ([]string, error) {
	return s.names(ctx, `SELECT t.name FROM services t LEFT JOIN incident_services j ON j.service_id = t.id
		GROUP BY t.id ORDER BY count(j.incident_seq) DESC, t.name COLLATE NOCASE`)
}

// Tags implements domain.IncidentService.
func (s *Store) Tags(ctx context.Context) ([]string, error) {
	return s.names(ctx, `SELECT t.name FROM tags t LEFT JOIN incident_tags j ON j.tag_id = t.id
		GROUP BY t.id ORDER BY count(j.incident_seq) DESC, t.name COLLATE NOCASE`)
}

// People implements domain.IncidentService. Commanders and action owners
// are one list of people, most used (in either role) first.
func (s *Store) People(ctx context.Context) ([]string, error) {
	return s.names(ctx, `SELECT p.name FROM people p ORDER BY
		(SELECT count(*) FROM incidents i WHERE i.commander_id = p.id) +
		(SELECT count(*) FROM actions a WHERE a.owner_id = p.id) DESC, p.name COLLATE NOCASE`)
}

// IncidentCounts implements domain.IncidentService.
func (s *Store) IncidentCounts(ctx context.Context) (domain.IncidentCounts, error) {
	var c domain.IncidentCounts
	err := s.db.WithContext(ctx).Raw(`SELECT
		coalesce(sum(deleted_at IS NULL), 0) AS total,
		coalesce(sum(deleted_at IS NULL AND status IN ('investigating','identified','monitoring')), 0) AS active,
		coalesce(sum(deleted_at IS NOT NULL), 0) AS trashed
		FROM incidents`).Row().Scan(&c.Total, &c.Active, &c.Trashed)
	return c, wrap(err, "count incidents")
}

// Setting implements domain.SettingsService.
func (s *Store) Setting(ctx context.Context, key, def string) (string, error) {
	var vals []string
	if err := s.db.WithContext(ctx).Raw("SELECT value FROM settings WHERE key = ?", key).Scan(&vals).Error; err != nil {
		return "", wrap(err, "read setting %s", key)
	}
	if len(vals) == 0 {
		return def, nil
	}
	return vals[0], nil
}

// SetSetting implements domain.SettingsService.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	// The store reads the default deadlines; a value it could not use is
	// refused here rather than ignored later.
	for _, p := range domain.Priorities {
		if key == p.SettingKey {
			n, err := domain.ParseDueDays(value)
			if err != nil {
				return fieldError(key, "%s", err)
			}
			value = strconv.Itoa(n)
		}
	}
	err := s.db.WithContext(ctx).Exec("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value).Error
	return wrap(err, "save setting %s", key)
}
