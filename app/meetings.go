package app

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/markdown"
	"github.com/hindsight-app/hindsight/backend/meeting"
)

// MeetingSeriesView is a review meeting series.
type MeetingSeriesView struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Cadence     string   `json:"cadence"`
	Zone        string   `json:"zone"`
	Facilitator string   `json:"facilitator"`
	Attendees   []string `json:"attendees"`
	Version     int      `json:"version"`
}

// MeetingRowView is a meeting as lists show it. Times are unix ms; the
// period is [PeriodStart, PeriodEnd), read in Zone (the series').
type MeetingRowView struct {
	ID          string   `json:"id"`
	Ref         string   `json:"ref"`
	SeriesID    string   `json:"seriesId"`
	SeriesName  string   `json:"seriesName"`
	Cadence     string   `json:"cadence"`
	Zone        string   `json:"zone"`
	Title       string   `json:"title"`
	At          int64    `json:"at"`
	PeriodStart int64    `json:"periodStart"`
	PeriodEnd   int64    `json:"periodEnd"`
	Facilitator string   `json:"facilitator"`
	Attendees   []string `json:"attendees"`
	Status      string   `json:"status"`
	HeldAt      *int64   `json:"heldAt"`
	Version     int      `json:"version"`
}

// DecisionView is one decision on an agenda item.
type DecisionView struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	Author    string `json:"author"`
	CreatedAt int64  `json:"createdAt"`
}

// AgendaItemView is one agenda item. BodyHTML is Body rendered and
// sanitized; Data is the item's JSON (a trend's series), "" for none.
type AgendaItemView struct {
	ID           string         `json:"id"`
	Position     int            `json:"position"`
	Section      string         `json:"section"`
	Kind         string         `json:"kind"`
	Title        string         `json:"title"`
	Body         string         `json:"body"`
	BodyHTML     string         `json:"bodyHtml"`
	IncidentID   string         `json:"incidentId"`
	IncidentRef  string         `json:"incidentRef"`
	ActionID     string         `json:"actionId"`
	ActionRef    string         `json:"actionRef"`
	PostmortemID string         `json:"postmortemId"`
	Data         string         `json:"data"`
	Manual       bool           `json:"manual"`
	Dismissed    bool           `json:"dismissed"`
	Notes        string         `json:"notes"`
	Reviewed     bool           `json:"reviewed"`
	ReviewedAt   *int64         `json:"reviewedAt"`
	Decisions    []DecisionView `json:"decisions"`
	Actions      []string       `json:"actions"`
	Version      int            `json:"version"`
}

// MeetingView is a meeting with its agenda, its sections in order and
// the actions created in it.
type MeetingView struct {
	MeetingRowView
	Notes string `json:"notes"`
	// FileName is the file Export writes now: -agenda.md while planned,
	// -minutes.md once held.
	FileName string                     `json:"fileName"`
	Sections []domain.AgendaSectionInfo `json:"sections"`
	Items    []AgendaItemView           `json:"items"`
	Actions  []ActionView               `json:"actions"`
}

// PeriodView is a default period, as dates (YYYY-MM-DD, inclusive) in the
// series' zone.
type PeriodView struct {
	From string `json:"from"`
	To   string `json:"to"`
	Zone string `json:"zone"`
}

// MeetingExportView is what an export wrote.
type MeetingExportView struct {
	Dir   string   `json:"dir"`
	Files []string `json:"files"`
}

const meetingExportDirSetting = "meetingExportDir"

// MeetingsAPI is bound to the frontend: review meeting series, meetings,
// their agendas, decisions and actions, and the agenda/minutes export.
type MeetingsAPI struct {
	ctx context.Context
	cfg Config
}

func (a *MeetingsAPI) svc() (domain.MeetingService, error) {
	if a.cfg.Meetings == nil {
		return nil, errNoDatabase
	}
	return a.cfg.Meetings, nil
}

func (a *MeetingsAPI) actor() context.Context { return (&IncidentsAPI{cfg: a.cfg}).actor() }

func (a *MeetingsAPI) now() time.Time {
	if a.cfg.Clock == nil {
		return time.Now()
	}
	return a.cfg.Clock()
}

func seriesView(s *domain.MeetingSeries) MeetingSeriesView {
	return MeetingSeriesView{
		ID: s.ID, Name: s.Name, Cadence: string(s.Cadence), Zone: s.Zone, Facilitator: s.Facilitator,
		Attendees: nonNil(s.Attendees), Version: s.Version,
	}
}

func meetingRow(m *domain.Meeting) MeetingRowView {
	return MeetingRowView{
		ID: m.ID, Ref: m.Ref(), SeriesID: m.SeriesID, SeriesName: m.SeriesName, Cadence: string(m.Cadence),
		Zone: m.Zone, Title: m.Title, At: ms(m.At), PeriodStart: ms(m.PeriodStart), PeriodEnd: ms(m.PeriodEnd),
		Facilitator: m.Facilitator, Attendees: nonNil(m.Attendees), Status: string(m.Status),
		HeldAt: msPtr(m.HeldAt), Version: m.Version,
	}
}

func itemView(it *domain.AgendaItem) AgendaItemView {
	v := AgendaItemView{
		ID: it.ID, Position: it.Position, Section: string(it.Section), Kind: it.Kind, Title: it.Title,
		Body: it.Body, BodyHTML: markdown.ToHTML(it.Body), IncidentID: it.IncidentID, IncidentRef: it.IncidentRef,
		ActionID: it.ActionID, ActionRef: it.ActionRef, PostmortemID: it.PostmortemID, Data: it.Data,
		Manual: it.Manual, Dismissed: it.Dismissed, Notes: it.Notes, Reviewed: it.Reviewed,
		ReviewedAt: msPtr(it.ReviewedAt), Decisions: make([]DecisionView, len(it.Decisions)),
		Actions: nonNil(it.Actions), Version: it.Version,
	}
	if it.Body == "" {
		v.BodyHTML = ""
	}
	for k, d := range it.Decisions {
		v.Decisions[k] = DecisionView{ID: d.ID, Text: d.Text, Author: d.Author, CreatedAt: ms(d.CreatedAt)}
	}
	return v
}

// view builds the whole meeting page from a meeting read with its items.
func (a *MeetingsAPI) view(ctx context.Context, m *domain.Meeting) (MeetingView, error) {
	s, err := a.svc()
	if err != nil {
		return MeetingView{}, err
	}
	acts, err := s.MeetingActions(ctx, m.ID)
	if err != nil {
		return MeetingView{}, err
	}
	v := MeetingView{
		MeetingRowView: meetingRow(m), Notes: m.Notes, FileName: meeting.FileName(meeting.Doc{Meeting: m}),
		Sections: domain.AgendaSections,
		Items:    make([]AgendaItemView, len(m.Items)), Actions: make([]ActionView, len(acts)),
	}
	for k := range m.Items {
		v.Items[k] = itemView(&m.Items[k])
	}
	aa := &ActionsAPI{cfg: a.cfg}
	now, loc := a.now(), userZone(a.cfg)
	for k := range acts {
		v.Actions[k] = aa.view(&acts[k], now, loc)
	}
	return v, nil
}

// reread answers a change with the whole meeting as it now is.
func (a *MeetingsAPI) reread(ref string, err error) (MeetingView, error) {
	if err != nil {
		return MeetingView{}, err
	}
	return a.Meeting(ref)
}

// Series lists the series by name.
func (a *MeetingsAPI) Series() ([]MeetingSeriesView, error) {
	s, err := a.svc()
	if err != nil {
		return nil, err
	}
	list, err := s.ListSeries(context.Background())
	if err != nil {
		return nil, err
	}
	out := make([]MeetingSeriesView, len(list))
	for k := range list {
		out[k] = seriesView(&list[k])
	}
	return out, nil
}

// CreateSeries saves a new series; every bad field is named.
func (a *MeetingsAPI) CreateSeries(in domain.SeriesInput) (MeetingSeriesView, error) {
	s, err := a.svc()
	if err != nil {
		return MeetingSeriesView{}, err
	}
	x, err := s.CreateSeries(a.actor(), in)
	if err != nil {
		return MeetingSeriesView{}, err
	}
	return seriesView(x), nil
}

// UpdateSeries replaces the series' fields; a stale version is ECONFLICT.
func (a *MeetingsAPI) UpdateSeries(id string, in domain.SeriesInput, version int) (MeetingSeriesView, error) {
	s, err := a.svc()
	if err != nil {
		return MeetingSeriesView{}, err
	}
	x, err := s.UpdateSeries(a.actor(), id, in, version)
	if err != nil {
		return MeetingSeriesView{}, err
	}
	return seriesView(x), nil
}

// List lists the meetings of a series ("" for all), newest first.
func (a *MeetingsAPI) List(series string) ([]MeetingRowView, error) {
	s, err := a.svc()
	if err != nil {
		return nil, err
	}
	list, err := s.ListMeetings(context.Background(), series)
	if err != nil {
		return nil, err
	}
	out := make([]MeetingRowView, len(list))
	for k := range list {
		out[k] = meetingRow(&list[k])
	}
	return out, nil
}

// DefaultPeriod is the period a meeting of the series on date (YYYY-MM-DD)
// at hm (HH:MM, "" for the default time) reviews when none is given, as
// inclusive dates in the series' zone: what the new-meeting form shows.
func (a *MeetingsAPI) DefaultPeriod(series, date, hm string) (PeriodView, error) {
	s, err := a.svc()
	if err != nil {
		return PeriodView{}, err
	}
	ctx := context.Background()
	sr, err := s.GetSeries(ctx, series)
	if err != nil {
		return PeriodView{}, err
	}
	loc, err := domain.LoadZone(sr.Zone)
	if err != nil {
		return PeriodView{}, err
	}
	d, err := domain.MeetingInput{Series: sr.ID, Date: date, Time: hm}.Validate(loc)
	if err != nil {
		return PeriodView{}, err
	}
	start, end, err := s.DefaultPeriod(ctx, sr.ID, d.At)
	if err != nil {
		return PeriodView{}, err
	}
	// end is exclusive: the last whole day is the one before it, unless
	// the period ends mid-day (at the meeting), which that day includes.
	last := end.In(loc)
	if last.Equal(time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, loc)) {
		last = last.Add(-time.Nanosecond)
	}
	return PeriodView{From: domain.Today(start, loc), To: domain.Today(last, loc), Zone: sr.Zone}, nil
}

// Create saves a meeting and generates its agenda.
func (a *MeetingsAPI) Create(in domain.MeetingInput) (MeetingView, error) {
	s, err := a.svc()
	if err != nil {
		return MeetingView{}, err
	}
	m, err := s.CreateMeeting(a.actor(), in)
	if err != nil {
		return MeetingView{}, err
	}
	return a.Meeting(m.ID)
}

// Meeting returns the meeting with its agenda.
func (a *MeetingsAPI) Meeting(idOrRef string) (MeetingView, error) {
	s, err := a.svc()
	if err != nil {
		return MeetingView{}, err
	}
	ctx := context.Background()
	m, err := s.GetMeeting(ctx, idOrRef)
	if err != nil {
		return MeetingView{}, err
	}
	return a.view(ctx, m)
}

// Update changes the meeting's title, facilitator, attendees or notes (nil
// keeps a field); a stale version is ECONFLICT.
func (a *MeetingsAPI) Update(idOrRef string, e domain.MeetingEdit, version int) (MeetingView, error) {
	s, err := a.svc()
	if err != nil {
		return MeetingView{}, err
	}
	m, err := s.UpdateMeeting(a.actor(), idOrRef, e, version)
	if err != nil {
		return MeetingView{}, err
	}
	return a.reread(m.ID, nil)
}

// SetStatus marks the meeting held ("held") or planned again ("planned").
func (a *MeetingsAPI) SetStatus(idOrRef, status string) (MeetingView, error) {
	s, err := a.svc()
	if err != nil {
		return MeetingView{}, err
	}
	to, err := domain.ParseMeetingStatus(status)
	if err != nil {
		fe := domain.FieldErrors{}
		fe.Add("status", "%s", err)
		return MeetingView{}, fe.Err()
	}
	_, err = s.SetMeetingStatus(a.actor(), idOrRef, to)
	return a.reread(idOrRef, err)
}

// Regenerate rebuilds the generated items from today's data, keeping what
// the meeting added.
func (a *MeetingsAPI) Regenerate(idOrRef string) (MeetingView, error) {
	s, err := a.svc()
	if err != nil {
		return MeetingView{}, err
	}
	_, err = s.RegenerateAgenda(a.actor(), idOrRef)
	return a.reread(idOrRef, err)
}

// AddItem adds an item by hand at the end of its section.
func (a *MeetingsAPI) AddItem(meetingRef string, in domain.ItemInput) (MeetingView, error) {
	s, err := a.svc()
	if err != nil {
		return MeetingView{}, err
	}
	_, err = s.AddItem(a.actor(), meetingRef, in)
	return a.reread(meetingRef, err)
}

// UpdateItem saves an item's notes (and a hand-added item's title and
// body); a stale version is ECONFLICT.
func (a *MeetingsAPI) UpdateItem(meetingRef, item string, in domain.ItemInput, version int) (AgendaItemView, error) {
	s, err := a.svc()
	if err != nil {
		return AgendaItemView{}, err
	}
	it, err := s.UpdateItem(a.actor(), meetingRef, item, in, version)
	if err != nil {
		return AgendaItemView{}, err
	}
	return itemView(it), nil
}

// MoveItem puts an item at position (1-based).
func (a *MeetingsAPI) MoveItem(meetingRef, item string, position int) (MeetingView, error) {
	s, err := a.svc()
	if err != nil {
		return MeetingView{}, err
	}
	_, err = s.MoveItem(a.actor(), meetingRef, item, position)
	return a.reread(meetingRef, err)
}

// DismissItem takes an item off the agenda, or (dismiss false) puts a
// dismissed generated item back.
func (a *MeetingsAPI) DismissItem(meetingRef, item string, dismiss bool) (MeetingView, error) {
	s, err := a.svc()
	if err != nil {
		return MeetingView{}, err
	}
	_, err = s.DismissItem(a.actor(), meetingRef, item, dismiss)
	return a.reread(meetingRef, err)
}

// AddDecision records a decision on an item.
func (a *MeetingsAPI) AddDecision(meetingRef, item, text string) (MeetingView, error) {
	s, err := a.svc()
	if err != nil {
		return MeetingView{}, err
	}
	_, err = s.AddDecision(a.actor(), meetingRef, item, text)
	return a.reread(meetingRef, err)
}

// RemoveDecision deletes a decision.
func (a *MeetingsAPI) RemoveDecision(meetingRef, id string) (MeetingView, error) {
	s, err := a.svc()
	if err != nil {
		return MeetingView{}, err
	}
	return a.reread(meetingRef, s.RemoveDecision(a.actor(), id))
}

// MarkReviewed marks an item reviewed in the meeting, or clears the mark.
func (a *MeetingsAPI) MarkReviewed(meetingRef, item string, reviewed bool) (MeetingView, error) {
	s, err := a.svc()
	if err != nil {
		return MeetingView{}, err
	}
	_, err = s.MarkReviewed(a.actor(), meetingRef, item, reviewed)
	return a.reread(meetingRef, err)
}

// CreateAction creates an action from an item, linked to the meeting, the
// item and the item's incident; the deadline's "today" is the user's zone
// unless in.Zone says otherwise.
func (a *MeetingsAPI) CreateAction(meetingRef, item string, in domain.ActionInput) (MeetingView, error) {
	s, err := a.svc()
	if err != nil {
		return MeetingView{}, err
	}
	if in.Zone == "" {
		in.Zone = userZone(a.cfg).String()
	}
	_, err = s.CreateActionFromItem(a.actor(), meetingRef, item, in)
	return a.reread(meetingRef, err)
}

func (a *MeetingsAPI) doc(idOrRef string) (meeting.Doc, error) {
	s, err := a.svc()
	if err != nil {
		return meeting.Doc{}, err
	}
	ctx := context.Background()
	m, err := s.GetMeeting(ctx, idOrRef)
	if err != nil {
		return meeting.Doc{}, err
	}
	acts, err := s.MeetingActions(ctx, m.ID)
	if err != nil {
		return meeting.Doc{}, err
	}
	return meeting.Doc{Meeting: m, Actions: acts, Now: a.now(), Version: a.cfg.Version}, nil
}

// Markdown is the agenda (planned) or minutes (held) as the export writes
// it, for copying.
func (a *MeetingsAPI) Markdown(idOrRef string) (string, error) {
	d, err := a.doc(idOrRef)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := meeting.Markdown(&b, d); err != nil {
		return "", err
	}
	return b.String(), nil
}

// ExportDir is the folder of the last meeting export, else the last
// postmortem export's, "" before either.
func (a *MeetingsAPI) ExportDir() string {
	ctx := context.Background()
	if v, _ := a.cfg.Settings.Setting(ctx, meetingExportDirSetting, ""); v != "" {
		return v
	}
	v, _ := a.cfg.Settings.Setting(ctx, exportDirSetting, "")
	return v
}

// ChooseExportDir asks for a folder; "" when the user cancels.
func (a *MeetingsAPI) ChooseExportDir() (string, error) {
	if a.ctx == nil {
		return "", domain.Errorf(domain.EINVALID, "no window to open a folder dialog in; type the folder")
	}
	return runtime.OpenDirectoryDialog(a.ctx, runtime.OpenDialogOptions{
		Title: "Export the meeting into…", DefaultDirectory: a.ExportDir(), CanCreateDirectories: true,
	})
}

// Export writes the agenda or minutes into dir; force overwrites. An
// existing file is ECONFLICT on "dir" and nothing is written.
func (a *MeetingsAPI) Export(idOrRef, dir string, force bool) (MeetingExportView, error) {
	dir = strings.TrimSpace(dir)
	if dir == "" {
		fe := domain.FieldErrors{}
		fe.Add("dir", "is required: choose the folder to export into")
		return MeetingExportView{}, fe.Err()
	}
	d, err := a.doc(idOrRef)
	if err != nil {
		return MeetingExportView{}, err
	}
	files, err := meeting.Export(dir, d, force)
	if err != nil {
		if code := domain.ErrorCode(err); code == domain.ECONFLICT || code == domain.ENOTFOUND || code == domain.EINVALID {
			fe := domain.FieldErrors{}
			fe.Add("dir", "%s", domain.ErrorMessage(err))
			return MeetingExportView{}, fe.Err()
		}
		return MeetingExportView{}, err
	}
	_ = a.cfg.Settings.SetSetting(context.Background(), meetingExportDirSetting, dir)
	for k, f := range files {
		files[k] = filepath.Join(dir, filepath.FromSlash(f))
	}
	return MeetingExportView{Dir: dir, Files: nonNil(files)}, nil
}
