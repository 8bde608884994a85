package app

import (
	"bytes"
	"context"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/google/renameio/v2"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/metrics"
	"github.com/hindsight-app/hindsight/backend/postmortem"
)

// SourceView is a monitoring source as the Settings page shows it. The
// secret itself never crosses the bridge: only where it lives and whether
// one is there.
type SourceView struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	Kind           string `json:"kind"`
	URL            string `json:"url"`
	Auth           string `json:"auth"`
	Username       string `json:"username"`
	SecretEnv      string `json:"secretEnv"`
	CAFile         string `json:"caFile"`
	SkipVerify     bool   `json:"skipVerify"`
	TimeoutSeconds int    `json:"timeoutSeconds"`
	CreatedAt      int64  `json:"createdAt"`
	UpdatedAt      int64  `json:"updatedAt"`
	// SecretWhere is "none", "keyring" or "env".
	SecretWhere string `json:"secretWhere"`
	// HasSecret: the keyring holds one, or the variable is set.
	HasSecret bool `json:"hasSecret"`
}

// TestResultView is a successful connection test.
type TestResultView struct {
	OK        bool   `json:"ok"`
	Message   string `json:"message"`
	Version   string `json:"version"`
	ElapsedMs int64  `json:"elapsedMs"`
}

// SnapshotInputView is the add-snapshot form as typed: times as text in
// zone ("" for the default window), step as a Go duration ("" for
// automatic).
type SnapshotInputView struct {
	Incident string `json:"incident"`
	Source   string `json:"source"`
	Query    string `json:"query"`
	Title    string `json:"title"`
	Start    string `json:"start"`
	End      string `json:"end"`
	Step     string `json:"step"`
	Zone     string `json:"zone"`
}

// PlanView is what a snapshot would fetch.
type PlanView struct {
	StartMs int64  `json:"startMs"`
	EndMs   int64  `json:"endMs"`
	StepMs  int64  `json:"stepMs"`
	Points  int    `json:"points"`
	Zone    string `json:"zone"`
}

// StatsView is a series' statistics, null where not a finite number.
type StatsView = metrics.FiniteStats

func statsView(s domain.SeriesStats) StatsView { return metrics.ToFinite(s) }

// SeriesView is one series of a snapshot, without its points.
type SeriesView struct {
	Key    string            `json:"key"`
	Label  string            `json:"label"`
	Labels map[string]string `json:"labels"`
	Stats  StatsView         `json:"stats"`
}

// SignalView is a snapshot's detection signal.
type SignalView struct {
	SeriesKey string   `json:"seriesKey"`
	Threshold *float64 `json:"threshold"`
	Below     bool     `json:"below"`
}

// SnapshotView is one version of a snapshot, without points.
type SnapshotView struct {
	ID          string       `json:"id"`
	GroupID     string       `json:"groupId"`
	Version     int          `json:"version"`
	Versions    int          `json:"versions"`
	IncidentID  string       `json:"incidentId"`
	SourceID    string       `json:"sourceId"`
	SourceName  string       `json:"sourceName"`
	SourceKind  string       `json:"sourceKind"`
	Title       string       `json:"title"`
	Query       string       `json:"query"`
	StartMs     int64        `json:"startMs"`
	EndMs       int64        `json:"endMs"`
	StepMs      int64        `json:"stepMs"`
	FetchedAt   int64        `json:"fetchedAt"`
	Hash        string       `json:"hash"`
	SeriesCount int          `json:"seriesCount"`
	PointCount  int          `json:"pointCount"`
	Signal      SignalView   `json:"signal"`
	Series      []SeriesView `json:"series"`
}

// SyncView says what a sync did.
type SyncView struct {
	Added     int `json:"added"`
	Unchanged int `json:"unchanged"`
}

// ChartSeriesView is one series of a chart: y values aligned with the
// chart's x, null for a gap.
type ChartSeriesView struct {
	Key   string     `json:"key"`
	Label string     `json:"label"`
	Y     []*float64 `json:"y"`
	Stats StatsView  `json:"stats"`
}

// MarkerView is a key moment drawn as a vertical line.
type MarkerView struct {
	Moment string `json:"moment"`
	At     int64  `json:"at"`
}

// EventTickView is a timeline event drawn as a tick.
type EventTickView struct {
	ID   string `json:"id"`
	At   int64  `json:"at"`
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// ChartView is what one chart draws: x in Unix seconds, as uPlot wants it.
type ChartView struct {
	FromMs        int64             `json:"fromMs"`
	ToMs          int64             `json:"toMs"`
	StepMs        int64             `json:"stepMs"`
	X             []float64         `json:"x"`
	Series        []ChartSeriesView `json:"series"`
	Markers       []MarkerView      `json:"markers"`
	Events        []EventTickView   `json:"events"`
	WindowStartMs int64             `json:"windowStartMs"`
	WindowEndMs   int64             `json:"windowEndMs"`
}

// DetectionLagView is the lag shown on the incident header.
type DetectionLagView struct {
	SnapshotID string `json:"snapshotId"`
	Title      string `json:"title"`
	SeriesKey  string `json:"seriesKey"`
	Method     string `json:"method"`
	VisibleAt  int64  `json:"visibleAt"`
	DetectedAt int64  `json:"detectedAt"`
	LagMs      int64  `json:"lagMs"`
	Sentence   string `json:"sentence"`
}

// AlertView is one firing of an alert found in Prometheus.
type AlertView struct {
	Key        string            `json:"key"`
	Name       string            `json:"name"`
	Labels     map[string]string `json:"labels"`
	FiringAt   int64             `json:"firingAt"`
	ResolvedAt int64             `json:"resolvedAt"`
	InTimeline bool              `json:"inTimeline"`
}

// ProgressView is the payload of the "metrics:progress" event.
type ProgressView struct {
	Job    string `json:"job"`
	Done   int    `json:"done"`
	Total  int    `json:"total"`
	Query  string `json:"query"`
	Source string `json:"source"`
	Phase  string `json:"phase"`
}

// ProgressEvent is the name of the event long metric work emits.
const ProgressEvent = "metrics:progress"

// Limits of what a chart sends over the bridge.
const (
	maxChartEvents  = 2000
	maxChartBuckets = 4000
	eventTextLen    = 160
)

// MetricsAPI is bound to the frontend: monitoring sources, saved queries,
// snapshots, charts, alerts and detection lag.
type MetricsAPI struct {
	ctx context.Context
	cfg Config
	svc *metrics.Service

	mu   sync.Mutex
	jobs map[string]context.CancelFunc
}

func newMetricsAPI(cfg Config) *MetricsAPI {
	return &MetricsAPI{cfg: cfg, jobs: map[string]context.CancelFunc{}, svc: metricsService(cfg)}
}

// metricsService is the metrics service over the window's configuration.
func metricsService(cfg Config) *metrics.Service {
	secrets := cfg.Secrets
	if secrets == nil {
		secrets = metrics.Keyring()
	}
	return &metrics.Service{
		Store: cfg.Metrics, Incidents: cfg.Incidents, Timeline: cfg.Timeline, Secrets: secrets,
		Getenv: cfg.Getenv, Now: cfg.Clock,
	}
}

func (a *MetricsAPI) background() context.Context {
	return (&IncidentsAPI{cfg: a.cfg}).actor()
}

func (a *MetricsAPI) zone(name string) (*time.Location, error) {
	if name == "" {
		name, _ = a.cfg.Settings.Setting(context.Background(), "zone", "")
	}
	loc, err := domain.LoadZone(name)
	if err != nil {
		fe := domain.FieldErrors{}
		fe.Add("zone", "%v", err)
		return nil, fe.Err()
	}
	if loc == nil {
		loc = time.Local
	}
	return loc, nil
}

func (a *MetricsAPI) sourceView(s *domain.MetricSource) SourceView {
	v := SourceView{ID: s.ID, Name: s.Name, Kind: string(s.Kind), URL: s.URL, Auth: string(s.Auth), Username: s.Username,
		SecretEnv: s.SecretEnv, CAFile: s.CAFile, SkipVerify: s.SkipVerify, TimeoutSeconds: s.TimeoutSeconds,
		CreatedAt: ms(s.CreatedAt), UpdatedAt: ms(s.UpdatedAt), SecretWhere: "none"}
	switch {
	case s.Auth == domain.AuthNone:
	case s.SecretEnv != "":
		v.SecretWhere = "env"
		v.HasSecret = a.getenv(s.SecretEnv) != ""
	default:
		v.SecretWhere = "keyring"
		secret, err := a.svc.Secrets.Get(s.ID)
		v.HasSecret = err == nil && secret != ""
	}
	return v
}

func (a *MetricsAPI) getenv(name string) string {
	if a.cfg.Getenv != nil {
		return a.cfg.Getenv(name)
	}
	return ""
}

// Sources lists the monitoring sources by name.
func (a *MetricsAPI) Sources() ([]SourceView, error) {
	list, err := a.cfg.Metrics.ListSources(a.background())
	if err != nil {
		return nil, err
	}
	out := make([]SourceView, len(list))
	for i := range list {
		out[i] = a.sourceView(&list[i])
	}
	return out, nil
}

// SaveSource creates (id "") or updates a source. A non-empty secret goes
// to the OS keyring, never the database; "" keeps the stored one. A source
// that reads its secret from an environment variable stores none.
func (a *MetricsAPI) SaveSource(id string, in domain.SourceInput, secret string) (SourceView, error) {
	ctx := a.background()
	src, err := in.Validate()
	if err != nil {
		return SourceView{}, err
	}
	if secret != "" && src.Auth != domain.AuthNone && src.SecretEnv != "" {
		fe := domain.FieldErrors{}
		fe.Add("secret", "is read from the environment variable %s; leave this empty or clear the variable name", src.SecretEnv)
		return SourceView{}, fe.Err()
	}
	var saved, before *domain.MetricSource
	if id == "" {
		saved, err = a.cfg.Metrics.CreateSource(ctx, in)
	} else {
		if before, err = a.cfg.Metrics.GetSource(ctx, id); err != nil {
			return SourceView{}, err
		}
		saved, err = a.cfg.Metrics.UpdateSource(ctx, id, in)
	}
	if err != nil {
		return SourceView{}, err
	}
	switch {
	case usesKeyring(saved) && secret != "":
		if err := a.svc.Secrets.Set(saved.ID, secret); err != nil {
			return a.sourceView(saved), err
		}
	case before != nil && usesKeyring(before) && !usesKeyring(saved):
		// No keyring secret belongs to this source any more.
		_ = a.svc.Secrets.Delete(saved.ID)
	}
	return a.sourceView(saved), nil
}

// usesKeyring: the source's secret lives in the OS keyring.
func usesKeyring(s *domain.MetricSource) bool {
	return s.Auth != domain.AuthNone && s.SecretEnv == ""
}

// DeleteSource removes a source, its saved queries and its keyring secret;
// snapshots taken from it stay.
func (a *MetricsAPI) DeleteSource(id string) error {
	ctx := a.background()
	src, err := a.cfg.Metrics.GetSource(ctx, id)
	if err != nil {
		return err
	}
	if err := a.cfg.Metrics.DeleteSource(ctx, src.ID); err != nil {
		return err
	}
	if usesKeyring(src) {
		_ = a.svc.Secrets.Delete(src.ID)
	}
	return nil
}

// TestSource tries the source as typed in the form, before or after it is
// saved. secret "" uses the stored secret of source id.
func (a *MetricsAPI) TestSource(id string, in domain.SourceInput, secret string) (TestResultView, error) {
	src, err := in.Validate()
	if err != nil {
		return TestResultView{}, err
	}
	src.ID = id
	if secret == "" && src.Auth != domain.AuthNone {
		if secret, err = metrics.SecretFor(src, a.svc.Secrets, a.getenv); err != nil {
			return TestResultView{}, err
		}
	}
	r, err := a.svc.TestSource(a.background(), src, secret)
	if err != nil {
		return TestResultView{}, err
	}
	return TestResultView{OK: true, Message: r.Message, Version: r.Version, ElapsedMs: r.Elapsed.Milliseconds()}, nil
}

// SavedQueryView is a query kept for a service.
type SavedQueryView struct {
	ID        string `json:"id"`
	Service   string `json:"service"`
	Name      string `json:"name"`
	SourceID  string `json:"sourceId"`
	Query     string `json:"query"`
	Unit      string `json:"unit"`
	CreatedAt int64  `json:"createdAt"`
}

func savedQueryView(q *domain.SavedQuery) SavedQueryView {
	return SavedQueryView{ID: q.ID, Service: q.Service, Name: q.Name, SourceID: q.SourceID, Query: q.Query, Unit: q.Unit, CreatedAt: ms(q.CreatedAt)}
}

// SavedQueries lists the saved queries of the services (all when none).
func (a *MetricsAPI) SavedQueries(services []string) ([]SavedQueryView, error) {
	list, err := a.cfg.Metrics.ListSavedQueries(a.background(), services)
	if err != nil {
		return nil, err
	}
	out := make([]SavedQueryView, len(list))
	for i := range list {
		out[i] = savedQueryView(&list[i])
	}
	return out, nil
}

// SaveQuery saves a query for a service, replacing one of the same name.
func (a *MetricsAPI) SaveQuery(in domain.SavedQueryInput) (SavedQueryView, error) {
	q, err := a.cfg.Metrics.SaveQuery(a.background(), in)
	if err != nil {
		return SavedQueryView{}, err
	}
	return savedQueryView(q), nil
}

// DeleteSavedQuery removes a saved query.
func (a *MetricsAPI) DeleteSavedQuery(id string) error {
	return a.cfg.Metrics.DeleteSavedQuery(a.background(), id)
}

// request reads the form into a SnapshotRequest; field errors name start,
// end, step and zone.
func (a *MetricsAPI) request(in SnapshotInputView) (metrics.SnapshotRequest, *time.Location, error) {
	loc, err := a.zone(in.Zone)
	if err != nil {
		return metrics.SnapshotRequest{}, nil, err
	}
	r := metrics.SnapshotRequest{Source: in.Source, Query: in.Query, Title: strings.TrimSpace(in.Title)}
	fe := domain.FieldErrors{}
	if s := strings.TrimSpace(in.Start); s != "" {
		if r.Start, err = domain.ParseTime(s, loc); err != nil {
			fe.Add("start", "%v", err)
		}
	}
	if s := strings.TrimSpace(in.End); s != "" {
		if r.End, err = domain.ParseTime(s, loc); err != nil {
			fe.Add("end", "%v", err)
		}
	}
	var bad *domain.Error
	if d, err := metrics.ParseStep(in.Step); errors.As(err, &bad) {
		fe.Add("step", "%s", bad.Fields["step"])
	} else {
		r.Step = d
	}
	if utf8.RuneCountInString(r.Title) > domain.MaxQueryTitle {
		fe.Add("title", "is longer than %d characters", domain.MaxQueryTitle)
	}
	return r, loc, fe.Err()
}

// PlanSnapshot says what AddSnapshot would fetch: the window (default or
// typed), the step and the points per series.
func (a *MetricsAPI) PlanSnapshot(in SnapshotInputView) (PlanView, error) {
	r, loc, err := a.request(in)
	if err != nil {
		return PlanView{}, err
	}
	r, points, err := a.svc.Plan(a.background(), in.Incident, r)
	if err != nil {
		return PlanView{}, err
	}
	return PlanView{StartMs: ms(r.Start), EndMs: ms(r.End), StepMs: r.Step.Milliseconds(), Points: points, Zone: loc.String()}, nil
}

// job registers a cancellable context under the frontend's job id.
func (a *MetricsAPI) job(id string) (context.Context, func()) {
	ctx, cancel := context.WithCancel(a.background())
	a.mu.Lock()
	if id != "" {
		a.jobs[id] = cancel
	}
	a.mu.Unlock()
	return ctx, func() {
		a.mu.Lock()
		delete(a.jobs, id)
		a.mu.Unlock()
		cancel()
	}
}

func (a *MetricsAPI) progress(job string) func(metrics.Progress) {
	return func(p metrics.Progress) {
		if a.ctx == nil {
			return
		}
		runtime.EventsEmit(a.ctx, ProgressEvent, ProgressView{Job: job, Done: p.Done, Total: p.Total, Query: p.Query, Source: p.Source, Phase: p.Phase})
	}
}

// cancelled turns a cancelled job into a clear message.
func cancelled(err error) error {
	if errors.Is(err, context.Canceled) {
		return domain.Errorf(domain.ECONFLICT, "cancelled; nothing was stored")
	}
	return err
}

// AddSnapshot fetches a query over the window and stores it as a new
// snapshot. Progress goes out as "metrics:progress" events for job; Cancel
// stops it, and a stopped or failed fetch stores nothing.
func (a *MetricsAPI) AddSnapshot(job string, in SnapshotInputView) (SnapshotView, error) {
	r, _, err := a.request(in)
	if err != nil {
		return SnapshotView{}, err
	}
	ctx, done := a.job(job)
	defer done()
	s, err := a.svc.AddSnapshot(ctx, in.Incident, r, a.progress(job))
	if err != nil {
		return SnapshotView{}, cancelled(err)
	}
	return snapshotView(s), nil
}

// Sync fetches every snapshot of the incident again, all or nothing. A
// snapshot whose data has not changed gets no new version.
func (a *MetricsAPI) Sync(job, incident string) (SyncView, error) {
	ctx, done := a.job(job)
	defer done()
	r, err := a.svc.Sync(ctx, incident, a.progress(job))
	if err != nil {
		return SyncView{}, cancelled(err)
	}
	return SyncView{Added: r.Added, Unchanged: r.Unchanged}, nil
}

// Cancel stops the job's fetch, if it is still running.
func (a *MetricsAPI) Cancel(job string) {
	a.mu.Lock()
	cancel := a.jobs[job]
	a.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

func snapshotView(s *domain.Snapshot) SnapshotView {
	v := SnapshotView{ID: s.ID, GroupID: s.GroupID, Version: s.Version, Versions: s.Versions, IncidentID: s.IncidentID,
		SourceID: s.SourceID, SourceName: s.SourceName, SourceKind: string(s.SourceKind), Title: s.Title, Query: s.Query,
		StartMs: ms(s.Start), EndMs: ms(s.End), StepMs: s.Step.Milliseconds(), FetchedAt: ms(s.FetchedAt), Hash: s.Hash,
		SeriesCount: s.SeriesCount, PointCount: s.PointCount,
		Signal: SignalView{SeriesKey: s.Signal.SeriesKey, Threshold: s.Signal.Threshold, Below: s.Signal.Below}}
	if v.Versions == 0 {
		v.Versions = s.Version
	}
	series := s.SeriesStats
	if series == nil {
		series = s.Series
	}
	labels := metrics.Labels(series)
	v.Series = make([]SeriesView, len(series))
	for i, x := range series {
		v.Series[i] = SeriesView{Key: x.Key, Label: labels[i], Labels: x.Labels, Stats: statsView(x.Stats)}
	}
	return v
}

func snapshotViews(list []domain.Snapshot, err error) ([]SnapshotView, error) {
	if err != nil {
		return nil, err
	}
	out := make([]SnapshotView, len(list))
	for i := range list {
		out[i] = snapshotView(&list[i])
	}
	return out, nil
}

// Snapshots lists the latest version of each of the incident's snapshots.
func (a *MetricsAPI) Snapshots(incident string) ([]SnapshotView, error) {
	return snapshotViews(a.cfg.Metrics.ListSnapshots(a.background(), incident))
}

// Versions lists every version of the snapshot's group, newest first.
func (a *MetricsAPI) Versions(snapshotID string) ([]SnapshotView, error) {
	s, err := a.cfg.Metrics.GetSnapshot(a.background(), snapshotID)
	if err != nil {
		return nil, err
	}
	return snapshotViews(a.cfg.Metrics.SnapshotVersions(a.background(), s.GroupID))
}

// Chart returns the snapshot's series between from and to (Unix ms; 0 and
// 0 for the whole window), decimated to about buckets columns keeping each
// column's minimum and maximum, with the incident's key moments and its
// timeline events in the window.
func (a *MetricsAPI) Chart(snapshotID string, fromMs, toMs int64, buckets int) (ChartView, error) {
	ctx := a.background()
	if buckets > maxChartBuckets {
		buckets = maxChartBuckets
	}
	c, err := a.svc.Chart(ctx, snapshotID, fromMs, toMs, buckets)
	if err != nil {
		return ChartView{}, err
	}
	snap := c.Snapshot
	v := ChartView{FromMs: c.From, ToMs: c.To, StepMs: c.Step.Milliseconds(), X: make([]float64, len(c.X)),
		Series: make([]ChartSeriesView, len(c.Series)), Markers: []MarkerView{}, Events: []EventTickView{},
		WindowStartMs: ms(snap.Start), WindowEndMs: ms(snap.End)}
	for i, t := range c.X {
		v.X[i] = float64(t) / 1000
	}
	for i, s := range c.Series {
		for k, y := range s.Y {
			if y != nil && (math.IsNaN(*y) || math.IsInf(*y, 0)) {
				s.Y[k] = nil // JSON has no NaN or infinity: a gap
			}
		}
		v.Series[i] = ChartSeriesView{Key: s.Key, Label: s.Label, Y: s.Y, Stats: statsView(s.Stats)}
	}
	markers, ticks, err := a.marks(snap)
	if err != nil {
		return ChartView{}, err
	}
	for _, m := range markers {
		v.Markers = append(v.Markers, MarkerView{Moment: m.Label, At: m.At})
	}
	for _, e := range ticks[:min(len(ticks), maxChartEvents)] {
		v.Events = append(v.Events, EventTickView{ID: e.ID, At: e.At, Kind: e.Kind, Text: e.Text})
	}
	return v, nil
}

// marks are the key moments and timeline events a chart of snap shows.
func (a *MetricsAPI) marks(snap *domain.Snapshot) ([]metrics.Marker, []metrics.EventTick, error) {
	ctx := a.background()
	inc, err := a.cfg.Incidents.GetIncident(ctx, snap.IncidentID)
	if err != nil {
		return nil, nil, err
	}
	page, err := a.cfg.Timeline.ListEvents(ctx, snap.IncidentID, domain.EventFilter{Limit: domain.MaxEventPage})
	if err != nil {
		return nil, nil, err
	}
	markers, ticks := metrics.Marks(inc, page.Items, snap, eventTextLen)
	return markers, ticks, nil
}

// SetSignal chooses the series that measures impact (and optionally a
// threshold) for detection lag.
func (a *MetricsAPI) SetSignal(snapshotID, seriesKey string, threshold *float64, below bool) (SnapshotView, error) {
	s, err := a.cfg.Metrics.SetSignal(a.background(), snapshotID, domain.Signal{SeriesKey: seriesKey, Threshold: threshold, Below: below})
	if err != nil {
		return SnapshotView{}, err
	}
	return snapshotView(s), nil
}

// DeleteSnapshot deletes every version of the snapshot's group.
func (a *MetricsAPI) DeleteSnapshot(snapshotID string) error {
	return a.cfg.Metrics.DeleteSnapshotGroup(a.background(), snapshotID)
}

// DetectionLag is the incident's lag between impact visible in metrics and
// detection, or null when no snapshot has a signal that shows one.
func (a *MetricsAPI) DetectionLag(incident string) (*DetectionLagView, error) {
	d, err := a.svc.DetectionLag(a.background(), incident)
	if err != nil || d == nil {
		return nil, err
	}
	return &DetectionLagView{SnapshotID: d.SnapshotID, Title: d.Title, SeriesKey: d.SeriesKey, Method: d.Method,
		VisibleAt: ms(d.VisibleAt), DetectedAt: ms(d.DetectedAt), LagMs: d.Lag.Milliseconds(), Sentence: d.Sentence()}, nil
}

// FindAlerts reads the source's firing alerts over the window (times as
// typed in zone; "" for the incident's default window).
func (a *MetricsAPI) FindAlerts(incident, source, start, end, zone string) ([]AlertView, error) {
	r, _, err := a.request(SnapshotInputView{Incident: incident, Source: source, Query: "ALERTS", Start: start, End: end, Zone: zone})
	if err != nil {
		return nil, err
	}
	ctx := a.background()
	if r, _, err = a.svc.Plan(ctx, incident, r); err != nil {
		return nil, err
	}
	found, err := a.svc.FindAlerts(ctx, incident, source, r.Start, r.End)
	if err != nil {
		return nil, err
	}
	out := make([]AlertView, len(found))
	for i, c := range found {
		out[i] = AlertView{Key: c.Key, Name: c.Name, Labels: c.Labels, FiringAt: ms(c.FiringAt), InTimeline: c.InTimeline}
		if c.ResolvedAt != nil {
			out[i].ResolvedAt = ms(*c.ResolvedAt)
		}
	}
	return out, nil
}

// AddAlerts adds the chosen alerts' firing and resolved moments to the
// timeline as alert events; those already there are not added again.
func (a *MetricsAPI) AddAlerts(incident string, alerts []AlertView) (domain.ImportResult, error) {
	in := make([]metrics.Alert, len(alerts))
	for i, v := range alerts {
		in[i] = metrics.Alert{Name: v.Name, Labels: v.Labels, Key: v.Key, FiringAt: time.UnixMilli(v.FiringAt).UTC()}
		if v.ResolvedAt != 0 {
			t := time.UnixMilli(v.ResolvedAt).UTC()
			in[i].ResolvedAt = &t
		}
	}
	return a.svc.AddAlerts(a.background(), incident, in)
}

// saveDialog asks where to save; "" means the person cancelled.
func (a *MetricsAPI) saveDialog(title, name string) (string, error) {
	if a.ctx == nil {
		return "", domain.Errorf(domain.EINVALID, "no window to open a save dialog in; use the CLI: hindsight snapshot export")
	}
	return runtime.SaveFileDialog(a.ctx, runtime.SaveDialogOptions{Title: title, DefaultFilename: name, CanCreateDirectories: true})
}

// fileName names a snapshot's file by its title, as exports do.
func fileName(s *domain.Snapshot, ext string) string {
	return postmortem.Slug(s.Title, "snapshot") + ext
}

func writeFile(path string, data []byte) error {
	if err := renameio.WriteFile(path, data, 0o644); err != nil {
		fe := domain.FieldErrors{}
		fe.Add("file", "cannot write %q: %v", filepath.Base(path), unwrapPath(err))
		return fe.Err()
	}
	return nil
}

// SaveChartSVG asks where to save and writes the chart (the range from–to,
// 0 and 0 for the whole window) as a standalone SVG. Returns the path, ""
// when cancelled.
func (a *MetricsAPI) SaveChartSVG(snapshotID string, fromMs, toMs int64) (string, error) {
	snap, err := a.cfg.Metrics.GetSnapshot(a.background(), snapshotID)
	if err != nil {
		return "", err
	}
	path, err := a.saveDialog("Save chart as SVG", fileName(snap, ".svg"))
	if err != nil || path == "" {
		return "", err
	}
	data, err := a.chartSVG(snapshotID, fromMs, toMs)
	if err != nil {
		return "", err
	}
	return path, writeFile(path, data)
}

func (a *MetricsAPI) chartSVG(snapshotID string, fromMs, toMs int64) ([]byte, error) {
	c, err := a.svc.Chart(a.background(), snapshotID, fromMs, toMs, 1000)
	if err != nil {
		return nil, err
	}
	loc, _ := a.zone("")
	opt := metrics.SVGOptions{Title: c.Snapshot.Title, Width: 960, Height: 400, Zone: loc}
	if opt.Markers, opt.Events, err = a.marks(c.Snapshot); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := metrics.WriteSVG(&buf, *c, opt); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// SaveChartCSV asks where to save and writes the snapshot's raw points as
// CSV. Returns the path, "" when cancelled.
func (a *MetricsAPI) SaveChartCSV(snapshotID string) (string, error) {
	snap, err := a.cfg.Metrics.GetSnapshot(a.background(), snapshotID)
	if err != nil {
		return "", err
	}
	path, err := a.saveDialog("Save chart data as CSV", fileName(snap, ".csv"))
	if err != nil || path == "" {
		return "", err
	}
	var buf bytes.Buffer
	if err := metrics.WriteCSV(&buf, snap); err != nil {
		return "", err
	}
	return path, writeFile(path, buf.Bytes())
}
