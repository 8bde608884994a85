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

var _ domain.ActionService = noDatabase{}

func (noDatabase) CreateAction(context.Context, domain.ActionInput) (*domain.ActionItem, error) {
	return nil, errNoDatabase
}
func (noDatabase) GetAction(context.Context, string) (*domain.ActionItem, error) {
	return nil, errNoDatabase
}
func (noDatabase) UpdateAction(context.Context, string, domain.ActionInput, int) (*domain.ActionItem, error) {
	return nil, errNoDatabase
}
func (noDatabase) SetActionStatus(context.Context, string, string, string, int) (*domain.ActionItem, error) {
	return nil, errNoDatabase
}
func (noDatabase) ListActions(context.Context, domain.ActionFilter) (*domain.ActionPage, error) {
	return nil, errNoDatabase
}
func (noDatabase) BulkUpdateActions(context.Context, []string, domain.ActionPatch) (int, error) {
	return 0, errNoDatabase
}
func (noDatabase) ActionHistory(context.Context, string) ([]domain.ActionChange, error) {
	return nil, errNoDatabase
}
func (noDatabase) ActionCounts(context.Context, string) (domain.ActionCounts, error) {
	return domain.ActionCounts{}, errNoDatabase
}

var _ domain.CauseService = noDatabase{}

func (noDatabase) AddCause(context.Context, string, domain.CauseInput) (*domain.CauseNode, error) {
	return nil, errNoDatabase
}
func (noDatabase) UpdateCause(context.Context, string, domain.CauseInput, int) (*domain.CauseNode, error) {
	return nil, errNoDatabase
}
func (noDatabase) MoveCause(context.Context, string, string, int) (*domain.CauseNode, error) {
	return nil, errNoDatabase
}
func (noDatabase) ShiftCause(context.Context, string, domain.CauseShift) (*domain.CauseNode, error) {
	return nil, errNoDatabase
}
func (noDatabase) DeleteCause(context.Context, string, domain.CauseDeleteMode) error {
	return errNoDatabase
}
func (noDatabase) CauseTree(context.Context, string) (*domain.CauseTree, error) {
	return nil, errNoDatabase
}
func (noDatabase) ImportCauses(context.Context, string, []domain.CauseOutline) (int, error) {
	return 0, errNoDatabase
}
func (noDatabase) AddEvidence(context.Context, string, domain.EvidenceInput) (*domain.Evidence, error) {
	return nil, errNoDatabase
}
func (noDatabase) RemoveEvidence(context.Context, string) error { return errNoDatabase }
func (noDatabase) LinkAction(context.Context, string, string) (*domain.ActionItem, error) {
	return nil, errNoDatabase
}

var _ domain.MetricService = noDatabase{}

func (noDatabase) CreateSource(context.Context, domain.SourceInput) (*domain.MetricSource, error) {
	return nil, errNoDatabase
}
func (noDatabase) UpdateSource(context.Context, string, domain.SourceInput) (*domain.MetricSource, error) {
	return nil, errNoDatabase
}
func (noDatabase) GetSource(context.Context, string) (*domain.MetricSource, error) {
	return nil, errNoDatabase
}
func (noDatabase) ListSources(context.Context) ([]domain.MetricSource, error) {
	return nil, errNoDatabase
}
func (noDatabase) DeleteSource(context.Context, string) error { return errNoDatabase }
func (noDatabase) SaveQuery(context.Context, domain.SavedQueryInput) (*domain.SavedQuery, error) {
	return nil, errNoDatabase
}
func (noDatabase) ListSavedQueries(context.Context, []string) ([]domain.SavedQuery, error) {
	return nil, errNoDatabase
}
func (noDatabase) DeleteSavedQuery(context.Context, string) error { return errNoDatabase }
func (noDatabase) SaveSnapshots(context.Context, string, []domain.Snapshot) ([]domain.Snapshot, error) {
	return nil, errNoDatabase
}
func (noDatabase) ListSnapshots(context.Context, string) ([]domain.Snapshot, error) {
	return nil, errNoDatabase
}
func (noDatabase) SnapshotVersions(context.Context, string) ([]domain.Snapshot, error) {
	return nil, errNoDatabase
}
func (noDatabase) GetSnapshot(context.Context, string) (*domain.Snapshot, error) {
	return nil, errNoDatabase
}
func (noDatabase) SetSignal(context.Context, string, domain.Signal) (*domain.Snapshot, error) {
	return nil, errNoDatabase
}
func (noDatabase) DeleteSnapshotGroup(context.Context, string) error { return errNoDatabase }
