package domain

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Severity is how bad an incident is, SEV1 worst.
type Severity string

const (
	SEV1 Severity = "SEV1"
	SEV2 Severity = "SEV2"
	SEV3 Severity = "SEV3"
	SEV4 Severity = "SEV4"
)

// SeverityInfo is a severity with the words shown beside it in the UI.
type SeverityInfo struct {
	Name    Severity `json:"name"`
	Label   string   `json:"label"`
	Meaning string   `json:"meaning"`
}

// SeverityLevels lists the severities, worst first, with their meaning.
var SeverityLevels = []SeverityInfo{
	{SEV1, "Critical", "Outage or data loss for many customers; all hands until mitigated."},
	{SEV2, "Major", "A core feature is broken or badly degraded for many customers."},
	{SEV3, "Minor", "Partial degradation, or few customers affected, or a workaround exists."},
	{SEV4, "Low", "Little or no customer impact; recorded to learn from."},
}

// ParseSeverity accepts "SEV2", "sev2" and "2".
func ParseSeverity(s string) (Severity, error) {
	v := strings.ToUpper(strings.TrimSpace(s))
	if len(v) == 1 {
		v = "SEV" + v
	}
	for _, l := range SeverityLevels {
		if l.Name == Severity(v) {
			return l.Name, nil
		}
	}
	return "", fmt.Errorf("unknown severity %q; use SEV1, SEV2, SEV3 or SEV4", truncate(s, 20))
}

// Status is where an incident is in its lifecycle.
type Status string

const (
	StatusInvestigating Status = "investigating"
	StatusIdentified    Status = "identified"
	StatusMonitoring    Status = "monitoring"
	StatusResolved      Status = "resolved"
	StatusPostmortem    Status = "postmortem"
	StatusClosed        Status = "closed"
)

// StatusInfo is a status with the words shown beside it in the UI.
type StatusInfo struct {
	Name    Status `json:"name"`
	Label   string `json:"label"`
	Meaning string `json:"meaning"`
	// Active: the incident is still going on (not yet resolved).
	Active bool `json:"active"`
}

// StatusLevels lists the statuses in lifecycle order.
var StatusLevels = []StatusInfo{
	{StatusInvestigating, "Investigating", "Something is wrong; the cause is not known yet.", true},
	{StatusIdentified, "Identified", "The cause is known; a fix or mitigation is under way.", true},
	{StatusMonitoring, "Monitoring", "A fix is in place; watching that it holds.", true},
	{StatusResolved, "Resolved", "Customer impact is over.", false},
	{StatusPostmortem, "Postmortem", "The postmortem is being written and reviewed.", false},
	{StatusClosed, "Closed", "The postmortem is done; the incident is history.", false},
}

// ParseStatus accepts a status name in any case.
func ParseStatus(s string) (Status, error) {
	v := Status(strings.ToLower(strings.TrimSpace(s)))
	for _, l := range StatusLevels {
		if l.Name == v {
			return v, nil
		}
	}
	return "", fmt.Errorf("unknown status %q; use one of %s", truncate(s, 20), statusNames())
}

func statusNames() string {
	names := make([]string, len(StatusLevels))
	for i, l := range StatusLevels {
		names[i] = string(l.Name)
	}
	return strings.Join(names, ", ")
}

// IsActive reports whether the incident is still going on.
func (s Status) IsActive() bool {
	return s == StatusInvestigating || s == StatusIdentified || s == StatusMonitoring
}

// transitions: while active, an incident may move between the active states
// (a fix that did not hold sends it back) or to resolved; after that it moves
// forward through postmortem to closed. Going from a finished state back to an
// active one is a reopen, allowed and recorded as such.
var transitions = map[Status][]Status{
	StatusInvestigating: {StatusIdentified, StatusMonitoring, StatusResolved},
	StatusIdentified:    {StatusInvestigating, StatusMonitoring, StatusResolved},
	StatusMonitoring:    {StatusInvestigating, StatusIdentified, StatusResolved},
	StatusResolved:      {StatusPostmortem, StatusClosed},
	StatusPostmortem:    {StatusClosed},
	StatusClosed:        {},
}

// NextStatuses lists the statuses an incident in status s may move to,
// reopening included.
func NextStatuses(s Status) []Status {
	out := append([]Status(nil), transitions[s]...)
	if !s.IsActive() {
		out = append(out, StatusInvestigating, StatusIdentified, StatusMonitoring)
	}
	return out
}

// CheckTransition returns nil if an incident may go from one status to the
// other (the same status is no transition and always allowed).
func CheckTransition(from, to Status) error {
	if from == to {
		return nil
	}
	for _, s := range NextStatuses(from) {
		if s == to {
			return nil
		}
	}
	allowed := NextStatuses(from)
	names := make([]string, len(allowed))
	for i, s := range allowed {
		names[i] = string(s)
	}
	return fmt.Errorf("cannot go from %s to %s; from %s the next status is one of %s", from, to, from, strings.Join(names, ", "))
}

// IsReopen reports whether going from one status to the other reopens a
// finished incident.
func IsReopen(from, to Status) bool {
	return !from.IsActive() && to.IsActive()
}

// Incident is the stored incident with its key moments. All times are UTC.
type Incident struct {
	ID             string
	Number         int
	Title          string
	Summary        string
	Severity       Severity
	Status         Status
	Services       []string
	Tags           []string
	Commander      string
	CustomerImpact string
	StartedAt      *time.Time
	DetectedAt     *time.Time
	MitigatedAt    *time.Time
	ResolvedAt     *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// DeletedAt is set while the incident is in the trash.
	DeletedAt *time.Time
	// Version counts saves; an update that names an older version is refused
	// with ECONFLICT so two windows (or the CLI) cannot silently overwrite.
	Version int
}

// IncidentRef formats the human reference of incident number n.
func IncidentRef(n int) string { return fmt.Sprintf("INC-%04d", n) }

// Ref is the human reference, INC-0042. It is never reused.
func (i *Incident) Ref() string { return IncidentRef(i.Number) }

// Durations are the spans derived from an incident's key moments, all
// measured from the start. A nil field means a moment is not known yet.
type Durations struct {
	ToDetect   *time.Duration
	ToMitigate *time.Duration
	ToResolve  *time.Duration
}

// Durations derives time to detect, mitigate and resolve. This is the one
// place they are computed; nothing stores them.
func (i *Incident) Durations() Durations {
	span := func(end *time.Time) *time.Duration {
		if i.StartedAt == nil || end == nil {
			return nil
		}
		d := end.Sub(*i.StartedAt)
		return &d
	}
	return Durations{ToDetect: span(i.DetectedAt), ToMitigate: span(i.MitigatedAt), ToResolve: span(i.ResolvedAt)}
}

// StatusChange is one step of an incident's lifecycle history.
type StatusChange struct {
	ID         string
	IncidentID string
	From       Status // "" for the status the incident was created with
	To         Status
	At         time.Time
	By         string
	Reopen     bool
}

// IncidentInput is what a person or a script sends to create or change an
// incident. Times are strings so that the UI and the CLI share one parser:
// RFC 3339, or "YYYY-MM-DD HH:MM" read in Zone. An empty time means "not
// known" (and, for StartedAt on create, "now").
type IncidentInput struct {
	Title          string   `json:"title"`
	Summary        string   `json:"summary"`
	Severity       string   `json:"severity"`
	Status         string   `json:"status"`
	Services       []string `json:"services"`
	Tags           []string `json:"tags"`
	Commander      string   `json:"commander"`
	CustomerImpact string   `json:"customerImpact"`
	StartedAt      string   `json:"startedAt"`
	DetectedAt     string   `json:"detectedAt"`
	MitigatedAt    string   `json:"mitigatedAt"`
	ResolvedAt     string   `json:"resolvedAt"`
	// Zone is the IANA zone the wall-clock times are in; "" is the machine's.
	Zone string `json:"zone"`
}

// Limits on what one incident may hold. They keep one row small enough to
// cross the bridge and to render; they are far above what people write.
const (
	MaxTitleLen     = 200     // characters
	MaxSummaryLen   = 200_000 // bytes
	MaxImpactLen    = 20_000  // bytes
	MaxNameLen      = 100     // characters, for people, services and tags
	MaxServices     = 30
	MaxTags         = 30
	FutureTolerance = 5 * time.Minute
)

// IncidentDraft is a validated IncidentInput: every value parsed, trimmed and
// checked against the others. The store applies it as it is.
type IncidentDraft struct {
	Title          string
	Summary        string
	Severity       Severity
	Status         Status // "" when the input left it empty
	Services       []string
	Tags           []string
	Commander      string
	CustomerImpact string
	StartedAt      *time.Time
	DetectedAt     *time.Time
	MitigatedAt    *time.Time
	ResolvedAt     *time.Time
}

// Validate parses and checks an input. It does not know the incident's
// previous state: the transition check is CheckTransition, and
// FinishDraft completes a draft against the stored incident. now is the clock,
// used to refuse times in the future.
func (in IncidentInput) Validate(now time.Time) (*IncidentDraft, error) {
	fe := FieldErrors{}
	d := &IncidentDraft{}

	d.Title = strings.TrimSpace(in.Title)
	switch {
	case d.Title == "":
		fe.Add("title", "is required")
	case !utf8.ValidString(d.Title):
		fe.Add("title", "is not valid UTF-8 text")
	case utf8.RuneCountInString(d.Title) > MaxTitleLen:
		fe.Add("title", "is %d characters long; the limit is %d", utf8.RuneCountInString(d.Title), MaxTitleLen)
	case strings.ContainsAny(d.Title, "\r\n"):
		fe.Add("title", "must be one line")
	}

	d.Summary = strings.TrimRight(in.Summary, " \t\r\n")
	if len(d.Summary) > MaxSummaryLen {
		fe.Add("summary", "is %d KB; the limit is %d KB", len(d.Summary)/1000, MaxSummaryLen/1000)
	} else if !utf8.ValidString(d.Summary) {
		fe.Add("summary", "is not valid UTF-8 text")
	}
	d.CustomerImpact = strings.TrimSpace(in.CustomerImpact)
	if len(d.CustomerImpact) > MaxImpactLen {
		fe.Add("customerImpact", "is %d KB; the limit is %d KB", len(d.CustomerImpact)/1000, MaxImpactLen/1000)
	} else if !utf8.ValidString(d.CustomerImpact) {
		fe.Add("customerImpact", "is not valid UTF-8 text")
	}

	if strings.TrimSpace(in.Severity) == "" {
		fe.Add("severity", "is required; use SEV1, SEV2, SEV3 or SEV4")
	} else if sev, err := ParseSeverity(in.Severity); err != nil {
		fe.Add("severity", "%s", err)
	} else {
		d.Severity = sev
	}
	if strings.TrimSpace(in.Status) != "" {
		if st, err := ParseStatus(in.Status); err != nil {
			fe.Add("status", "%s", err)
		} else {
			d.Status = st
		}
	}

	d.Commander = strings.TrimSpace(in.Commander)
	if msg := checkName(d.Commander); msg != "" && d.Commander != "" {
		fe.Add("commander", "%s", msg)
	}
	var msg string
	if d.Services, msg = cleanNames(in.Services, MaxServices); msg != "" {
		fe.Add("services", "%s", msg)
	}
	if d.Tags, msg = cleanNames(in.Tags, MaxTags); msg != "" {
		fe.Add("tags", "%s", msg)
	}

	loc, err := LoadZone(in.Zone)
	if err != nil {
		fe.Add("zone", "%s", err)
		loc = time.UTC
	}
	parse := func(field, s string) *time.Time {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		t, err := ParseTime(s, loc)
		if err != nil {
			fe.Add(field, "%s", err)
			return nil
		}
		if t.After(now.Add(FutureTolerance)) {
			fe.Add(field, "is in the future (%s); check the date and the time zone", t.In(loc).Format("2006-01-02 15:04 MST"))
		}
		return &t
	}
	d.StartedAt = parse("startedAt", in.StartedAt)
	d.DetectedAt = parse("detectedAt", in.DetectedAt)
	d.MitigatedAt = parse("mitigatedAt", in.MitigatedAt)
	d.ResolvedAt = parse("resolvedAt", in.ResolvedAt)
	d.checkOrder(fe, loc)
	return d, fe.Err()
}

// checkOrder refuses key moments that contradict each other.
func (d *IncidentDraft) checkOrder(fe FieldErrors, loc *time.Location) {
	show := func(t *time.Time) string { return t.In(loc).Format("2006-01-02 15:04 MST") }
	if d.StartedAt != nil {
		for _, m := range []struct {
			field, word string
			t           *time.Time
		}{{"detectedAt", "detected", d.DetectedAt}, {"mitigatedAt", "mitigated", d.MitigatedAt}, {"resolvedAt", "resolved", d.ResolvedAt}} {
			if m.t != nil && m.t.Before(*d.StartedAt) {
				fe.Add(m.field, "is before the start (%s); an incident cannot be %s before it started", show(d.StartedAt), m.word)
			}
		}
	}
	if d.ResolvedAt != nil && d.MitigatedAt != nil && d.ResolvedAt.Before(*d.MitigatedAt) {
		fe.Add("resolvedAt", "is before mitigation (%s); resolved comes after mitigated", show(d.MitigatedAt))
	}
	if d.ResolvedAt != nil && d.DetectedAt != nil && d.ResolvedAt.Before(*d.DetectedAt) {
		fe.Add("resolvedAt", "is before detection (%s); resolved comes after detected", show(d.DetectedAt))
	}
}

// FinishDraft completes a validated draft against the incident's previous
// status (prev is "" on create) and applies the lifecycle rules that need
// it: the transition must be allowed; reopening clears the resolved time;
// reaching resolved without a resolved time sets it to now; a resolved time
// on an incident that is still active is refused. It returns whether the
// change is a reopen.
func (d *IncidentDraft) FinishDraft(prev Status, now time.Time) (reopen bool, err error) {
	fe := FieldErrors{}
	if d.Status == "" {
		d.Status = prev
		if d.Status == "" {
			d.Status = StatusInvestigating
		}
	}
	if prev != "" {
		if err := CheckTransition(prev, d.Status); err != nil {
			fe.Add("status", "%s", err)
			return false, fe.Err()
		}
		reopen = IsReopen(prev, d.Status)
	}
	if d.StartedAt == nil {
		if prev != "" {
			fe.Add("startedAt", "is required; every incident has a start")
			return false, fe.Err()
		}
		t := now.UTC()
		d.StartedAt = &t
		// The other moments were checked against no start; check again.
		d.checkOrder(fe, time.UTC)
	}
	if reopen {
		d.ResolvedAt = nil
	}
	if !d.Status.IsActive() && d.ResolvedAt == nil {
		t := now.UTC()
		if t.Before(*d.StartedAt) {
			t = *d.StartedAt
		}
		d.ResolvedAt = &t
	}
	if d.Status.IsActive() && d.ResolvedAt != nil {
		fe.Add("resolvedAt", "is set but the status is %s; set the status to resolved, or clear the resolved time", d.Status)
	}
	return reopen, fe.Err()
}

// checkName returns what is wrong with a person, service or tag name, or "".
func checkName(s string) string {
	switch {
	case s == "":
		return "is empty"
	case !utf8.ValidString(s):
		return "is not valid UTF-8 text"
	case utf8.RuneCountInString(s) > MaxNameLen:
		return fmt.Sprintf("%q is longer than %d characters", truncate(s, 30), MaxNameLen)
	case strings.ContainsAny(s, ",\r\n\t"):
		return fmt.Sprintf("%q contains a comma or a line break", truncate(s, 30))
	}
	return ""
}

// cleanNames trims, drops empties and case-insensitive duplicates (keeping
// the first spelling), and checks each name and the count.
func cleanNames(in []string, max int) ([]string, string) {
	out := make([]string, 0, len(in))
	seen := map[string]bool{}
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if msg := checkName(s); msg != "" {
			return out, msg
		}
		k := strings.ToLower(s)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	if len(out) > max {
		return out, fmt.Sprintf("has %d entries; the limit is %d", len(out), max)
	}
	return out, ""
}
