// Package store keeps Hindsight's data in SQLite through GORM.
package store

// Store is the SQLite store. It implements domain.IncidentService and
// domain.SettingsService.
type Store struct{}
