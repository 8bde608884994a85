package domain

import (
	"context"
	"time"
)

// IncidentFilter selects a page of incidents. Zero values select everything.
type IncidentFilter struct {
	// Query matches the reference, title, summary, commander, services and tags
	// (case-insensitive substring).
	Query      string     `json:"query"`
	Statuses   []Status   `json:"statuses"`
	Severities []Severity `json:"severities"`
	Services   []string   `json:"services"`
	// Trashed lists the trash instead of the live incidents.
	Trashed bool `json:"trashed"`
	// Sort is one of IncidentSortKeys, "-" in front for descending. "" is
	// "-started" (newest first).
	Sort   string `json:"sort"`
	Limit  int    `json:"limit"`
	Offset int    `json:"offset"`
}

// IncidentSortKeys are the columns a list can be sorted by.
var IncidentSortKeys = []string{"ref", "title", "severity", "status", "started", "updated", "ttr"}

const (
	DefaultPageSize = 50
	MaxPageSize     = 200
)

// IncidentPage is one page of a filtered list and the size of the whole list.
type IncidentPage struct {
	Items  []Incident
	Total  int
	Offset int
	Limit  int
}

// IncidentService is the incident store's contract. idOrRef accepts the UUID
// or the human reference (INC-0042, case-insensitive, leading zeros optional).
type IncidentService interface {
	// CreateIncident validates in and saves a new incident with the next
	// reference. Returns EINVALID with field errors and saves nothing if in
	// is not valid.
	CreateIncident(ctx context.Context, in IncidentInput) (*Incident, error)
	// GetIncident returns ENOTFOUND if there is no such incident or it is in
	// the trash.
	GetIncident(ctx context.Context, idOrRef string) (*Incident, error)
	// UpdateIncident replaces the incident's fields with in. If
	// expectedVersion is not 0 and differs from the stored version it returns
	// ECONFLICT and saves nothing. A status change is checked against the
	// allowed transitions and recorded in the status history.
	UpdateIncident(ctx context.Context, idOrRef string, in IncidentInput, expectedVersion int) (*Incident, error)
	// ListIncidents returns one page. Returns EINVALID for an unknown sort key
	// or filter value.
	ListIncidents(ctx context.Context, f IncidentFilter) (*IncidentPage, error)
	// DeleteIncident moves the incident, and all that hangs under it, to the
	// trash. Returns ENOTFOUND if it is not live.
	DeleteIncident(ctx context.Context, idOrRef string) error
	// RestoreIncident brings an incident back from the trash. Returns
	// ENOTFOUND if it is not in the trash.
	RestoreIncident(ctx context.Context, idOrRef string) (*Incident, error)
	// PurgeIncident deletes a trashed incident for good. Returns ENOTFOUND if
	// it is not in the trash: purging is only ever from the trash.
	PurgeIncident(ctx context.Context, idOrRef string) error
	// StatusHistory returns the incident's status changes, oldest first.
	StatusHistory(ctx context.Context, idOrRef string) ([]StatusChange, error)
	// Services, Tags and People list the shared names for autocompletion,
	// most used first.
	Services(ctx context.Context) ([]string, error)
	Tags(ctx context.Context) ([]string, error)
	People(ctx context.Context) ([]string, error)
	// IncidentCounts counts live incidents, and those still active.
	IncidentCounts(ctx context.Context) (IncidentCounts, error)
}

// IncidentCounts are the numbers the sidebar and the first-run screen show.
type IncidentCounts struct {
	Total   int `json:"total"`
	Active  int `json:"active"`
	Trashed int `json:"trashed"`
}

// SettingsService keeps small per-database preferences.
type SettingsService interface {
	// Setting returns the stored value, or def if none is stored.
	Setting(ctx context.Context, key, def string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

type actorKey struct{}

// WithActor returns a context that names the person making changes; the
// store records it in histories.
func WithActor(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, actorKey{}, name)
}

// Actor returns the person named by WithActor, or "".
func Actor(ctx context.Context) string {
	s, _ := ctx.Value(actorKey{}).(string)
	return s
}

// Clock is the source of "now"; tests replace it.
type Clock func() time.Time

// ActionFilter selects a page of actions across all incidents. Zero values
// select everything. Actions of incidents in the trash are never listed.
type ActionFilter struct {
	// Query matches the reference, title and description (case-insensitive
	// substring).
	Query string `json:"query"`
	// Owner is a person's name, case-insensitive; Unowned selects actions
	// with no owner instead.
	Owner      string         `json:"owner"`
	Unowned    bool           `json:"unowned"`
	Statuses   []ActionStatus `json:"statuses"`
	Priorities []Priority     `json:"priorities"`
	Types      []ActionType   `json:"types"`
	// Services selects actions of incidents affecting any of these services.
	Services []string `json:"services"`
	// Incident is an incident's id or reference: only its actions.
	Incident string `json:"incident"`
	// Overdue: still to do and due before today (ActionItem.IsOverdue).
	Overdue bool `json:"overdue"`
	// DueThisWeek: due Monday to Sunday of this week (ThisWeek).
	DueThisWeek bool `json:"dueThisWeek"`
	// Zone decides "today"; "" is the user's zone setting, else the
	// machine's.
	Zone string `json:"zone"`
	// Sort is one of ActionSortKeys, "-" in front for descending. "" is
	// "due" (soonest first; actions without a date last either way).
	Sort   string `json:"sort"`
	Limit  int    `json:"limit"`
	Offset int    `json:"offset"`
}

// ActionSortKeys are the columns the actions list can be sorted by.
var ActionSortKeys = []string{"ref", "title", "owner", "due", "priority", "status", "type", "incident", "created", "updated"}

// MaxActionPage is the largest page of actions (the CLI's export pages
// through the whole list with it).
const MaxActionPage = 1000

// ActionPage is one page of a filtered list and the size of the whole list.
// Items leave out the description (GetAction has it).
type ActionPage struct {
	Items  []ActionItem
	Total  int
	Offset int
	Limit  int
}

// ActionPatch is a change applied to many actions at once; nil fields are
// left as they are. An empty Owner or Due clears it.
type ActionPatch struct {
	Owner  *string `json:"owner"`
	Status *string `json:"status"`
	// Reason goes with Status wont_do.
	Reason *string `json:"reason"`
	Due    *string `json:"due"`
}

// MaxBulk is how many actions one bulk change may name.
const MaxBulk = 5000

// ActionCounts are the numbers the sidebar shows: actions still to do, and
// those of them overdue.
type ActionCounts struct {
	Open    int `json:"open"`
	Overdue int `json:"overdue"`
}

// ActionService is the action store's contract. idOrRef accepts the UUID or
// the human reference (ACT-0007, case-insensitive, leading zeros and the
// prefix optional: "7" works). An action whose incident is in the trash is
// in the trash with it: ENOTFOUND, and never listed or counted.
//
// Default deadlines: on create, an action without a due date is given one,
// today (in the input's zone) plus the priority's days, read from the
// settings named in Priorities (SettingKey, e.g. "actionDueP1"; whole days)
// or the built-in 28/56/84.
type ActionService interface {
	// CreateAction validates in and saves a new action with the next
	// reference. Returns EINVALID with field errors (an unknown incident is
	// a field error on "incident") and saves nothing if in is not valid.
	CreateAction(ctx context.Context, in ActionInput) (*ActionItem, error)
	// GetAction returns ENOTFOUND if there is no such action or its incident
	// is in the trash.
	GetAction(ctx context.Context, idOrRef string) (*ActionItem, error)
	// UpdateAction replaces the action's fields with in (see ActionInput for
	// what empty means). If expectedVersion is not 0 and differs from the
	// stored version it returns ECONFLICT and saves nothing. Each changed
	// field is recorded in the history; an update that changes nothing
	// saves nothing and keeps the version. An unknown incident is EINVALID
	// on "incident".
	UpdateAction(ctx context.Context, idOrRef string, in ActionInput, expectedVersion int) (*ActionItem, error)
	// SetActionStatus changes only the status (reason: why, for wont_do),
	// with the same rules and errors as UpdateAction.
	SetActionStatus(ctx context.Context, idOrRef string, status, reason string, expectedVersion int) (*ActionItem, error)
	// ListActions returns one page. Returns EINVALID for an unknown sort key
	// or filter value, ENOTFOUND for an unknown Incident.
	ListActions(ctx context.Context, f ActionFilter) (*ActionPage, error)
	// BulkUpdateActions applies p to every named action in one transaction,
	// all or nothing, and returns how many there were. The first action
	// that cannot take the change is named in the error (EINVALID, or
	// ENOTFOUND for an unknown action), and nothing is saved.
	BulkUpdateActions(ctx context.Context, idsOrRefs []string, p ActionPatch) (int, error)
	// ActionHistory returns the action's changes, oldest first.
	ActionHistory(ctx context.Context, idOrRef string) ([]ActionChange, error)
	// ActionCounts counts the listed actions still to do and those overdue,
	// "today" being in zone ("" as in ActionFilter).
	ActionCounts(ctx context.Context, zone string) (ActionCounts, error)
}

// CauseService is the root-cause tree store's contract. incident accepts an
// id or a reference, like IncidentService; a node is named by its id. Every
// change is one transaction: it all happens or none of it does. A node of
// an incident in the trash is in the trash with it: ENOTFOUND.
type CauseService interface {
	// AddCause validates in and adds a node (see CauseInput for where it
	// goes). Returns EINVALID naming the field: "parentId" for an unknown
	// parent or one of another incident, or one at MaxCauseDepth; "after"
	// for a sibling that is not a child of the parent; "statement", "kind",
	// "notes". ENOTFOUND for an unknown or trashed incident.
	AddCause(ctx context.Context, incident string, in CauseInput) (*CauseNode, error)
	// UpdateCause changes a node's kind, statement and notes (see
	// CauseInput). If expectedVersion is not 0 and differs from the stored
	// one it returns ECONFLICT and saves nothing. ENOTFOUND for an unknown
	// node.
	UpdateCause(ctx context.Context, id string, in CauseInput, expectedVersion int) (*CauseNode, error)
	// MoveCause makes the node (with its subtree) a child of parentID ("" to
	// start a tree) at position among the new siblings, clamped to their
	// number; a negative position is last. Siblings stay numbered 0..n-1.
	// Returns EINVALID on "parentId" for a move under the node itself or
	// one of its descendants (a cycle), for a parent of another incident,
	// and for a move that would make the tree deeper than MaxCauseDepth.
	MoveCause(ctx context.Context, id, parentID string, position int) (*CauseNode, error)
	// ShiftCause makes one outline-editor move (CauseShift). A move that
	// cannot be made (indenting the first sibling, outdenting a tree's
	// first node, moving the first sibling up) returns EINVALID on "move"
	// and changes nothing.
	ShiftCause(ctx context.Context, id string, shift CauseShift) (*CauseNode, error)
	// DeleteCause deletes a node. A node with children needs a mode:
	// without one it returns ECONFLICT and deletes nothing. Actions linked
	// to a deleted node stay, unlinked; its evidence goes with it.
	DeleteCause(ctx context.Context, id string, mode CauseDeleteMode) error
	// CauseTree returns all the incident's nodes in outline order, with
	// their evidence and linked actions.
	CauseTree(ctx context.Context, incident string) (*CauseTree, error)
	// ImportCauses adds the outline's trees after the incident's existing
	// ones, all or nothing, and returns how many nodes it added. EINVALID
	// names the line of the first node that breaks a rule.
	ImportCauses(ctx context.Context, incident string, trees []CauseOutline) (int, error)
	// AddEvidence links evidence to a node. An event must be a live event
	// of the node's incident: EINVALID on "eventId" otherwise.
	AddEvidence(ctx context.Context, nodeID string, in EvidenceInput) (*Evidence, error)
	// RemoveEvidence unlinks evidence; ENOTFOUND if there is none with id.
	RemoveEvidence(ctx context.Context, id string) error
	// LinkAction links an action (id or reference) to a node, or unlinks it
	// when nodeID is "". The action must belong to the node's incident or
	// to none: EINVALID on "action" otherwise. ENOTFOUND for an unknown
	// action or node.
	LinkAction(ctx context.Context, action, nodeID string) (*ActionItem, error)
}
