package app

import (
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// View types cross the bridge as JSON. Times are unix milliseconds (UTC) and
// durations milliseconds; the frontend formats them in the chosen zone.

// IncidentView is one incident as the incident page shows it.
type IncidentView struct {
	ID             string   `json:"id"`
	Ref            string   `json:"ref"`
	Number         int      `json:"number"`
	Title          string   `json:"title"`
	Summary        string   `json:"summary"`
	Severity       string   `json:"severity"`
	Status         string   `json:"status"`
	Services       []string `json:"services"`
	Tags           []string `json:"tags"`
	Commander      string   `json:"commander"`
	CustomerImpact string   `json:"customerImpact"`
	StartedAt      *int64   `json:"startedAt"`
	DetectedAt     *int64   `json:"detectedAt"`
	MitigatedAt    *int64   `json:"mitigatedAt"`
	ResolvedAt     *int64   `json:"resolvedAt"`
	// Durations from the start, derived in one place (domain.Incident.Durations).
	TimeToDetectMs   *int64 `json:"timeToDetectMs"`
	TimeToMitigateMs *int64 `json:"timeToMitigateMs"`
	TimeToResolveMs  *int64 `json:"timeToResolveMs"`
	CreatedAt        int64  `json:"createdAt"`
	UpdatedAt        int64  `json:"updatedAt"`
	DeletedAt        *int64 `json:"deletedAt"`
	Version          int    `json:"version"`
	// NextStatuses are the statuses this incident may move to now.
	NextStatuses []string `json:"nextStatuses"`
}

// IncidentPageView is one page of the incident list. Rows carry no summary or
// customer impact, so a page stays far below the bridge's 1 MB budget.
type IncidentPageView struct {
	Items  []IncidentView `json:"items"`
	Total  int            `json:"total"`
	Offset int            `json:"offset"`
	Limit  int            `json:"limit"`
}

// StatusChangeView is one step of the lifecycle history.
type StatusChangeView struct {
	From   string `json:"from"`
	To     string `json:"to"`
	At     int64  `json:"at"`
	By     string `json:"by"`
	Reopen bool   `json:"reopen"`
}

// MetaView is what the frontend needs to know once: the vocabulary and where
// the data lives.
type MetaView struct {
	Version    string                 `json:"version"`
	DBPath     string                 `json:"dbPath"`
	LogPath    string                 `json:"logPath"`
	SystemZone string                 `json:"systemZone"`
	Severities []domain.SeverityInfo  `json:"severities"`
	Statuses   []domain.StatusInfo    `json:"statuses"`
	SortKeys   []string               `json:"sortKeys"`
	EventKinds []domain.EventKindInfo `json:"eventKinds"`
	// The action vocabulary: priorities with their default deadlines,
	// types, statuses in board order, sort keys.
	Priorities     []domain.PriorityInfo     `json:"priorities"`
	ActionTypes    []domain.ActionTypeInfo   `json:"actionTypes"`
	ActionStatuses []domain.ActionStatusInfo `json:"actionStatuses"`
	ActionSortKeys []string                  `json:"actionSortKeys"`
	// CauseKinds are the kinds of root-cause nodes, with their labels.
	CauseKinds []domain.CauseKindInfo `json:"causeKinds"`
	// StartupError is non-empty when the database could not be opened.
	StartupError string `json:"startupError"`
}

// SettingsView holds the preferences kept in the database.
type SettingsView struct {
	// Theme is "system", "light" or "dark".
	Theme string `json:"theme"`
	// Zone is an IANA zone name, or "" for the system's zone.
	Zone string `json:"zone"`
	// UserName is recorded as the author of changes made in this window.
	UserName string `json:"userName"`
	// ActionDue are the default deadlines in days for P1, P2 and P3 actions
	// created without a due date.
	ActionDue []int `json:"actionDue"`
}

func ms(t time.Time) int64 { return t.UnixMilli() }

func msPtr(t *time.Time) *int64 {
	if t == nil {
		return nil
	}
	v := t.UnixMilli()
	return &v
}

func durPtr(d *time.Duration) *int64 {
	if d == nil {
		return nil
	}
	v := d.Milliseconds()
	return &v
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func incidentView(i *domain.Incident) IncidentView {
	d := i.Durations()
	next := domain.NextStatuses(i.Status)
	nexts := make([]string, len(next))
	for k, s := range next {
		nexts[k] = string(s)
	}
	return IncidentView{
		ID: i.ID, Ref: i.Ref(), Number: i.Number, Title: i.Title, Summary: i.Summary,
		Severity: string(i.Severity), Status: string(i.Status),
		Services: nonNil(i.Services), Tags: nonNil(i.Tags),
		Commander: i.Commander, CustomerImpact: i.CustomerImpact,
		StartedAt: msPtr(i.StartedAt), DetectedAt: msPtr(i.DetectedAt),
		MitigatedAt: msPtr(i.MitigatedAt), ResolvedAt: msPtr(i.ResolvedAt),
		TimeToDetectMs: durPtr(d.ToDetect), TimeToMitigateMs: durPtr(d.ToMitigate), TimeToResolveMs: durPtr(d.ToResolve),
		CreatedAt: ms(i.CreatedAt), UpdatedAt: ms(i.UpdatedAt), DeletedAt: msPtr(i.DeletedAt),
		Version: i.Version, NextStatuses: nexts,
	}
}
