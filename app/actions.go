package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/google/renameio/v2"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/hindsight-app/hindsight/backend/action/export"
	"github.com/hindsight-app/hindsight/backend/domain"
)

// ActionView is one action item as the window shows it. Due is a calendar
// date (YYYY-MM-DD); times are unix ms. Overdue, DaysOverdue and Hints are
// derived when the view is built, never stored.
type ActionView struct {
	ID            string `json:"id"`
	Ref           string `json:"ref"`
	Title         string `json:"title"`
	Description   string `json:"description"`
	Owner         string `json:"owner"`
	Due           string `json:"due"`
	Priority      string `json:"priority"`
	Type          string `json:"type"`
	Status        string `json:"status"`
	Reason        string `json:"reason"`
	IncidentID    string `json:"incidentId"`
	IncidentRef   string `json:"incidentRef"`
	IncidentTitle string `json:"incidentTitle"`
	// CauseNodeID is the root-cause node the action answers, or "".
	CauseNodeID  string        `json:"causeNodeId"`
	Link         string        `json:"link"`
	Verification string        `json:"verification"`
	CreatedAt    int64         `json:"createdAt"`
	UpdatedAt    int64         `json:"updatedAt"`
	ClosedAt     *int64        `json:"closedAt"`
	Version      int           `json:"version"`
	Overdue      bool          `json:"overdue"`
	DaysOverdue  int           `json:"daysOverdue"`
	Hints        []domain.Hint `json:"hints"`
}

// ActionPageView is one page of the actions list.
type ActionPageView struct {
	Items  []ActionView `json:"items"`
	Total  int          `json:"total"`
	Offset int          `json:"offset"`
	Limit  int          `json:"limit"`
}

// ActionChangeView is one line of an action's history.
type ActionChangeView struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
	At    int64  `json:"at"`
	By    string `json:"by"`
}

// ExportView is an export written to a file the person chose.
type ExportView struct {
	Path  string `json:"path"`
	Count int    `json:"count"`
}

// ActionsAPI is bound to the frontend: action items, on an incident and
// across all of them.
type ActionsAPI struct {
	ctx context.Context
	cfg Config
}

func (a *ActionsAPI) actor() context.Context {
	return (&IncidentsAPI{cfg: a.cfg}).actor()
}

func (a *ActionsAPI) now() time.Time {
	if a.cfg.Clock != nil {
		return a.cfg.Clock()
	}
	return time.Now()
}

// zone is the user's zone: the one "today" (overdue, default deadlines) is
// decided in.
func (a *ActionsAPI) zone() *time.Location { return userZone(a.cfg) }

// userZone is the zone of the user's setting, else the machine's.
func userZone(cfg Config) *time.Location {
	name, _ := cfg.Settings.Setting(context.Background(), "zone", "")
	loc, err := domain.LoadZone(name)
	if err != nil || loc == nil {
		return time.Local
	}
	return loc
}

func (a *ActionsAPI) view(x *domain.ActionItem, now time.Time, loc *time.Location) ActionView {
	return ActionView{
		ID: x.ID, Ref: x.Ref(), Title: x.Title, Description: x.Description, Owner: x.Owner, Due: x.Due,
		Priority: string(x.Priority), Type: string(x.Type), Status: string(x.Status), Reason: x.Reason,
		IncidentID: x.IncidentID, IncidentRef: x.IncidentRef(), IncidentTitle: x.IncidentTitle, CauseNodeID: x.CauseNodeID,
		Link: x.Link, Verification: x.Verification, CreatedAt: ms(x.CreatedAt), UpdatedAt: ms(x.UpdatedAt),
		ClosedAt: msPtr(x.ClosedAt), Version: x.Version,
		Overdue: x.IsOverdue(now, loc), DaysOverdue: x.DaysOverdue(now, loc), Hints: domain.ActionHints(x, now, loc),
	}
}

func (a *ActionsAPI) one(x *domain.ActionItem, err error) (ActionView, error) {
	if err != nil {
		return ActionView{}, err
	}
	return a.view(x, a.now(), a.zone()), nil
}

// Create saves a new action; an empty due date takes the priority's default
// deadline.
func (a *ActionsAPI) Create(in domain.ActionInput) (ActionView, error) {
	return a.one(a.cfg.Actions.CreateAction(a.actor(), in))
}

// Get returns one action with its description.
func (a *ActionsAPI) Get(idOrRef string) (ActionView, error) {
	return a.one(a.cfg.Actions.GetAction(context.Background(), idOrRef))
}

// Update replaces the action's fields; version guards against overwriting a
// newer save (ECONFLICT).
func (a *ActionsAPI) Update(idOrRef string, in domain.ActionInput, version int) (ActionView, error) {
	return a.one(a.cfg.Actions.UpdateAction(a.actor(), idOrRef, in, version))
}

// SetStatus changes only the status; won't do needs a reason.
func (a *ActionsAPI) SetStatus(idOrRef, status, reason string, version int) (ActionView, error) {
	return a.one(a.cfg.Actions.SetActionStatus(a.actor(), idOrRef, status, reason, version))
}

// actionPageCap bounds a page sent to the window: 200 of the largest rows
// the domain allows are about 820 KB (TestActionPagePayloadStaysUnderOneMegabyte).
const actionPageCap = 200

// List returns one page of the filtered list (at most actionPageCap rows,
// without descriptions, so a page stays under the bridge budget).
func (a *ActionsAPI) List(f domain.ActionFilter) (ActionPageView, error) {
	if f.Limit <= 0 || f.Limit > actionPageCap {
		f.Limit = actionPageCap
	}
	p, err := a.cfg.Actions.ListActions(context.Background(), f)
	if err != nil {
		return ActionPageView{}, err
	}
	now, loc := a.now(), a.zone()
	if f.Zone != "" {
		if l, err := domain.LoadZone(f.Zone); err == nil && l != nil {
			loc = l
		}
	}
	out := ActionPageView{Items: make([]ActionView, len(p.Items)), Total: p.Total, Offset: p.Offset, Limit: p.Limit}
	for k := range p.Items {
		out.Items[k] = a.view(&p.Items[k], now, loc)
	}
	return out, nil
}

// Bulk applies one change to many actions in one transaction: all or none.
func (a *ActionsAPI) Bulk(idsOrRefs []string, p domain.ActionPatch) (int, error) {
	return a.cfg.Actions.BulkUpdateActions(a.actor(), idsOrRefs, p)
}

// History returns the action's changes, oldest first.
func (a *ActionsAPI) History(idOrRef string) ([]ActionChangeView, error) {
	h, err := a.cfg.Actions.ActionHistory(context.Background(), idOrRef)
	if err != nil {
		return nil, err
	}
	out := make([]ActionChangeView, len(h))
	for k, c := range h {
		out[k] = ActionChangeView{Field: c.Field, From: c.From, To: c.To, At: ms(c.At), By: c.By}
	}
	return out, nil
}

// Counts are the sidebar's open and overdue numbers.
func (a *ActionsAPI) Counts() (domain.ActionCounts, error) {
	return a.cfg.Actions.ActionCounts(context.Background(), "")
}

// all reads every action the filter selects, page by page.
func (a *ActionsAPI) all(f domain.ActionFilter) ([]domain.ActionItem, error) {
	var items []domain.ActionItem
	f.Offset, f.Limit = 0, domain.MaxActionPage
	for {
		p, err := a.cfg.Actions.ListActions(context.Background(), f)
		if err != nil {
			return nil, err
		}
		items = append(items, p.Items...)
		if len(p.Items) < f.Limit || len(items) >= p.Total {
			return items, nil
		}
		f.Offset += len(p.Items)
	}
}

// exportCap bounds an export returned as text (for the clipboard): past it
// the person saves a file instead.
const exportCap = 900 << 10

// ExportText returns the filtered list as a markdown table or CSV, for the
// clipboard. A list too large for the bridge is refused with a message that
// says to save it as a file.
func (a *ActionsAPI) ExportText(f domain.ActionFilter, format string) (string, error) {
	items, err := a.all(f)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := export.Write(&buf, format, items, a.now(), a.zone()); err != nil {
		return "", err
	}
	if buf.Len() > exportCap {
		return "", domain.Errorf(domain.EINVALID, "the export is %d KB, too large to copy; save it as a file instead", buf.Len()>>10)
	}
	return buf.String(), nil
}

// ExportFile asks where to save the filtered list and writes it there
// atomically (a temporary file renamed into place). An empty path means the
// person cancelled.
func (a *ActionsAPI) ExportFile(f domain.ActionFilter, format string) (ExportView, error) {
	if a.ctx == nil {
		return ExportView{}, domain.Errorf(domain.EINVALID, "no window to open a save dialog in; use the CLI: hindsight action export")
	}
	ext := ".md"
	if format == "csv" {
		ext = ".csv"
	}
	path, err := runtime.SaveFileDialog(a.ctx, runtime.SaveDialogOptions{
		Title: "Export actions", DefaultFilename: "actions" + ext, CanCreateDirectories: true,
	})
	if err != nil || path == "" {
		return ExportView{}, err
	}
	return a.exportTo(path, f, format)
}

func (a *ActionsAPI) exportTo(path string, f domain.ActionFilter, format string) (ExportView, error) {
	items, err := a.all(f)
	if err != nil {
		return ExportView{}, err
	}
	var buf bytes.Buffer
	if err := export.Write(&buf, format, items, a.now(), a.zone()); err != nil {
		return ExportView{}, err
	}
	if err := renameio.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		fe := domain.FieldErrors{}
		fe.Add("file", "cannot write %q: %v", filepath.Base(path), unwrapPath(err))
		return ExportView{}, fe.Err()
	}
	return ExportView{Path: path, Count: len(items)}, nil
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
