package app

import (
	"context"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// IncidentsAPI is bound to the frontend: every exported method is callable
// from JavaScript, so it exposes only what the UI may do.
type IncidentsAPI struct {
	ctx context.Context
	cfg Config
}

// errNoDatabase answers every call when the database could not be opened
// (the frontend shows the start-up error and makes none; this is the
// safety net).
var errNoDatabase = domain.Errorf(domain.ECONFLICT, "no database is open")

// actor returns a context naming the user from the settings, so histories
// record who made a change in this window.
func (a *IncidentsAPI) actor() context.Context {
	ctx := context.Background()
	name, err := a.cfg.Settings.Setting(ctx, "userName", defaultUserName())
	if err != nil {
		name = defaultUserName()
	}
	return domain.WithActor(ctx, name)
}

// Create saves a new incident.
func (a *IncidentsAPI) Create(in domain.IncidentInput) (IncidentView, error) {
	i, err := a.cfg.Incidents.CreateIncident(a.actor(), in)
	if err != nil {
		return IncidentView{}, err
	}
	return incidentView(i), nil
}

// Update saves changes; version is the version the form was loaded with.
func (a *IncidentsAPI) Update(idOrRef string, in domain.IncidentInput, version int) (IncidentView, error) {
	i, err := a.cfg.Incidents.UpdateIncident(a.actor(), idOrRef, in, version)
	if err != nil {
		return IncidentView{}, err
	}
	return incidentView(i), nil
}

// Get returns one live incident.
func (a *IncidentsAPI) Get(idOrRef string) (IncidentView, error) {
	i, err := a.cfg.Incidents.GetIncident(context.Background(), idOrRef)
	if err != nil {
		return IncidentView{}, err
	}
	return incidentView(i), nil
}

// List returns one page of incidents matching the filter.
func (a *IncidentsAPI) List(f domain.IncidentFilter) (IncidentPageView, error) {
	p, err := a.cfg.Incidents.ListIncidents(context.Background(), f)
	if err != nil {
		return IncidentPageView{}, err
	}
	return incidentPageView(p), nil
}

// incidentPageView is a page of a list: the rows without their long texts.
func incidentPageView(p *domain.IncidentPage) IncidentPageView {
	out := IncidentPageView{Items: make([]IncidentView, len(p.Items)), Total: p.Total, Offset: p.Offset, Limit: p.Limit}
	for k := range p.Items {
		out.Items[k] = incidentView(&p.Items[k])
		out.Items[k].Summary, out.Items[k].CustomerImpact = "", ""
	}
	return out
}

// Delete moves an incident to the trash.
func (a *IncidentsAPI) Delete(idOrRef string) error {
	return a.cfg.Incidents.DeleteIncident(a.actor(), idOrRef)
}

// Restore brings an incident back from the trash.
func (a *IncidentsAPI) Restore(idOrRef string) (IncidentView, error) {
	i, err := a.cfg.Incidents.RestoreIncident(a.actor(), idOrRef)
	if err != nil {
		return IncidentView{}, err
	}
	return incidentView(i), nil
}

// Purge deletes a trashed incident for good.
func (a *IncidentsAPI) Purge(idOrRef string) error {
	return a.cfg.Incidents.PurgeIncident(a.actor(), idOrRef)
}

// History returns the incident's status changes, oldest first.
func (a *IncidentsAPI) History(idOrRef string) ([]StatusChangeView, error) {
	hs, err := a.cfg.Incidents.StatusHistory(context.Background(), idOrRef)
	if err != nil {
		return nil, err
	}
	out := make([]StatusChangeView, len(hs))
	for k, h := range hs {
		out[k] = StatusChangeView{From: string(h.From), To: string(h.To), At: ms(h.At), By: h.By, Reopen: h.Reopen}
	}
	return out, nil
}

// Suggestions lists the shared names for autocompletion.
type Suggestions struct {
	Services []string `json:"services"`
	Tags     []string `json:"tags"`
	People   []string `json:"people"`
}

// Suggest returns the services, tags and people already in use.
func (a *IncidentsAPI) Suggest() (Suggestions, error) {
	ctx := context.Background()
	var s Suggestions
	var err error
	if s.Services, err = a.cfg.Incidents.Services(ctx); err != nil {
		return s, err
	}
	if s.Tags, err = a.cfg.Incidents.Tags(ctx); err != nil {
		return s, err
	}
	s.People, err = a.cfg.Incidents.People(ctx)
	s.Services, s.Tags, s.People = nonNil(s.Services), nonNil(s.Tags), nonNil(s.People)
	return s, err
}

// Counts returns the numbers for the sidebar and the first-run screen.
func (a *IncidentsAPI) Counts() (domain.IncidentCounts, error) {
	return a.cfg.Incidents.IncidentCounts(context.Background())
}

// SimilarReasonView is one reason an incident was found alike.
type SimilarReasonView struct {
	// Kind is services, causes, words or tags.
	Kind string `json:"kind"`
	// Text is the reason in words: "Same services: checkout, payments".
	Text string `json:"text"`
	// Items are the shared names or words; for causes, this incident's
	// statement then the other's.
	Items []string `json:"items"`
}

// SimilarIncidentView is another incident alike this one, with why.
type SimilarIncidentView struct {
	ID        string              `json:"id"`
	Ref       string              `json:"ref"`
	Title     string              `json:"title"`
	Severity  string              `json:"severity"`
	Status    string              `json:"status"`
	StartedAt int64               `json:"startedAt"`
	Score     float64             `json:"score"`
	Reasons   []SimilarReasonView `json:"reasons"`
}

// Similar returns the other live incidents most alike this one (by
// services, root-cause statements, words and tags), best first, at most
// domain.DefaultSimilarLimit; an empty list when nothing is alike.
func (a *IncidentsAPI) Similar(idOrRef string) ([]SimilarIncidentView, error) {
	ss, ok := a.cfg.Incidents.(domain.SimilarService)
	if !ok {
		return nil, errNoDatabase
	}
	got, err := ss.SimilarIncidents(context.Background(), idOrRef, domain.DefaultSimilarLimit)
	if err != nil {
		return nil, err
	}
	out := make([]SimilarIncidentView, len(got))
	for k, s := range got {
		v := SimilarIncidentView{ID: s.ID, Ref: s.Ref, Title: s.Title, Severity: string(s.Severity), Status: string(s.Status),
			StartedAt: ms(s.StartedAt), Score: s.Score, Reasons: make([]SimilarReasonView, len(s.Reasons))}
		for n, r := range s.Reasons {
			v.Reasons[n] = SimilarReasonView{Kind: r.Kind, Text: r.Text, Items: nonNil(r.Items)}
		}
		out[k] = v
	}
	return out, nil
}
