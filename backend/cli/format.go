package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// The human output: an aligned table for lists, a readable block for one
// incident. Text a person typed is cleaned of control characters first, so
// a title cannot move the cursor or recolour the terminal.

const unknown = "—"

// formatTime shows a moment as date, time and zone in loc.
func formatTime(t *time.Time, loc *time.Location) string {
	if t == nil {
		return unknown
	}
	return t.In(loc).Format("2006-01-02 15:04 MST")
}

// formatDuration shows a span to the minute: 0:12, 1:32, 2d 3:10.
func formatDuration(d *time.Duration) string { return domain.FormatSpan(d) }

// clean makes one-line text safe to print: control characters (tabs
// included, which would break the table) become spaces or U+FFFD.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case unicode.IsControl(r):
			return unicode.ReplacementChar
		}
		return r
	}, s)
}

// cleanText is clean for text of several lines: it keeps line breaks.
func cleanText(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for k, l := range lines {
		lines[k] = strings.TrimRight(clean(strings.ReplaceAll(l, "\t", "    ")), " ")
	}
	return strings.Join(lines, "\n")
}

// writeIncidentPage prints a page of incidents as a JSON array (asJSON) or
// as writeList's table.
func writeIncidentPage(w io.Writer, p *domain.IncidentPage, f domain.IncidentFilter, loc *time.Location, asJSON bool) error {
	if !asJSON {
		return writeList(w, p, f, loc)
	}
	out := make([]incidentJSON, len(p.Items))
	for k := range p.Items {
		out[k] = toJSON(&p.Items[k], false)
	}
	return writeJSON(w, out)
}

func writeList(w io.Writer, p *domain.IncidentPage, f domain.IncidentFilter, loc *time.Location) error {
	bw := bufio.NewWriter(w)
	if len(p.Items) > 0 {
		tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "REF\tSEV\tSTATUS\tSTARTED\tTTR\tTITLE")
		for k := range p.Items {
			i := &p.Items[k]
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", i.Ref(), i.Severity, i.Status,
				formatTime(i.StartedAt, loc), formatDuration(i.Durations().ToResolve), clean(i.Title))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	where := ""
	if f.Trashed {
		where = " in the trash"
	}
	none := "no incidents" + where
	writePageLine(bw, listPage{p.Total, p.Offset, len(p.Items)}, isFiltered(f), none+" match", none, where)
	return bw.Flush()
}

// listPage is where a page of a list stands in the whole.
type listPage struct{ total, offset, shown int }

// writePageLine ends a list with where the page stands: "showing 51–100
// of 420", or what the list holds when it is empty: noneMatch when a
// filter is set, else none. where qualifies the count (" in the trash").
func writePageLine(w io.Writer, p listPage, filtered bool, noneMatch, none, where string) {
	switch {
	case p.total == 0 && filtered:
		fmt.Fprintln(w, noneMatch)
	case p.total == 0:
		fmt.Fprintln(w, none)
	case p.shown == 0:
		fmt.Fprintf(w, "showing none of %d%s: --offset %d is past the end\n", p.total, where, p.offset)
	default:
		fmt.Fprintf(w, "showing %d–%d of %d%s\n", p.offset+1, p.offset+p.shown, p.total, where)
	}
}

func isFiltered(f domain.IncidentFilter) bool {
	return strings.TrimSpace(f.Query) != "" || len(f.Statuses) > 0 || len(f.Severities) > 0 || len(f.Services) > 0
}

// writeIncident prints one incident as a block to read.
func writeIncident(w io.Writer, i *domain.Incident, lag *domain.DetectionLag, loc *time.Location) error {
	bw := bufio.NewWriter(w)
	line := func(label, value string) { fmt.Fprintf(bw, "%-18s%s\n", label, value) }
	orNone := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return unknown
		}
		return s
	}
	list := func(s []string) string { return orNone(clean(strings.Join(s, ", "))) }

	fmt.Fprintf(bw, "%s  %s\n\n", i.Ref(), clean(i.Title))

	sev := string(i.Severity)
	for _, l := range domain.SeverityLevels {
		if l.Name == i.Severity {
			sev = fmt.Sprintf("%s %s — %s", l.Name, l.Label, l.Meaning)
		}
	}
	line("Severity", sev)
	st := string(i.Status)
	for _, l := range domain.StatusLevels {
		if l.Name == i.Status {
			st = fmt.Sprintf("%s — %s", l.Name, l.Meaning)
		}
	}
	line("Status", st)
	if next := domain.NextStatuses(i.Status); len(next) > 0 {
		names := make([]string, len(next))
		for k, s := range next {
			names[k] = string(s)
		}
		line("", "can move to: "+strings.Join(names, ", "))
	}
	line("Services", list(i.Services))
	line("Tags", list(i.Tags))
	line("Commander", orNone(clean(i.Commander)))
	fmt.Fprintln(bw)

	line("Started", formatTime(i.StartedAt, loc))
	line("Detected", formatTime(i.DetectedAt, loc))
	line("Mitigated", formatTime(i.MitigatedAt, loc))
	line("Resolved", formatTime(i.ResolvedAt, loc))
	fmt.Fprintln(bw)

	d := i.Durations()
	line("Time to detect", formatDuration(d.ToDetect))
	line("Time to mitigate", formatDuration(d.ToMitigate))
	line("Time to resolve", formatDuration(d.ToResolve))
	if s := lag.Sentence(); s != "" {
		line("Detection lag", fmt.Sprintf("%s (%s, %s)", s, clean(lag.Title), formatTime(&lag.VisibleAt, loc)))
	}

	for _, s := range []struct{ heading, text string }{
		{"Customer impact", i.CustomerImpact}, {"Summary", i.Summary},
	} {
		writeSection(bw, s.heading, s.text)
	}

	fmt.Fprintf(bw, "\nVersion %d · created %s · updated %s\n", i.Version,
		formatTime(&i.CreatedAt, loc), formatTime(&i.UpdatedAt, loc))
	return bw.Flush()
}

// writeSection writes a heading and the text under it indented by two
// spaces ("—" when there is none), control characters cleaned.
func writeSection(w io.Writer, heading, text string) {
	fmt.Fprintf(w, "\n%s\n", heading)
	text = strings.TrimSpace(cleanText(text))
	if text == "" {
		text = unknown
	}
	for _, l := range strings.Split(text, "\n") {
		if l == "" {
			fmt.Fprintln(w)
			continue
		}
		fmt.Fprintf(w, "  %s\n", l)
	}
}
