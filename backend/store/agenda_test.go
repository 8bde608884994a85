package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/meeting"
)

// The agenda seed: incidents, actions, causes and postmortems around a
// monthly meeting on 2026-11-02 in Europe/Berlin reviewing October
// [2026-10-01 00:00 CEST, 2026-11-01 00:00 CET). Expectations are worked out
// from the seed by plain loops below, never by the code under test.

var berlin = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return loc
}()

type seedIncident struct {
	title                      string
	sev                        string
	services, tags             []string
	start                      time.Time
	detect, mitigate, resolved *time.Time
	trashed                    bool
	causes                     []domain.CauseInput
	pm                         string // "", "draft", "in_review"
	inc                        *domain.Incident
}

type seedAction struct {
	incident int // index into incidents, -1 for none
	title    string
	due      string
	status   domain.ActionStatus
	closedAt time.Time // for done and wont_do
	act      *domain.ActionItem
}

func tp(t time.Time) *time.Time { return &t }

func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

type agendaSeed struct {
	s         *Store
	clock     *time.Time
	q         domain.AgendaQuery
	incidents []*seedIncident
	actions   []*seedAction
}

func openClocked(t testing.TB) (*Store, *time.Time) {
	t.Helper()
	clock := fixedNow
	s, err := Open(filepath.Join(t.TempDir(), "hindsight.db"), Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, &clock
}

func seedAgenda(t *testing.T) *agendaSeed {
	t.Helper()
	s, clock := openClocked(t)
	ctx := context.Background()
	start := time.Date(2026, 10, 1, 0, 0, 0, 0, berlin).UTC() // 2026-09-30 22:00 UTC
	end := time.Date(2026, 11, 1, 0, 0, 0, 0, berlin).UTC()   // 2026-10-31 23:00 UTC
	g := &agendaSeed{s: s, clock: clock, q: domain.AgendaQuery{Start: start, End: end, Loc: berlin, Day: "2026-11-02", NextDay: "2026-12-02"}}
	add := func(i seedIncident) int {
		g.incidents = append(g.incidents, &i)
		return len(g.incidents) - 1
	}
	root := func(st string) []domain.CauseInput { return []domain.CauseInput{{Kind: "root", Statement: st}} }
	// The edges.
	eBefore := add(seedIncident{title: "started before, resolved in", sev: "SEV2", services: []string{"checkout"}, tags: []string{"db"},
		start: utc(2026, 9, 25, 8, 0), detect: tp(utc(2026, 9, 25, 8, 20)), resolved: tp(utc(2026, 10, 3, 9, 0)),
		causes: root("Connection pool exhausted!"), pm: "in_review"})
	add(seedIncident{title: "resolved exactly at start", sev: "SEV3", services: []string{"search"},
		start: utc(2026, 9, 20, 8, 0), resolved: tp(start)})
	add(seedIncident{title: "resolved exactly at end", sev: "SEV3", services: []string{"search"}, tags: []string{"db"},
		start: utc(2026, 10, 20, 8, 0), detect: tp(utc(2026, 10, 20, 8, 5)), resolved: tp(end),
		causes: root("connection pool   exhausted")})
	add(seedIncident{title: "resolved just before start", sev: "SEV1", services: []string{"auth"},
		start: utc(2026, 9, 10, 8, 0), resolved: tp(start.Add(-time.Millisecond)), pm: "draft"})
	add(seedIncident{title: "23:30 UTC on the last day is November in Berlin", sev: "SEV1", services: []string{"checkout"},
		start: utc(2026, 10, 31, 23, 30)})
	add(seedIncident{title: "22:30 UTC on 30 September is October in Berlin", sev: "SEV2", services: []string{"checkout"},
		start: utc(2026, 9, 30, 22, 30), detect: tp(utc(2026, 9, 30, 22, 40)), resolved: tp(utc(2026, 9, 30, 23, 40)),
		causes: []domain.CauseInput{{Kind: "contributing", Statement: "Connection-pool exhausted."}, {Kind: "trigger", Statement: "deploy"}}})
	add(seedIncident{title: "in the trash", sev: "SEV1", services: []string{"ledger"}, start: utc(2026, 10, 10, 8, 0), trashed: true,
		causes: root("Ledger lock contention")})
	add(seedIncident{title: "open for months", sev: "SEV4", services: []string{"ledger"}, start: utc(2026, 6, 1, 8, 0),
		causes: root("ledger lock contention")})
	add(seedIncident{title: "a year ago, first minute in Berlin", sev: "SEV2", services: []string{"web"},
		start: utc(2025, 9, 30, 22, 30), resolved: tp(utc(2025, 9, 30, 23, 30))})
	add(seedIncident{title: "a year ago, but November in Berlin", sev: "SEV2", services: []string{"web"},
		start: utc(2025, 10, 31, 23, 30), resolved: tp(utc(2025, 11, 1, 1, 0))})
	add(seedIncident{title: "overdue review", sev: "SEV1", services: []string{"web"},
		start: utc(2026, 8, 1, 8, 0), resolved: tp(utc(2026, 8, 1, 9, 0)), pm: "draft"})
	// The rest at random, over the trend window and a little beyond.
	rng := rand.New(rand.NewPCG(7, 11))
	svcs := []string{"checkout", "search", "auth", "web", "queue", "billing"}
	tags := []string{"db", "dns", "deploy", "cache"}
	sevs := []string{"SEV1", "SEV2", "SEV3", "SEV4"}
	stmts := []string{"Retry storm", "retry storm.", "Missing alert on disk", "Cache TTL too long", "DNS TTL too long"}
	lo := utc(2026, 4, 1, 0, 0)
	for k := range 30 {
		st := lo.Add(time.Duration(rng.IntN(int(utc(2026, 11, 20, 0, 0).Sub(lo)/time.Minute))) * time.Minute)
		i := seedIncident{title: fmt.Sprintf("random %d", k), sev: sevs[rng.IntN(4)], services: []string{svcs[rng.IntN(len(svcs))]},
			start: st}
		if rng.IntN(3) == 0 {
			i.tags = []string{tags[rng.IntN(len(tags))]}
		}
		if rng.IntN(5) > 0 {
			i.detect = tp(st.Add(time.Duration(1+rng.IntN(90)) * time.Minute))
			i.mitigate = tp(i.detect.Add(time.Duration(rng.IntN(120)) * time.Minute))
			if r := i.mitigate.Add(time.Duration(rng.IntN(600)) * time.Minute); r.Before(fixedNow) {
				i.resolved = &r
			}
		}
		if rng.IntN(3) == 0 {
			i.causes = root(stmts[rng.IntN(len(stmts))])
		}
		if st.Before(fixedNow) {
			add(i)
		}
	}
	for _, i := range g.incidents {
		in := domain.IncidentInput{Title: i.title, Severity: i.sev, Status: "investigating", Services: i.services, Tags: i.tags,
			StartedAt: i.start.Format(time.RFC3339Nano), Zone: "UTC"}
		f := func(t *time.Time) string {
			if t == nil {
				return ""
			}
			return t.Format(time.RFC3339Nano)
		}
		in.DetectedAt, in.MitigatedAt, in.ResolvedAt = f(i.detect), f(i.mitigate), f(i.resolved)
		if i.resolved != nil {
			in.Status = "resolved"
		}
		i.inc = mustCreate(t, s, in)
		for _, c := range i.causes {
			if _, err := s.AddCause(ctx, i.inc.ID, c); err != nil {
				t.Fatal(err)
			}
		}
		if i.pm != "" {
			pm, err := s.CreatePostmortem(ctx, i.inc.ID, domain.PostmortemInput{Body: "x"})
			if err != nil {
				t.Fatal(err)
			}
			if i.pm == "in_review" {
				if _, err := s.Submit(ctx, pm.ID, []string{"Rev"}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	// Actions: the edges, then random ones.
	act := func(a seedAction) { g.actions = append(g.actions, &a) }
	act(seedAction{incident: eBefore, title: "due on D: not overdue", due: "2026-11-02", status: domain.ActionOpen})
	act(seedAction{incident: eBefore, title: "due the day before D: overdue", due: "2026-11-01", status: domain.ActionInProgress})
	act(seedAction{incident: -1, title: "due the day before the next meeting", due: "2026-12-01", status: domain.ActionBlocked})
	act(seedAction{incident: -1, title: "due on the next meeting's day", due: "2026-12-02", status: domain.ActionOpen})
	act(seedAction{incident: eBefore, title: "won't do, closed in the period", due: "2026-10-05", status: domain.ActionWontDo,
		closedAt: utc(2026, 10, 4, 10, 0)})
	act(seedAction{incident: eBefore, title: "done late in Berlin, on time in UTC", due: "2026-10-15", status: domain.ActionDone,
		closedAt: utc(2026, 10, 15, 22, 30)})
	act(seedAction{incident: 8, title: "anniversary action done", due: "2025-10-20", status: domain.ActionDone, closedAt: utc(2025, 10, 19, 9, 0)})
	act(seedAction{incident: 8, title: "anniversary action open", due: "2025-11-20", status: domain.ActionOpen})
	act(seedAction{incident: 6, title: "of a trashed incident", due: "2026-10-02", status: domain.ActionOpen})
	statuses := []domain.ActionStatus{domain.ActionOpen, domain.ActionInProgress, domain.ActionBlocked, domain.ActionDone, domain.ActionDone, domain.ActionWontDo}
	for k := range 40 {
		a := seedAction{incident: rng.IntN(len(g.incidents)+1) - 1, title: fmt.Sprintf("random action %d", k),
			due: utc(2026, 5, 1, 0, 0).AddDate(0, 0, rng.IntN(240)).Format(domain.DateLayout), status: statuses[rng.IntN(len(statuses))]}
		if a.status.IsClosed() {
			a.closedAt = utc(2026, 5, 1, 0, 0).Add(time.Duration(rng.IntN(int(fixedNow.Sub(utc(2026, 5, 1, 0, 0))/time.Minute))) * time.Minute)
		}
		act(a)
	}
	for _, a := range g.actions {
		in := domain.ActionInput{Title: a.title, Due: a.due, Owner: "Dana", Zone: "UTC"}
		if a.incident >= 0 {
			in.Incident = g.incidents[a.incident].inc.ID
		}
		created, err := s.CreateAction(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		a.act = created
		if a.status != domain.ActionOpen {
			*clock = a.closedAt
			if !a.status.IsClosed() {
				*clock = fixedNow
			}
			reason := ""
			if a.status == domain.ActionWontDo {
				reason = "not worth it"
			}
			if a.act, err = s.SetActionStatus(ctx, created.ID, string(a.status), reason, 0); err != nil {
				t.Fatal(err)
			}
			*clock = fixedNow
		}
	}
	for _, i := range g.incidents {
		if i.trashed {
			if err := s.DeleteIncident(ctx, i.inc.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	return g
}

// expected, by plain loops over the seed.

func (g *agendaSeed) wantIncidents() []string {
	var in []*seedIncident
	for _, i := range g.incidents {
		if !i.trashed && i.start.Before(g.q.End) && (i.resolved == nil || !i.resolved.Before(g.q.Start)) {
			in = append(in, i)
		}
	}
	sort.SliceStable(in, func(a, b int) bool {
		if in[a].sev != in[b].sev {
			return in[a].sev < in[b].sev
		}
		return in[a].start.Before(in[b].start)
	})
	var out []string
	for _, i := range in {
		out = append(out, i.inc.Ref())
	}
	return out
}

func (g *agendaSeed) wantActions(kind string) []string {
	var out []string
	for _, a := range g.actions {
		if a.incident >= 0 && g.incidents[a.incident].trashed {
			continue
		}
		open := a.status == domain.ActionOpen || a.status == domain.ActionInProgress || a.status == domain.ActionBlocked
		var ok bool
		switch kind {
		case domain.KindActionOverdue:
			ok = open && a.due < "2026-11-02"
		case domain.KindActionDueSoon:
			ok = open && a.due >= "2026-11-02" && a.due < "2026-12-02"
		case domain.KindActionClosed:
			ok = !open && !a.closedAt.Before(g.q.Start) && a.closedAt.Before(g.q.End)
		}
		if ok {
			out = append(out, a.act.Ref())
		}
	}
	sort.Strings(out)
	return out
}

func normalize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsPunct(r) {
			r = ' '
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func (g *agendaSeed) wantThemes() []string {
	from := g.q.End.Add(-90 * 24 * time.Hour) // the period is shorter than 90 days
	svc, tag, cause := map[string]int{}, map[string]map[string]bool{}, map[string]map[string]bool{}
	for _, i := range g.incidents {
		if i.trashed || i.start.Before(from) || !i.start.Before(g.q.End) {
			continue
		}
		for _, s := range i.services {
			svc["service:"+s]++
		}
		for _, s := range i.tags {
			if tag["tag:"+s] == nil {
				tag["tag:"+s] = map[string]bool{}
			}
			tag["tag:"+s][i.title] = true
		}
		for _, c := range i.causes {
			if c.Kind != "root" && c.Kind != "contributing" {
				continue
			}
			k := "cause:" + normalize(c.Statement)
			if cause[k] == nil {
				cause[k] = map[string]bool{}
			}
			cause[k][i.title] = true
		}
	}
	var out []string
	for k, n := range svc {
		if n >= 2 {
			out = append(out, fmt.Sprintf("%s=%d", k, n))
		}
	}
	for _, m := range []map[string]map[string]bool{tag, cause} {
		for k, set := range m {
			if len(set) >= 2 {
				out = append(out, fmt.Sprintf("%s=%d", k, len(set)))
			}
		}
	}
	sort.Strings(out)
	return out
}

func medianOf(v []float64) string {
	if len(v) == 0 {
		return "none"
	}
	sort.Float64s(v)
	if len(v)%2 == 1 {
		return fmt.Sprint(v[len(v)/2])
	}
	return fmt.Sprint((v[len(v)/2-1] + v[len(v)/2]) / 2)
}

// wantTrends gives, oldest period first, "count ttd ttr share" per period.
func (g *agendaSeed) wantTrends() []string {
	l := g.q.End.Sub(g.q.Start)
	var out []string
	for k := 5; k >= 0; k-- {
		s, e := g.q.Start.Add(-time.Duration(k)*l), g.q.End.Add(-time.Duration(k)*l)
		in := func(t *time.Time) bool { return t != nil && !t.Before(s) && t.Before(e) }
		n := 0
		var ttd, ttr []float64
		for _, i := range g.incidents {
			if i.trashed {
				continue
			}
			if in(&i.start) {
				n++
				if i.detect != nil {
					ttd = append(ttd, i.detect.Sub(i.start).Seconds())
				}
			}
			if in(i.resolved) {
				ttr = append(ttr, i.resolved.Sub(i.start).Seconds())
			}
		}
		done, onTime := 0, 0
		for _, a := range g.actions {
			if a.status != domain.ActionDone || !in(&a.closedAt) || (a.incident >= 0 && g.incidents[a.incident].trashed) {
				continue
			}
			done++
			if a.closedAt.In(berlin).Format("2006-01-02") <= a.due {
				onTime++
			}
		}
		share := "none"
		if done > 0 {
			share = fmt.Sprint(float64(onTime) / float64(done))
		}
		out = append(out, fmt.Sprintf("%d %s %s %s", n, medianOf(ttd), medianOf(ttr), share))
	}
	return out
}

func (g *agendaSeed) wantAnniversaries() []string {
	from := time.Date(2025, 10, 1, 0, 0, 0, 0, berlin)
	to := time.Date(2025, 11, 1, 0, 0, 0, 0, berlin)
	var out []string
	for k, i := range g.incidents {
		if i.trashed || i.start.Before(from) || !i.start.Before(to) {
			continue
		}
		done, total := 0, 0
		for _, a := range g.actions {
			if a.incident == k {
				total++
				if a.status == domain.ActionDone {
					done++
				}
			}
		}
		out = append(out, fmt.Sprintf("%s %d/%d", i.inc.Ref(), done, total))
	}
	return out
}

func (g *agendaSeed) wantPostmortems() []string {
	var out []string
	for _, i := range g.incidents {
		if i.trashed || i.pm == "" {
			continue
		}
		overdue := false
		if i.sev == "SEV1" && i.resolved != nil && i.pm != "approved" {
			due := i.resolved.In(berlin).AddDate(0, 0, 3).Format("2006-01-02")
			overdue = due < "2026-11-02"
		}
		if i.pm == "in_review" || overdue {
			out = append(out, i.inc.Ref())
		}
	}
	sort.Strings(out)
	return out
}

func itemsOf(items []domain.AgendaItem, kinds ...string) []domain.AgendaItem {
	var out []domain.AgendaItem
	for _, it := range items {
		for _, k := range kinds {
			if it.Kind == k {
				out = append(out, it)
			}
		}
	}
	return out
}

func refsOf(items []domain.AgendaItem, action bool) []string {
	var out []string
	for _, it := range items {
		if action {
			out = append(out, it.ActionRef)
		} else {
			out = append(out, it.IncidentRef)
		}
	}
	return out
}

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}

func TestAgendaIsGeneratedFromTheSeededPeriod(t *testing.T) {
	g := seedAgenda(t)
	facts, err := g.s.AgendaFacts(context.Background(), g.q)
	if err != nil {
		t.Fatal(err)
	}
	items := meeting.Build(facts)
	t.Logf("seed: %d incidents, %d actions; agenda: %d incidents, %d overdue, %d due soon, %d closed, themes %v, trends %v",
		len(g.incidents), len(g.actions), len(g.wantIncidents()), len(g.wantActions(domain.KindActionOverdue)),
		len(g.wantActions(domain.KindActionDueSoon)), len(g.wantActions(domain.KindActionClosed)), g.wantThemes(), g.wantTrends())

	t.Run("incidents overlapping the period, by severity then start", func(t *testing.T) {
		got, want := refsOf(itemsOf(items, domain.KindIncident), false), g.wantIncidents()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("got %v, want %v", got, want)
		}
		// The edges, named.
		has := func(title string) bool {
			for _, i := range g.incidents {
				if i.title == title {
					for _, r := range got {
						if r == i.inc.Ref() {
							return true
						}
					}
				}
			}
			return false
		}
		for title, want := range map[string]bool{
			"started before, resolved in": true, "resolved exactly at start": true, "resolved exactly at end": true,
			"resolved just before start": false, "23:30 UTC on the last day is November in Berlin": false,
			"22:30 UTC on 30 September is October in Berlin": true, "in the trash": false, "open for months": true,
		} {
			if has(title) != want {
				t.Errorf("%q on the agenda = %v, want %v", title, !want, want)
			}
		}
	})
	t.Run("actions overdue on D, due before the next meeting, closed in the period", func(t *testing.T) {
		for _, kind := range []string{domain.KindActionOverdue, domain.KindActionDueSoon, domain.KindActionClosed} {
			got, want := sorted(refsOf(itemsOf(items, kind), true)), g.wantActions(kind)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s: got %v, want %v", kind, got, want)
			}
		}
		overdue := fmt.Sprint(refsOf(itemsOf(items, domain.KindActionOverdue), true))
		if !strings.Contains(overdue, g.actions[1].act.Ref()) || strings.Contains(overdue, g.actions[0].act.Ref()) {
			t.Errorf("overdue %s: want the action due D-1 (%s) and not the one due on D (%s)", overdue, g.actions[1].act.Ref(), g.actions[0].act.Ref())
		}
	})
	t.Run("postmortems in review or overdue", func(t *testing.T) {
		got := sorted(refsOf(itemsOf(items, domain.KindPostmortemInReview, domain.KindPostmortemOverdue), false))
		if want := g.wantPostmortems(); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	t.Run("recurring services, tags and causes", func(t *testing.T) {
		var got []string
		for _, it := range itemsOf(items, domain.KindThemeService, domain.KindThemeTag, domain.KindThemeCause) {
			got = append(got, fmt.Sprintf("%s=%d", it.Key, strings.Count(it.Body, "\n- ")+1))
		}
		sort.Strings(got)
		if want := g.wantThemes(); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("got %v\nwant %v", got, want)
		}
		if !strings.Contains(fmt.Sprint(got), "cause:connection pool exhausted=3") {
			t.Errorf("the three spellings of the pool cause should be one theme: %v", got)
		}
	})
	t.Run("trends over six periods", func(t *testing.T) {
		var got []string
		trends := meeting.Trends(facts)
		for p := range domain.TrendPeriods {
			v := func(k int) string {
				if x := trends[k].Points[p].Value; x != nil {
					return fmt.Sprint(*x)
				}
				return "none"
			}
			got = append(got, fmt.Sprintf("%s %s %s %s", v(0), v(1), v(2), v(3)))
		}
		if want := g.wantTrends(); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("got  %q\nwant %q", got, want)
		}
		if len(itemsOf(items, domain.KindTrendIncidents, domain.KindTrendDetect, domain.KindTrendResolve, domain.KindTrendOnTime)) != 4 {
			t.Errorf("want four trend items")
		}
	})
	t.Run("anniversaries with their actions", func(t *testing.T) {
		var got []string
		for _, it := range itemsOf(items, domain.KindAnniversary) {
			var done, total int
			if k := strings.Index(it.Body, "Actions: "); k >= 0 {
				if _, err := fmt.Sscanf(it.Body[k:], "Actions: %d of %d done", &done, &total); err != nil {
					t.Fatal(err)
				}
			}
			got = append(got, fmt.Sprintf("%s %d/%d", it.IncidentRef, done, total))
		}
		if want := g.wantAnniversaries(); fmt.Sprint(got) != fmt.Sprint(want) || len(want) != 1 {
			t.Errorf("got %v, want %v (one)", got, want)
		}
	})
}
