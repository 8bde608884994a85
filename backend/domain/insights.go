package domain

import (
	"strings"
	"time"
)

// MonthLayout is how a month is written: "2026-01".
const MonthLayout = "2006-01"

// MaxInsightsMonths is the longest range Insights covers: ten years of
// months.
const MaxInsightsMonths = 120

// InsightsQuery asks for the Insights of the months [From, To) in Zone.
// From and To are the starts of months in Zone (To exclusive); Services,
// when set, keeps only incidents affecting one of them (by name, case
// ignored), and only their actions. An unknown zone is the caller's to
// report (it never gets a *time.Location).
type InsightsQuery struct {
	From     time.Time      `json:"from"`
	To       time.Time      `json:"to"`
	Zone     *time.Location `json:"-"`
	Services []string       `json:"services"`
}

// Check validates the query, naming the fields "from" and "to".
func (q *InsightsQuery) Check() error {
	fe := FieldErrors{}
	loc := q.loc()
	isMonthStart := func(t time.Time) bool {
		t = t.In(loc)
		return t.Equal(time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc))
	}
	switch {
	case q.From.IsZero():
		fe.Add("from", "is required: give a month, YYYY-MM")
	case !isMonthStart(q.From):
		fe.Add("from", "must be the start of a month in %s", loc)
	}
	switch {
	case q.To.IsZero():
		fe.Add("to", "is required: give a month, YYYY-MM")
	case !isMonthStart(q.To):
		fe.Add("to", "must be the start of a month in %s", loc)
	}
	if len(fe) == 0 {
		switch n := len(q.MonthStarts()) - 1; {
		case !q.From.Before(q.To):
			fe.Add("to", "must not be before the first month (%s)", q.From.In(loc).Format(MonthLayout))
		case n > MaxInsightsMonths:
			fe.Add("from", "the range is %d months; at most %d (ten years)", n, MaxInsightsMonths)
		}
	}
	return fe.Err()
}

func (q *InsightsQuery) loc() *time.Location {
	if q.Zone == nil {
		return time.UTC
	}
	return q.Zone
}

// MonthStarts returns the start of every month of the range in Zone, and
// To last: len-1 months, month k being [starts[k], starts[k+1]). It stops
// after MaxInsightsMonths+1 months, so a bad query cannot run away.
func (q *InsightsQuery) MonthStarts() []time.Time {
	loc := q.loc()
	f := q.From.In(loc)
	var out []time.Time
	for k := 0; k <= MaxInsightsMonths+1; k++ {
		t := time.Date(f.Year(), f.Month()+time.Month(k), 1, 0, 0, 0, 0, loc)
		if !t.Before(q.To) {
			break
		}
		out = append(out, t)
	}
	return append(out, q.To.In(loc))
}

// ServiceFilter returns the services asked for, trimmed and lower-cased,
// blanks dropped.
func (q *InsightsQuery) ServiceFilter() []string {
	var out []string
	for _, s := range q.Services {
		if s = strings.ToLower(strings.TrimSpace(s)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Insights are the figures of the Insights view for the months of an
// InsightsQuery, one entry per month in every monthly list (empty months
// included: zero counts, nil medians and shares).
//
// Every incident belongs to the month it started in, in Zone; its time to
// detect (detected − started) and time to resolve (resolved − started)
// count in that month too, so a month's figures describe the incidents
// that began in it, and an old month does not change when a long incident
// is finally resolved — only when its facts are edited. Incidents in the
// trash are left out, with their actions and causes.
//
// Durations are in seconds. A median of an even number of values is the
// mean of the middle two (as the review meeting's trends). P90 is the
// nearest-rank 90th percentile: the value at rank ⌈0.9 × n⌉ (1-based) of
// the n sorted values, so it is always one of the values measured.
type Insights struct {
	Zone   string   `json:"zone"`
	Months []string `json:"months"`
	// BySeverity counts incidents started in each month by severity.
	BySeverity []MonthCounts `json:"bySeverity"`
	// Detect is time to detect, over incidents with both moments known.
	Detect []MonthStats `json:"detect"`
	// Resolve is time to resolve, over incidents with both moments known.
	Resolve []MonthStats `json:"resolve"`
	// DetectionLag is detection − the moment a metric first showed impact
	// (the incident's earliest signal, metrics.DetectionLag), over the
	// incidents whose snapshots give one; negative when the metric showed
	// it after the detection. Filled by package insights, not the store.
	DetectionLag []MonthStats `json:"detectionLag"`
	// ActionsOnTime: of the actions due in each month (their due date, a
	// calendar date), won't do left out, how many were done on time —
	// done, and the closing date in Zone on or before the due date (the
	// review meeting's test, meeting.DoneOnTime). Actions still open count
	// as due and not on time, so the current month's share is still
	// moving.
	ActionsOnTime []MonthShare `json:"actionsOnTime"`
	// Services hit by at least two incidents of the range, most first.
	Services []Recurring `json:"services"`
	// Themes: root or contributing cause statements whose normalised text
	// (meeting.NormalizeStatement) occurs in at least two incidents of the
	// range, most first; Name is the first wording seen.
	Themes []Recurring `json:"themes"`
}

// MonthCounts is one month's incidents by severity.
type MonthCounts struct {
	Month string `json:"month"`
	SEV1  int    `json:"sev1"`
	SEV2  int    `json:"sev2"`
	SEV3  int    `json:"sev3"`
	SEV4  int    `json:"sev4"`
	Total int    `json:"total"`
}

// MonthStats is one month's durations: N measured, their median and p90 in
// seconds; nil when N is 0.
type MonthStats struct {
	Month  string   `json:"month"`
	N      int      `json:"n"`
	Median *float64 `json:"median"`
	P90    *float64 `json:"p90"`
}

// MonthShare is one month's actions on time: Share is OnTime/Due, nil
// when nothing was due.
type MonthShare struct {
	Month  string   `json:"month"`
	Due    int      `json:"due"`
	OnTime int      `json:"onTime"`
	Share  *float64 `json:"share"`
}

// MaxRecurringRefs is how many incident references a Recurring lists.
const MaxRecurringRefs = 10

// MaxRecurring is how many services or themes Insights lists.
const MaxRecurring = 50

// Recurring is a service or cause theme shared by several incidents:
// Incidents counts them all, Refs lists the latest MaxRecurringRefs,
// newest first.
type Recurring struct {
	Name      string   `json:"name"`
	Incidents int      `json:"incidents"`
	Refs      []string `json:"refs"`
}

// LagIncident is an incident of an Insights range that has a snapshot
// with a detection signal, and the month (index into Insights.Months) it
// belongs to.
type LagIncident struct {
	ID    string
	Month int
}
