package app

import (
	"context"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// noDatabase stands in for the store when the database could not be opened:
// every call answers errNoDatabase, so a stray call from the window gets a
// clear error instead of a nil dereference.
type noDatabase struct{}

var _ domain.IncidentService = noDatabase{}

func (noDatabase) CreateIncident(context.Context, domain.IncidentInput) (*domain.Incident, error) {
	return nil, errNoDatabase
}
func (noDatabase) GetIncident(context.Context, string) (*domain.Incident, error) {
	return nil, errNoDatabase
}
func (noDatabase) UpdateIncident(context.Context, string, domain.IncidentInput, int) (*domain.Incident, error) {
	return nil, errNoDatabase
}
func (noDatabase) ListIncidents(context.Context, domain.IncidentFilter) (*domain.IncidentPage, error) {
	return nil, errNoDatabase
}
func (noDatabase) DeleteIncident(context.Context, string) error { return errNoDatabase }
func (noDatabase) RestoreIncident(context.Context, string) (*domain.Incident, error) {
	return nil, errNoDatabase
}
func (noDatabase) PurgeIncident(context.Context, string) error { return errNoDatabase }
func (noDatabase) StatusHistory(context.Context, string) ([]domain.StatusChange, error) {
	return nil, errNoDatabase
}
func (noDatabase) Services(context.Context) ([]string, error) { return nil, errNoDatabase }
func (noDatabase) Tags(context.Context) ([]string, error)     { return nil, errNoDatabase }
func (noDatabase) People(context.Context) ([]string, error)   { return nil, errNoDatabase }
func (noDatabase) IncidentCounts(context.Context) (domain.IncidentCounts, error) {
	return domain.IncidentCounts{}, errNoDatabase
}
func (noDatabase) Setting(_ context.Context, _, def string) (string, error) { return def, nil }
func (noDatabase) SetSetting(context.Context, string, string) error         { return errNoDatabase }

var _ domain.TimelineService = noDatabase{}

func (noDatabase) AddEvent(context.Context, string, domain.EventInput) (*domain.TimelineEvent, error) {
	return nil, errNoDatabase
}
func (noDatabase) UpdateEvent(context.Context, string, domain.EventInput) (*domain.TimelineEvent, error) {
	return nil, errNoDatabase
}
func (noDatabase) DeleteEvent(context.Context, string) error { return errNoDatabase }
func (noDatabase) RestoreEvent(context.Context, string) (*domain.TimelineEvent, error) {
	return nil, errNoDatabase
}
func (noDatabase) ListEvents(context.Context, string, domain.EventFilter) (*domain.EventPage, error) {
	return nil, errNoDatabase
}
func (noDatabase) ImportEvents(context.Context, string, string, []domain.ImportedEvent) (domain.ImportResult, error) {
	return domain.ImportResult{}, errNoDatabase
}
