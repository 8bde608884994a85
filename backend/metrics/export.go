package metrics

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/svgtext"
)

// WriteCSV writes s's series side by side: a header
// "time_utc,unix_ms,<key1>,<key2>…", then one row per distinct time with an
// empty cell where a series has no value (or NaN). A key that a
// spreadsheet would read as a formula (starting with = + - @) is prefixed
// with '; numbers are written as they are.
func WriteCSV(w io.Writer, s *domain.Snapshot) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	header := []string{"time_utc", "unix_ms"}
	for _, se := range s.Series {
		header = append(header, guardFormula(se.Key))
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	// Merge the series' times: each is sorted, so walk them together.
	pos := make([]int, len(s.Series))
	row := make([]string, len(header))
	for {
		next := int64(math.MaxInt64)
		for i, se := range s.Series {
			if pos[i] < len(se.Points) && se.Points[pos[i]].T < next {
				next = se.Points[pos[i]].T
			}
		}
		if next == math.MaxInt64 {
			break
		}
		row[0] = time.UnixMilli(next).UTC().Format("2006-01-02T15:04:05.000Z")
		row[1] = strconv.FormatInt(next, 10)
		for i, se := range s.Series {
			row[2+i] = ""
			for pos[i] < len(se.Points) && se.Points[pos[i]].T == next {
				if v := se.Points[pos[i]].V; !math.IsNaN(v) {
					row[2+i] = strconv.FormatFloat(v, 'g', -1, 64)
				}
				pos[i]++
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

func guardFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// SVGOptions dress a chart drawn by WriteSVG.
type SVGOptions struct {
	Title string
	// Unit is written beside the y axis ("s", "req/s").
	Unit string
	// Width and Height in pixels; 0 gives 960 × 420.
	Width, Height int
	// Zone is the zone of the time axis, named on it; nil is UTC.
	Zone *time.Location
	// Markers are dashed vertical lines with a label (the incident's key
	// moments).
	Markers []Marker
	// Events are small ticks along the bottom, with their text as tooltip.
	Events []EventTick
}

// Marker is a labelled moment on a chart.
type Marker struct {
	Label string `json:"label"`
	At    int64  `json:"at"` // Unix ms
}

// EventTick is a timeline event shown on a chart.
type EventTick struct {
	// ID is the timeline event's (the window keys its ticks by it).
	ID   string `json:"id"`
	At   int64  `json:"at"` // Unix ms
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// palette is the series colours, in order (Okabe–Ito, readable by people
// with colour-blindness), repeated when there are more series.
var palette = []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"}

// WriteSVG draws c as a standalone SVG document: time axis in opt.Zone (its
// name written on the axis), value axis, one line per series, dashed
// markers, event ticks with tooltips and a legend. Every text is
// XML-escaped and nothing outside the document is referenced.
func WriteSVG(w io.Writer, c Chart, opt SVGOptions) error {
	W, H := opt.Width, opt.Height
	if W <= 0 {
		W = 960
	}
	if H <= 0 {
		H = 420
	}
	zone := opt.Zone
	if zone == nil {
		zone = time.UTC
	}
	legendRows := (len(c.Series) + 2) / 3
	if legendRows > 6 {
		legendRows = 6
	}
	const left, right, top = 70, 20, 36
	bottom := 60 + 16*legendRows
	pw, ph := float64(W-left-right), float64(H-top-bottom)
	if pw < 50 || ph < 50 {
		return fmt.Errorf("the SVG is too small to draw (%d × %d pixels)", W, H)
	}

	from, to := c.From, c.To
	if to <= from && len(c.X) > 0 {
		from, to = c.X[0], c.X[len(c.X)-1]
	}
	if to <= from {
		to = from + 1
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range c.Series {
		for _, v := range s.Y {
			if v != nil && !math.IsInf(*v, 0) {
				lo, hi = math.Min(lo, *v), math.Max(hi, *v)
			}
		}
	}
	if lo > hi {
		lo, hi = 0, 1
	}
	if lo == hi {
		lo, hi = lo-1, hi+1
	}
	yTicks, ylo, yhi := niceTicks(lo, hi, 5)
	xOf := func(t int64) float64 { return float64(left) + pw*float64(t-from)/float64(to-from) }
	yOf := func(v float64) float64 { return float64(top) + ph*(1-(v-ylo)/(yhi-ylo)) }

	b := &svgtext.Builder{}
	b.F(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.F(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">`+"\n", W, H, W, H)
	b.F(`<rect width="100%%" height="100%%" fill="#ffffff"/>` + "\n")
	if opt.Title != "" {
		b.F(`<text x="%d" y="20" font-size="14" font-weight="bold">%s</text>`+"\n", left, svgtext.Escape(opt.Title))
	}
	// Grid and y ticks.
	for _, v := range yTicks {
		y := yOf(v)
		b.F(`<line x1="%d" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#e5e5e5"/>`+"\n", left, y, float64(left)+pw, y)
		b.F(`<text x="%d" y="%.1f" text-anchor="end" dominant-baseline="middle">%s</text>`+"\n", left-6, y, svgtext.Escape(formatValue(v)))
	}
	if opt.Unit != "" {
		b.F(`<text x="14" y="%.1f" transform="rotate(-90 14 %.1f)" text-anchor="middle">%s</text>`+"\n", float64(top)+ph/2, float64(top)+ph/2, svgtext.Escape(opt.Unit))
	}
	// Time ticks.
	axisY := float64(top) + ph
	tick, layout := timeTick(time.Duration(to-from)*time.Millisecond, pw)
	for _, t := range timeTicks(from, to, tick, zone) {
		x := xOf(t)
		b.F(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%.1f" stroke="#f0f0f0"/>`+"\n", x, top, x, axisY)
		b.F(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#333"/>`+"\n", x, axisY, x, axisY+4)
		b.F(`<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n", x, axisY+16, svgtext.Escape(time.UnixMilli(t).In(zone).Format(layout)))
	}
	zoneName, _ := time.UnixMilli(from).In(zone).Zone()
	zoneText := zone.String() + ", " + zoneName
	if zone.String() == "Local" || zone.String() == zoneName {
		zoneText = zoneName // "Local" says nothing to a reader of the file
	}
	b.F(`<text x="%.1f" y="%.1f" text-anchor="end" fill="#555">%s</text>`+"\n", float64(left)+pw, axisY+30,
		svgtext.Escape("time ("+zoneText+")"))
	b.F(`<line x1="%d" y1="%d" x2="%d" y2="%.1f" stroke="#333"/>`+"\n", left, top, left, axisY)
	b.F(`<line x1="%d" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#333"/>`+"\n", left, axisY, float64(left)+pw, axisY)

	// Series: one polyline per unbroken run.
	for i, s := range c.Series {
		color := palette[i%len(palette)]
		b.F(`<g stroke="%s" fill="none" stroke-width="1.5"><title>%s</title>`+"\n", color, svgtext.Escape(s.Label))
		type xy struct{ x, y float64 }
		var run []xy
		flush := func() {
			switch {
			case len(run) == 1:
				b.F(`<circle cx="%.1f" cy="%.1f" r="1.5" fill="%s"/>`+"\n", run[0].x, run[0].y, color)
			case len(run) > 1:
				b.F(`<polyline points="`)
				for k, p := range run {
					if k > 0 {
						b.F(" ")
					}
					b.F("%.1f,%.1f", p.x, p.y)
				}
				b.F(`"/>` + "\n")
			}
			run = run[:0]
		}
		for k, v := range s.Y {
			if v == nil || math.IsInf(*v, 0) || k >= len(c.X) || c.X[k] < from || c.X[k] > to {
				flush()
				continue
			}
			run = append(run, xy{xOf(c.X[k]), yOf(*v)})
		}
		flush()
		b.F("</g>\n")
	}

	// Markers. A label that would run into the one before it goes one
	// row lower (moments minutes apart are common: started, detected).
	rowEnd := []float64{}
	for _, m := range opt.Markers {
		if m.At < from || m.At > to {
			continue
		}
		x := xOf(m.At)
		width := 6.5 * float64(utf8.RuneCountInString(m.Label))
		row := 0
		for row < len(rowEnd) && x+3 < rowEnd[row]+4 {
			row++
		}
		if row == len(rowEnd) {
			rowEnd = append(rowEnd, 0)
		}
		rowEnd[row] = x + 3 + width
		b.F(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%.1f" stroke="#7a1f1f" stroke-dasharray="4 3"/>`+"\n", x, top, x, axisY)
		b.F(`<text x="%.1f" y="%d" fill="#7a1f1f" text-anchor="start">%s</text>`+"\n", x+3, top+10+12*row, svgtext.Escape(m.Label))
	}
	// Event ticks.
	for _, e := range opt.Events {
		if e.At < from || e.At > to {
			continue
		}
		x := xOf(e.At)
		tip := time.UnixMilli(e.At).In(zone).Format("15:04:05") + " " + e.Kind + ": " + e.Text
		// Under the axis line, where no series can hide it.
		b.F(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#2563eb" stroke-width="2"><title>%s</title></line>`+"\n",
			x, axisY+1, x, axisY+7, svgtext.Escape(clip(tip, 300)))
	}
	// Legend, three per row.
	colW := pw / 3
	for i, s := range c.Series {
		row, col := i/3, i%3
		if row >= legendRows {
			b.F(`<text x="%d" y="%.1f" fill="#555">%s</text>`+"\n", left, axisY+46+float64(row)*16,
				svgtext.Escape(fmt.Sprintf("and %d more series", len(c.Series)-i)))
			break
		}
		x, y := float64(left)+colW*float64(col), axisY+46+float64(row)*16
		b.F(`<rect x="%.1f" y="%.1f" width="10" height="10" fill="%s"/>`+"\n", x, y-9, palette[i%len(palette)])
		b.F(`<text x="%.1f" y="%.1f">%s</text>`+"\n", x+14, y, svgtext.Escape(clip(s.Label, int(colW/6))))
	}
	b.F("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// formatValue writes an axis value briefly: 0.12, 2.5, 1.2k, 3.4M.
func formatValue(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1e9:
		return strconv.FormatFloat(v/1e9, 'g', 3, 64) + "G"
	case a >= 1e6:
		return strconv.FormatFloat(v/1e6, 'g', 3, 64) + "M"
	case a >= 1e4:
		return strconv.FormatFloat(v/1e3, 'g', 3, 64) + "k"
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// niceTicks returns about n round values covering [lo, hi], and the range
// they span.
func niceTicks(lo, hi float64, n int) ([]float64, float64, float64) {
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	start, end := math.Floor(lo/step)*step, math.Ceil(hi/step)*step
	var ticks []float64
	for v := start; v <= end+step/2; v += step {
		ticks = append(ticks, math.Round(v/step)*step)
	}
	return ticks, start, end
}

// timeTick picks a tick interval giving a label every ~100 px, and the
// layout of its labels.
func timeTick(span time.Duration, width float64) (time.Duration, string) {
	want := span / time.Duration(math.Max(width/100, 1))
	for _, d := range []time.Duration{time.Second, 5 * time.Second, 15 * time.Second, 30 * time.Second, time.Minute,
		5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour,
		3 * time.Hour, 6 * time.Hour, 12 * time.Hour} {
		if d >= want {
			if d < time.Minute {
				return d, "15:04:05"
			}
			if span > 24*time.Hour {
				return d, "Jan 2 15:04"
			}
			return d, "15:04"
		}
	}
	days := (want + 24*time.Hour - 1) / (24 * time.Hour)
	return days * 24 * time.Hour, "Jan 2"
}

// timeTicks are the multiples of tick within [from, to], aligned in zone
// (a 1 h tick falls on the zone's whole hours, also in zones offset by
// half an hour).
func timeTicks(from, to int64, tick time.Duration, zone *time.Location) []int64 {
	t := time.UnixMilli(from).In(zone)
	var first time.Time
	if tick >= 24*time.Hour {
		first = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, zone)
	} else {
		_, off := t.Zone()
		shift := time.Duration(off) * time.Second
		first = t.Add(shift).Truncate(tick).Add(-shift)
	}
	var out []int64
	for x := first; x.UnixMilli() <= to && len(out) < 200; x = x.Add(tick) {
		if x.UnixMilli() >= from {
			out = append(out, x.UnixMilli())
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Marks are what a chart of s marks from its incident: the key moments as
// markers, and the timeline events inside the snapshot's window as ticks
// (their text cut to textLen characters). The window and the postmortem
// export draw the same marks.
func Marks(inc *domain.Incident, events []domain.TimelineEvent, s *domain.Snapshot, textLen int) ([]Marker, []EventTick) {
	var markers []Marker
	for _, m := range []struct {
		label string
		t     *time.Time
	}{{"started", inc.StartedAt}, {"detected", inc.DetectedAt}, {"mitigated", inc.MitigatedAt}, {"resolved", inc.ResolvedAt}} {
		if m.t != nil {
			markers = append(markers, Marker{Label: m.label, At: m.t.UnixMilli()})
		}
	}
	var ticks []EventTick
	for _, e := range events {
		if !e.At.Before(s.Start) && !e.At.After(s.End) {
			ticks = append(ticks, EventTick{ID: e.ID, At: e.At.UnixMilli(), Kind: string(e.Kind), Text: clip(e.Body, textLen)})
		}
	}
	return markers, ticks
}
