package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/meeting"
)

// AgendaFacts reads what a review meeting's agenda is built from (see
// domain.AgendaFacts for what each list holds) in a fixed number of
// queries, whatever the size of the database: one for incidents (every
// window the agenda looks at, answered from the started_at and resolved_at
// indexes), two for their services and tags, one for their postmortems, up
// to five for actions (see agendaActions), one for the trend's actions, one
// for open postmortems, one for causes and one for the settings. Rows read
// for one window are then split by the exact definitions in Go.
func (s *Store) AgendaFacts(ctx context.Context, q domain.AgendaQuery) (*domain.AgendaFacts, error) {
	return agendaFacts(s.db.WithContext(ctx), q)
}

func agendaFacts(db *gorm.DB, q domain.AgendaQuery) (*domain.AgendaFacts, error) {
	if q.Loc == nil {
		q.Loc = time.UTC
	}
	f := &domain.AgendaFacts{Query: q}
	if err := agendaIncidents(db, f); err != nil {
		return nil, err
	}
	if err := agendaActions(db, f); err != nil {
		return nil, err
	}
	policy, err := reviewPolicy(db)
	if err != nil {
		return nil, err
	}
	// Approved and published postmortems are never overdue.
	pms, _, err := postmortemSummaries(db, policy, q.Loc, q.Day, "i.deleted_at IS NULL AND p.status IN ?",
		[]domain.PostmortemStatus{domain.PostmortemDraft, domain.PostmortemInReview})
	if err != nil {
		return nil, err
	}
	for _, p := range pms {
		if p.Status == domain.PostmortemInReview || p.Overdue {
			f.Postmortems = append(f.Postmortems, p)
		}
	}
	return f, agendaCauses(db, f)
}

func within(t *time.Time, start, end time.Time) bool {
	return t != nil && !t.Before(start) && t.Before(end)
}

// agendaIncidents reads, in one query, every live incident any window of
// the agenda needs (overlapping the period, started in the theme or trend
// windows or the anniversary window, resolved in the trend window, or
// not resolved), with labels and postmortem state, and sorts them into f.
func agendaIncidents(db *gorm.DB, f *domain.AgendaFacts) error {
	q := f.Query
	lo := q.TrendStart()
	if t := q.ThemeStart(); t.Before(lo) {
		lo = t
	}
	annStart, annEnd := q.AnniversaryWindow()
	// started_at is never NULL (the schema says so), so "started, or
	// created if no start" is started_at. An incident overlapping the
	// period either started in it (within [lo, End)), or started before
	// it and is unresolved or resolved from Start on (>= lo).
	rows, err := queryRows(db, "SELECT "+listColumns+incidentFrom+` WHERE i.deleted_at IS NULL AND (
			(i.started_at >= ? AND i.started_at < ?) OR i.resolved_at >= ? OR i.resolved_at IS NULL
			OR (i.started_at >= ? AND i.started_at < ?))`,
		lo.UnixMilli(), q.End.UnixMilli(), lo.UnixMilli(), annStart.UnixMilli(), annEnd.UnixMilli())
	if err != nil {
		return wrap(err, "read agenda incidents")
	}
	trendStart, themeStart := q.TrendStart(), q.ThemeStart()
	all := make([]domain.AgendaIncident, len(rows))
	var sub []domain.Incident // those shown on the agenda: labels and postmortems
	var subSeqs []int64
	var subPos []int
	for k := range rows {
		i := rows[k].toDomain()
		all[k].Incident = i
		period := i.StartedAt.Before(q.End) && (i.ResolvedAt == nil || !i.ResolvedAt.Before(q.Start))
		if period || within(i.StartedAt, themeStart, q.End) || within(i.StartedAt, annStart, annEnd) {
			sub, subSeqs, subPos = append(sub, i), append(subSeqs, rows[k].Seq), append(subPos, k)
		}
	}
	if err := loadLabels(db, sub, subSeqs); err != nil {
		return err
	}
	pos := make(map[int64]int, len(subSeqs))
	for k, seq := range subSeqs {
		all[subPos[k]].Incident = sub[k]
		pos[seq] = subPos[k]
	}
	if len(subSeqs) > 0 {
		var pms []struct {
			IncidentSeq int64
			ID, Status  string
		}
		if err := db.Raw("SELECT incident_seq, id, status FROM postmortems WHERE incident_seq IN ?", subSeqs).Scan(&pms).Error; err != nil {
			return wrap(err, "read agenda postmortems")
		}
		for _, p := range pms {
			a := &all[pos[p.IncidentSeq]]
			a.PostmortemID, a.PostmortemStatus = p.ID, domain.PostmortemStatus(p.Status)
		}
	}
	for _, i := range all {
		if i.StartedAt.Before(q.End) && (i.ResolvedAt == nil || !i.ResolvedAt.Before(q.Start)) {
			f.Incidents = append(f.Incidents, i)
		}
		if within(i.StartedAt, themeStart, q.End) {
			f.Recent = append(f.Recent, i)
		}
		if within(i.StartedAt, trendStart, q.End) || within(i.ResolvedAt, trendStart, q.End) {
			f.TrendIncidents = append(f.TrendIncidents, i)
		}
		if within(i.StartedAt, annStart, annEnd) {
			f.Anniversaries = append(f.Anniversaries, i)
		}
	}
	return nil
}

// agendaActionColumns are actionColumns with what an agenda never shows
// (description, link, verification, type, the links, the history's times)
// left as constants: thousands of rows are scanned column by column
// through cgo, and each column read costs more than SQLite's work.
const agendaActionColumns = `a.seq, a.id, a.number, a.incident_seq, i.id, i.number, i.title, NULL,
	a.title, '', NULL, p.name, a.due, a.priority, '', a.status, a.reason,
	'', '', 0, 0, a.closed_at, 0, NULL, NULL, NULL`

// agendaActions reads the live actions the agenda lists: the first
// meeting.MaxItemsPerKind of those overdue on the meeting's day, due
// before the next meeting's day and closed in the period, each in agenda
// order (one query each, by the open-and-due and closed-in-range indexes),
// with how many there are of a list that fills up (one counting query,
// only then); and all the actions of the anniversary incidents. A second,
// narrow query reads the due and closing dates of the actions done in the
// trend window (only what the on-time share needs: thousands of rows over
// six months). A team that never closes its actions has 21,000 overdue:
// reading each through cgo, not SQLite's work, was most of the agenda's
// time.
func agendaActions(db *gorm.DB, f *domain.AgendaFacts) error {
	q := f.Query
	limit := meeting.MaxItemsPerKind
	closed := "('" + string(domain.ActionDone) + "','" + string(domain.ActionWontDo) + "')"
	lists := []struct {
		kind, where, order string
		args               []any
	}{
		{domain.KindActionOverdue, "a.status IN " + openStatuses() + " AND a.due <> '' AND a.due < ?", "a.due, a.number", []any{q.Day}},
		{domain.KindActionDueSoon, "a.status IN " + openStatuses() + " AND a.due >= ? AND a.due < ?", "a.due, a.number",
			[]any{q.Day, q.NextDay}},
		{domain.KindActionClosed, "a.status IN " + closed + " AND a.closed_at >= ? AND a.closed_at < ?", "a.closed_at, a.number",
			[]any{q.Start.UnixMilli(), q.End.UnixMilli()}},
	}
	full := false
	for _, l := range lists {
		rows, err := queryActions(db, "SELECT "+agendaActionColumns+actionFrom+" WHERE "+actionLive+" AND "+l.where+
			" ORDER BY "+l.order+" LIMIT ?", append(l.args, limit)...)
		if err != nil {
			return wrap(err, "read agenda actions")
		}
		for _, r := range rows {
			f.Actions = append(f.Actions, r.toDomain())
		}
		full = full || len(rows) == limit
	}
	if full {
		var n struct{ Overdue, DueSoon, Closed int }
		if err := db.Raw(`SELECT COALESCE(SUM(`+lists[0].where+`), 0) AS overdue, COALESCE(SUM(`+lists[1].where+`), 0) AS due_soon,
			COALESCE(SUM(`+lists[2].where+`), 0) AS closed FROM actions a WHERE `+actionLive+` AND (
				(a.status IN `+openStatuses()+` AND a.due < ?) OR (a.closed_at >= ? AND a.closed_at < ?))`,
			q.Day, q.Day, q.NextDay, q.Start.UnixMilli(), q.End.UnixMilli(), q.NextDay, q.Start.UnixMilli(), q.End.UnixMilli()).
			Scan(&n).Error; err != nil {
			return wrap(err, "count agenda actions")
		}
		f.ActionCounts = map[string]int{lists[0].kind: n.Overdue, lists[1].kind: n.DueSoon, lists[2].kind: n.Closed}
	}
	if len(f.Anniversaries) > 0 {
		ann := make([]string, len(f.Anniversaries))
		for k, i := range f.Anniversaries {
			ann[k] = i.ID
		}
		rows, err := queryActions(db, "SELECT "+agendaActionColumns+actionFrom+" WHERE "+actionLive+
			" AND a.incident_seq IN (SELECT seq FROM incidents WHERE id IN ?)", ann)
		if err != nil {
			return wrap(err, "read agenda anniversary actions")
		}
		for _, r := range rows {
			f.AnniversaryActions = append(f.AnniversaryActions, r.toDomain())
		}
	}
	rs, err := db.Raw(`SELECT a.due, a.closed_at FROM actions a WHERE a.closed_at >= ? AND a.closed_at < ? AND a.status = ? AND `+actionLive,
		q.TrendStart().UnixMilli(), q.End.UnixMilli(), string(domain.ActionDone)).Rows()
	if err != nil {
		return wrap(err, "read agenda trend actions")
	}
	defer rs.Close()
	for rs.Next() {
		var due *string
		var closed int64
		if err := rs.Scan(&due, &closed); err != nil {
			return wrap(err, "read agenda trend actions")
		}
		a := domain.ActionItem{Status: domain.ActionDone, ClosedAt: fromMs(&closed)}
		if due != nil {
			a.Due = *due
		}
		f.TrendActions = append(f.TrendActions, a)
	}
	return wrap(rs.Err(), "read agenda trend actions")
}

// agendaCauses reads the root and contributing cause statements of the
// incidents started in the theme window.
func agendaCauses(db *gorm.DB, f *domain.AgendaFacts) error {
	q := f.Query
	rs, err := db.Raw(`SELECT i.id, i.number, c.kind, c.statement FROM cause_nodes c JOIN incidents i ON i.seq = c.incident_seq
		WHERE i.deleted_at IS NULL AND i.started_at >= ? AND i.started_at < ? AND c.kind IN ?`,
		q.ThemeStart().UnixMilli(), q.End.UnixMilli(), []domain.CauseKind{domain.CauseRoot, domain.CauseContributing}).Rows()
	if err != nil {
		return wrap(err, "read agenda causes")
	}
	defer rs.Close()
	for rs.Next() {
		var c domain.AgendaCause
		var kind string
		if err := rs.Scan(&c.IncidentID, &c.IncidentNumber, &kind, &c.Statement); err != nil {
			return wrap(err, "read agenda causes")
		}
		c.Kind = domain.CauseKind(kind)
		f.Causes = append(f.Causes, c)
	}
	return wrap(rs.Err(), "read agenda causes")
}
