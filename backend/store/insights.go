package store

import (
	"context"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/insights"
	"github.com/hindsight-app/hindsight/backend/meeting"
)

// Insights computes the figures of the Insights view (see domain.Insights
// for every definition) for q, all but DetectionLag, which needs the
// metric snapshots' points: package insights fills it from LagIncidents.
// An incident counts, with its times to detect and to resolve, in the
// month it started in, in q.Zone; an action in the month of its due date.
//
// Four narrow queries, whatever the range: the incidents started in it
// (by the started_at index), their services, their root and contributing
// causes, and the actions due in it. Only the columns a figure needs are
// read, since each column of thousands of rows costs a cgo call; months,
// medians and themes are then worked out in Go with the review meeting's
// own definitions (insights.MonthStats, meeting.DoneOnTime,
// meeting.NormalizeStatement). Returns EINVALID naming "from" or "to" for
// a bad range.
func (s *Store) Insights(ctx context.Context, q domain.InsightsQuery) (*domain.Insights, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	if q.Zone == nil {
		q.Zone = time.UTC
	}
	db := s.db.WithContext(ctx)
	m := newMonths(&q)
	out := &domain.Insights{Zone: q.Zone.String(), Months: m.names}
	n := len(m.names)
	out.BySeverity = make([]domain.MonthCounts, n)
	out.Detect, out.Resolve, out.DetectionLag = make([]domain.MonthStats, n), make([]domain.MonthStats, n), make([]domain.MonthStats, n)
	out.ActionsOnTime = make([]domain.MonthShare, n)
	for k, name := range m.names {
		out.BySeverity[k].Month, out.Detect[k].Month, out.Resolve[k].Month = name, name, name
		out.DetectionLag[k].Month, out.ActionsOnTime[k].Month = name, name
	}

	where, args := insightsIncidentWhere(&q)
	rs, err := db.Raw("SELECT i.seq, i.number, i.severity, i.started_at, i.detected_at, i.resolved_at FROM incidents i WHERE "+where,
		args...).Rows()
	if err != nil {
		return nil, wrap(err, "read insights incidents")
	}
	detect, resolve := make([][]float64, n), make([][]float64, n)
	numbers := map[int64]int{}
	for rs.Next() {
		var seq, started int64
		var number int
		var sev string
		var detected, resolved *int64
		if err := rs.Scan(&seq, &number, &sev, &started, &detected, &resolved); err != nil {
			rs.Close()
			return nil, wrap(err, "read insights incidents")
		}
		k := m.index(started)
		if k < 0 {
			continue
		}
		numbers[seq] = number
		c := &out.BySeverity[k]
		c.Total++
		switch domain.Severity(sev) {
		case domain.SEV1:
			c.SEV1++
		case domain.SEV2:
			c.SEV2++
		case domain.SEV3:
			c.SEV3++
		case domain.SEV4:
			c.SEV4++
		}
		if detected != nil {
			detect[k] = append(detect[k], float64(*detected-started)/1000)
		}
		if resolved != nil {
			resolve[k] = append(resolve[k], float64(*resolved-started)/1000)
		}
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, wrap(err, "read insights incidents")
	}
	for k := range n {
		out.Detect[k] = insights.MonthStats(out.Detect[k].Month, detect[k])
		out.Resolve[k] = insights.MonthStats(out.Resolve[k].Month, resolve[k])
	}

	if out.Services, err = insightsRecurring(db, "SELECT j.incident_seq, s.name FROM incident_services j JOIN services s ON s.id = j.service_id"+
		" JOIN incidents i ON i.seq = j.incident_seq WHERE "+where, args, numbers, strings.ToLower); err != nil {
		return nil, wrap(err, "read insights services")
	}
	causeArgs := append([]any{[]domain.CauseKind{domain.CauseRoot, domain.CauseContributing}}, args...)
	if out.Themes, err = insightsRecurring(db, "SELECT c.incident_seq, c.statement FROM cause_nodes c JOIN incidents i ON i.seq = c.incident_seq"+
		" WHERE c.kind IN ? AND "+where, causeArgs, numbers, meeting.NormalizeStatement); err != nil {
		return nil, wrap(err, "read insights causes")
	}
	return out, insightsActions(db, &q, m, out.ActionsOnTime)
}

// LagIncidents lists the live incidents started in q's range (and
// affecting its services) that have a snapshot group with a detection
// signal, with their month: the only ones a detection lag can come from.
// One query, by the started_at index.
func (s *Store) LagIncidents(ctx context.Context, q domain.InsightsQuery) ([]domain.LagIncident, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	if q.Zone == nil {
		q.Zone = time.UTC
	}
	m := newMonths(&q)
	where, args := insightsIncidentWhere(&q)
	var rows []struct {
		ID        string
		StartedAt int64
	}
	if err := s.db.WithContext(ctx).Raw("SELECT i.id, i.started_at FROM incidents i WHERE "+where+
		" AND EXISTS (SELECT 1 FROM snapshot_groups g WHERE g.incident_seq = i.seq AND g.signal_key <> '') ORDER BY i.started_at, i.number",
		args...).Scan(&rows).Error; err != nil {
		return nil, wrap(err, "read insights signals")
	}
	out := make([]domain.LagIncident, 0, len(rows))
	for _, r := range rows {
		if k := m.index(r.StartedAt); k >= 0 {
			out = append(out, domain.LagIncident{ID: r.ID, Month: k})
		}
	}
	return out, nil
}

// months are a query's month boundaries as Unix ms, for bucketing.
type months struct {
	starts []int64 // len(names)+1: the last is the range's end
	names  []string
}

func newMonths(q *domain.InsightsQuery) *months {
	ts := q.MonthStarts()
	m := &months{starts: make([]int64, len(ts)), names: make([]string, len(ts)-1)}
	for k, t := range ts {
		m.starts[k] = t.UnixMilli()
		if k < len(m.names) {
			m.names[k] = t.Format(domain.MonthLayout)
		}
	}
	return m
}

// index is the month holding ms, or -1 outside the range.
func (m *months) index(ms int64) int {
	k := sort.Search(len(m.starts), func(i int) bool { return m.starts[i] > ms }) - 1
	if k < 0 || k >= len(m.names) {
		return -1
	}
	return k
}

// insightsIncidentWhere selects, on alias i, the live incidents started in
// q's range, affecting one of its services if it names any.
func insightsIncidentWhere(q *domain.InsightsQuery) (string, []any) {
	where := "i.deleted_at IS NULL AND i.started_at >= ? AND i.started_at < ?"
	args := []any{q.From.UnixMilli(), q.To.UnixMilli()}
	if svc := q.ServiceFilter(); len(svc) > 0 {
		where += " AND i.seq IN (" + serviceSeqs + ")"
		args = append(args, svc)
	}
	return where, args
}

// serviceSeqs selects the incidents affecting services named (lower case)
// in its one argument.
const serviceSeqs = "SELECT sj.incident_seq FROM incident_services sj JOIN services ss ON ss.id = sj.service_id WHERE lower(ss.name) IN ?"

// insightsRecurring reads (incident seq, name) pairs and groups them by
// key(name): those of at least two distinct incidents of numbers, most
// incidents first (then by key), at most domain.MaxRecurring, each named
// by its first wording read and listing its latest refs.
func insightsRecurring(db *gorm.DB, sql string, args []any, numbers map[int64]int, key func(string) string) ([]domain.Recurring, error) {
	rs, err := db.Raw(sql, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	type group struct {
		key, name string
		incs      map[int]bool
	}
	groups := map[string]*group{}
	var order []*group
	for rs.Next() {
		var seq int64
		var name string
		if err := rs.Scan(&seq, &name); err != nil {
			return nil, err
		}
		num, ok := numbers[seq]
		k := key(name)
		if !ok || k == "" {
			continue
		}
		g := groups[k]
		if g == nil {
			g = &group{key: k, name: name, incs: map[int]bool{}}
			groups[k] = g
			order = append(order, g)
		}
		g.incs[num] = true
	}
	if err := rs.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(order, func(a, b int) bool {
		if len(order[a].incs) != len(order[b].incs) {
			return len(order[a].incs) > len(order[b].incs)
		}
		return order[a].key < order[b].key
	})
	out := []domain.Recurring{}
	for _, g := range order {
		if len(g.incs) < 2 || len(out) == domain.MaxRecurring {
			break
		}
		nums := make([]int, 0, len(g.incs))
		for n := range g.incs {
			nums = append(nums, n)
		}
		sort.Sort(sort.Reverse(sort.IntSlice(nums)))
		r := domain.Recurring{Name: g.name, Incidents: len(nums), Refs: []string{}}
		for _, n := range nums[:min(len(nums), domain.MaxRecurringRefs)] {
			r.Refs = append(r.Refs, domain.IncidentRef(n))
		}
		out = append(out, r)
	}
	return out, nil
}

// insightsActions fills shares from the live actions due in q's months,
// won't do left out (and, with a service filter, only the actions of
// incidents affecting those services). Due dates are calendar dates, so
// the month is the date's own.
//
// SQLite counts them, one row per month: reading 50,000 actions through
// cgo to test each in Go took 80 ms of the budget; this, about 25 ms. The test is
// meeting.DoneOnTime's — done, and the closing date in the zone on or
// before the due date — written as "closed before the midnight in the
// zone that ends the due date": that midnight is the due date's UTC
// midnight, plus a day, less the zone's offset then, and onTimeOffset
// gives the offset as a CASE over the few stretches of dates it is
// constant in (two a year with summer time).
func insightsActions(db *gorm.DB, q *domain.InsightsQuery, m *months, shares []domain.MonthShare) error {
	index := make(map[string]int, len(m.names))
	for k, name := range m.names {
		index[name] = k
	}
	first, end := m.names[0]+"-01", q.To.In(q.Zone).Format(domain.MonthLayout)+"-01"
	offset, args := onTimeOffset(first, end, q.Zone)
	// julianday(due) − 2440586.5 is the number of days from 1970-01-01 to
	// the day after due, exact in a float64 (julianday is x.5 at midnight);
	// strftime('%s') did the same 40% slower.
	sql := `SELECT substr(a.due, 1, 7) AS month, count(*) AS due,
		coalesce(sum(a.status = ? AND a.closed_at < CAST((julianday(a.due) - 2440586.5) * 86400000 AS INTEGER) - ` + offset + `), 0) AS on_time
		FROM actions a WHERE a.due >= ? AND a.due < ? AND a.status <> ? AND ` + actionLive
	args = append([]any{string(domain.ActionDone)}, args...)
	args = append(args, first, end, string(domain.ActionWontDo))
	if svc := q.ServiceFilter(); len(svc) > 0 {
		sql += " AND a.incident_seq IN (" + serviceSeqs + ")"
		args = append(args, svc)
	}
	var rows []struct {
		Month       string
		Due, OnTime int
	}
	if err := db.Raw(sql+" GROUP BY month", args...).Scan(&rows).Error; err != nil {
		return wrap(err, "read insights actions")
	}
	for _, r := range rows {
		if k, ok := index[r.Month]; ok {
			shares[k].Due, shares[k].OnTime = r.Due, r.OnTime
		}
	}
	for k := range shares {
		if shares[k].Due > 0 {
			v := float64(shares[k].OnTime) / float64(shares[k].Due)
			shares[k].Share = &v
		}
	}
	return nil
}

// onTimeOffset returns an SQL expression, with its arguments, giving for
// a.due (a date from first to before end, YYYY-MM-DD) how many ms the
// midnight in loc that ends that date comes before the UTC one.
func onTimeOffset(first, end string, loc *time.Location) (string, []any) {
	d, err1 := time.Parse(domain.DateLayout, first)
	e, err2 := time.Parse(domain.DateLayout, end)
	offsetAfter := func(d time.Time) int64 { // d is a date at UTC midnight
		next := d.AddDate(0, 0, 1)
		return next.UnixMilli() - time.Date(next.Year(), next.Month(), next.Day(), 0, 0, 0, 0, loc).UnixMilli()
	}
	if err1 != nil || err2 != nil || !d.Before(e) {
		return "0", nil
	}
	cur := offsetAfter(d)
	var b strings.Builder
	var args []any
	for ; d.Before(e); d = d.AddDate(0, 0, 1) {
		if off := offsetAfter(d); off != cur {
			b.WriteString(" WHEN a.due < ? THEN ?")
			args = append(args, d.Format(domain.DateLayout), cur)
			cur = off
		}
	}
	if b.Len() == 0 {
		return "?", []any{cur}
	}
	return "(CASE" + b.String() + " ELSE ? END)", append(args, cur)
}

// InsightsIncidents lists one page of the incidents q counts (live,
// started in its range, affecting one of its services if it names any),
// worst first, then in the order they started: what a month's bar of the
// Insights view is made of. Limit 0 is domain.DefaultPageSize.
func (s *Store) InsightsIncidents(ctx context.Context, q domain.InsightsQuery, limit, offset int) (*domain.IncidentPage, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	fe := domain.FieldErrors{}
	checkPage(fe, &limit, offset, domain.MaxPageSize, "")
	if err := fe.Err(); err != nil {
		return nil, err
	}
	where, args := insightsIncidentWhere(&q)
	return incidentPage(s.db.WithContext(ctx), " WHERE "+where, "i.severity, i.started_at, i.number", args, limit, offset)
}
