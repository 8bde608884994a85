package domain

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// EventKind says what a timeline event is.
type EventKind string

// EventKindInfo is a kind with the words shown beside it.
type EventKindInfo struct {
	Name  EventKind `json:"name"`
	Label string    `json:"label"`
}

// EventKinds lists the kinds in the order the UI offers them.
var EventKinds = []EventKindInfo{
	{"alert", "Alert"}, {"detection", "Detection"}, {"action", "Action"},
	{"communication", "Communication"}, {"decision", "Decision"}, {"observation", "Observation"},
	{"deploy", "Deploy"}, {"mitigation", "Mitigation"}, {"resolution", "Resolution"}, {"note", "Note"},
}

// ParseEventKind accepts a kind name in any case; "" is a note.
func ParseEventKind(s string) (EventKind, error) {
	v := EventKind(strings.ToLower(strings.TrimSpace(s)))
	if v == "" {
		return "note", nil
	}
	for _, k := range EventKinds {
		if k.Name == v {
			return v, nil
		}
	}
	names := make([]string, len(EventKinds))
	for i, k := range EventKinds {
		names[i] = string(k.Name)
	}
	return "", fmt.Errorf("unknown kind %q; use one of %s", truncate(s, 20), strings.Join(names, ", "))
}

// KeyMoment names one of the incident's key moments; "" is none.
type KeyMoment string

// KeyMoments are the moments an event can mark, in order.
var KeyMoments = []KeyMoment{"started", "detected", "mitigated", "resolved"}

// ParseKeyMoment accepts "", started, detected, mitigated or resolved.
func ParseKeyMoment(s string) (KeyMoment, error) {
	v := KeyMoment(strings.ToLower(strings.TrimSpace(s)))
	if v == "" {
		return "", nil
	}
	for _, k := range KeyMoments {
		if k == v {
			return v, nil
		}
	}
	return "", fmt.Errorf("unknown key moment %q; use started, detected, mitigated or resolved, or leave it empty", truncate(s, 20))
}

// EventSource says where an event came from.
type EventSource string

const (
	SourceTyped    EventSource = "typed"
	SourceImported EventSource = "imported"
	SourceAlert    EventSource = "alert"
	SourceMetric   EventSource = "metric"
)

// TimelineEvent is one timestamped entry of an incident's timeline.
type TimelineEvent struct {
	ID         string
	IncidentID string
	At         time.Time // UTC, milliseconds kept
	Kind       EventKind
	Author     string
	Body       string // markdown
	Source     EventSource
	// SourceFormat is the import format ("text", "slack", "csv", "json") for
	// imported events.
	SourceFormat string
	Tags         []string
	KeyMoment    KeyMoment
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// EventInput is what a person or a script sends to add or change an event.
// At is RFC 3339 or "YYYY-MM-DD HH:MM[:SS[.mmm]]" read in Zone.
type EventInput struct {
	At        string   `json:"at"`
	Zone      string   `json:"zone"`
	Kind      string   `json:"kind"`
	Author    string   `json:"author"`
	Body      string   `json:"body"`
	Tags      []string `json:"tags"`
	KeyMoment string   `json:"keyMoment"`
}

// Limits on one event.
const (
	MaxEventBody = 50_000 // bytes
	MaxEventTags = 20
)

// EventDraft is a validated event, ready to store.
type EventDraft struct {
	At        time.Time
	Kind      EventKind
	Author    string
	Body      string
	Tags      []string
	KeyMoment KeyMoment
}

// Validate parses and checks an event input; every bad field is named.
func (in EventInput) Validate(now time.Time) (*EventDraft, error) {
	return in.validate(now, ParseTime)
}

func (in EventInput) validate(now time.Time, parseTime func(string, *time.Location) (time.Time, error)) (*EventDraft, error) {
	fe := FieldErrors{}
	d := &EventDraft{}
	loc, err := LoadZone(in.Zone)
	if err != nil {
		fe.Add("zone", "%s", err)
		loc = time.UTC
	}
	if strings.TrimSpace(in.At) == "" {
		fe.Add("at", "is required; %s", TimeInputHint)
	} else if t, err := parseTime(in.At, loc); err != nil {
		fe.Add("at", "%s", err)
	} else if t.After(now.Add(FutureTolerance)) {
		fe.Add("at", "is in the future (%s); check the date and the time zone", t.In(loc).Format("2006-01-02 15:04 MST"))
	} else {
		d.At = t.Truncate(time.Millisecond)
	}
	if d.Kind, err = ParseEventKind(in.Kind); err != nil {
		fe.Add("kind", "%s", err)
	}
	if d.KeyMoment, err = ParseKeyMoment(in.KeyMoment); err != nil {
		fe.Add("keyMoment", "%s", err)
	}
	d.Author = strings.TrimSpace(in.Author)
	if d.Author != "" {
		if msg := checkName(d.Author); msg != "" {
			fe.Add("author", "%s", msg)
		}
	}
	d.Body = strings.TrimRight(in.Body, " \t\r\n")
	switch {
	case strings.TrimSpace(d.Body) == "":
		fe.Add("body", "is required; say what happened")
	case len(d.Body) > MaxEventBody:
		fe.Add("body", "is %d KB; the limit is %d KB", len(d.Body)/1000, MaxEventBody/1000)
	case !utf8.ValidString(d.Body):
		fe.Add("body", "is not valid UTF-8 text")
	}
	var msg string
	if d.Tags, msg = cleanNames(in.Tags, MaxEventTags); msg != "" {
		fe.Add("tags", "%s", msg)
	}
	return d, fe.Err()
}

// SetMoment returns a copy of the incident's key moments as an input with
// one moment replaced by t, for checking it against the others with the
// incident rules (IncidentInput.Validate and FinishDraft).
func (i *Incident) SetMoment(m KeyMoment, t time.Time) IncidentInput {
	in := i.Input()
	v := t.UTC().Format(time.RFC3339Nano)
	switch m {
	case "started":
		in.StartedAt = v
	case "detected":
		in.DetectedAt = v
	case "mitigated":
		in.MitigatedAt = v
	case "resolved":
		in.ResolvedAt = v
		// A resolved time belongs to a resolved incident.
		if i.Status.IsActive() {
			in.Status = string(StatusResolved)
		}
	}
	return in
}

// Input turns a stored incident back into the input that would save it
// unchanged. Times are RFC 3339 in UTC, so the zone does not affect them.
func (i *Incident) Input() IncidentInput {
	f := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.UTC().Format(time.RFC3339Nano)
	}
	return IncidentInput{
		Title: i.Title, Summary: i.Summary, Severity: string(i.Severity), Status: string(i.Status),
		Services: append([]string(nil), i.Services...), Tags: append([]string(nil), i.Tags...), Commander: i.Commander, CustomerImpact: i.CustomerImpact,
		StartedAt: f(i.StartedAt), DetectedAt: f(i.DetectedAt), MitigatedAt: f(i.MitigatedAt),
		ResolvedAt: f(i.ResolvedAt), Zone: "UTC",
	}
}

// EventFilter selects a page of one incident's timeline, oldest first.
type EventFilter struct {
	Kinds  []EventKind `json:"kinds"`
	Author string      `json:"author"`
	// Query matches the body, case-insensitively.
	Query  string `json:"query"`
	Limit  int    `json:"limit"`
	Offset int    `json:"offset"`
}

// Page sizes for timelines.
const (
	DefaultEventPage = 200
	MaxEventPage     = 1000
)

// EventPage is one page of a timeline. Total, the number of matching
// events, is counted for the first page (Offset 0) only, and is -1 on later
// pages: counting 100,000 events costs more than reading a page, and a
// reader paging on already has it.
type EventPage struct {
	Items  []TimelineEvent
	Total  int
	Offset int
	Limit  int
}

// ImportedEvent is one event read by an importer, already parsed.
type ImportedEvent struct {
	At        time.Time
	Kind      string
	Author    string
	Body      string
	KeyMoment string
}

// Draft checks an imported event as Validate checks a typed one, without
// turning its time into text and back.
func (ev ImportedEvent) Draft(now time.Time) (*EventDraft, error) {
	in := EventInput{At: "set", Kind: ev.Kind, Author: ev.Author, Body: ev.Body, KeyMoment: ev.KeyMoment, Zone: "UTC"}
	d, err := in.validate(now, func(string, *time.Location) (time.Time, error) { return ev.At, nil })
	if err != nil {
		return nil, err
	}
	if ev.At.IsZero() {
		return nil, &Error{Code: EINVALID, Message: "at: is required", Fields: map[string]string{"at": "is required"}}
	}
	return d, nil
}

// ImportResult says what an import did.
type ImportResult struct {
	Added int `json:"added"`
	// Duplicates were already in the timeline (same time, author and text)
	// and were not added again.
	Duplicates int `json:"duplicates"`
}

// TimelineService is the timeline store's contract. incident accepts an id
// or a reference, like IncidentService; an event is named by its id.
type TimelineService interface {
	// AddEvent validates and saves a typed event. If it marks a key
	// moment, the incident's moment is set to the event's time in the same
	// transaction (and checked against the other moments; EINVALID if it
	// contradicts them). ENOTFOUND for an unknown or trashed incident.
	AddEvent(ctx context.Context, incident string, in EventInput) (*TimelineEvent, error)
	// UpdateEvent replaces an event's fields, with the same key-moment rule.
	UpdateEvent(ctx context.Context, id string, in EventInput) (*TimelineEvent, error)
	// DeleteEvent removes an event; RestoreEvent undoes that. A deleted
	// event that marked a key moment leaves the incident's time as it is.
	DeleteEvent(ctx context.Context, id string) error
	RestoreEvent(ctx context.Context, id string) (*TimelineEvent, error)
	// ListEvents returns one page of the incident's timeline, oldest first.
	ListEvents(ctx context.Context, incident string, f EventFilter) (*EventPage, error)
	// ImportEvents adds parsed events in one transaction, all or nothing,
	// skipping events already in the timeline, so importing the same file
	// twice adds nothing the second time.
	ImportEvents(ctx context.Context, incident string, format string, evs []ImportedEvent) (ImportResult, error)
}
