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
