// Package export writes a list of actions as CSV or as a markdown table (the
// table later exports, such as the postmortem's, embed).
package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/mdtable"
)

// Formats lists the export formats.
var Formats = []string{"markdown", "csv"}

// Write writes the actions in format; now and loc decide which are overdue.
func Write(w io.Writer, format string, items []domain.ActionItem, now time.Time, loc *time.Location) error {
	switch format {
	case "markdown", "md":
		return Markdown(w, items, now, loc)
	case "csv":
		return CSV(w, items, now, loc)
	}
	return domain.Errorf(domain.EINVALID, "format: unknown format %q; use markdown or csv", format)
}

// CSVHeader is the CSV export's first row. Columns are only ever added, at
// the end.
var CSVHeader = []string{"ref", "title", "owner", "due", "days_overdue", "priority", "type", "status", "reason",
	"incident", "incident_title", "link", "verification", "created_at", "closed_at"}

// CSV writes one row per action under CSVHeader. Dates are YYYY-MM-DD;
// times RFC 3339 in UTC; days_overdue is 0 for an action not overdue.
func CSV(w io.Writer, items []domain.ActionItem, now time.Time, loc *time.Location) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for k := range items {
		a := &items[k]
		closed := ""
		if a.ClosedAt != nil {
			closed = a.ClosedAt.UTC().Format(time.RFC3339)
		}
		if err := cw.Write([]string{a.Ref(), a.Title, a.Owner, a.Due, strconv.Itoa(a.DaysOverdue(now, loc)),
			string(a.Priority), string(a.Type), string(a.Status), a.Reason, a.IncidentRef(), a.IncidentTitle,
			a.Link, a.Verification, a.CreatedAt.UTC().Format(time.RFC3339), closed}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Markdown writes a table: reference, title (linked to the tracker when
// there is a link), owner, due date (with the days overdue), priority,
// type, status and incident.
func Markdown(w io.Writer, items []domain.ActionItem, now time.Time, loc *time.Location) error {
	cols := []mdtable.Column{{Header: "Ref"}, {Header: "Action"}, {Header: "Owner"}, {Header: "Due"},
		{Header: "Priority"}, {Header: "Type"}, {Header: "Status"}, {Header: "Incident"}}
	rows := make([][]string, len(items))
	for k := range items {
		a := &items[k]
		title := a.Title
		if a.Link != "" {
			// Brackets in the title would end the link text early.
			title = "[" + escapeLinkText(a.Title) + "](<" + a.Link + ">)"
		}
		due := a.Due
		if n := a.DaysOverdue(now, loc); n > 0 {
			due += " (" + plural(n, "day") + " overdue)"
		}
		status := string(a.Status)
		for _, s := range domain.ActionStatuses {
			if s.Name == a.Status {
				status = s.Label
			}
		}
		if a.Status == domain.ActionWontDo && a.Reason != "" {
			status += ": " + a.Reason
		}
		rows[k] = []string{a.Ref(), title, a.Owner, due, string(a.Priority), string(a.Type), status, a.IncidentRef()}
	}
	return mdtable.Write(w, cols, rows)
}

func escapeLinkText(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r == '[' || r == ']' {
			out = append(out, '\\')
		}
		out = append(out, r)
	}
	return string(out)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
