package domain

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Cadence is how often a review meeting series meets.
type Cadence string

const (
	CadenceWeekly  Cadence = "weekly"
	CadenceMonthly Cadence = "monthly"
	CadenceAdhoc   Cadence = "adhoc"
)

// Cadences lists the cadences in the order the UI offers them.
var Cadences = []Cadence{CadenceWeekly, CadenceMonthly, CadenceAdhoc}

// ParseCadence accepts a cadence in any case; "ad hoc" and "ad-hoc" work.
func ParseCadence(s string) (Cadence, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	v = strings.NewReplacer(" ", "", "-", "", "_", "").Replace(v)
	for _, c := range Cadences {
		if string(c) == v {
			return c, nil
		}
	}
	return "", fmt.Errorf("unknown cadence %q; use weekly, monthly or adhoc", truncate(s, 20))
}

// addCadence moves t by n meeting intervals in loc: 7 days, one calendar
// month, or 14 days (ad hoc), as wall-clock dates so a DST change does not
// shift the hour.
func addCadence(c Cadence, t time.Time, loc *time.Location, n int) time.Time {
	l := t.In(loc)
	switch c {
	case CadenceMonthly:
		return l.AddDate(0, n, 0).UTC()
	case CadenceWeekly:
		return l.AddDate(0, 0, 7*n).UTC()
	}
	return l.AddDate(0, 0, 14*n).UTC()
}

// DefaultPeriodStart is where the period of a meeting at `at` starts when
// none is given: the end of the series' previous meeting's period (prevEnd,
// nil for the first meeting, or one that does not end before at), else 7
// days before at (weekly), one calendar month before (monthly) or 30 days
// before (ad hoc), in loc. The period ends at at.
func DefaultPeriodStart(c Cadence, at time.Time, loc *time.Location, prevEnd *time.Time) time.Time {
	if prevEnd != nil && prevEnd.Before(at) {
		return prevEnd.UTC()
	}
	if c == CadenceAdhoc {
		return at.In(loc).AddDate(0, 0, -30).UTC()
	}
	return addCadence(c, at, loc, -1)
}

// NextMeetingAt is when the meeting after one at `at` is expected: at + 7
// days, + one calendar month, or + 14 days (ad hoc), in loc. "Due before
// the next meeting" is due before its date.
func NextMeetingAt(c Cadence, at time.Time, loc *time.Location) time.Time {
	return addCadence(c, at, loc, 1)
}

// MeetingStatus is whether a meeting is still to come or has been held.
type MeetingStatus string

const (
	MeetingPlanned MeetingStatus = "planned"
	MeetingHeld    MeetingStatus = "held"
)

// ParseMeetingStatus accepts planned or held in any case.
func ParseMeetingStatus(s string) (MeetingStatus, error) {
	switch v := MeetingStatus(strings.ToLower(strings.TrimSpace(s))); v {
	case MeetingPlanned, MeetingHeld:
		return v, nil
	}
	return "", fmt.Errorf("unknown meeting status %q; use planned or held", truncate(s, 20))
}

// AgendaSection groups agenda items; the agenda shows the sections in the
// order of AgendaSections.
type AgendaSection string

const (
	SectionIncidents     AgendaSection = "incidents"
	SectionPostmortems   AgendaSection = "postmortems"
	SectionActions       AgendaSection = "actions"
	SectionThemes        AgendaSection = "themes"
	SectionTrends        AgendaSection = "trends"
	SectionAnniversaries AgendaSection = "anniversaries"
	SectionOther         AgendaSection = "other"
)

// AgendaSectionInfo is a section with its heading.
type AgendaSectionInfo struct {
	Name  AgendaSection `json:"name"`
	Label string        `json:"label"`
}

// AgendaSections lists the sections in agenda order.
var AgendaSections = []AgendaSectionInfo{
	{SectionIncidents, "Incidents in the period"},
	{SectionPostmortems, "Postmortems to review"},
	{SectionActions, "Actions"},
	{SectionThemes, "Recurring themes"},
	{SectionTrends, "Trends"},
	{SectionAnniversaries, "A year ago"},
	{SectionOther, "Other business"},
}

// Order is the section's place in the agenda (unknown sections last).
func (s AgendaSection) Order() int {
	for k, i := range AgendaSections {
		if i.Name == s {
			return k
		}
	}
	return len(AgendaSections)
}

// Label is the section's heading.
func (s AgendaSection) Label() string {
	for _, i := range AgendaSections {
		if i.Name == s {
			return i.Label
		}
	}
	return string(s)
}

// ParseAgendaSection accepts a section name in any case.
func ParseAgendaSection(s string) (AgendaSection, error) {
	v := AgendaSection(strings.ToLower(strings.TrimSpace(s)))
	names := make([]string, len(AgendaSections))
	for k, i := range AgendaSections {
		if i.Name == v {
			return v, nil
		}
		names[k] = string(i.Name)
	}
	return "", fmt.Errorf("unknown section %q; use one of %s", truncate(s, 20), strings.Join(names, ", "))
}

// Agenda item kinds. Generated items have one of these; an item added by
// hand has KindManual. A KindMore item stands for the items of one kind
// past the agenda's cap (meeting.MaxItemsPerKind): its Key is
// "more:<kind>", its title says how many.
const (
	KindIncident           = "incident"
	KindPostmortemInReview = "postmortem_in_review"
	KindPostmortemOverdue  = "postmortem_overdue"
	KindActionOverdue      = "action_overdue"
	KindActionDueSoon      = "action_due_soon"
	KindActionClosed       = "action_closed"
	KindThemeService       = "theme_service"
	KindThemeTag           = "theme_tag"
	KindThemeCause         = "theme_cause"
	KindTrendIncidents     = "trend_incident_count"
	KindTrendDetect        = "trend_time_to_detect"
	KindTrendResolve       = "trend_time_to_resolve"
	KindTrendOnTime        = "trend_actions_on_time"
	KindAnniversary        = "anniversary"
	KindMore               = "more"
	KindManual             = "manual"
)

// Limits on meetings.
const (
	MaxSeriesName    = 100     // characters
	MaxMeetingTitle  = 200     // characters
	MaxItemTitle     = 300     // characters
	MaxMeetingPeople = 50      // attendees
	MaxMeetingNotes  = 200_000 // bytes, of a meeting's or an item's notes
	MaxDecisionText  = 5_000   // characters
	MaxMeetingPeriod = 366 * 24 * time.Hour
)

// MeetingSeries is a recurring review meeting. Zone is the IANA zone its
// dates are read in: period boundaries, the meeting's day, "today".
type MeetingSeries struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Cadence     Cadence   `json:"cadence"`
	Zone        string    `json:"zone"`
	Facilitator string    `json:"facilitator"`
	Attendees   []string  `json:"attendees"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
	Version     int       `json:"version"`
}

// SeriesInput creates or replaces a series. Zone "" is the user's zone
// setting (the store resolves it), else the machine's.
type SeriesInput struct {
	Name        string   `json:"name"`
	Cadence     string   `json:"cadence"`
	Zone        string   `json:"zone"`
	Facilitator string   `json:"facilitator"`
	Attendees   []string `json:"attendees"`
}

// Validate trims and checks the input; every bad field is named.
func (in *SeriesInput) Validate() (Cadence, error) {
	fe := FieldErrors{}
	in.Name = strings.TrimSpace(in.Name)
	checkOneLine(fe, "name", in.Name, MaxSeriesName, true)
	c, err := ParseCadence(in.Cadence)
	if err != nil {
		fe.Add("cadence", "%s", err)
	}
	in.Zone = strings.TrimSpace(in.Zone)
	if _, err := LoadZone(in.Zone); err != nil {
		fe.Add("zone", "%s", err)
	}
	checkPeople(fe, &in.Facilitator, &in.Attendees)
	return c, fe.Err()
}

func checkPeople(fe FieldErrors, facilitator *string, attendees *[]string) {
	*facilitator = strings.TrimSpace(*facilitator)
	if *facilitator != "" {
		if msg := checkName(*facilitator); msg != "" {
			fe.Add("facilitator", "%s", msg)
		}
	}
	var msg string
	if *attendees, msg = cleanNames(*attendees, MaxMeetingPeople); msg != "" {
		fe.Add("attendees", "%s", msg)
	}
}

// Meeting is one review meeting of a series. All times are UTC; the period
// it reviews is [PeriodStart, PeriodEnd).
type Meeting struct {
	ID          string        `json:"id"`
	Number      int           `json:"number"`
	SeriesID    string        `json:"seriesId"`
	SeriesName  string        `json:"seriesName"`
	Cadence     Cadence       `json:"cadence"`
	Zone        string        `json:"zone"`
	Title       string        `json:"title"`
	At          time.Time     `json:"at"`
	PeriodStart time.Time     `json:"periodStart"`
	PeriodEnd   time.Time     `json:"periodEnd"`
	Facilitator string        `json:"facilitator"`
	Attendees   []string      `json:"attendees"`
	Status      MeetingStatus `json:"status"`
	// Notes are the general minutes, markdown.
	Notes     string     `json:"notes"`
	HeldAt    *time.Time `json:"heldAt"`
	CreatedAt time.Time  `json:"createdAt"`
	UpdatedAt time.Time  `json:"updatedAt"`
	// Version counts saves of the meeting's own fields (not its items);
	// an update naming an older one is refused with ECONFLICT.
	Version int `json:"version"`
	// Items is the agenda in order, with decisions (GetMeeting fills it;
	// lists leave it nil).
	Items []AgendaItem `json:"items"`
}

// MeetingRef formats the human reference of meeting number n.
func MeetingRef(n int) string { return fmt.Sprintf("MTG-%04d", n) }

// Ref is the human reference, MTG-0001. It is never reused.
func (m *Meeting) Ref() string { return MeetingRef(m.Number) }

// Location is the series' zone (UTC if it no longer loads).
func (m *Meeting) Location() *time.Location {
	loc, err := LoadZone(m.Zone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Query is the agenda query of the meeting: its period, its day and the
// next meeting's day, in the series' zone.
func (m *Meeting) Query() AgendaQuery {
	loc := m.Location()
	return AgendaQuery{
		Start: m.PeriodStart, End: m.PeriodEnd, Loc: loc,
		Day:     Today(m.At, loc),
		NextDay: Today(NextMeetingAt(m.Cadence, m.At, loc), loc),
	}
}

// AgendaItem is one point of a meeting's agenda. A generated item is about
// one subject (Key names it, e.g. "incident:<id>"), its Title and Body are
// facts written at generation and rewritten by each regeneration; Notes,
// decisions, Dismissed and Position belong to the meeting and survive it.
type AgendaItem struct {
	ID        string        `json:"id"`
	MeetingID string        `json:"meetingId"`
	Position  int           `json:"position"` // 1-based, as shown
	Section   AgendaSection `json:"section"`
	Kind      string        `json:"kind"`
	Key       string        `json:"key"` // "" for items added by hand
	Title     string        `json:"title"`
	Body      string        `json:"body"`
	// The subject, "" for none. Ref and title come with the incident.
	IncidentID   string     `json:"incidentId"`
	IncidentRef  string     `json:"incidentRef"`
	ActionID     string     `json:"actionId"`
	ActionRef    string     `json:"actionRef"`
	PostmortemID string     `json:"postmortemId"`
	Data         string     `json:"data"` // JSON, e.g. a trend's series; "" for none
	Manual       bool       `json:"manual"`
	Dismissed    bool       `json:"dismissed"`
	Notes        string     `json:"notes"`
	Reviewed     bool       `json:"reviewed"`
	ReviewedAt   *time.Time `json:"reviewedAt"`
	Decisions    []Decision `json:"decisions"`
	// Actions are the references of actions created from this item.
	Actions   []string  `json:"actions"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
	Version   int       `json:"version"`
}

// Decision is one decision recorded on an agenda item.
type Decision struct {
	ID        string    `json:"id"`
	ItemID    string    `json:"itemId"`
	Text      string    `json:"text"`
	Author    string    `json:"author"`
	CreatedAt time.Time `json:"createdAt"`
}

// MeetingInput creates a meeting. Date (YYYY-MM-DD) and Time (HH:MM, ""
// is DefaultMeetingTime) are read in the series' zone. From and To
// (YYYY-MM-DD, both or neither) set the period [From 00:00, the day after
// To 00:00); without them the period is the default (DefaultPeriodStart
// to the meeting). Title "" is "<series> <date>"; facilitator and
// attendees default to the series'.
type MeetingInput struct {
	Series      string   `json:"series"`
	Title       string   `json:"title"`
	Date        string   `json:"date"`
	Time        string   `json:"time"`
	From        string   `json:"from"`
	To          string   `json:"to"`
	Facilitator string   `json:"facilitator"`
	Attendees   []string `json:"attendees"`
}

// DefaultMeetingTime is a meeting's time of day when none is given.
const DefaultMeetingTime = "10:00"

// MeetingDraft is a validated MeetingInput, times in UTC. PeriodStart is
// nil when the default period applies.
type MeetingDraft struct {
	Title                  string
	At                     time.Time
	PeriodStart, PeriodEnd *time.Time
	Facilitator            string
	Attendees              []string
}

// Validate parses the input in loc (the series' zone); every bad field is
// named.
func (in MeetingInput) Validate(loc *time.Location) (*MeetingDraft, error) {
	fe := FieldErrors{}
	d := &MeetingDraft{Title: strings.TrimSpace(in.Title), Facilitator: in.Facilitator, Attendees: in.Attendees}
	checkOneLine(fe, "title", d.Title, MaxMeetingTitle, false)
	checkPeople(fe, &d.Facilitator, &d.Attendees)
	if strings.TrimSpace(in.Series) == "" {
		fe.Add("series", "is required: name the meeting series")
	}
	day, err := ParseDate(in.Date)
	if strings.TrimSpace(in.Date) == "" {
		fe.Add("date", "is required (YYYY-MM-DD)")
	} else if err != nil {
		fe.Add("date", "%s", err)
	}
	hm := strings.TrimSpace(in.Time)
	if hm == "" {
		hm = DefaultMeetingTime
	}
	clock, err := time.Parse("15:04", hm)
	if err != nil {
		fe.Add("time", "%q is not a time of day; use HH:MM, e.g. 14:30", truncate(in.Time, 20))
	}
	if fe["date"] == "" && fe["time"] == "" {
		t, _ := time.Parse(DateLayout, day)
		d.At = time.Date(t.Year(), t.Month(), t.Day(), clock.Hour(), clock.Minute(), 0, 0, loc).UTC()
	}
	from, to := strings.TrimSpace(in.From), strings.TrimSpace(in.To)
	if (from == "") != (to == "") {
		field := "from"
		if to == "" {
			field = "to"
		}
		fe.Add(field, "give both ends of the period (from and to), or neither for the default period")
	} else if from != "" {
		f, err1 := ParseDate(from)
		t, err2 := ParseDate(to)
		if err1 != nil {
			fe.Add("from", "%s", err1)
		}
		if err2 != nil {
			fe.Add("to", "%s", err2)
		}
		if err1 == nil && err2 == nil {
			start, end := DayStart(f, loc), DayStart(AddDays(t, 1), loc)
			switch {
			case !start.Before(end):
				fe.Add("to", "is before the period's start (%s)", f)
			case end.Sub(start) > MaxMeetingPeriod:
				fe.Add("to", "the period is longer than a year; review a shorter one")
			}
			d.PeriodStart, d.PeriodEnd = &start, &end
		}
	}
	return d, fe.Err()
}

// DayStart is midnight at the start of date (YYYY-MM-DD) in loc, in UTC.
func DayStart(date string, loc *time.Location) time.Time {
	t, _ := time.Parse(DateLayout, date)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc).UTC()
}

func checkOneLine(fe FieldErrors, field, s string, max int, required bool) {
	switch {
	case s == "" && required:
		fe.Add(field, "is required")
	case !utf8.ValidString(s):
		fe.Add(field, "is not valid UTF-8 text")
	case utf8.RuneCountInString(s) > max:
		fe.Add(field, "is %d characters; the limit is %d", utf8.RuneCountInString(s), max)
	case strings.ContainsAny(s, "\r\n"):
		fe.Add(field, "must be one line")
	}
}

func checkNotes(fe FieldErrors, field, s string) {
	switch {
	case len(s) > MaxMeetingNotes:
		fe.Add(field, "is %s; the limit is %s", byteSize(len(s)), byteSize(MaxMeetingNotes))
	case !utf8.ValidString(s):
		fe.Add(field, "is not valid UTF-8 text")
	}
}

// MeetingEdit changes a meeting's own fields; nil fields are kept.
type MeetingEdit struct {
	Title       *string  `json:"title"`
	Facilitator *string  `json:"facilitator"`
	Attendees   []string `json:"attendees"` // nil keeps them
	Notes       *string  `json:"notes"`
}

// Validate trims and checks the edit.
func (e *MeetingEdit) Validate() error {
	fe := FieldErrors{}
	if e.Title != nil {
		t := strings.TrimSpace(*e.Title)
		e.Title = &t
		checkOneLine(fe, "title", t, MaxMeetingTitle, true)
	}
	if e.Facilitator != nil || e.Attendees != nil {
		f := ""
		if e.Facilitator != nil {
			f = *e.Facilitator
		}
		att := e.Attendees
		checkPeople(fe, &f, &att)
		if e.Facilitator != nil {
			e.Facilitator = &f
		}
		if e.Attendees != nil {
			e.Attendees = att
		}
	}
	if e.Notes != nil {
		checkNotes(fe, "notes", *e.Notes)
	}
	return fe.Err()
}

// ItemInput adds an item by hand (Section "" is other), or edits one: nil
// fields are kept. Title and Body of a generated item are its facts and
// cannot be edited (EINVALID); its notes can.
type ItemInput struct {
	Section string  `json:"section"`
	Title   *string `json:"title"`
	Body    *string `json:"body"`
	Notes   *string `json:"notes"`
}

// Validate checks the fields given.
func (in *ItemInput) Validate(adding bool) (AgendaSection, error) {
	fe := FieldErrors{}
	sec := SectionOther
	if strings.TrimSpace(in.Section) != "" {
		s, err := ParseAgendaSection(in.Section)
		if err != nil {
			fe.Add("section", "%s", err)
		}
		sec = s
	}
	if in.Title != nil {
		t := strings.TrimSpace(*in.Title)
		in.Title = &t
		checkOneLine(fe, "title", t, MaxItemTitle, true)
	} else if adding {
		fe.Add("title", "is required")
	}
	if in.Body != nil {
		checkNotes(fe, "body", *in.Body)
	}
	if in.Notes != nil {
		checkNotes(fe, "notes", *in.Notes)
	}
	return sec, fe.Err()
}

// CheckDecision trims a decision's text and checks it.
func CheckDecision(text string) (string, error) {
	fe := FieldErrors{}
	t := strings.TrimSpace(text)
	switch {
	case t == "":
		fe.Add("text", "is required: say what was decided")
	case !utf8.ValidString(t):
		fe.Add("text", "is not valid UTF-8 text")
	case utf8.RuneCountInString(t) > MaxDecisionText:
		fe.Add("text", "is longer than %d characters", MaxDecisionText)
	}
	return t, fe.Err()
}

// ---- agenda facts ----

// AgendaQuery is what an agenda is generated for: the period [Start, End)
// in UTC, the zone its dates are read in, the meeting's day D and the next
// meeting's day (both YYYY-MM-DD in Loc).
type AgendaQuery struct {
	Start, End time.Time
	Loc        *time.Location
	Day        string
	NextDay    string
}

// TrendPeriods is how many periods a trend chart shows, the meeting's own
// last.
const TrendPeriods = 6

// ThemeLookback is the shortest window recurring themes are looked for in.
const ThemeLookback = 90 * 24 * time.Hour

// Length is the period's duration.
func (q AgendaQuery) Length() time.Duration { return q.End.Sub(q.Start) }

// ThemeStart is where the recurring-themes window starts: max(period
// length, 90 days) before End.
func (q AgendaQuery) ThemeStart() time.Time {
	return q.End.Add(-max(q.Length(), ThemeLookback))
}

// TrendPeriod is the k-th period back (0 is the meeting's own): the same
// length, ending where the next one starts.
func (q AgendaQuery) TrendPeriod(k int) (start, end time.Time) {
	l := q.Length()
	return q.Start.Add(-time.Duration(k) * l), q.End.Add(-time.Duration(k) * l)
}

// TrendStart is the start of the oldest trend period.
func (q AgendaQuery) TrendStart() time.Time {
	s, _ := q.TrendPeriod(TrendPeriods - 1)
	return s
}

// AnniversaryWindow is the period one calendar year earlier, in Loc:
// [Start − 1 year, End − 1 year).
func (q AgendaQuery) AnniversaryWindow() (start, end time.Time) {
	return q.Start.In(q.Loc).AddDate(-1, 0, 0).UTC(), q.End.In(q.Loc).AddDate(-1, 0, 0).UTC()
}

// AgendaIncident is an incident with its postmortem's state ("" when it has
// none), as the agenda needs it.
type AgendaIncident struct {
	Incident
	PostmortemID     string           `json:"postmortemId"`
	PostmortemStatus PostmortemStatus `json:"postmortemStatus"`
}

// AgendaCause is one cause statement of an incident.
type AgendaCause struct {
	IncidentID     string    `json:"incidentId"`
	IncidentNumber int       `json:"incidentNumber"`
	Kind           CauseKind `json:"kind"`
	Statement      string    `json:"statement"`
}

// AgendaFacts are the stored facts an agenda is built from; each list is
// exactly what its comment says, so the builder only sorts, groups and
// counts. Incidents and actions of incidents in the trash are never in it.
type AgendaFacts struct {
	Query AgendaQuery
	// Incidents overlap the period: started (the start is never empty)
	// before End and not resolved before Start.
	Incidents []AgendaIncident
	// Postmortems are in review, whatever their dates, or overdue on Day
	// (ReviewPolicy.DueDate and IsReviewOverdue, the policy from the
	// settings); Overdue and DueDate are filled.
	Postmortems []PostmortemSummary
	// Actions are still to do and due before NextDay (overdue or due
	// before the next meeting), or closed (done or won't do) with ClosedAt
	// in the period. A reader may leave out all but the first of each of
	// the three (KindActionOverdue, KindActionDueSoon, KindActionClosed)
	// in agenda order, due date then number (closed: ClosedAt then number),
	// as long as it keeps as many as the agenda lists; ActionCounts then
	// says how many there are of that kind.
	Actions      []ActionItem
	ActionCounts map[string]int
	// Recent incidents started in [ThemeStart, End), with services and
	// tags; Causes are their root and contributing cause statements.
	Recent []AgendaIncident
	Causes []AgendaCause
	// TrendIncidents started or were resolved in [TrendStart, End);
	// TrendActions are done with ClosedAt in [TrendStart, End), and hold
	// only Status, Due and ClosedAt.
	TrendIncidents []AgendaIncident
	TrendActions   []ActionItem
	// Anniversaries started in AnniversaryWindow; AnniversaryActions are
	// all their actions.
	Anniversaries      []AgendaIncident
	AnniversaryActions []ActionItem
}

// ---- service ----

// MeetingService is the review meetings' store contract. A series is named
// by its id or name (case-insensitive); a meeting by its id or reference
// (MTG-0001, case-insensitive, prefix and leading zeros optional); an item
// by its id or its 1-based position in the meeting. Every change is one
// transaction. ENOTFOUND for anything unknown.
type MeetingService interface {
	// CreateSeries validates in and saves a series. A name already used
	// (case-insensitively) is ECONFLICT.
	CreateSeries(ctx context.Context, in SeriesInput) (*MeetingSeries, error)
	GetSeries(ctx context.Context, idOrName string) (*MeetingSeries, error)
	ListSeries(ctx context.Context) ([]MeetingSeries, error)
	// UpdateSeries replaces the series' fields; ECONFLICT on a stale
	// expectedVersion (0 skips the check) or a name taken by another.
	UpdateSeries(ctx context.Context, idOrName string, in SeriesInput, expectedVersion int) (*MeetingSeries, error)
	// DefaultPeriod is the period a meeting of the series at `at` reviews
	// when none is given (DefaultPeriodStart, ending at at).
	DefaultPeriod(ctx context.Context, series string, at time.Time) (start, end time.Time, err error)
	// CreateMeeting validates in, saves the meeting (planned) with the next
	// reference and generates its agenda, in one transaction.
	CreateMeeting(ctx context.Context, in MeetingInput) (*Meeting, error)
	// GetMeeting returns the meeting with its items, decisions and the
	// references of actions created from each item.
	GetMeeting(ctx context.Context, idOrRef string) (*Meeting, error)
	// ListMeetings lists the meetings of a series ("" for all), newest
	// first, without items.
	ListMeetings(ctx context.Context, series string) ([]Meeting, error)
	// UpdateMeeting changes the meeting's own fields; ECONFLICT on a stale
	// expectedVersion (0 skips the check).
	UpdateMeeting(ctx context.Context, idOrRef string, e MeetingEdit, expectedVersion int) (*Meeting, error)
	// SetMeetingStatus moves planned → held (setting HeldAt) or back.
	// The same status again is EINVALID on "status".
	SetMeetingStatus(ctx context.Context, idOrRef string, to MeetingStatus) (*Meeting, error)
	// RegenerateAgenda rebuilds the generated items from today's facts.
	// Items added by hand stay as they are. A generated item whose subject
	// is still generated keeps its position, notes, decisions, reviewed
	// mark and dismissal (a dismissed item stays dismissed) and takes the
	// new facts; new subjects are added at the end of their section; a
	// generated item whose subject no longer applies is removed, unless it
	// has notes, decisions, actions or a reviewed mark, which keep it. A
	// held meeting's agenda is a record: EINVALID on "status".
	RegenerateAgenda(ctx context.Context, idOrRef string) (*Meeting, error)
	// AddItem adds an item by hand at the end of its section.
	AddItem(ctx context.Context, meeting string, in ItemInput) (*AgendaItem, error)
	// UpdateItem changes an item's notes, and the title and body of an
	// item added by hand (EINVALID on "title"/"body" for a generated one).
	// ECONFLICT on a stale expectedVersion (0 skips the check).
	UpdateItem(ctx context.Context, meeting, item string, in ItemInput, expectedVersion int) (*AgendaItem, error)
	// MoveItem puts the item at position (1-based, clamped to the agenda);
	// positions stay dense.
	MoveItem(ctx context.Context, meeting, item string, position int) (*Meeting, error)
	// DismissItem removes an item from the agenda: one added by hand is
	// deleted (with its decisions), a generated one is marked dismissed, so
	// regenerating does not bring it back. dismiss false restores it.
	DismissItem(ctx context.Context, meeting, item string, dismiss bool) (*Meeting, error)
	// AddDecision records a decision on an item (CheckDecision), with
	// Actor(ctx) as author.
	AddDecision(ctx context.Context, meeting, item, text string) (*Decision, error)
	// RemoveDecision deletes a decision by id.
	RemoveDecision(ctx context.Context, id string) error
	// MarkReviewed marks an item (e.g. a postmortem) reviewed in the
	// meeting, or clears the mark.
	MarkReviewed(ctx context.Context, meeting, item string, reviewed bool) (*AgendaItem, error)
	// CreateActionFromItem creates an action (CreateAction's rules and
	// errors) linked to the meeting and the item, and to the item's
	// incident when it is about one and in.Incident is "".
	CreateActionFromItem(ctx context.Context, meeting, item string, in ActionInput) (*ActionItem, error)
	// MeetingActions lists the actions created in the meeting, by reference.
	MeetingActions(ctx context.Context, idOrRef string) ([]ActionItem, error)
}
