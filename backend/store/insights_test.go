package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/meeting"
)

// insightsInc is one seeded incident; detect and resolve are minutes after
// the start, 0 for unknown.
type insightsInc struct {
	start           time.Time
	sev             string
	detect, resolve int
	services        []string
	trashed         bool
	causes          map[string]string // statement → kind
	signal          bool
}

type insightsAction struct {
	inc    int // 1-based index into the incidents, 0 for none
	due    string
	status string
	closed time.Time
}

// seedInsights writes incidents (numbered from 1, in order) and actions
// with raw inserts, so the figures expected are worked out from this seed
// alone.
func seedInsights(t *testing.T, s *Store, incs []insightsInc, acts []insightsAction) {
	t.Helper()
	err := s.tx(context.Background(), func(tx *gorm.DB) error {
		svc := map[string]string{}
		for k, in := range incs {
			seq := int64(k + 1)
			ms := func(min int) *int64 {
				if min == 0 {
					return nil
				}
				v := in.start.Add(time.Duration(min) * time.Minute).UnixMilli()
				return &v
			}
			var deleted *int64
			if in.trashed {
				v := in.start.UnixMilli()
				deleted = &v
			}
			if err := tx.Exec(`INSERT INTO incidents (seq, id, number, title, severity, status, started_at, detected_at,
				resolved_at, created_at, updated_at, deleted_at) VALUES (?, ?, ?, 'inc', ?, 'resolved', ?, ?, ?, 0, 0, ?)`,
				seq, uuid.NewString(), k+1, in.sev, in.start.UnixMilli(), ms(in.detect), ms(in.resolve), deleted).Error; err != nil {
				return err
			}
			for p, name := range in.services {
				if svc[name] == "" {
					svc[name] = uuid.NewString()
					if err := tx.Exec("INSERT INTO services (id, name, created_at) VALUES (?, ?, 0)", svc[name], name).Error; err != nil {
						return err
					}
				}
				if err := tx.Exec("INSERT INTO incident_services (incident_seq, service_id, position) VALUES (?, ?, ?)",
					seq, svc[name], p).Error; err != nil {
					return err
				}
			}
			for st, kind := range in.causes {
				if err := tx.Exec(`INSERT INTO cause_nodes (id, incident_seq, position, kind, statement, created_at, updated_at)
					VALUES (?, ?, 0, ?, ?, 0, 0)`, uuid.NewString(), seq, kind, st).Error; err != nil {
					return err
				}
			}
			if in.signal {
				if err := tx.Exec("INSERT INTO snapshot_groups (id, incident_seq, created_at, signal_key) VALUES (?, ?, 0, 'k')",
					uuid.NewString(), seq).Error; err != nil {
					return err
				}
			}
		}
		for k, a := range acts {
			var seq *int64
			if a.inc > 0 {
				v := int64(a.inc)
				seq = &v
			}
			var closed *int64
			if !a.closed.IsZero() {
				v := a.closed.UnixMilli()
				closed = &v
			}
			reason := ""
			if a.status == "wont_do" {
				reason = "no"
			}
			if err := tx.Exec(`INSERT INTO actions (id, number, incident_seq, due, priority, type, status, created_at,
				updated_at, closed_at, title, reason) VALUES (?, ?, ?, ?, 'P2', 'prevent', ?, 0, 0, ?, 'act', ?)`,
				uuid.NewString(), k+1, seq, a.due, a.status, closed, reason).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func f64(v float64) *float64 { return &v }

func TestInsights(t *testing.T) {
	s := mustOpen(t)
	incs := []insightsInc{
		// 1–2: January in Berlin.
		{start: utc(2026, 1, 10, 10, 0), sev: "SEV1", detect: 10, resolve: 100, services: []string{"checkout"},
			causes: map[string]string{"Connection pool exhausted.": "root"}},
		{start: utc(2026, 1, 20, 10, 0), sev: "SEV2", detect: 20, resolve: 200, services: []string{"checkout", "payments"},
			causes: map[string]string{"Bad deploy": "root"}},
		// 3: 23:30 UTC on 31 January is 00:30 on 1 February in Berlin.
		{start: utc(2026, 1, 31, 23, 30), sev: "SEV3", detect: 30, resolve: 300, services: []string{"checkout"},
			causes: map[string]string{"connection pool   EXHAUSTED": "contributing", "Bad deploy": "trigger"}, signal: true},
		// 4: in the trash: counts nowhere.
		{start: utc(2026, 1, 25, 10, 0), sev: "SEV1", detect: 5, resolve: 50, services: []string{"checkout", "search"}, trashed: true,
			causes: map[string]string{"Bad deploy": "root"}, signal: true},
		// 5: 22:30 UTC on 31 December 2025 is still December in Berlin: before the range.
		{start: utc(2025, 12, 31, 22, 30), sev: "SEV2", detect: 1, resolve: 2, services: []string{"payments"}},
		// 6: January, detection unknown.
		{start: utc(2026, 1, 15, 0, 0), sev: "SEV3", resolve: 60, services: []string{"search"}, signal: true},
	}
	// 7–16: ten March incidents detected after 1…10 minutes, unresolved.
	for k := 1; k <= 10; k++ {
		in := insightsInc{start: utc(2026, 3, k, 10, 0), sev: "SEV4", detect: k}
		if k <= 2 {
			in.services = []string{"search"}
		}
		incs = append(incs, in)
	}
	acts := []insightsAction{
		// January: 23:30 Berlin on the due day is on time, 00:30 the next day late.
		{inc: 1, due: "2026-01-15", status: "done", closed: utc(2026, 1, 15, 22, 30)},
		{inc: 1, due: "2026-01-15", status: "done", closed: utc(2026, 1, 15, 23, 30)},
		{inc: 2, due: "2026-01-20", status: "wont_do", closed: utc(2026, 1, 19, 0, 0)},
		{inc: 2, due: "2026-01-31", status: "open"},
		// February: the trashed incident's action is left out; one from a meeting counts.
		{inc: 4, due: "2026-02-10", status: "done", closed: utc(2026, 2, 1, 0, 0)},
		{due: "2026-02-10", status: "done", closed: utc(2026, 2, 9, 0, 0)},
		// March: the day summer time starts ends at 22:00 UTC.
		{due: "2026-03-29", status: "done", closed: utc(2026, 3, 29, 21, 59)},
		{due: "2026-03-29", status: "done", closed: utc(2026, 3, 29, 22, 0)},
		// April, in summer time: 23:30 on the due day is on time, 00:30 the next day late.
		{due: "2026-04-10", status: "done", closed: utc(2026, 4, 10, 21, 30)},
		{due: "2026-04-10", status: "done", closed: utc(2026, 4, 10, 22, 30)},
		// May: after the range.
		{due: "2026-05-01", status: "open"},
	}
	seedInsights(t, s, incs, acts)
	q := domain.InsightsQuery{From: time.Date(2026, 1, 1, 0, 0, 0, 0, berlin), To: time.Date(2026, 5, 1, 0, 0, 0, 0, berlin), Zone: berlin}
	got, err := s.Insights(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("every month is there, empty ones too", func(t *testing.T) {
		if want := []string{"2026-01", "2026-02", "2026-03", "2026-04"}; !reflect.DeepEqual(got.Months, want) {
			t.Fatalf("months: got %v, want %v", got.Months, want)
		}
		if got.Zone != "Europe/Berlin" {
			t.Errorf("zone: got %q", got.Zone)
		}
	})
	t.Run("incidents count in the month they started in the zone, trash left out", func(t *testing.T) {
		want := []domain.MonthCounts{
			{Month: "2026-01", SEV1: 1, SEV2: 1, SEV3: 1, Total: 3},
			{Month: "2026-02", SEV3: 1, Total: 1},
			{Month: "2026-03", SEV4: 10, Total: 10},
			{Month: "2026-04"},
		}
		if !reflect.DeepEqual(got.BySeverity, want) {
			t.Errorf("by severity: got %+v, want %+v", got.BySeverity, want)
		}
	})
	t.Run("medians are the mean of the middle two and p90 is nearest-rank", func(t *testing.T) {
		// January detect: 600 s and 1200 s (incident 6 has no detection):
		// median 900, p90 rank ⌈1.8⌉ = 2. March: 60…600 s: median
		// (300+360)/2, p90 rank 9 = 540.
		wantDetect := []domain.MonthStats{
			{Month: "2026-01", N: 2, Median: f64(900), P90: f64(1200)},
			{Month: "2026-02", N: 1, Median: f64(1800), P90: f64(1800)},
			{Month: "2026-03", N: 10, Median: f64(330), P90: f64(540)},
			{Month: "2026-04"},
		}
		// January resolve: 3600, 6000, 12000: median 6000, p90 rank 3.
		wantResolve := []domain.MonthStats{
			{Month: "2026-01", N: 3, Median: f64(6000), P90: f64(12000)},
			{Month: "2026-02", N: 1, Median: f64(18000), P90: f64(18000)},
			{Month: "2026-03"},
			{Month: "2026-04"},
		}
		if !reflect.DeepEqual(got.Detect, wantDetect) {
			t.Errorf("detect: got %s, want %s", statsString(got.Detect), statsString(wantDetect))
		}
		if !reflect.DeepEqual(got.Resolve, wantResolve) {
			t.Errorf("resolve: got %s, want %s", statsString(got.Resolve), statsString(wantResolve))
		}
		if wantLag := []domain.MonthStats{{Month: "2026-01"}, {Month: "2026-02"}, {Month: "2026-03"}, {Month: "2026-04"}}; !reflect.DeepEqual(got.DetectionLag, wantLag) {
			t.Errorf("the store leaves the lag empty: got %s", statsString(got.DetectionLag))
		}
	})
	t.Run("actions on time by month due, in the zone across summer time, won't do and trash left out", func(t *testing.T) {
		want := []domain.MonthShare{
			{Month: "2026-01", Due: 3, OnTime: 1, Share: f64(1.0 / 3)},
			{Month: "2026-02", Due: 1, OnTime: 1, Share: f64(1)},
			{Month: "2026-03", Due: 2, OnTime: 1, Share: f64(0.5)},
			{Month: "2026-04", Due: 2, OnTime: 1, Share: f64(0.5)},
		}
		if !reflect.DeepEqual(got.ActionsOnTime, want) {
			t.Errorf("actions: got %+v, want %+v", got.ActionsOnTime, want)
		}
	})
	t.Run("services and causes of two incidents or more recur, newest refs first", func(t *testing.T) {
		wantSvc := []domain.Recurring{
			{Name: "checkout", Incidents: 3, Refs: []string{"INC-0003", "INC-0002", "INC-0001"}},
			{Name: "search", Incidents: 3, Refs: []string{"INC-0008", "INC-0007", "INC-0006"}},
		}
		if !reflect.DeepEqual(got.Services, wantSvc) {
			t.Errorf("services: got %+v, want %+v", got.Services, wantSvc)
		}
		// "Bad deploy" is a root cause of 2 and of trashed 4, and a
		// trigger of 3: one incident.
		wantThemes := []domain.Recurring{{Name: "Connection pool exhausted.", Incidents: 2, Refs: []string{"INC-0003", "INC-0001"}}}
		if !reflect.DeepEqual(got.Themes, wantThemes) {
			t.Errorf("themes: got %+v, want %+v", got.Themes, wantThemes)
		}
	})
	t.Run("a service filter keeps those incidents and their actions", func(t *testing.T) {
		fq := q
		fq.Services = []string{" PAYMENTS "}
		f, err := s.Insights(context.Background(), fq)
		if err != nil {
			t.Fatal(err)
		}
		if f.BySeverity[0].Total != 1 || f.BySeverity[0].SEV2 != 1 || f.BySeverity[1].Total != 0 || f.BySeverity[2].Total != 0 {
			t.Errorf("by severity: got %+v, want only incident 2 in January", f.BySeverity)
		}
		if a := f.ActionsOnTime[0]; a.Due != 1 || a.OnTime != 0 {
			t.Errorf("January actions: got %+v, want the open one of incident 2 only", a)
		}
		if f.ActionsOnTime[1].Due != 0 {
			t.Errorf("February actions: got %+v, want none (the meeting's action has no service)", f.ActionsOnTime[1])
		}
	})
	t.Run("lag incidents are the live ones in range with a signal", func(t *testing.T) {
		lag, err := s.LagIncidents(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(lag) != 2 || lag[0].Month != 0 || lag[1].Month != 1 {
			t.Fatalf("got %+v, want incident 6 (January) and 3 (February)", lag)
		}
	})
	t.Run("a month's incidents are the ones its bar counts, worst first", func(t *testing.T) {
		jan := q
		jan.To = time.Date(2026, 2, 1, 0, 0, 0, 0, berlin)
		p, err := s.InsightsIncidents(context.Background(), jan, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		var refs []string
		for _, i := range p.Items {
			refs = append(refs, i.Ref())
		}
		// 1 (SEV1), 2 (SEV2), 6 (SEV3); not 3 (February in Berlin), 4 (trash), 5 (December).
		if want := []string{"INC-0001", "INC-0002", "INC-0006"}; !reflect.DeepEqual(refs, want) || p.Total != 3 {
			t.Errorf("January: got %v (total %d), want %v", refs, p.Total, want)
		}
		jan.Services = []string{"PAYMENTS"}
		if p, err = s.InsightsIncidents(context.Background(), jan, 0, 0); err != nil || p.Total != 1 || p.Items[0].Ref() != "INC-0002" {
			t.Errorf("January on payments: %+v, %v; want INC-0002", p, err)
		}
		if p, err = s.InsightsIncidents(context.Background(), q, 2, 0); err != nil || len(p.Items) != 2 || p.Total != 14 {
			t.Errorf("a page of 2 of the whole range: %d items of %d, %v; want 2 of 14 (3 in January, 1 in February, 10 in March)", len(p.Items), p.Total, err)
		}
		if _, err := s.InsightsIncidents(context.Background(), q, -1, 0); err == nil {
			t.Error("a negative limit is refused")
		}
	})
	t.Run("a bad range names its field", func(t *testing.T) {
		bad := q
		bad.From, bad.To = q.To, q.From
		_, err := s.Insights(context.Background(), bad)
		if e, ok := err.(*domain.Error); !ok || e.Code != domain.EINVALID || e.Fields["to"] == "" {
			t.Errorf("got %v, want EINVALID naming to", err)
		}
	})
}

func statsString(ss []domain.MonthStats) string {
	s := ""
	for _, m := range ss {
		s += fmt.Sprintf("%s: n=%d", m.Month, m.N)
		for _, v := range []*float64{m.Median, m.P90} {
			if v == nil {
				s += " nil"
			} else {
				s += " " + time.Duration(*v*float64(time.Second)).String()
			}
		}
		s += "; "
	}
	return s
}

// The share is counted in SQL; it must agree with the meeting's test in Go
// for closings around midnight all year, in zones with an hour and a
// half-hour of summer time and one far east of UTC.
func TestInsightsOnTimeAgreesWithTheMeeting(t *testing.T) {
	for _, name := range []string{"Europe/Berlin", "Australia/Lord_Howe", "Pacific/Kiritimati", "America/Sao_Paulo"} {
		t.Run(name, func(t *testing.T) {
			loc, err := time.LoadLocation(name)
			if err != nil {
				t.Skip(err)
			}
			s := mustOpen(t)
			var acts []insightsAction
			want := map[string][2]int{} // month → due, on time
			rng := rand.New(rand.NewPCG(1, 2))
			for d := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == 2025; d = d.AddDate(0, 0, 1) {
				due := d.Format(domain.DateLayout)
				end := time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc) // the midnight ending the due date
				for _, off := range []time.Duration{-time.Millisecond, 0, time.Duration(rng.IntN(7200)-3600) * time.Second} {
					a := insightsAction{due: due, status: "done", closed: end.Add(off)}
					acts = append(acts, a)
					c := want[due[:7]]
					c[0]++
					closed := a.closed
					if meeting.DoneOnTime(&domain.ActionItem{Status: domain.ActionDone, Due: due, ClosedAt: &closed}, loc) {
						c[1]++
					}
					want[due[:7]] = c
				}
			}
			seedInsights(t, s, nil, acts)
			got, err := s.Insights(context.Background(), domain.InsightsQuery{From: time.Date(2025, 1, 1, 0, 0, 0, 0, loc),
				To: time.Date(2026, 1, 1, 0, 0, 0, 0, loc), Zone: loc})
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range got.ActionsOnTime {
				if w := want[m.Month]; m.Due != w[0] || m.OnTime != w[1] {
					t.Errorf("%s: got %d of %d on time, want %d of %d", m.Month, m.OnTime, m.Due, w[1], w[0])
				}
			}
		})
	}
}
