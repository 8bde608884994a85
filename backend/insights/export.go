package insights

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/svgtext"
)

// Charts are the charts of the Insights view, by the names CSV and SVG
// take.
var Charts = []string{"severity", "detect", "resolve", "lag", "actions", "services", "themes"}

// chartTitles are the charts' titles, in the SVG and for the view.
var chartTitles = map[string]string{
	"severity": "Incidents per month by severity",
	"detect":   "Time to detect: median and p90",
	"resolve":  "Time to resolve: median and p90",
	"lag":      "Detection lag (metric impact to detection): median and p90",
	"actions":  "Actions done on time, by month due",
	"services": "Services hit by recurring incidents",
	"themes":   "Recurring root and contributing causes",
}

// CheckChart returns EINVALID naming field when chart is not one of
// Charts.
func CheckChart(field, chart string) error {
	if _, ok := chartTitles[chart]; ok {
		return nil
	}
	fe := domain.FieldErrors{}
	fe.Add(field, "unknown chart %q; use one of %s", chart, strings.Join(Charts, ", "))
	return fe.Err()
}

// CSV writes one chart's numbers (RFC 4180, a header row first):
//
//   - severity: month, SEV1…SEV4, total;
//   - detect, resolve, lag: month, n, median_seconds, p90_seconds (empty
//     when n is 0);
//   - actions: month, due, on_time, share (0 to 1; empty when none due);
//   - services, themes: name, incidents, refs (the latest, space-separated).
//
// Returns EINVALID naming "chart" for an unknown chart.
func CSV(w io.Writer, in *domain.Insights, chart string) error {
	if err := CheckChart("chart", chart); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	var rows [][]string
	switch chart {
	case "severity":
		rows = append(rows, []string{"month", "SEV1", "SEV2", "SEV3", "SEV4", "total"})
		for _, c := range in.BySeverity {
			rows = append(rows, []string{c.Month, itoa(c.SEV1), itoa(c.SEV2), itoa(c.SEV3), itoa(c.SEV4), itoa(c.Total)})
		}
	case "detect", "resolve", "lag":
		rows = append(rows, []string{"month", "n", "median_seconds", "p90_seconds"})
		for _, s := range stats(in, chart) {
			rows = append(rows, []string{s.Month, itoa(s.N), num(s.Median), num(s.P90)})
		}
	case "actions":
		rows = append(rows, []string{"month", "due", "on_time", "share"})
		for _, s := range in.ActionsOnTime {
			rows = append(rows, []string{s.Month, itoa(s.Due), itoa(s.OnTime), num(s.Share)})
		}
	default:
		rows = append(rows, []string{"name", "incidents", "refs"})
		for _, r := range recurring(in, chart) {
			rows = append(rows, []string{r.Name, itoa(r.Incidents), strings.Join(r.Refs, " ")})
		}
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("insights: unable to write CSV: %w", err)
	}
	return nil
}

func stats(in *domain.Insights, chart string) []domain.MonthStats {
	switch chart {
	case "detect":
		return in.Detect
	case "resolve":
		return in.Resolve
	}
	return in.DetectionLag
}

func recurring(in *domain.Insights, chart string) []domain.Recurring {
	if chart == "services" {
		return in.Services
	}
	return in.Themes
}

func itoa(n int) string { return strconv.Itoa(n) }

func num(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// SVG geometry.
const (
	svgW, svgH              = 760, 380
	left, right, top, below = 64, 16, 40, 70
	plotW, plotH            = svgW - left - right, svgH - top - below
)

var (
	// The window's light theme: --sev1-dot … --sev4-dot, --chart-1 and
	// --chart-2 (median, p90), --chart-3 and --danger-border (actions on
	// time, late or open), so an exported chart looks like the one on screen.
	sevColors   = []string{"#e5372b", "#f07216", "#e1a10a", "#3b7bf0"}
	lineColors  = []string{"#4f46e5", "#d9480f"}
	shareColors = []string{"#0b8a5a", "#f5c2be"}
)

// SVG draws one chart as a standalone SVG file with its title, the zone
// in the month axis's label and a legend: stacked bars per month for
// severity, a median and a p90 line for detect, resolve and lag (a gap
// where a month has none), bars of the share for actions, and horizontal
// bars of incident counts for services and themes. Text is escaped; there
// are no scripts. Returns EINVALID naming "chart" for an unknown chart.
func SVG(w io.Writer, in *domain.Insights, chart string) error {
	if err := CheckChart("chart", chart); err != nil {
		return err
	}
	b := &svgtext.Builder{}
	b.F(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.F(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">`+"\n",
		svgW, svgH, svgW, svgH)
	b.F("<title>%s</title>\n", svgtext.Escape(chartTitles[chart]))
	b.F(`<rect width="100%%" height="100%%" fill="#ffffff"/>` + "\n")
	b.F(`<text x="%d" y="22" font-size="14" font-weight="bold">%s</text>`+"\n", left, svgtext.Escape(chartTitles[chart]))
	switch chart {
	case "severity":
		drawSeverity(b, in)
	case "detect", "resolve", "lag":
		drawDurations(b, in, stats(in, chart))
	case "actions":
		drawShares(b, in)
	default:
		drawRecurring(b, recurring(in, chart))
	}
	b.F("</svg>\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("insights: unable to write SVG: %w", err)
	}
	return nil
}

// niceMax picks a tick step of 1, 2, 2.5 or 5 × a power of ten that
// covers hi in at most five steps, and the top of the axis: the first
// step at or above hi.
func niceMax(hi float64) (top, step float64) {
	if hi <= 0 || math.IsNaN(hi) || math.IsInf(hi, 0) {
		return 1, 0.2
	}
	raw := hi / 5
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	step = 10 * p
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m*p >= raw {
			step = m * p
			break
		}
	}
	return math.Ceil(hi/step-1e-9) * step, step
}

// frame draws the y grid with labels from 0 to yTop, the axes, the
// months under the x axis (thinned to fit) and the axis labels; it
// returns the x centre and the slot width of each month.
func frame(b *svgtext.Builder, in *domain.Insights, yTop, step float64, label func(float64) string, yLabel, xLabel string) (func(int) float64, float64) {
	axisY := float64(top + plotH)
	for v := 0.0; v <= yTop+step/2; v += step {
		y := axisY - float64(plotH)*v/yTop
		b.F(`<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#e5e5e5"/>`+"\n", left, y, left+plotW, y)
		b.F(`<text x="%d" y="%.1f" text-anchor="end" dominant-baseline="middle">%s</text>`+"\n", left-6, y, svgtext.Escape(label(v)))
	}
	b.F(`<line x1="%d" y1="%d" x2="%d" y2="%.1f" stroke="#333"/>`+"\n", left, top, left, axisY)
	b.F(`<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#333"/>`+"\n", left, axisY, left+plotW, axisY)
	n := max(len(in.Months), 1)
	slot := float64(plotW) / float64(n)
	xOf := func(k int) float64 { return float64(left) + slot*(float64(k)+0.5) }
	every := int(math.Ceil(float64(n) * 52 / float64(plotW))) // a label is about 52 px wide
	for k, m := range in.Months {
		if k%max(every, 1) == 0 {
			b.F(`<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n", xOf(k), axisY+16, svgtext.Escape(m))
		}
	}
	b.F(`<text x="%d" y="%.1f" text-anchor="end" fill="#555">%s</text>`+"\n", left+plotW, axisY+32,
		svgtext.Escape(xLabel+" ("+in.Zone+")"))
	mid := float64(top) + float64(plotH)/2
	b.F(`<text x="14" y="%.1f" transform="rotate(-90 14 %.1f)" text-anchor="middle" fill="#555">%s</text>`+"\n", mid, mid, svgtext.Escape(yLabel))
	return xOf, slot
}

func legend(b *svgtext.Builder, names, colors []string) {
	y := float64(svgH - 14)
	for k, n := range names {
		x := float64(left + 110*k)
		b.F(`<rect x="%.1f" y="%.1f" width="10" height="10" fill="%s"/>`+"\n", x, y-9, colors[k])
		b.F(`<text x="%.1f" y="%.1f">%s</text>`+"\n", x+14, y, svgtext.Escape(n))
	}
}

func drawSeverity(b *svgtext.Builder, in *domain.Insights) {
	hi := 0
	for _, c := range in.BySeverity {
		hi = max(hi, c.Total)
	}
	yTop, step := niceMax(float64(hi))
	step = math.Max(step, 1)
	xOf, slot := frame(b, in, yTop, step, func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }, "incidents", "month started")
	axisY := float64(top + plotH)
	for k, c := range in.BySeverity {
		y := axisY
		for s, n := range []int{c.SEV1, c.SEV2, c.SEV3, c.SEV4} {
			if n == 0 {
				continue
			}
			h := float64(plotH) * float64(n) / yTop
			y -= h
			b.F(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s</title></rect>`+"\n",
				xOf(k)-slot*0.35, y, slot*0.7, h, sevColors[s], svgtext.Escape(fmt.Sprintf("%s SEV%d: %d", c.Month, s+1, n)))
		}
	}
	legend(b, []string{"SEV1", "SEV2", "SEV3", "SEV4"}, sevColors)
}

// durationUnit picks minutes, hours or days for values up to hi seconds.
func durationUnit(hi float64) (string, float64) {
	switch {
	case hi >= 3*86400:
		return "days", 86400
	case hi >= 3*3600:
		return "hours", 3600
	}
	return "minutes", 60
}

func drawDurations(b *svgtext.Builder, in *domain.Insights, ss []domain.MonthStats) {
	hi := 0.0
	for _, s := range ss {
		for _, v := range []*float64{s.Median, s.P90} {
			if v != nil {
				hi = math.Max(hi, math.Abs(*v))
			}
		}
	}
	unit, div := durationUnit(hi)
	yTop, step := niceMax(hi / div)
	// A negative lag (impact seen after detection) is drawn at 0; the CSV
	// has the value.
	xOf, _ := frame(b, in, yTop, step, func(v float64) string { return strconv.FormatFloat(v, 'g', 4, 64) }, unit, "month started")
	axisY := float64(top + plotH)
	for li, pick := range []func(domain.MonthStats) *float64{
		func(s domain.MonthStats) *float64 { return s.Median },
		func(s domain.MonthStats) *float64 { return s.P90 },
	} {
		name := []string{"median", "p90"}[li]
		b.F(`<g stroke="%s" fill="none" stroke-width="1.5"><title>%s</title>`+"\n", lineColors[li], name)
		var run []string
		flush := func() {
			if len(run) == 1 {
				xy := strings.Split(run[0], ",")
				b.F(`<circle cx="%s" cy="%s" r="2" fill="%s"/>`+"\n", xy[0], xy[1], lineColors[li])
			} else if len(run) > 1 {
				b.F(`<polyline points="%s"/>`+"\n", strings.Join(run, " "))
			}
			run = run[:0]
		}
		for k, s := range ss {
			v := pick(s)
			if v == nil {
				flush()
				continue
			}
			y := axisY - float64(plotH)*math.Max(*v/div, 0)/yTop
			run = append(run, fmt.Sprintf("%.1f,%.1f", xOf(k), y))
		}
		flush()
		b.F("</g>\n")
	}
	legend(b, []string{"median", "p90"}, lineColors)
}

func drawShares(b *svgtext.Builder, in *domain.Insights) {
	xOf, slot := frame(b, in, 1, 0.2, func(v float64) string { return fmt.Sprintf("%.0f%%", v*100) }, "share of actions due", "month due")
	axisY := float64(top + plotH)
	// A whole bar for each month with something due (late or open), the
	// share done on time over it: 0% shows, and differs from nothing due.
	for k, s := range in.ActionsOnTime {
		if s.Due == 0 || s.Share == nil {
			continue
		}
		title := svgtext.Escape(fmt.Sprintf("%s: %d of %d on time", s.Month, s.OnTime, s.Due))
		b.F(`<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"><title>%s</title></rect>`+"\n",
			xOf(k)-slot*0.35, top, slot*0.7, plotH, shareColors[1], title)
		if h := float64(plotH) * *s.Share; h > 0 {
			b.F(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s</title></rect>`+"\n",
				xOf(k)-slot*0.35, axisY-h, slot*0.7, h, shareColors[0], title)
		}
	}
	legend(b, []string{"on time", "late or open"}, shareColors)
}

// drawRecurring draws the first 15 as horizontal bars, most first.
func drawRecurring(b *svgtext.Builder, rs []domain.Recurring) {
	rs = rs[:min(len(rs), 15)]
	if len(rs) == 0 {
		b.F(`<text x="%d" y="%d" fill="#555">Nothing recurs in these months.</text>`+"\n", left, top+20)
		return
	}
	hi := rs[0].Incidents
	nameW := 220.0
	row := float64(svgH-top-30) / 15
	for k, r := range rs {
		y := float64(top) + row*float64(k)
		w := (float64(svgW-right) - float64(left) - nameW - 40) * float64(r.Incidents) / float64(hi)
		b.F(`<text x="%.1f" y="%.1f" text-anchor="end" dominant-baseline="middle">%s</text>`+"\n",
			float64(left)+nameW-6, y+row/2, svgtext.Escape(clip(r.Name, 36)))
		b.F(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s</title></rect>`+"\n",
			float64(left)+nameW, y+2, w, row-4, lineColors[0], svgtext.Escape(strings.Join(r.Refs, " ")))
		b.F(`<text x="%.1f" y="%.1f" dominant-baseline="middle">%d</text>`+"\n", float64(left)+nameW+w+4, y+row/2, r.Incidents)
	}
	b.F(`<text x="%d" y="%d" text-anchor="end" fill="#555">incidents</text>`+"\n", svgW-right, svgH-10)
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
