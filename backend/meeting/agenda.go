// Package meeting turns the stored facts of a review meeting's period
// (domain.AgendaFacts, read by the store in a few indexed queries) into
// agenda items, and writes agendas and minutes as markdown. It does no I/O
// but the export's file writes, so every rule of the agenda is tested
// without a database.
package meeting

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// Build returns the generated items of an agenda, in agenda order (section
// by section, as domain.AgendaSections), positions unset. Each item's Key
// names its subject, so a regeneration can find it again:
//
//   - incidents: every incident of f.Incidents (those overlapping the
//     period), by severity (SEV1 first), then start, then reference, with
//     time to detect, mitigate and resolve (domain.Incident.Durations) and
//     the postmortem's status;
//   - postmortems: those in review, and those whose review is overdue on
//     the meeting's day, soonest due first (no due date last), once each;
//   - actions: still to do and due before the meeting's day (overdue),
//     still to do and due from that day to before the next meeting's day,
//     then closed (done or won't do) in the period;
//   - themes: over f.Recent (incidents started in the last max(period, 90
//     days)), each service and each tag of at least two incidents, and
//     each root or contributing cause statement whose normalized text
//     (NormalizeStatement) appears in at least two distinct incidents;
//     most incidents first;
//   - trends: incident count, median time to detect, median time to
//     resolve and the share of actions closed on time, for the period and
//     the TrendPeriods-1 before it (Trends);
//   - anniversaries: incidents started one calendar year before the
//     period, with how many of their actions are done and which are open.
//
// Each kind of item is cut after MaxItemsPerKind, in the order above (so
// the most overdue actions, the worst incidents stay), and one KindMore
// item, after the last one kept, says how many more there are and where
// to see them all.
func Build(f *domain.AgendaFacts) []domain.AgendaItem {
	loc := f.Query.Loc
	if loc == nil {
		loc = time.UTC
	}
	var items []domain.AgendaItem
	items = append(items, incidentItems(f.Incidents, loc)...)
	items = append(items, postmortemItems(f.Postmortems)...)
	items = append(items, actionItems(f, loc)...)
	items = append(items, themeItems(f.Recent, f.Causes)...)
	items = append(items, trendItems(f, loc)...)
	items = append(items, anniversaryItems(f.Anniversaries, f.AnniversaryActions, loc)...)
	return items
}

// MaxItemsPerKind is how many items of one kind an agenda lists. A team
// that never closes its actions has 21,000 overdue ones: nobody reads
// that agenda, it took half a second to read and build, and the window's
// bridge payload would pass 1 MB (a meeting is sent whole).
const MaxItemsPerKind = 50

// kindCap counts the items of each kind a generator is about to make, so
// the ones past MaxItemsPerKind are never formatted.
type kindCap map[string]int

// keep counts one item of kind and says whether it is listed.
func (c kindCap) keep(kind string) bool {
	c[kind]++
	return c[kind] <= MaxItemsPerKind
}

// withMore puts a KindMore item after the last listed item of each kind
// that went over the cap.
func (c kindCap) withMore(items []domain.AgendaItem) []domain.AgendaItem {
	out := make([]domain.AgendaItem, 0, len(items)+len(c))
	listed := map[string]int{}
	for _, it := range items {
		out = append(out, it)
		listed[it.Kind]++
		if n := c[it.Kind]; n > MaxItemsPerKind && listed[it.Kind] == MaxItemsPerKind {
			out = append(out, moreItem(it.Section, it.Kind, n-MaxItemsPerKind))
		}
	}
	return out
}

// moreKinds names the items of each kind that can pass the cap (one and
// many), and says where all of them are seen.
var moreKinds = map[string]struct{ one, many, where string }{
	domain.KindIncident: {"incident", "incidents",
		"The Incidents view lists them all, as does `hindsight incident list --sort severity`."},
	domain.KindPostmortemInReview: {"postmortem in review", "postmortems in review",
		"The Reviews view lists them all, as does `hindsight postmortem list --status in_review`."},
	domain.KindPostmortemOverdue: {"postmortem overdue for review", "postmortems overdue for review",
		"The Reviews view lists them all, as does `hindsight postmortem list --overdue`."},
	domain.KindActionOverdue: {"overdue action", "overdue actions",
		"See them all in the Actions view with the Overdue filter, or with `hindsight action list --overdue`."},
	domain.KindActionDueSoon: {"action due before the next meeting", "actions due before the next meeting",
		"See them all in the Actions view, sorted by due date, or with `hindsight action list --sort due`."},
	domain.KindActionClosed: {"action closed in the period", "actions closed in the period",
		"See them all in the Actions view filtered by status Done and Won't do, or with `hindsight action list --status done,wont_do`."},
	domain.KindThemeService: {"recurring service", "recurring services",
		"Only the services hit by the most incidents are listed."},
	domain.KindThemeTag: {"recurring tag", "recurring tags",
		"Only the tags of the most incidents are listed."},
	domain.KindThemeCause: {"recurring cause", "recurring causes",
		"Only the causes of the most incidents are listed."},
	domain.KindAnniversary: {"incident of a year ago", "incidents of a year ago",
		"The Incidents view lists them all, sorted by start."},
}

// moreItem stands for the n items of kind past the cap. Its Key names the
// kind, not a count, so a regeneration finds it again and only updates
// the number.
func moreItem(sec domain.AgendaSection, kind string, n int) domain.AgendaItem {
	k, ok := moreKinds[kind]
	if !ok {
		k.one, k.many = "item", "items"
	}
	noun := k.many
	if n == 1 {
		noun = k.one
	}
	body := fmt.Sprintf("The agenda lists the first %d.", MaxItemsPerKind)
	if k.where != "" {
		body += " " + k.where
	}
	return domain.AgendaItem{
		Section: sec, Kind: domain.KindMore, Key: "more:" + kind,
		Title: fmt.Sprintf("And %s more %s", thousands(n), noun), Body: body + "\n",
	}
}

// thousands writes n (not negative) with a comma between groups of three
// digits: 20,950.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for k := len(s) - 3; k > 0; k -= 3 {
		s = s[:k] + "," + s[k:]
	}
	return s
}

const whenLayout = "2006-01-02 15:04 MST"

func when(t *time.Time, loc *time.Location) string {
	if t == nil {
		return "unknown"
	}
	return t.In(loc).Format(whenLayout)
}

// hmm formats a duration as the rest of Hindsight does (2d 3:10).
func hmm(d *time.Duration) string { return domain.FormatSpan(d) }

func pmStatus(s domain.PostmortemStatus) string {
	if s == "" {
		return "none yet"
	}
	return strings.ToLower(s.Label())
}

func incidentLine(i *domain.AgendaIncident) string {
	return fmt.Sprintf("%s (%s): %s", i.Ref(), i.Severity, i.Title)
}

func incidentItems(incs []domain.AgendaIncident, loc *time.Location) []domain.AgendaItem {
	incs = append([]domain.AgendaIncident(nil), incs...)
	sort.SliceStable(incs, func(a, b int) bool {
		x, y := incs[a], incs[b]
		if x.Severity != y.Severity {
			return x.Severity < y.Severity
		}
		if !x.StartedAt.Equal(*y.StartedAt) {
			return x.StartedAt.Before(*y.StartedAt)
		}
		return x.Number < y.Number
	})
	out := make([]domain.AgendaItem, 0, min(len(incs), MaxItemsPerKind))
	cp := kindCap{}
	for k := range incs {
		if !cp.keep(domain.KindIncident) {
			continue
		}
		i := &incs[k]
		d := i.Durations()
		var b strings.Builder
		if i.ResolvedAt != nil {
			fmt.Fprintf(&b, "- Started %s; resolved %s", when(i.StartedAt, loc), when(i.ResolvedAt, loc))
		} else {
			fmt.Fprintf(&b, "- Started %s; still %s", when(i.StartedAt, loc), i.Status)
		}
		fmt.Fprintf(&b, "\n- Time to detect %s, to mitigate %s, to resolve %s\n", hmm(d.ToDetect), hmm(d.ToMitigate), hmm(d.ToResolve))
		if len(i.Services) > 0 {
			fmt.Fprintf(&b, "- Services: %s\n", Escape(strings.Join(i.Services, ", ")))
		}
		fmt.Fprintf(&b, "- Postmortem: %s\n", pmStatus(i.PostmortemStatus))
		out = append(out, domain.AgendaItem{
			Section: domain.SectionIncidents, Kind: domain.KindIncident, Key: "incident:" + i.ID,
			Title: incidentLine(i), Body: b.String(), IncidentID: i.ID, IncidentRef: i.Ref(), PostmortemID: i.PostmortemID,
		})
	}
	return cp.withMore(out)
}

func postmortemItems(pms []domain.PostmortemSummary) []domain.AgendaItem {
	pms = append([]domain.PostmortemSummary(nil), pms...)
	sort.SliceStable(pms, func(a, b int) bool {
		da, db := pms[a].DueDate, pms[b].DueDate
		if (da == "") != (db == "") {
			return db == ""
		}
		if da != db {
			return da < db
		}
		return pms[a].IncidentRef < pms[b].IncidentRef
	})
	var out []domain.AgendaItem
	cp := kindCap{}
	for _, p := range pms {
		if p.Status != domain.PostmortemInReview && !p.Overdue {
			continue
		}
		kind := domain.KindPostmortemInReview
		if p.Overdue {
			kind = domain.KindPostmortemOverdue
		}
		if !cp.keep(kind) {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "- Status: %s\n", strings.ToLower(p.Status.Label()))
		switch {
		case p.DueDate != "" && p.Overdue:
			fmt.Fprintf(&b, "- Review was due %s: overdue\n", p.DueDate)
		case p.DueDate != "":
			fmt.Fprintf(&b, "- Review due %s\n", p.DueDate)
		}
		if len(p.Reviewers) > 0 {
			fmt.Fprintf(&b, "- Reviewers: %s\n", Escape(strings.Join(p.Reviewers, ", ")))
		}
		if len(p.Authors) > 0 {
			fmt.Fprintf(&b, "- Authors: %s\n", Escape(strings.Join(p.Authors, ", ")))
		}
		out = append(out, domain.AgendaItem{
			Section: domain.SectionPostmortems, Kind: kind, Key: "postmortem:" + p.ID,
			Title: fmt.Sprintf("%s (%s): %s", p.IncidentRef, p.Severity, p.Title), Body: b.String(),
			IncidentID: p.IncidentID, IncidentRef: p.IncidentRef, PostmortemID: p.ID,
		})
	}
	return cp.withMore(out)
}

func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// dateDiff is b − a in whole days, for two YYYY-MM-DD dates.
func dateDiff(a, b string) int {
	ta, err1 := time.Parse(domain.DateLayout, a)
	tb, err2 := time.Parse(domain.DateLayout, b)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(tb.Sub(ta).Hours() / 24)
}

// ActionCategory says why an action is on the agenda: its kind, or "" when
// it is not. day is the meeting's day, next the next meeting's, period
// [start, end).
func ActionCategory(a *domain.ActionItem, day, next string, start, end time.Time) string {
	switch {
	case !a.Status.IsClosed() && a.Due != "" && a.Due < day:
		return domain.KindActionOverdue
	case !a.Status.IsClosed() && a.Due != "" && a.Due < next:
		return domain.KindActionDueSoon
	case a.Status.IsClosed() && a.ClosedAt != nil && !a.ClosedAt.Before(start) && a.ClosedAt.Before(end):
		return domain.KindActionClosed
	}
	return ""
}

func actionItems(f *domain.AgendaFacts, loc *time.Location) []domain.AgendaItem {
	q := f.Query
	order := map[string]int{domain.KindActionOverdue: 0, domain.KindActionDueSoon: 1, domain.KindActionClosed: 2}
	type cat struct {
		a    *domain.ActionItem
		kind string
	}
	var cs []cat
	for k := range f.Actions {
		if kind := ActionCategory(&f.Actions[k], q.Day, q.NextDay, q.Start, q.End); kind != "" {
			cs = append(cs, cat{&f.Actions[k], kind})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool {
		x, y := cs[i], cs[j]
		if order[x.kind] != order[y.kind] {
			return order[x.kind] < order[y.kind]
		}
		if x.kind == domain.KindActionClosed {
			if !x.a.ClosedAt.Equal(*y.a.ClosedAt) {
				return x.a.ClosedAt.Before(*y.a.ClosedAt)
			}
		} else if x.a.Due != y.a.Due {
			return x.a.Due < y.a.Due
		}
		return x.a.Number < y.a.Number
	})
	var out []domain.AgendaItem
	cp := kindCap{}
	for _, c := range cs {
		if !cp.keep(c.kind) {
			continue
		}
		a := c.a
		var b strings.Builder
		owner := a.Owner
		if owner == "" {
			owner = "nobody"
		}
		fmt.Fprintf(&b, "- Owner: %s; priority %s; status %s\n", Escape(owner), a.Priority, strings.ReplaceAll(string(a.Status), "_", " "))
		switch c.kind {
		case domain.KindActionOverdue:
			fmt.Fprintf(&b, "- Due %s: %s overdue\n", a.Due, days(dateDiff(a.Due, q.Day)))
		case domain.KindActionDueSoon:
			fmt.Fprintf(&b, "- Due %s, before the next meeting\n", a.Due)
		case domain.KindActionClosed:
			closed := domain.Today(*a.ClosedAt, loc)
			switch {
			case a.Status == domain.ActionWontDo:
				fmt.Fprintf(&b, "- Won't do (%s): %s\n", closed, Escape(oneLine(a.Reason)))
			case a.Due == "" || closed <= a.Due:
				fmt.Fprintf(&b, "- Done %s, on time\n", closed)
			default:
				fmt.Fprintf(&b, "- Done %s, %s late (due %s)\n", closed, days(dateDiff(a.Due, closed)), a.Due)
			}
		}
		if a.IncidentID != "" {
			fmt.Fprintf(&b, "- Incident: %s %s\n", a.IncidentRef(), Escape(a.IncidentTitle))
		}
		out = append(out, domain.AgendaItem{
			Section: domain.SectionActions, Kind: c.kind, Key: "action:" + a.ID,
			Title: a.Ref() + ": " + a.Title, Body: b.String(),
			ActionID: a.ID, ActionRef: a.Ref(), IncidentID: a.IncidentID, IncidentRef: a.IncidentRef(),
		})
	}
	// The store may read only the actions the agenda lists, and count the
	// rest.
	for kind, n := range f.ActionCounts {
		cp[kind] = max(cp[kind], n)
	}
	return cp.withMore(out)
}

// NormalizeStatement is how cause statements are compared for recurring
// themes: lower-case, every punctuation character a space, runs of spaces
// one, trimmed.
func NormalizeStatement(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) {
			return ' '
		}
		return r
	}, strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

type theme struct {
	key, label string
	incs       []*domain.AgendaIncident
	lines      []string
}

func sortThemes(ts []*theme) {
	sort.SliceStable(ts, func(a, b int) bool {
		if len(ts[a].incs) != len(ts[b].incs) {
			return len(ts[a].incs) > len(ts[b].incs)
		}
		return ts[a].key < ts[b].key
	})
}

func themeItems(recent []domain.AgendaIncident, causes []domain.AgendaCause) []domain.AgendaItem {
	byID := map[string]*domain.AgendaIncident{}
	for k := range recent {
		byID[recent[k].ID] = &recent[k]
	}
	group := func(kind, prefix string, names func(*domain.AgendaIncident) []string) []domain.AgendaItem {
		m := map[string]*theme{}
		var ts []*theme
		for k := range recent {
			i := &recent[k]
			for _, n := range names(i) {
				key := strings.ToLower(n)
				t := m[key]
				if t == nil {
					t = &theme{key: key, label: n}
					m[key] = t
					ts = append(ts, t)
				}
				t.incs = append(t.incs, i)
			}
		}
		return themeList(kind, prefix, ts)
	}
	out := group(domain.KindThemeService, "service", func(i *domain.AgendaIncident) []string { return i.Services })
	out = append(out, group(domain.KindThemeTag, "tag", func(i *domain.AgendaIncident) []string { return i.Tags })...)

	m := map[string]*theme{}
	var ts []*theme
	for _, c := range causes {
		if c.Kind != domain.CauseRoot && c.Kind != domain.CauseContributing {
			continue
		}
		i := byID[c.IncidentID]
		norm := NormalizeStatement(c.Statement)
		if i == nil || norm == "" {
			continue
		}
		t := m[norm]
		if t == nil {
			t = &theme{key: norm, label: c.Statement}
			m[norm] = t
			ts = append(ts, t)
		}
		if !containsInc(t.incs, i) {
			t.incs = append(t.incs, i)
		}
	}
	return append(out, themeList(domain.KindThemeCause, "cause", ts)...)
}

func containsInc(incs []*domain.AgendaIncident, i *domain.AgendaIncident) bool {
	for _, x := range incs {
		if x == i {
			return true
		}
	}
	return false
}

func themeList(kind, prefix string, ts []*theme) []domain.AgendaItem {
	sortThemes(ts)
	var out []domain.AgendaItem
	cp := kindCap{}
	for _, t := range ts {
		if len(t.incs) < 2 || !cp.keep(kind) {
			continue
		}
		sort.Slice(t.incs, func(a, b int) bool { return t.incs[a].Number < t.incs[b].Number })
		var b strings.Builder
		for _, i := range t.incs {
			fmt.Fprintf(&b, "- %s\n", Escape(incidentLine(i)))
		}
		var title string
		switch kind {
		case domain.KindThemeService:
			title = fmt.Sprintf("Service %s was hit by %d incidents", t.label, len(t.incs))
		case domain.KindThemeTag:
			title = fmt.Sprintf("Tag %s recurs in %d incidents", t.label, len(t.incs))
		default:
			title = fmt.Sprintf("Cause in %d incidents: %s", len(t.incs), oneLine(t.label))
		}
		out = append(out, domain.AgendaItem{Section: domain.SectionThemes, Kind: kind, Key: prefix + ":" + t.key, Title: title, Body: b.String()})
	}
	return cp.withMore(out)
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200]) + "…"
	}
	return s
}

// TrendPoint is one period of a trend. Value is nil when the period has
// nothing to measure (no incident to take a median of, no action done).
// N is how many things were measured.
type TrendPoint struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Value *float64  `json:"value"`
	N     int       `json:"n"`
}

// Trend is one measure over the last periods, oldest first; the last point
// is the meeting's period. Unit is "count", "seconds" or "share" (0 to 1).
type Trend struct {
	Kind   string       `json:"kind"`
	Label  string       `json:"label"`
	Unit   string       `json:"unit"`
	Points []TrendPoint `json:"points"`
}

// Trends measures, for each of the TrendPeriods periods of the query's
// length ending at its End:
//   - the number of incidents started in it;
//   - the median time to detect of incidents started in it with both
//     moments known;
//   - the median time to resolve of incidents resolved in it;
//   - the share of actions done in it (ClosedAt) that were done on time:
//     no due date, or done (the date in the zone) on or before it. Won't
//     do is left out.
//
// A median of an even number of values is the mean of the middle two.
func Trends(f *domain.AgendaFacts) []Trend {
	q := f.Query
	loc := q.Loc
	if loc == nil {
		loc = time.UTC
	}
	count := Trend{Kind: domain.KindTrendIncidents, Label: "Incidents", Unit: "count"}
	ttd := Trend{Kind: domain.KindTrendDetect, Label: "Median time to detect", Unit: "seconds"}
	ttr := Trend{Kind: domain.KindTrendResolve, Label: "Median time to resolve", Unit: "seconds"}
	onTime := Trend{Kind: domain.KindTrendOnTime, Label: "Actions done on time", Unit: "share"}
	in := func(t *time.Time, s, e time.Time) bool { return t != nil && !t.Before(s) && t.Before(e) }
	for k := domain.TrendPeriods - 1; k >= 0; k-- {
		s, e := q.TrendPeriod(k)
		var n int
		var detect, resolve []float64
		for _, i := range f.TrendIncidents {
			if in(i.StartedAt, s, e) {
				n++
				if i.DetectedAt != nil {
					detect = append(detect, i.DetectedAt.Sub(*i.StartedAt).Seconds())
				}
			}
			if in(i.ResolvedAt, s, e) && i.StartedAt != nil {
				resolve = append(resolve, i.ResolvedAt.Sub(*i.StartedAt).Seconds())
			}
		}
		var done, ok int
		for _, a := range f.TrendActions {
			if a.Status != domain.ActionDone || !in(a.ClosedAt, s, e) {
				continue
			}
			done++
			if DoneOnTime(&a, loc) {
				ok++
			}
		}
		nf := float64(n)
		count.Points = append(count.Points, TrendPoint{Start: s, End: e, Value: &nf, N: n})
		ttd.Points = append(ttd.Points, TrendPoint{Start: s, End: e, Value: median(detect), N: len(detect)})
		ttr.Points = append(ttr.Points, TrendPoint{Start: s, End: e, Value: median(resolve), N: len(resolve)})
		var share *float64
		if done > 0 {
			v := float64(ok) / float64(done)
			share = &v
		}
		onTime.Points = append(onTime.Points, TrendPoint{Start: s, End: e, Value: share, N: done})
	}
	return []Trend{count, ttd, ttr, onTime}
}

// DoneOnTime is the one test of an action done on time, for the trends
// and the Insights view: done, with no due date or closed (the date in
// loc) on or before it.
func DoneOnTime(a *domain.ActionItem, loc *time.Location) bool {
	return a.Status == domain.ActionDone && a.ClosedAt != nil && (a.Due == "" || domain.Today(*a.ClosedAt, loc) <= a.Due)
}

// Median is the median of v (the mean of the middle two of an even
// number), nil for none; v is not changed.
func Median(v []float64) *float64 { return median(v) }

// Percentile is the nearest-rank p-th percentile (0 < p ≤ 100) of v: the
// value at rank ⌈p/100 × n⌉ (1-based) of the n sorted values; nil for
// none. v is not changed.
func Percentile(v []float64, p float64) *float64 {
	if len(v) == 0 {
		return nil
	}
	v = append([]float64(nil), v...)
	sort.Float64s(v)
	r := int(math.Ceil(p * float64(len(v)) / 100)) // p×n first: exact for whole p
	r = min(max(r, 1), len(v))
	x := v[r-1]
	return &x
}

func median(v []float64) *float64 {
	if len(v) == 0 {
		return nil
	}
	v = append([]float64(nil), v...)
	sort.Float64s(v)
	m := v[len(v)/2]
	if len(v)%2 == 0 {
		m = (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return &m
}

// Format writes a trend value as people read it: a count, h:mm, or a
// percentage; "—" for none.
func (t Trend) Format(v *float64) string {
	if v == nil {
		return "—"
	}
	switch t.Unit {
	case "seconds":
		// Whole minutes passed, as the window's trend label counts them
		// (a median of 0:05 and 0:10 reads 0:07 in both).
		d := time.Duration(*v * float64(time.Second)).Truncate(time.Minute)
		return hmm(&d)
	case "share":
		return fmt.Sprintf("%.0f%%", *v*100)
	}
	return fmt.Sprintf("%.0f", *v)
}

// Spark draws the points as a one-line bar chart (▁ to █), a space for a
// period with no value.
func (t Trend) Spark() string {
	bars := []rune("▁▂▃▄▅▆▇█")
	lo, hi := 0.0, 0.0
	first := true
	for _, p := range t.Points {
		if p.Value == nil {
			continue
		}
		if first || *p.Value < lo {
			lo = *p.Value
		}
		if first || *p.Value > hi {
			hi = *p.Value
		}
		first = false
	}
	if t.Unit != "share" {
		lo = 0
	}
	var b strings.Builder
	for _, p := range t.Points {
		if p.Value == nil {
			b.WriteRune('·')
			continue
		}
		k := 0
		if hi > lo {
			k = int((*p.Value - lo) / (hi - lo) * float64(len(bars)-1))
		}
		b.WriteRune(bars[k])
	}
	return b.String()
}

func trendItems(f *domain.AgendaFacts, loc *time.Location) []domain.AgendaItem {
	var out []domain.AgendaItem
	for _, t := range Trends(f) {
		cur, prev := t.Points[len(t.Points)-1], t.Points[len(t.Points)-2]
		title := fmt.Sprintf("%s: %s (previous period %s)", t.Label, t.Format(cur.Value), t.Format(prev.Value))
		var b strings.Builder
		fmt.Fprintf(&b, "Last %d periods, oldest first: `%s`\n\n", len(t.Points), t.Spark())
		for _, p := range t.Points {
			fmt.Fprintf(&b, "- %s to %s: %s (n = %d)\n", p.Start.In(loc).Format(whenLayout), p.End.In(loc).Format(whenLayout), t.Format(p.Value), p.N)
		}
		data, _ := json.Marshal(t) // plain values always encode
		out = append(out, domain.AgendaItem{
			Section: domain.SectionTrends, Kind: t.Kind, Key: "trend:" + strings.TrimPrefix(t.Kind, "trend_"),
			Title: title, Body: b.String(), Data: string(data),
		})
	}
	return out
}

func anniversaryItems(incs []domain.AgendaIncident, actions []domain.ActionItem, loc *time.Location) []domain.AgendaItem {
	incs = append([]domain.AgendaIncident(nil), incs...)
	sort.SliceStable(incs, func(a, b int) bool {
		if !incs[a].StartedAt.Equal(*incs[b].StartedAt) {
			return incs[a].StartedAt.Before(*incs[b].StartedAt)
		}
		return incs[a].Number < incs[b].Number
	})
	byInc := map[string][]domain.ActionItem{}
	for _, a := range actions {
		byInc[a.IncidentID] = append(byInc[a.IncidentID], a)
	}
	var out []domain.AgendaItem
	cp := kindCap{}
	for k := range incs {
		if !cp.keep(domain.KindAnniversary) {
			continue
		}
		i := &incs[k]
		as := byInc[i.ID]
		sort.Slice(as, func(a, b int) bool { return as[a].Number < as[b].Number })
		done := 0
		var open []domain.ActionItem
		for _, a := range as {
			switch {
			case a.Status == domain.ActionDone:
				done++
			case !a.Status.IsClosed():
				open = append(open, a)
			}
		}
		var b strings.Builder
		fmt.Fprintf(&b, "- Started %s; postmortem: %s\n", when(i.StartedAt, loc), pmStatus(i.PostmortemStatus))
		if len(as) == 0 {
			b.WriteString("- No actions were recorded\n")
		} else {
			fmt.Fprintf(&b, "- Actions: %d of %d done\n", done, len(as))
		}
		for _, a := range open {
			due := a.Due
			if due == "" {
				due = "no due date"
			}
			fmt.Fprintf(&b, "- Still open: %s %s (%s, %s)\n", a.Ref(), Escape(a.Title), Escape(ownerOr(a.Owner)), due)
		}
		out = append(out, domain.AgendaItem{
			Section: domain.SectionAnniversaries, Kind: domain.KindAnniversary, Key: "anniversary:" + i.ID,
			Title: "A year ago: " + incidentLine(i), Body: b.String(), IncidentID: i.ID, IncidentRef: i.Ref(),
			PostmortemID: i.PostmortemID,
		})
	}
	return cp.withMore(out)
}

func ownerOr(s string) string {
	if s == "" {
		return "no owner"
	}
	return s
}
