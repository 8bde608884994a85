// Package export writes an incident's timeline as markdown, JSON or CSV.
// The JSON form is what the importer reads back (parse format "json"), and
// the markdown table is what postmortem exports embed.
package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/mdtable"
)

// Formats lists the export formats.
var Formats = []string{"markdown", "json", "csv"}

// Doc is the JSON export: the incident's reference and its events.
type Doc struct {
	Incident string  `json:"incident"`
	Events   []Event `json:"events"`
}

// Event is one event in the JSON export. Fields are only ever added.
type Event struct {
	At        string   `json:"at"` // RFC 3339, UTC, milliseconds when present
	Kind      string   `json:"kind"`
	Author    string   `json:"author"`
	Body      string   `json:"body"`
	KeyMoment string   `json:"keyMoment,omitempty"`
	Source    string   `json:"source,omitempty"`
	Tags      []string `json:"tags,omitempty"`
}

// Write writes the events of incident inc in format to w; times in the
// markdown and CSV forms are shown in loc.
func Write(w io.Writer, format string, inc *domain.Incident, evs []domain.TimelineEvent, loc *time.Location) error {
	switch format {
	case "markdown", "md":
		return Markdown(w, inc, evs, loc)
	case "json":
		return JSON(w, inc, evs)
	case "csv":
		return CSV(w, evs, loc)
	}
	return domain.Errorf(domain.EINVALID, "format: unknown format %q; use markdown, json or csv", format)
}

// JSON writes the Doc form.
func JSON(w io.Writer, inc *domain.Incident, evs []domain.TimelineEvent) error {
	doc := Doc{Incident: inc.Ref(), Events: make([]Event, len(evs))}
	for k, e := range evs {
		doc.Events[k] = Event{At: e.At.UTC().Format(time.RFC3339Nano), Kind: string(e.Kind), Author: e.Author,
			Body: e.Body, KeyMoment: string(e.KeyMoment), Source: string(e.Source), Tags: e.Tags}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// CSV writes time, author, kind, text, key_moment with a header row; the
// importer finds these columns by name.
func CSV(w io.Writer, evs []domain.TimelineEvent, loc *time.Location) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"time", "author", "kind", "text", "key_moment"}); err != nil {
		return err
	}
	for _, e := range evs {
		if err := cw.Write([]string{e.At.In(loc).Format("2006-01-02T15:04:05.999Z07:00"), e.Author, string(e.Kind), e.Body, string(e.KeyMoment)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Markdown writes a table: the date and time in loc (the zone named in the
// header), the offset from the incident's start, kind, who and what. Key
// moments are marked in bold.
func Markdown(w io.Writer, inc *domain.Incident, evs []domain.TimelineEvent, loc *time.Location) error {
	zone := loc.String() // "Europe/Berlin", "UTC"; "Local" says nothing:
	if zone == "Local" {
		zone, _ = time.Now().In(loc).Zone()
	}
	rows := make([][]string, len(evs))
	for k, e := range evs {
		what := e.Body
		if e.KeyMoment != "" {
			what = "**" + strings.ToUpper(string(e.KeyMoment[:1])) + string(e.KeyMoment[1:]) + ":** " + what
		}
		rows[k] = []string{e.At.In(loc).Format("2006-01-02 15:04:05"), offset(inc, e.At), string(e.Kind), e.Author, what}
	}
	return mdtable.Write(w, []mdtable.Column{{Header: "Time (" + zone + ")"}, {Header: "T+"}, {Header: "Kind"}, {Header: "Who"}, {Header: "What"}}, rows)
}

// offset is T+h:mm from the incident's start (T−h:mm before it).
func offset(inc *domain.Incident, at time.Time) string {
	if inc.StartedAt == nil {
		return ""
	}
	d := at.Sub(*inc.StartedAt)
	sign := "+"
	if d < 0 {
		sign, d = "−", -d
	}
	m := int64(d / time.Minute)
	return fmt.Sprintf("T%s%d:%02d", sign, m/60, m%60)
}
