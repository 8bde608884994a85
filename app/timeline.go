package app

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/timeline"
)

// EventView is one timeline event as the Timeline tab shows it.
type EventView struct {
	ID           string   `json:"id"`
	IncidentID   string   `json:"incidentId"`
	At           int64    `json:"at"`
	Kind         string   `json:"kind"`
	Author       string   `json:"author"`
	Body         string   `json:"body"`
	Source       string   `json:"source"`
	SourceFormat string   `json:"sourceFormat"`
	Tags         []string `json:"tags"`
	KeyMoment    string   `json:"keyMoment"`
	UpdatedAt    int64    `json:"updatedAt"`
}

// EventPageView is one page of a timeline; total is -1 after the first page.
type EventPageView struct {
	Items  []EventView `json:"items"`
	Total  int         `json:"total"`
	Offset int         `json:"offset"`
	Limit  int         `json:"limit"`
}

func eventView(e *domain.TimelineEvent) EventView {
	return EventView{
		ID: e.ID, IncidentID: e.IncidentID, At: ms(e.At), Kind: string(e.Kind), Author: e.Author, Body: e.Body,
		Source: string(e.Source), SourceFormat: e.SourceFormat, Tags: nonNil(e.Tags), KeyMoment: string(e.KeyMoment),
		UpdatedAt: ms(e.UpdatedAt),
	}
}

// TimelineAPI is bound to the frontend: the incident's timeline.
type TimelineAPI struct {
	ctx context.Context
	cfg Config
}

func (a *TimelineAPI) now() time.Time {
	if a.cfg.Clock != nil {
		return a.cfg.Clock()
	}
	return time.Now()
}

func (a *TimelineAPI) actor() context.Context {
	return (&IncidentsAPI{cfg: a.cfg}).actor()
}

// Add saves a typed event on an incident.
func (a *TimelineAPI) Add(incident string, in domain.EventInput) (EventView, error) {
	e, err := a.cfg.Timeline.AddEvent(a.actor(), incident, in)
	if err != nil {
		return EventView{}, err
	}
	return eventView(e), nil
}

// Update changes an event.
func (a *TimelineAPI) Update(id string, in domain.EventInput) (EventView, error) {
	e, err := a.cfg.Timeline.UpdateEvent(a.actor(), id, in)
	if err != nil {
		return EventView{}, err
	}
	return eventView(e), nil
}

// Delete removes an event; Restore undoes it.
func (a *TimelineAPI) Delete(id string) error {
	return a.cfg.Timeline.DeleteEvent(a.actor(), id)
}

// Restore brings a deleted event back.
func (a *TimelineAPI) Restore(id string) (EventView, error) {
	e, err := a.cfg.Timeline.RestoreEvent(a.actor(), id)
	if err != nil {
		return EventView{}, err
	}
	return eventView(e), nil
}

// List returns one page of an incident's timeline, oldest first.
func (a *TimelineAPI) List(incident string, f domain.EventFilter) (EventPageView, error) {
	p, err := a.cfg.Timeline.ListEvents(context.Background(), incident, f)
	if err != nil {
		return EventPageView{}, err
	}
	out := EventPageView{Items: make([]EventView, len(p.Items)), Total: p.Total, Offset: p.Offset, Limit: p.Limit}
	for k := range p.Items {
		out.Items[k] = eventView(&p.Items[k])
	}
	return out, nil
}

// ImportRequest is a paste or a file to import, with the choices made in
// the preview for the lines not understood.
type ImportRequest struct {
	Text string `json:"text"`
	// Path is a file or a Slack export folder chosen with ChooseFile; it
	// is read instead of Text when set, so a large file never crosses the
	// bridge.
	Path string `json:"path"`
	// Incident, when set, lets the preview warn about events days outside
	// the incident's window.
	Incident string `json:"incident"`
	Format   string `json:"format"` // auto, text, slack, csv, json
	Zone     string `json:"zone"`
	Date     string `json:"date"` // YYYY-MM-DD for time-only lines before any date heading
	Join     []int  `json:"join"` // problem lines to join to the event above
	Skip     []int  `json:"skip"` // problem lines to leave out
}

// PreviewEventView is one parsed event in the preview.
type PreviewEventView struct {
	Line      int      `json:"line"`
	At        int64    `json:"at"`
	Kind      string   `json:"kind"`
	Author    string   `json:"author"`
	Body      string   `json:"body"`
	KeyMoment string   `json:"keyMoment"`
	Warnings  []string `json:"warnings"`
}

// ProblemView is a line not understood; Pending while neither joined nor
// skipped.
type ProblemView struct {
	Line    int    `json:"line"`
	Text    string `json:"text"`
	Reason  string `json:"reason"`
	Pending bool   `json:"pending"`
}

// PreviewView is what an import would do. Events and problems are capped so
// the answer stays under the bridge budget; Total* say how many there are.
type PreviewView struct {
	Format        string             `json:"format"`
	Events        []PreviewEventView `json:"events"`
	TotalEvents   int                `json:"totalEvents"`
	Problems      []ProblemView      `json:"problems"`
	TotalProblems int                `json:"totalProblems"`
	Pending       int                `json:"pending"`
	Warnings      []string           `json:"warnings"`
}

// previewCap bounds the rows a preview sends (about 1,000 short events
// stay well under 1 MB); the import itself takes everything.
const previewCap = 1000

func (r ImportRequest) prepare() (*timeline.Prepared, error) {
	req := timeline.Request{Format: r.Format, Zone: r.Zone, Date: r.Date, Join: r.Join, Skip: r.Skip}
	if r.Path != "" {
		return timeline.PreparePath(r.Path, req)
	}
	req.Data = []byte(r.Text)
	return timeline.Prepare(req)
}

// ImportFileView is a file or folder chosen for import.
type ImportFileView struct {
	Path   string `json:"path"`
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	Folder bool   `json:"folder"`
}

// ChooseFile asks for a timeline file, or with folder a Slack export's
// channel folder. An empty path means the person cancelled.
func (a *TimelineAPI) ChooseFile(folder bool) (ImportFileView, error) {
	if a.ctx == nil {
		return ImportFileView{}, domain.Errorf(domain.EINVALID, "no window to open a file dialog in; use the CLI: hindsight timeline import")
	}
	var path string
	var err error
	if folder {
		path, err = runtime.OpenDirectoryDialog(a.ctx, runtime.OpenDialogOptions{Title: "Choose a Slack export channel folder"})
	} else {
		path, err = runtime.OpenFileDialog(a.ctx, runtime.OpenDialogOptions{
			Title: "Choose a timeline to import",
			Filters: []runtime.FileFilter{
				{DisplayName: "Timelines (*.txt, *.md, *.log, *.csv, *.json)", Pattern: "*.txt;*.md;*.markdown;*.log;*.csv;*.json"},
				{DisplayName: "All files", Pattern: "*"},
			},
		})
	}
	if err != nil || path == "" {
		return ImportFileView{}, err
	}
	return fileView(path)
}

func fileView(path string) (ImportFileView, error) {
	fi, err := os.Stat(path)
	if err != nil {
		fe := domain.FieldErrors{}
		fe.Add("file", "cannot read %q: %v", path, unwrapPath(err))
		return ImportFileView{}, fe.Err()
	}
	return ImportFileView{Path: path, Name: filepath.Base(path), Size: fi.Size(), Folder: fi.IsDir()}, nil
}

// Preview parses a paste and says what would be imported and which lines
// were not understood; it saves nothing.
func (a *TimelineAPI) Preview(req ImportRequest) (PreviewView, error) {
	p, err := req.prepare()
	if err != nil {
		return PreviewView{}, err
	}
	if req.Incident != "" {
		inc, err := a.cfg.Incidents.GetIncident(context.Background(), req.Incident)
		if err != nil {
			return PreviewView{}, err
		}
		loc, _ := domain.LoadZone(req.Zone)
		p.CheckWindow(inc, a.now(), loc)
	}
	pending := map[int]bool{}
	for _, pr := range p.Pending {
		pending[pr.Line] = true
	}
	out := PreviewView{Format: string(p.Result.Format), TotalEvents: len(p.Events), TotalProblems: len(p.Result.Problems),
		Pending: len(p.Pending), Warnings: nonNil(p.Result.Warnings), Events: []PreviewEventView{}, Problems: []ProblemView{}}
	for k, e := range p.Events {
		if k == previewCap {
			break
		}
		pe := p.Result.Events[k]
		out.Events = append(out.Events, PreviewEventView{Line: pe.Line, At: ms(e.At), Kind: e.Kind, Author: e.Author,
			Body: e.Body, KeyMoment: e.KeyMoment, Warnings: nonNil(pe.Warnings)})
	}
	for k, pr := range p.Result.Problems {
		if k == previewCap {
			break
		}
		out.Problems = append(out.Problems, ProblemView{Line: pr.Line, Text: pr.Text, Reason: pr.Reason, Pending: pending[pr.Line]})
	}
	return out, nil
}

// Import saves a paste: all of it or nothing, refused while any line not
// understood is neither joined nor skipped.
func (a *TimelineAPI) Import(incident string, req ImportRequest) (domain.ImportResult, error) {
	p, err := req.prepare()
	if err != nil {
		return domain.ImportResult{}, err
	}
	if err := p.Err(); err != nil {
		return domain.ImportResult{}, err
	}
	return a.cfg.Timeline.ImportEvents(a.actor(), incident, string(p.Result.Format), p.Events)
}
