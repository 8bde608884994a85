package app

import (
	"context"

	"github.com/hindsight-app/hindsight/backend/domain"
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
	cfg Config
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
