package store

import (
	"context"

	"github.com/hindsight-app/hindsight/backend/domain"
)

var _ domain.IncidentService = (*Store)(nil)
var _ domain.SettingsService = (*Store)(nil)

func (s *Store) CreateIncident(ctx context.Context, in domain.IncidentInput) (*domain.Incident, error) {
	panic("todo")
}
func (s *Store) GetIncident(ctx context.Context, idOrRef string) (*domain.Incident, error) {
	panic("todo")
}
func (s *Store) UpdateIncident(ctx context.Context, idOrRef string, in domain.IncidentInput, expectedVersion int) (*domain.Incident, error) {
	panic("todo")
}
func (s *Store) ListIncidents(ctx context.Context, f domain.IncidentFilter) (*domain.IncidentPage, error) {
	panic("todo")
}
func (s *Store) DeleteIncident(ctx context.Context, idOrRef string) error { panic("todo") }
func (s *Store) RestoreIncident(ctx context.Context, idOrRef string) (*domain.Incident, error) {
	panic("todo")
}
func (s *Store) PurgeIncident(ctx context.Context, idOrRef string) error { panic("todo") }
func (s *Store) StatusHistory(ctx context.Context, idOrRef string) ([]domain.StatusChange, error) {
	panic("todo")
}
func (s *Store) Services(ctx context.Context) ([]string, error) { panic("todo") }
func (s *Store) Tags(ctx context.Context) ([]string, error)     { panic("todo") }
func (s *Store) People(ctx context.Context) ([]string, error)   { panic("todo") }
func (s *Store) IncidentCounts(ctx context.Context) (domain.IncidentCounts, error) {
	panic("todo")
}
func (s *Store) Setting(ctx context.Context, key, def string) (string, error) { panic("todo") }
func (s *Store) SetSetting(ctx context.Context, key, value string) error      { panic("todo") }
