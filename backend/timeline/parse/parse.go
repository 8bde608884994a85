package parse

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// Format names an input format.
type Format string

const (
	FormatAuto  Format = "auto"
	FormatText  Format = "text"
	FormatSlack Format = "slack"
	FormatCSV   Format = "csv"
	FormatJSON  Format = "json"
)

// DefaultMaxBytes is the input size limit when Options.MaxBytes is 0.
const DefaultMaxBytes = 50 << 20

// Options says how to read an input.
type Options struct {
	Format Format         // "" or "auto": detect
	Zone   *time.Location // zone for times without one (--tz); nil = UTC
	Date   time.Time      // the day for time-only lines before any date heading (--date); zero = none
	// MaxBytes is the largest input accepted; 0 means DefaultMaxBytes.
	MaxBytes int
}

// Event is one timeline entry read from the input.
type Event struct {
	Line      int       // 1-based line (or record index for JSON/Slack) where it starts
	Source    string    // the file it came from (ParseDir only), else ""
	At        time.Time // UTC; milliseconds kept when given
	Author    string
	Kind      string // "" when not stated; else one of domain.EventKinds
	Body      string // the text; continuation lines joined with "\n"
	KeyMoment string // "", "started", "detected", "mitigated" or "resolved"
	Warnings  []string
}

// Problem is a line or record that was not understood. Nothing in the input
// is dropped silently except what doc.go lists as skipped.
type Problem struct {
	Line   int
	Source string // the file it came from (ParseDir only), else ""
	Text   string
	Reason string
}

// Result is what Parse and ParseDir return.
type Result struct {
	Format   Format
	Incident string // the incident ID named in a Hindsight JSON export, else ""
	Events   []Event
	Problems []Problem
	Warnings []string
}

// Parse reads a timeline. It returns an EINVALID *domain.Error only when the
// input cannot be read at all: larger than MaxBytes, binary (NUL bytes) or
// not UTF-8, an unknown format, malformed JSON or an unusable CSV header.
// Everything else that is not understood is reported in Result.Problems.
func Parse(data []byte, opts Options) (*Result, error) {
	if err := checkInput(data, opts.MaxBytes); err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	f := Format(strings.ToLower(strings.TrimSpace(string(opts.Format))))
	if f == "" || f == FormatAuto {
		f = Detect(data)
	}
	c := newCollector(f, opts)
	var err error
	switch f {
	case FormatText:
		parseText(data, c)
	case FormatSlack:
		err = parseSlack(data, "", c)
	case FormatCSV:
		err = parseCSV(data, c)
	case FormatJSON:
		err = parseJSON(data, c)
	default:
		return nil, domain.Errorf(domain.EINVALID, "Unknown format %q; use auto, text, slack, csv or json.", truncate(string(opts.Format), 20))
	}
	if err != nil {
		return nil, err
	}
	return c.finish(), nil
}

// Detect guesses the format of data: JSON whose first record has "ts" is a
// Slack export, other JSON objects or arrays are Hindsight JSON, a first line
// with a comma and a time column name is CSV, and anything else is text.
func Detect(data []byte) Format {
	d := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\uFEFF")))
	if len(d) > 0 && (d[0] == '{' || d[0] == '[') && json.Valid(d) {
		if d[0] == '{' {
			return FormatJSON
		}
		var first []map[string]json.RawMessage
		dec := json.NewDecoder(bytes.NewReader(d))
		// Only the first element is looked at.
		if tok, err := dec.Token(); err == nil && tok == json.Delim('[') && dec.More() {
			var m map[string]json.RawMessage
			if dec.Decode(&m) == nil {
				first = append(first, m)
			}
		}
		if len(first) > 0 {
			if _, ok := first[0]["ts"]; ok {
				return FormatSlack
			}
		}
		return FormatJSON
	}
	line := d
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if sep := csvSeparator(string(line)); sep != 0 {
		for _, name := range strings.Split(string(line), string(sep)) {
			if isTimeColumn(normHeader(name)) {
				return FormatCSV
			}
		}
	}
	return FormatText
}

func checkInput(data []byte, max int) error {
	if max <= 0 {
		max = DefaultMaxBytes
	}
	if len(data) > max {
		return domain.Errorf(domain.EINVALID, "The input is %s; the limit is %s.", sizeString(len(data)), sizeString(max))
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return domain.Errorf(domain.EINVALID, "The input contains a NUL byte on line %d; it looks like a binary file, not a timeline.", lineOf(data, i))
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		return domain.Errorf(domain.EINVALID, "The input is not UTF-8 text (bad byte on line %d); save it as UTF-8 and try again.", lineOf(data, i))
	}
	return nil
}

func lineOf(data []byte, off int) int { return bytes.Count(data[:off], []byte("\n")) + 1 }

func sizeString(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// collector gathers a Result and the facts the final warnings need.
type collector struct {
	res     Result
	opts    Options
	zone    *time.Location
	source  string
	noZone  int // times read in the default zone because none was written
	offsets offsetCache
}

func newCollector(f Format, opts Options) *collector {
	z := opts.Zone
	if z == nil {
		z = time.UTC
	}
	return &collector{res: Result{Format: f}, opts: opts, zone: z}
}

func (c *collector) event(e Event) {
	e.Source = c.source
	c.res.Events = append(c.res.Events, e)
}

func (c *collector) problem(line int, text, reason string) {
	c.res.Problems = append(c.res.Problems, Problem{Line: line, Source: c.source, Text: truncate(strings.TrimSpace(text), 200), Reason: reason})
}

// finish adds the warnings that compare neighbouring events.
func (c *collector) finish() *Result {
	r := &c.res
	for i := 1; i < len(r.Events); i++ {
		prev, cur := r.Events[i-1].At, r.Events[i].At
		switch d := cur.Sub(prev); {
		case d < 0:
			r.Events[i].Warnings = append(r.Events[i].Warnings, "time is before the previous event")
		case d > 24*time.Hour:
			r.Events[i].Warnings = append(r.Events[i].Warnings, "time is more than a day after the previous event")
		}
	}
	if c.noZone > 0 && c.opts.Zone == nil {
		r.Warnings = append(r.Warnings, fmt.Sprintf("%d time(s) had no time zone and were read as UTC; pass --tz to choose another zone", c.noZone))
	}
	if len(r.Events) == 0 {
		r.Warnings = append(r.Warnings, "no events were found")
	}
	return r
}

// isKind reports whether s (lower case) is one of the event kinds.
func isKind(s string) bool {
	for _, k := range domain.EventKinds {
		if string(k.Name) == s {
			return true
		}
	}
	return false
}

func isKeyMoment(s string) bool {
	for _, k := range domain.KeyMoments {
		if string(k) == s {
			return true
		}
	}
	return false
}

// kindPrefix splits a leading "[deploy]" or "deploy:" from body when the
// word is one of the kinds.
func kindPrefix(body string) (kind, rest string) {
	if strings.HasPrefix(body, "[") {
		if j := strings.IndexByte(body, ']'); j > 1 && j <= 16 {
			if k := strings.ToLower(strings.TrimSpace(body[1:j])); isKind(k) {
				return k, strings.TrimSpace(body[j+1:])
			}
		}
		return "", body
	}
	if j := strings.IndexByte(body, ':'); j > 1 && j <= 15 {
		if k := strings.ToLower(body[:j]); isKind(k) {
			return k, strings.TrimSpace(body[j+1:])
		}
	}
	return "", body
}

// momentPhrases are the openings that clearly mark a key moment. They are
// matched case-insensitively at the start of the body, as whole words.
var momentPhrases = []struct{ phrase, moment string }{
	{"incident started", "started"}, {"incident began", "started"}, {"incident start", "started"},
	{"impact started", "started"}, {"impact began", "started"}, {"impact start", "started"},
	{"outage started", "started"}, {"outage began", "started"}, {"start of impact", "started"},
	{"detected", "detected"}, {"incident detected", "detected"}, {"issue detected", "detected"},
	{"mitigated", "mitigated"}, {"incident mitigated", "mitigated"}, {"impact mitigated", "mitigated"},
	{"resolved", "resolved"}, {"incident resolved", "resolved"}, {"issue resolved", "resolved"},
}

func keyMoment(body string) string {
	for _, p := range momentPhrases {
		if len(body) < len(p.phrase) || !strings.EqualFold(body[:len(p.phrase)], p.phrase) {
			continue
		}
		if len(body) == len(p.phrase) || !isWordByte(body[len(p.phrase)]) {
			return p.moment
		}
	}
	return ""
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
}

// classify sets Kind (from a prefix, which it strips) and KeyMoment from the
// body, when the event does not state them already.
func classify(e *Event) {
	if e.Kind == "" {
		e.Kind, e.Body = kindPrefix(e.Body)
	}
	if e.KeyMoment == "" {
		e.KeyMoment = keyMoment(e.Body)
	}
	if strings.TrimSpace(e.Body) == "" {
		e.Warnings = append(e.Warnings, "event has no text")
	}
}

// truncate shortens s for quoting in a message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
