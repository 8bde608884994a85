package insights

import (
	"bytes"
	"strings"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/exportdir"
	"github.com/hindsight-app/hindsight/backend/postmortem"
)

// Formats are what a chart exports as.
var Formats = []string{"svg", "csv"}

// Title is a chart's title, as its SVG and the view show it; "" for an
// unknown chart.
func Title(chart string) string { return chartTitles[chart] }

// Range reads a range of months in loc, from and to both inclusive
// (YYYY-MM, "to" is the last month shown), as the query's [From, To).
// Missing ends default to the last 12 full months and the current one.
// A bad month names its field ("from", "to").
func Range(from, to string, now time.Time, loc *time.Location) (domain.InsightsQuery, error) {
	fe := domain.FieldErrors{}
	read := func(name, s string) time.Time {
		t, err := time.ParseInLocation(domain.MonthLayout, strings.TrimSpace(s), loc)
		if err != nil {
			fe.Add(name, "%q is not a month; use YYYY-MM, e.g. 2026-01", s)
		}
		return t
	}
	n := now.In(loc)
	q := domain.InsightsQuery{Zone: loc, To: time.Date(n.Year(), n.Month()+1, 1, 0, 0, 0, 0, loc)}
	if strings.TrimSpace(to) != "" {
		if t := read("to", to); !t.IsZero() {
			q.To = t.AddDate(0, 1, 0)
		}
	}
	q.From = time.Date(q.To.Year(), q.To.Month()-13, 1, 0, 0, 0, 0, loc)
	if strings.TrimSpace(from) != "" {
		q.From = read("from", from)
	}
	if err := fe.Err(); err != nil {
		return q, err
	}
	return q, q.Check()
}

// Month is the query of one month (YYYY-MM) in loc, on services: what
// the month's bar counts. A bad month names "month".
func Month(month string, loc *time.Location, services []string) (domain.InsightsQuery, error) {
	start, err := time.ParseInLocation(domain.MonthLayout, strings.TrimSpace(month), loc)
	if err != nil {
		fe := domain.FieldErrors{}
		fe.Add("month", "%q is not a month; use YYYY-MM, e.g. 2026-01", month)
		return domain.InsightsQuery{}, fe.Err()
	}
	return domain.InsightsQuery{From: start, To: start.AddDate(0, 1, 0), Zone: loc, Services: services}, nil
}

// LastMonth is the last month of q's range (To is exclusive), YYYY-MM.
func LastMonth(q domain.InsightsQuery) string {
	loc := q.Zone
	if loc == nil {
		loc = time.UTC
	}
	return q.To.In(loc).AddDate(0, 0, -1).Format(domain.MonthLayout)
}

// FileSuffix is what follows the chart's name in an export's file name:
// the services asked for, if any, then the months,
// "-payments-2025-11-to-2026-11".
func FileSuffix(in *domain.Insights, services []string) string {
	first, last := "", ""
	if n := len(in.Months); n > 0 {
		first, last = in.Months[0], in.Months[n-1]
	}
	svc := ""
	if len(services) > 0 {
		svc = "-" + postmortem.Slug(strings.Join(services, " "), "services")
	}
	return svc + "-" + first + "-to-" + last
}

// FileName is the name a chart exports under:
// "insights-severity-2025-11-to-2026-11.svg", or with the services asked
// for, "insights-severity-payments-2025-11-to-2026-11.svg".
func FileName(chart, format string, in *domain.Insights, services []string) string {
	return "insights-" + chart + FileSuffix(in, services) + "." + format
}

// CheckFiles adds to fe what is wrong with a choice of charts and
// formats, on "charts" and "formats".
func CheckFiles(fe domain.FieldErrors, charts, formats []string) {
	if len(charts) == 0 {
		fe.Add("charts", "choose at least one chart to export")
	}
	for _, c := range charts {
		if Title(c) == "" {
			fe.Add("charts", "unknown chart %q; use one of %s", c, strings.Join(Charts, ", "))
		}
	}
	if len(formats) == 0 {
		fe.Add("formats", "choose SVG, CSV or both")
	}
	for _, f := range formats {
		if f != "svg" && f != "csv" {
			fe.Add("formats", "unknown format %q; use svg or csv", f)
		}
	}
}

// Files draws every chart in charts in every format in formats, as the
// files to write (named by FileName with services), charts in the order of
// Charts. Returns EINVALID naming
// "charts" or "formats" when one is empty or unknown (CheckFiles).
func Files(in *domain.Insights, services, charts, formats []string) ([]exportdir.File, error) {
	fe := domain.FieldErrors{}
	CheckFiles(fe, charts, formats)
	if err := fe.Err(); err != nil {
		return nil, err
	}
	want := func(list []string, s string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	}
	var out []exportdir.File
	for _, c := range Charts {
		if !want(charts, c) {
			continue
		}
		for _, f := range Formats {
			if !want(formats, f) {
				continue
			}
			var b bytes.Buffer
			var err error
			if f == "svg" {
				err = SVG(&b, in, c)
			} else {
				err = CSV(&b, in, c)
			}
			if err != nil {
				return nil, err
			}
			out = append(out, exportdir.File{Name: FileName(c, f, in, services), Data: b.Bytes()})
		}
	}
	return out, nil
}
