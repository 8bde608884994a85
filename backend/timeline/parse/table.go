package parse

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

var (
	timeColumns   = []string{"time", "timestamp", "date", "at", "when", "datetime", "date/time", "time (utc)"}
	authorColumns = []string{"author", "user", "who", "name", "owner"}
	kindColumns   = []string{"kind", "type", "category"}
	textColumns   = []string{"text", "message", "body", "event", "description", "what", "details", "summary"}
)

func normHeader(s string) string {
	return strings.ToLower(strings.TrimSpace(strings.Trim(strings.TrimSpace(strings.TrimPrefix(s, "\uFEFF")), `"'`)))
}

func isTimeColumn(h string) bool { return indexOf(timeColumns, h) >= 0 }

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// csvSeparator picks the field separator from a header line: a comma, or a
// semicolon or tab (spreadsheets in many locales) when there is no comma.
func csvSeparator(line string) rune {
	switch {
	case strings.Contains(line, ","):
		return ','
	case strings.Contains(line, ";"):
		return ';'
	case strings.Contains(line, "\t"):
		return '\t'
	}
	return 0
}

// column finds the first header that is one of names.
func column(header []string, names []string) int {
	for i, h := range header {
		if indexOf(names, normHeader(h)) >= 0 {
			return i
		}
	}
	return -1
}

func parseCSV(data []byte, c *collector) error {
	first := data
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	r := csv.NewReader(bytes.NewReader(data))
	if sep := csvSeparator(string(first)); sep != 0 {
		r.Comma = sep
	}
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		return domain.Errorf(domain.EINVALID, "The CSV header row cannot be read: %v.", err)
	}
	timeCol, textCol := column(header, timeColumns), column(header, textColumns)
	if timeCol < 0 || textCol < 0 {
		found := make([]string, len(header))
		for i, h := range header {
			found[i] = fmt.Sprintf("%q", strings.TrimSpace(h))
		}
		return domain.Errorf(domain.EINVALID, "The CSV header needs a time column (time, timestamp, date, at or when) and a text column (text, message, body, event or description); found %s.", truncate(strings.Join(found, ", "), 200))
	}
	// A spreadsheet often has Date and Time in separate columns.
	clockCol := -1
	if normHeader(header[timeCol]) == "date" {
		clockCol = column(header, []string{"time"})
	} else if normHeader(header[timeCol]) == "time" {
		if d := column(header, []string{"date"}); d >= 0 {
			clockCol, timeCol = timeCol, d
		}
	}
	authorCol, kindCol := column(header, authorColumns), column(header, kindColumns)
	cell := func(rec []string, i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	lastLine := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) || pe.StartLine <= lastLine {
				c.problem(max(line, lastLine+1), "", fmt.Sprintf("the rest of the CSV cannot be read: %v", err))
				break
			}
			lastLine = pe.StartLine
			c.problem(pe.StartLine, strings.Join(rec, ","), fmt.Sprintf("row cannot be read: %v", pe.Err))
			continue
		}
		lastLine = line
		text := strings.Join(rec, string(r.Comma))
		if strings.TrimSpace(strings.ReplaceAll(text, string(r.Comma), "")) == "" {
			continue // an empty row
		}
		when := cell(rec, timeCol)
		if clockCol >= 0 {
			when = strings.TrimSpace(when + " " + cell(rec, clockCol))
		}
		at, reason := c.cellTime(when)
		if reason != "" {
			c.problem(line, text, reason)
			continue
		}
		body := cell(rec, textCol)
		if body == "" {
			c.problem(line, text, "row has a time but no text")
			continue
		}
		ev := Event{Line: line, At: at, Author: cell(rec, authorCol), Body: body}
		if k := strings.ToLower(cell(rec, kindCol)); k != "" {
			if isKind(k) {
				ev.Kind = k
			} else {
				ev.Warnings = append(ev.Warnings, fmt.Sprintf("unknown kind %q ignored", truncate(k, 20)))
			}
		}
		classify(&ev)
		c.event(ev)
	}
	return nil
}

// cellTime reads a whole cell as a time, with the text format's rules;
// a time without a date takes Options.Date.
func (c *collector) cellTime(s string) (at time.Time, reason string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return at, "no time"
	}
	st, n, r := scanStamp(s)
	if r != "" {
		return at, r
	}
	if n == 0 || strings.TrimSpace(s[n:]) != "" {
		return at, fmt.Sprintf("time %q not understood; %s", truncate(s, 40), domain.TimeInputHint)
	}
	if !st.hasTime {
		return at, fmt.Sprintf("%q has no time of day; %s", s, domain.TimeInputHint)
	}
	var day ymd
	if !st.hasDate {
		if c.opts.Date.IsZero() {
			return at, "no date: the time has no date and no --date was given"
		}
		y, m, d := c.opts.Date.Date()
		day = ymd{y, int(m), d}
	}
	t, noZone, r := st.instant(day, c.zone, &c.offsets)
	if r != "" {
		return at, r
	}
	if noZone {
		c.noZone++
	}
	return t, ""
}

// hindsightEvent is one event in Hindsight's own JSON export.
type hindsightEvent struct {
	At        string `json:"at"`
	Kind      string `json:"kind"`
	Author    string `json:"author"`
	Body      string `json:"body"`
	KeyMoment string `json:"keyMoment"`
}

// parseJSON reads {"incident": "...", "events": [...]} or a bare array.
func parseJSON(data []byte, c *collector) error {
	var list []json.RawMessage
	d := bytes.TrimSpace(data)
	if len(d) > 0 && d[0] == '{' {
		var doc struct {
			Incident string             `json:"incident"`
			Events   *[]json.RawMessage `json:"events"`
		}
		if err := json.Unmarshal(d, &doc); err != nil {
			return domain.Errorf(domain.EINVALID, "The JSON cannot be read: %v.", err)
		}
		if doc.Events == nil {
			return domain.Errorf(domain.EINVALID, "The JSON has no \"events\" list; expected {\"incident\": ..., \"events\": [...]}.")
		}
		c.res.Incident, list = doc.Incident, *doc.Events
	} else if err := json.Unmarshal(d, &list); err != nil {
		return domain.Errorf(domain.EINVALID, "The JSON cannot be read: %v; expected {\"incident\": ..., \"events\": [...]} or an array of events.", err)
	}
	for i, raw := range list {
		n := i + 1
		var he hindsightEvent
		if err := json.Unmarshal(raw, &he); err != nil {
			c.problem(n, string(raw), fmt.Sprintf("event %d cannot be read: %v", n, err))
			continue
		}
		at, err := domain.ParseTime(he.At, c.zone)
		if err != nil || at.IsZero() {
			c.problem(n, string(raw), fmt.Sprintf("event %d: \"at\" %s", n, errText(err, "is the zero time")))
			continue
		}
		ev := Event{Line: n, At: at, Author: strings.TrimSpace(he.Author), Body: strings.TrimSpace(he.Body)}
		if k := strings.ToLower(strings.TrimSpace(he.Kind)); k != "" {
			if isKind(k) {
				ev.Kind = k
			} else {
				ev.Warnings = append(ev.Warnings, fmt.Sprintf("unknown kind %q ignored", truncate(k, 20)))
			}
		}
		if m := strings.ToLower(strings.TrimSpace(he.KeyMoment)); m != "" {
			if isKeyMoment(m) {
				ev.KeyMoment = m
			} else {
				ev.Warnings = append(ev.Warnings, fmt.Sprintf("unknown key moment %q ignored", truncate(m, 20)))
			}
		}
		if ev.Body == "" {
			ev.Warnings = append(ev.Warnings, "event has no text")
		}
		c.event(ev)
	}
	return nil
}

func errText(err error, fallback string) string {
	if err != nil {
		return err.Error()
	}
	return fallback
}
