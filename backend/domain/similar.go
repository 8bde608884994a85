package domain

import (
	"context"
	"time"
)

// Bounds on how many similar incidents one answer holds.
const (
	DefaultSimilarLimit = 5
	MaxSimilarLimit     = 20
)

// Why an incident was found alike: the kinds of SimilarReason.
const (
	SimilarServices = "services"
	SimilarCauses   = "causes"
	SimilarWords    = "words"
	SimilarTags     = "tags"
)

// SimilarReason is one signal that made an incident alike, in words a
// person reads ("Same services: checkout, payments"). Items are what was
// shared (service or tag names, words), or for causes the two statements:
// this incident's first, the other's second. Score is the signal's part
// of the whole score.
type SimilarReason struct {
	Kind  string   `json:"kind"`
	Text  string   `json:"text"`
	Items []string `json:"items"`
	Score float64  `json:"score"`
}

// SimilarIncident is another incident found alike, with why. Score is in
// (0, 1]: the weighted sum of the signals (see the store's similar.go).
type SimilarIncident struct {
	ID        string          `json:"id"`
	Ref       string          `json:"ref"`
	Title     string          `json:"title"`
	Severity  Severity        `json:"severity"`
	Status    Status          `json:"status"`
	StartedAt time.Time       `json:"startedAt"`
	Score     float64         `json:"score"`
	Reasons   []SimilarReason `json:"reasons"`
}

// SimilarService finds the incidents most alike one incident.
type SimilarService interface {
	// SimilarIncidents returns up to limit other live incidents most
	// alike the incident idOrRef (by its services, root-cause statements,
	// words and tags), best first; ties go to the most recent. limit 0
	// takes DefaultSimilarLimit; above MaxSimilarLimit or negative is
	// EINVALID. An incident with nothing alike gets an empty list. A
	// trashed or unknown incident is ENOTFOUND.
	SimilarIncidents(ctx context.Context, idOrRef string, limit int) ([]SimilarIncident, error)
}

// CheckSimilarLimit normalises a limit (0 takes the default) and refuses
// one out of range.
func CheckSimilarLimit(limit int) (int, error) {
	switch {
	case limit == 0:
		return DefaultSimilarLimit, nil
	case limit < 0 || limit > MaxSimilarLimit:
		fe := FieldErrors{}
		fe.Add("limit", "is %d; give 1 to %d", limit, MaxSimilarLimit)
		return 0, fe.Err()
	}
	return limit, nil
}
