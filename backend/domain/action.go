package domain

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Priority is how soon an action must be done, P1 soonest.
type Priority string

const (
	P1 Priority = "P1"
	P2 Priority = "P2"
	P3 Priority = "P3"
)

// PriorityInfo is a priority with its words and its default deadline.
type PriorityInfo struct {
	Name  Priority `json:"name"`
	Label string   `json:"label"`
	// DefaultDueDays is the deadline, in days after creation, given to an
	// action created without a due date; SettingKey overrides it.
	DefaultDueDays int    `json:"defaultDueDays"`
	SettingKey     string `json:"settingKey"`
}

// Priorities lists the priorities, most urgent first.
var Priorities = []PriorityInfo{
	{P1, "Urgent", 28, "actionDueP1"},
	{P2, "Important", 56, "actionDueP2"},
	{P3, "Normal", 84, "actionDueP3"},
}

// DefaultPriority is given to an action created without one.
const DefaultPriority = P2

// MaxDueDays bounds the per-priority default deadline settings (ten years).
const MaxDueDays = 3650

// ParsePriority accepts "P2", "p2" and "2".
func ParsePriority(s string) (Priority, error) {
	v := strings.ToUpper(strings.TrimSpace(s))
	if len(v) == 1 {
		v = "P" + v
	}
	for _, p := range Priorities {
		if p.Name == Priority(v) {
			return p.Name, nil
		}
	}
	return "", fmt.Errorf("unknown priority %q; use P1, P2 or P3", truncate(s, 20))
}

// ParseDueDays checks the value of a default-deadline setting: whole days,
// 1 to MaxDueDays.
func ParseDueDays(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > MaxDueDays {
		return 0, fmt.Errorf("%q is not a number of days from 1 to %d", truncate(s, 20), MaxDueDays)
	}
	return n, nil
}

// ActionType says what an action does about the incident.
type ActionType string

// ActionTypeInfo is a type with the words shown beside it.
type ActionTypeInfo struct {
	Name    ActionType `json:"name"`
	Label   string     `json:"label"`
	Meaning string     `json:"meaning"`
}

// ActionTypes lists the types in the order the UI offers them.
var ActionTypes = []ActionTypeInfo{
	{"mitigate", "Mitigate", "Reduces the impact if it happens again."},
	{"prevent", "Prevent", "Stops it from happening again."},
	{"detect", "Detect", "Finds it sooner next time."},
	{"process", "Process", "Changes how people work: runbooks, reviews, training."},
}

// DefaultActionType is given to an action created without a type: most
// follow-ups of a postmortem are there to prevent a recurrence.
const DefaultActionType ActionType = "prevent"

// ParseActionType accepts a type name in any case.
func ParseActionType(s string) (ActionType, error) {
	v := ActionType(strings.ToLower(strings.TrimSpace(s)))
	names := make([]string, len(ActionTypes))
	for i, t := range ActionTypes {
		if t.Name == v {
			return v, nil
		}
		names[i] = string(t.Name)
	}
	return "", fmt.Errorf("unknown type %q; use one of %s", truncate(s, 20), strings.Join(names, ", "))
}

// ActionStatus is where an action is.
type ActionStatus string

const (
	ActionOpen       ActionStatus = "open"
	ActionInProgress ActionStatus = "in_progress"
	ActionBlocked    ActionStatus = "blocked"
	ActionDone       ActionStatus = "done"
	ActionWontDo     ActionStatus = "wont_do"
)

// ActionStatusInfo is a status with the words shown beside it.
type ActionStatusInfo struct {
	Name  ActionStatus `json:"name"`
	Label string       `json:"label"`
	// Closed: the action needs no more work (done or won't do).
	Closed bool `json:"closed"`
}

// ActionStatuses lists the statuses in board order. Any status may follow
// any other; leaving a closed status is a reopen.
var ActionStatuses = []ActionStatusInfo{
	{ActionOpen, "Open", false},
	{ActionInProgress, "In progress", false},
	{ActionBlocked, "Blocked", false},
	{ActionDone, "Done", true},
	{ActionWontDo, "Won't do", true},
}

// ParseActionStatus accepts a status name in any case; "in progress",
// "in-progress", "won't do" and "wont-do" also work.
func ParseActionStatus(s string) (ActionStatus, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	v = strings.NewReplacer(" ", "_", "-", "_", "'", "", "’", "").Replace(v)
	names := make([]string, len(ActionStatuses))
	for i, st := range ActionStatuses {
		if st.Name == ActionStatus(v) {
			return st.Name, nil
		}
		names[i] = string(st.Name)
	}
	return "", fmt.Errorf("unknown status %q; use one of %s", truncate(s, 20), strings.Join(names, ", "))
}

// IsClosed reports whether the action needs no more work.
func (s ActionStatus) IsClosed() bool { return s == ActionDone || s == ActionWontDo }

// OpenActionStatuses are the statuses of actions still to do: the ones that
// count as open, and can be overdue.
var OpenActionStatuses = []ActionStatus{ActionOpen, ActionInProgress, ActionBlocked}

// DateLayout is how a calendar date is written and stored: due dates are
// dates, not instants, so "due 2026-12-01" means that day wherever the
// reader is, and sorts as text.
const DateLayout = "2006-01-02"

// ParseDate reads a calendar date, YYYY-MM-DD, and returns it normalised.
func ParseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return "", fmt.Errorf("%q is not a date; use YYYY-MM-DD, e.g. 2026-12-01", truncate(s, 40))
	}
	if t.Year() < 2000 || t.Year() > 2199 {
		return "", fmt.Errorf("%q is not a plausible due date; use a year from 2000 to 2199", s)
	}
	return t.Format(DateLayout), nil
}

// Today is the calendar date of now in loc. It is the one place "today" is
// decided, for overdue, due this week, default deadlines and hints.
func Today(now time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.Local
	}
	return now.In(loc).Format(DateLayout)
}

// AddDays returns the date n days after the date d (YYYY-MM-DD).
func AddDays(d string, n int) string {
	t, err := time.Parse(DateLayout, d)
	if err != nil {
		return d
	}
	return t.AddDate(0, 0, n).Format(DateLayout)
}

// ThisWeek returns the first and last dates, Monday to Sunday, of the week
// that holds today in loc: "due this week".
func ThisWeek(now time.Time, loc *time.Location) (monday, sunday string) {
	today := Today(now, loc)
	t, _ := time.Parse(DateLayout, today)
	back := (int(t.Weekday()) + 6) % 7 // days since Monday
	monday = AddDays(today, -back)
	return monday, AddDays(monday, 6)
}

// daysBetween counts whole days from date a to date b (b - a).
func daysBetween(a, b string) int {
	ta, err1 := time.Parse(DateLayout, a)
	tb, err2 := time.Parse(DateLayout, b)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(tb.Sub(ta).Hours() / 24)
}

// ActionItem is a stored action. It may answer a cause node of its
// incident's root-cause tree (CauseNodeID). A later issue links it to the
// review meeting that created it, as a nullable column (see the actions
// migration).
type ActionItem struct {
	ID     string
	Number int
	Title  string
	// Description is markdown.
	Description string
	Owner       string
	// Due is a calendar date, YYYY-MM-DD, or "" for none (see DateLayout).
	Due      string
	Priority Priority
	Type     ActionType
	Status   ActionStatus
	// Reason says why an action will not be done; set only when Status is
	// wont_do.
	Reason string
	// IncidentID is "" for an action that belongs to no incident (one from
	// a review meeting). IncidentNumber and IncidentTitle come with it.
	IncidentID     string
	IncidentNumber int
	IncidentTitle  string
	// Link is the action in an external tracker, http or https.
	Link string
	// Verification says how we will know the action worked.
	Verification string
	// CauseNodeID is the cause node the action answers, or "" (see
	// CauseService.LinkAction).
	CauseNodeID string
	// MeetingID and AgendaItemID name the review meeting, and the item of
	// its agenda, the action was created in; "" for none.
	MeetingID    string
	AgendaItemID string
	CreatedAt    time.Time
	UpdatedAt    time.Time
	// ClosedAt is when the action last became done or won't do; nil while
	// it is open.
	ClosedAt *time.Time
	// Version counts saves, as for incidents.
	Version int
}

// ActionRef formats the human reference of action number n.
func ActionRef(n int) string { return fmt.Sprintf("ACT-%04d", n) }

// Ref is the human reference, ACT-0007. It is never reused.
func (a *ActionItem) Ref() string { return ActionRef(a.Number) }

// IncidentRef is the reference of the action's incident, or "".
func (a *ActionItem) IncidentRef() string {
	if a.IncidentID == "" {
		return ""
	}
	return IncidentRef(a.IncidentNumber)
}

// IsOverdue reports whether the action is still to do and its due date is
// strictly before today in loc: an action due today is not overdue yet.
// The store's overdue filter and counts use the same rule in SQL (due <
// Today, status in OpenActionStatuses).
func (a *ActionItem) IsOverdue(now time.Time, loc *time.Location) bool {
	return a.Due != "" && !a.Status.IsClosed() && a.Due < Today(now, loc)
}

// DaysOverdue is how many days past its due date an overdue action is (1 the
// day after it was due), and 0 for an action that is not overdue.
func (a *ActionItem) DaysOverdue(now time.Time, loc *time.Location) int {
	if !a.IsOverdue(now, loc) {
		return 0
	}
	return daysBetween(a.Due, Today(now, loc))
}

// Input turns a stored action back into the input that would save it
// unchanged.
func (a *ActionItem) Input() ActionInput {
	return ActionInput{
		Title: a.Title, Description: a.Description, Owner: a.Owner, Due: a.Due,
		Priority: string(a.Priority), Type: string(a.Type), Status: string(a.Status),
		Reason: a.Reason, Incident: a.IncidentID, Link: a.Link, Verification: a.Verification,
	}
}

// ActionChange is one changed field in an action's history. Values are as
// shown to people: names, YYYY-MM-DD, INC-0042; "" for none. The first entry
// of every history is the status the action was created with (From "").
type ActionChange struct {
	ID       string
	ActionID string
	Field    string
	From     string
	To       string
	At       time.Time
	By       string
}

// ActionInput is what a person or a script sends to create or change an
// action. On create, an empty Priority, Type or Status takes the default (P2,
// prevent, open) and an empty Due takes the priority's default deadline; on
// update, an empty Priority, Type or Status keeps the stored one, and an
// empty Due clears the date.
type ActionInput struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Owner       string `json:"owner"`
	// Due is YYYY-MM-DD.
	Due      string `json:"due"`
	Priority string `json:"priority"`
	Type     string `json:"type"`
	Status   string `json:"status"`
	Reason   string `json:"reason"`
	// Incident is the incident's id or reference; "" for none.
	Incident     string `json:"incident"`
	Link         string `json:"link"`
	Verification string `json:"verification"`
	// CauseNodeID links a new action to the cause node it answers (the
	// outline's "add action"), in the same transaction; an action with no
	// Incident takes the node's. Only create reads it: an update keeps the
	// link, which CauseService.LinkAction changes.
	CauseNodeID string `json:"causeNodeId"`
	// MeetingID and AgendaItemID link a new action to the review meeting
	// (and item) it was created in. Only create reads them, like
	// CauseNodeID; MeetingService.CreateActionFromItem sets both.
	MeetingID    string `json:"meetingId"`
	AgendaItemID string `json:"agendaItemId"`
	// Zone is the IANA zone whose "today" dates the default deadline; "" is
	// the user's zone setting, else the machine's.
	Zone string `json:"zone"`
}

// Limits on one action.
const (
	MaxActionTitleLen = 500 // characters; a hint fires above LongActionTitle
	LongActionTitle   = 120 // characters
	MaxActionDescLen  = 50_000
	MaxVerifyLen      = 5_000
	MaxReasonLen      = 2_000
	MaxLinkLen        = 2_000
)

// ActionDraft is a validated ActionInput. Finish completes it against the
// stored action (or none, on create).
type ActionDraft struct {
	Title, Description, Owner, Due string
	Priority                       Priority
	Type                           ActionType
	Status                         ActionStatus
	Reason, Incident, Link         string
	Verification                   string
	CauseNodeID                    string
}

// Validate parses and checks an input; every bad field is named.
func (in ActionInput) Validate() (*ActionDraft, error) {
	fe := FieldErrors{}
	d := &ActionDraft{}

	d.Title = strings.TrimSpace(in.Title)
	switch {
	case d.Title == "":
		fe.Add("title", "is required; say what will be done")
	case !utf8.ValidString(d.Title):
		fe.Add("title", "is not valid UTF-8 text")
	case utf8.RuneCountInString(d.Title) > MaxActionTitleLen:
		fe.Add("title", "is %d characters long; the limit is %d", utf8.RuneCountInString(d.Title), MaxActionTitleLen)
	case strings.ContainsAny(d.Title, "\r\n"):
		fe.Add("title", "must be one line")
	}
	text := func(field, s string, max int) string {
		s = strings.TrimRight(s, " \t\r\n")
		if len(s) > max {
			fe.Add(field, "is %d bytes; the limit is %d", len(s), max)
		} else if !utf8.ValidString(s) {
			fe.Add(field, "is not valid UTF-8 text")
		}
		return s
	}
	d.Description = text("description", in.Description, MaxActionDescLen)
	d.Verification = strings.TrimSpace(text("verification", in.Verification, MaxVerifyLen))
	d.Reason = strings.TrimSpace(text("reason", in.Reason, MaxReasonLen))

	d.Owner = strings.TrimSpace(in.Owner)
	if d.Owner != "" {
		if msg := checkName(d.Owner); msg != "" {
			fe.Add("owner", "%s", msg)
		}
	}
	if strings.TrimSpace(in.Due) != "" {
		if due, err := ParseDate(in.Due); err != nil {
			fe.Add("due", "%s", err)
		} else {
			d.Due = due
		}
	}
	var err error
	if strings.TrimSpace(in.Priority) != "" {
		if d.Priority, err = ParsePriority(in.Priority); err != nil {
			fe.Add("priority", "%s", err)
		}
	}
	if strings.TrimSpace(in.Type) != "" {
		if d.Type, err = ParseActionType(in.Type); err != nil {
			fe.Add("type", "%s", err)
		}
	}
	if strings.TrimSpace(in.Status) != "" {
		if d.Status, err = ParseActionStatus(in.Status); err != nil {
			fe.Add("status", "%s", err)
		}
	}
	if d.Status == ActionWontDo && d.Reason == "" {
		fe.Add("reason", "is required when the status is wont_do; say why it will not be done")
	}
	if d.Link, err = CheckLink(in.Link); err != nil {
		fe.Add("link", "%s", err)
	}
	d.Incident = strings.TrimSpace(in.Incident)
	d.CauseNodeID = strings.TrimSpace(in.CauseNodeID)
	if _, err := LoadZone(in.Zone); err != nil {
		fe.Add("zone", "%s", err)
	}
	return d, fe.Err()
}

// CheckLink accepts "" (no link) or an absolute http or https URL with a
// host, and returns it trimmed. Anything else (javascript:, file:, data:,
// a bare word) is refused: the link is opened with one click.
func CheckLink(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if len(s) > MaxLinkLen {
		return "", fmt.Errorf("is %d characters long; the limit is %d", len(s), MaxLinkLen)
	}
	if strings.ContainsAny(s, " \t\r\n") || !utf8.ValidString(s) {
		return "", fmt.Errorf("%q is not a URL (it contains spaces or line breaks)", truncate(s, 40))
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("%q is not a URL; use http:// or https://", truncate(s, 40))
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return "", fmt.Errorf("%q has no scheme; start it with https://", truncate(s, 40))
	default:
		return "", fmt.Errorf("%s: links are not allowed; use an http:// or https:// link", strings.ToLower(u.Scheme))
	}
	if u.Host == "" {
		return "", fmt.Errorf("%q has no host; use a full link such as https://tracker.example.com/T-1", truncate(s, 40))
	}
	return s, nil
}

// Finish completes a validated draft against the stored action (nil on
// create) and returns the ClosedAt the action gets: on create an empty
// priority, type or status takes the default and an empty due date the
// priority's default deadline (dueDays days after today in loc; see
// DueDaysFor); on update they keep the stored value (the due date excepted:
// empty clears it). Becoming done or won't do sets ClosedAt to now; leaving
// them (a reopen) clears it. The reason is kept only for won't do.
func (d *ActionDraft) Finish(prev *ActionItem, now time.Time, loc *time.Location, dueDays func(Priority) int) (*time.Time, error) {
	if prev == nil {
		if d.Priority == "" {
			d.Priority = DefaultPriority
		}
		if d.Type == "" {
			d.Type = DefaultActionType
		}
		if d.Status == "" {
			d.Status = ActionOpen
		}
		if d.Due == "" && dueDays != nil {
			d.Due = AddDays(Today(now, loc), dueDays(d.Priority))
		}
	} else {
		if d.Priority == "" {
			d.Priority = prev.Priority
		}
		if d.Type == "" {
			d.Type = prev.Type
		}
		if d.Status == "" {
			d.Status = prev.Status
		}
	}
	if d.Status != ActionWontDo {
		d.Reason = ""
	} else if d.Reason == "" {
		// The status came from the stored action (a wont_do whose reason
		// was cleared).
		return nil, FieldErrors{"reason": "is required when the status is wont_do; say why it will not be done"}.Err()
	}
	if !d.Status.IsClosed() {
		return nil, nil
	}
	if prev != nil && prev.Status.IsClosed() && prev.ClosedAt != nil {
		return prev.ClosedAt, nil // done → won't do keeps when it was closed
	}
	t := now.UTC()
	return &t, nil
}

// DueDaysFor returns the default deadline of each priority given the stored
// settings (setting(key) returns "" when none is stored). A setting that is
// not a valid number of days falls back to the built-in default.
func DueDaysFor(setting func(key string) string) func(Priority) int {
	return func(p Priority) int {
		for _, info := range Priorities {
			if info.Name != p {
				continue
			}
			if v := setting(info.SettingKey); v != "" {
				if n, err := ParseDueDays(v); err == nil {
					return n
				}
			}
			return info.DefaultDueDays
		}
		return Priorities[len(Priorities)-1].DefaultDueDays
	}
}

// Hint is advice shown beside an action; it never blocks a save.
type Hint struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Hint codes.
const (
	HintNoOwner   = "no_owner"
	HintNoDue     = "no_due"
	HintVague     = "vague"
	HintPastDue   = "due_in_past"
	HintLongTitle = "long_title"
)

// vagueVerb finds words that name activity rather than an outcome.
var vagueVerb = regexp.MustCompile(`(?i)\b(investigate|investigating|look(ing)? into|look at|consider|considering|monitor|monitoring|explore|think about|evaluate)\b`)

// measurable finds something that can be checked: a number, a percentile,
// a threshold word or a unit.
var measurable = regexp.MustCompile(`(?i)(\d|\bp\d\d\b|%|\b(threshold|slo|sli|alert|alerts|alerting|under|below|above|less than|more than|at least|at most|within|zero|no more than|ms|seconds|minutes)\b)`)

// ActionHints returns the quality hints for an action, in a stable order.
// "Due in the past" compares the due date with the day the action was
// created (now, for one not saved yet), both in loc.
func ActionHints(a *ActionItem, now time.Time, loc *time.Location) []Hint {
	hints := []Hint{}
	if strings.TrimSpace(a.Owner) == "" {
		hints = append(hints, Hint{HintNoOwner, "No owner: an action nobody owns is not done. Name one person."})
	}
	if a.Due == "" {
		hints = append(hints, Hint{HintNoDue, "No due date: give it one so it shows up as overdue if it slips."})
	} else {
		created := now
		if !a.CreatedAt.IsZero() {
			created = a.CreatedAt
		}
		if day := Today(created, loc); a.Due < day {
			hints = append(hints, Hint{HintPastDue, fmt.Sprintf("The due date (%s) was already past when the action was created (%s).", a.Due, day)})
		}
	}
	if m := vagueVerb.FindString(a.Title); m != "" && !measurable.MatchString(a.Title+"\n"+a.Verification) {
		hints = append(hints, Hint{HintVague, fmt.Sprintf("%q with nothing measurable: say what will change, or the number or threshold that shows it is done.", strings.ToLower(m))})
	}
	if n := utf8.RuneCountInString(a.Title); n > LongActionTitle {
		hints = append(hints, Hint{HintLongTitle, fmt.Sprintf("The title is %d characters; keep it under %d and put the detail in the description.", n, LongActionTitle)})
	}
	return hints
}
