package metrics

import (
	"context"
	"errors"
	"math"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// Service fetches snapshots and alerts for incidents and keeps them
// through the store. The app layer and the CLI both use it, so a snapshot
// taken in the window and one taken on the command line are the same.
type Service struct {
	Store     domain.MetricService
	Incidents domain.IncidentService
	Timeline  domain.TimelineService
	Secrets   Secrets
	// Getenv reads secrets named by SecretEnv; os.Getenv when nil.
	Getenv func(string) string
	// Now is the clock; time.Now when nil.
	Now domain.Clock
}

// Progress reports a long fetch: Done of Total queries, the one at hand,
// and the phase: "fetching", "saving" or "done".
type Progress struct {
	Done   int    `json:"done"`
	Total  int    `json:"total"`
	Query  string `json:"query"`
	Source string `json:"source"`
	Phase  string `json:"phase"`
}

// Progress phases.
const (
	PhaseFetching = "fetching"
	PhaseSaving   = "saving"
	PhaseDone     = "done"
)

// SnapshotRequest asks for one snapshot.
type SnapshotRequest struct {
	// Source is the source's id or name.
	Source string `json:"source"`
	Query  string `json:"query"`
	// Title defaults to the query.
	Title string `json:"title"`
	// Start and End default (when zero) to the incident's window:
	// domain.DefaultWindow.
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// Step 0 is chosen by ChooseStep.
	Step time.Duration `json:"step"`
}

// SyncResult says what a sync did: Added groups got a new version,
// Unchanged ones fetched the same data again and got none. Snapshots are
// the new versions.
type SyncResult struct {
	Added     int               `json:"added"`
	Unchanged int               `json:"unchanged"`
	Snapshots []domain.Snapshot `json:"snapshots"`
}

// AlertCandidate is an alert found in a source, and whether the timeline
// already has its events.
type AlertCandidate struct {
	Alert
	InTimeline bool `json:"inTimeline"`
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) getenv(name string) string {
	if s.Getenv != nil {
		return s.Getenv(name)
	}
	return os.Getenv(name)
}

func report(progress func(Progress), p Progress) {
	if progress != nil {
		progress(p)
	}
}

// client makes a client for src with secret, or the stored one when
// secret is "".
func (s *Service) client(src *domain.MetricSource, secret string) (*Client, error) {
	if secret == "" {
		var err error
		if secret, err = SecretFor(src, s.Secrets, s.getenv); err != nil {
			return nil, err
		}
	}
	return NewClient(src, secret)
}

// TestSource checks that src answers with secret (or, when secret is "",
// the one SecretFor finds). src need not be saved: the UI tests a source
// before saving it.
func (s *Service) TestSource(ctx context.Context, src *domain.MetricSource, secret string) (TestResult, error) {
	c, err := s.client(src, secret)
	if err != nil {
		return TestResult{}, err
	}
	return c.Test(ctx)
}

// source looks up a source for a field; an unknown one is EINVALID on
// "source".
func (s *Service) source(ctx context.Context, idOrName string) (*domain.MetricSource, error) {
	if strings.TrimSpace(idOrName) == "" {
		return nil, fieldError("source", "is required: the name of a monitoring source")
	}
	src, err := s.Store.GetSource(ctx, idOrName)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return nil, fieldError("source", "no source named %q; add it first, or check the name", clip(idOrName, 60))
	}
	return src, err
}

// plan is Plan with the incident and the source it found.
func (s *Service) plan(ctx context.Context, incident string, r SnapshotRequest) (SnapshotRequest, *domain.Incident, *domain.MetricSource, error) {
	inc, err := s.Incidents.GetIncident(ctx, incident)
	if err != nil {
		return r, nil, nil, err
	}
	r.Query, r.Title = strings.TrimSpace(r.Query), strings.TrimSpace(r.Title)
	fe := domain.FieldErrors{}
	src, err := s.source(ctx, r.Source)
	var de *domain.Error
	if errors.As(err, &de) && de.Code == domain.EINVALID {
		for k, v := range de.Fields {
			fe.Add(k, "%s", v)
		}
	} else if err != nil {
		return r, nil, nil, err
	}
	if r.Start.IsZero() || r.End.IsZero() {
		start, end := domain.DefaultWindow(inc, s.now())
		if r.Start.IsZero() {
			r.Start = start
		}
		if r.End.IsZero() {
			r.End = end
		}
	}
	r.Start, r.End = r.Start.UTC().Truncate(time.Millisecond), r.End.UTC().Truncate(time.Millisecond)
	domain.CheckQuery(fe, "query", r.Query)
	if utf8.RuneCountInString(r.Title) > domain.MaxQueryTitle {
		fe.Add("title", "is longer than %d characters", domain.MaxQueryTitle)
	}
	domain.CheckWindow(fe, r.Start, r.End, r.Step)
	if err := fe.Err(); err != nil {
		return r, nil, nil, err
	}
	if r.Step == 0 {
		r.Step = ChooseStep(r.Start, r.End)
	}
	r.Step = r.Step.Truncate(time.Millisecond)
	if r.Title == "" {
		r.Title = clip(r.Query, domain.MaxQueryTitle)
	}
	r.Source = src.ID
	return r, inc, src, nil
}

// Plan fills r's defaults (window, step, title; Source becomes the
// source's id) and checks it without fetching: the UI shows the points per
// series it will ask for. EINVALID names the fields source, query, title,
// start, end and step; ENOTFOUND an unknown incident.
func (s *Service) Plan(ctx context.Context, incident string, r SnapshotRequest) (SnapshotRequest, int, error) {
	r, _, _, err := s.plan(ctx, incident, r)
	if err != nil {
		return r, 0, err
	}
	return r, int(pointsFor(r.Start, r.End, r.Step)), nil
}

// fetch runs one snapshot's query and returns it, stats computed against
// the incident's start, ready to save.
func fetch(ctx context.Context, c *Client, inc *domain.Incident, src *domain.MetricSource, r SnapshotRequest, now time.Time) (*domain.Snapshot, error) {
	series, err := c.Fetch(ctx, Query{Expr: r.Query, Start: r.Start, End: r.End, Step: r.Step})
	if err != nil {
		return nil, err
	}
	var baselineEnd time.Time
	if inc.StartedAt != nil {
		baselineEnd = *inc.StartedAt
	}
	for i := range series {
		series[i].Stats = ComputeStats(series[i].Points, baselineEnd)
	}
	return &domain.Snapshot{IncidentID: inc.ID, SourceID: src.ID, SourceName: src.Name, SourceKind: src.Kind,
		SourceURL: src.URL, Title: r.Title, Query: r.Query, Start: r.Start, End: r.End, Step: r.Step,
		FetchedAt: now.UTC(), Series: series}, nil
}

// AddSnapshot fetches r and keeps it as a new snapshot of the incident.
// progress (may be nil) hears each phase. Fetch errors are those of
// Client.Fetch; nothing is saved on any error.
func (s *Service) AddSnapshot(ctx context.Context, incident string, r SnapshotRequest, progress func(Progress)) (*domain.Snapshot, error) {
	r, inc, src, err := s.plan(ctx, incident, r)
	if err != nil {
		return nil, err
	}
	c, err := s.client(src, "")
	if err != nil {
		return nil, err
	}
	p := Progress{Total: 1, Query: r.Query, Source: src.Name, Phase: PhaseFetching}
	report(progress, p)
	snap, err := fetch(ctx, c, inc, src, r, s.now())
	if err != nil {
		return nil, err
	}
	p.Phase = PhaseSaving
	report(progress, p)
	if err := ctx.Err(); err != nil {
		return nil, ErrCancelled
	}
	saved, err := s.Store.SaveSnapshots(ctx, inc.ID, []domain.Snapshot{*snap})
	if err != nil {
		return nil, err
	}
	p.Done, p.Phase = 1, PhaseDone
	report(progress, p)
	return &saved[0], nil
}

// Sync fetches every snapshot group of the incident again — the latest
// version's source, query, window and step — and saves the new data as
// each group's next version, all or nothing: a failed fetch (or a cancel)
// returns its error, naming source and query, and nothing is saved. A
// group whose data hash the same as its latest version is counted
// unchanged and gets no version.
func (s *Service) Sync(ctx context.Context, incident string, progress func(Progress)) (SyncResult, error) {
	var res SyncResult
	inc, err := s.Incidents.GetIncident(ctx, incident)
	if err != nil {
		return res, err
	}
	groups, err := s.Store.ListSnapshots(ctx, inc.ID)
	if err != nil {
		return res, err
	}
	clients := map[string]*Client{}
	var fresh []domain.Snapshot
	for k, g := range groups {
		p := Progress{Done: k, Total: len(groups), Query: g.Query, Source: g.SourceName, Phase: PhaseFetching}
		report(progress, p)
		c := clients[g.SourceID]
		if c == nil {
			src, err := s.Store.GetSource(ctx, g.SourceID)
			if domain.ErrorCode(err) == domain.ENOTFOUND {
				return SyncResult{}, domain.Errorf(domain.EUNAVAILABLE,
					"source %q query %q: the source was removed, so this snapshot cannot be synced; add the source again or delete the snapshot",
					g.SourceName, clip(g.Query, 120))
			} else if err != nil {
				return SyncResult{}, err
			}
			if c, err = s.client(src, ""); err != nil {
				return SyncResult{}, err
			}
			clients[g.SourceID] = c
		}
		src := c.Source()
		r := SnapshotRequest{Source: src.ID, Query: g.Query, Title: g.Title, Start: g.Start, End: g.End, Step: g.Step}
		snap, err := fetch(ctx, c, inc, &src, r, s.now())
		if err != nil {
			return SyncResult{}, err
		}
		snap.GroupID = g.GroupID
		if Hash(snap) == g.Hash {
			res.Unchanged++
			continue
		}
		fresh = append(fresh, *snap)
	}
	if err := ctx.Err(); err != nil {
		return SyncResult{}, ErrCancelled
	}
	if len(fresh) > 0 {
		report(progress, Progress{Done: len(groups), Total: len(groups), Phase: PhaseSaving})
		saved, err := s.Store.SaveSnapshots(ctx, inc.ID, fresh)
		if err != nil {
			return SyncResult{}, err
		}
		res.Snapshots, res.Added = saved, len(saved)
	}
	report(progress, Progress{Done: len(groups), Total: len(groups), Phase: PhaseDone})
	return res, nil
}

// FindAlerts reads the alerts that fired in a Prometheus source between
// start and end (zero: the incident's default window) and marks those
// whose events the timeline already has.
func (s *Service) FindAlerts(ctx context.Context, incident, source string, start, end time.Time) ([]AlertCandidate, error) {
	inc, err := s.Incidents.GetIncident(ctx, incident)
	if err != nil {
		return nil, err
	}
	src, err := s.source(ctx, source)
	if err != nil {
		return nil, err
	}
	if start.IsZero() || end.IsZero() {
		ds, de := domain.DefaultWindow(inc, s.now())
		if start.IsZero() {
			start = ds
		}
		if end.IsZero() {
			end = de
		}
	}
	fe := domain.FieldErrors{}
	domain.CheckWindow(fe, start, end, 0)
	if err := fe.Err(); err != nil {
		return nil, err
	}
	c, err := s.client(src, "")
	if err != nil {
		return nil, err
	}
	alerts, err := c.Alerts(ctx, start, end, ChooseStep(start, end))
	if err != nil {
		return nil, err
	}
	have, err := s.alertEvents(ctx, inc.ID)
	if err != nil {
		return nil, err
	}
	out := make([]AlertCandidate, len(alerts))
	for i, a := range alerts {
		in := true
		for _, ev := range AlertEvents([]Alert{a}) {
			if !have[eventKey{ev.At.UnixMilli(), ev.Body}] {
				in = false
			}
		}
		out[i] = AlertCandidate{Alert: a, InTimeline: in}
	}
	return out, nil
}

type eventKey struct {
	at   int64
	body string
}

// alertEvents lists the timeline's alert events written by AlertEvents.
func (s *Service) alertEvents(ctx context.Context, incident string) (map[eventKey]bool, error) {
	have := map[eventKey]bool{}
	for off := 0; ; {
		page, err := s.Timeline.ListEvents(ctx, incident, domain.EventFilter{Kinds: []domain.EventKind{AlertEventKind},
			Author: AlertEventAuthor, Limit: domain.MaxEventPage, Offset: off})
		if err != nil {
			return nil, err
		}
		for _, ev := range page.Items {
			if ev.Author == AlertEventAuthor {
				have[eventKey{ev.At.UnixMilli(), ev.Body}] = true
			}
		}
		off += len(page.Items)
		if len(page.Items) == 0 || off >= page.Total {
			return have, nil
		}
	}
}

// AddAlerts adds the alerts' FIRING and RESOLVED events to the incident's
// timeline; events already there are skipped (ImportResult.Duplicates).
func (s *Service) AddAlerts(ctx context.Context, incident string, alerts []Alert) (domain.ImportResult, error) {
	return s.Timeline.ImportEvents(ctx, incident, "alerts", AlertEvents(alerts))
}

// DetectionLag is the earliest impact over the incident's snapshots with a
// signal (latest versions), compared with its detection; nil when no
// snapshot has a signal that shows impact.
func (s *Service) DetectionLag(ctx context.Context, incident string) (*domain.DetectionLag, error) {
	inc, err := s.Incidents.GetIncident(ctx, incident)
	if err != nil {
		return nil, err
	}
	snaps, err := s.Store.ListSnapshots(ctx, inc.ID)
	if err != nil {
		return nil, err
	}
	var best *domain.DetectionLag
	for i := range snaps {
		snap := &snaps[i]
		if snap.Signal.SeriesKey == "" {
			continue
		}
		if snap.Signal.Threshold != nil { // needs the points
			if snap, err = s.Store.GetSnapshot(ctx, snap.ID); err != nil {
				return nil, err
			}
		}
		if d := DetectionLag(inc, snap); d != nil && (best == nil || d.VisibleAt.Before(best.VisibleAt)) {
			best = d
		}
	}
	return best, nil
}

// Chart buckets for Service.Chart.
const (
	MinChartBuckets = 50
	MaxChartBuckets = 4000
	// MaxChartValues bounds the values one chart sends (x columns × series),
	// so a snapshot of hundreds of series still crosses the bridge in under
	// 1 MB (a value is at most about 20 bytes of JSON): more series, fewer
	// columns, down to 10 buckets.
	MaxChartValues = 40_000
)

// Chart returns a snapshot's series decimated for drawing between from
// and to (Unix ms; 0 for the snapshot's start or end), into buckets
// buckets clamped to 50…4000.
func (s *Service) Chart(ctx context.Context, snapshotID string, from, to int64, buckets int) (*Chart, error) {
	snap, err := s.Store.GetSnapshot(ctx, snapshotID)
	if err != nil {
		return nil, err
	}
	if from == 0 {
		from = snap.Start.UnixMilli()
	}
	if to == 0 {
		to = snap.End.UnixMilli()
	}
	if to <= from {
		return nil, fieldError("to", "must be after from")
	}
	buckets = int(math.Max(MinChartBuckets, math.Min(MaxChartBuckets, float64(buckets))))
	if n := len(snap.Series); n > 0 && buckets > MaxChartValues/(2*n) {
		buckets = max(MaxChartValues/(2*n), 10)
	}
	c := Decimate(snap.Series, from, to, buckets)
	c.Snapshot = snap
	return &c, nil
}
