package domain

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// SourceKind says which API a monitoring source speaks.
type SourceKind string

const (
	// SourcePrometheus is the Prometheus HTTP API (also Thanos, Mimir,
	// Cortex and VictoriaMetrics).
	SourcePrometheus SourceKind = "prometheus"
	// SourceGraphite is Graphite's render API, JSON format.
	SourceGraphite SourceKind = "graphite"
)

// SourceKinds lists the kinds in the order the UI offers them.
var SourceKinds = []SourceKind{SourcePrometheus, SourceGraphite}

// AuthKind says how Hindsight authenticates to a source.
type AuthKind string

const (
	AuthNone   AuthKind = "none"
	AuthBearer AuthKind = "bearer"
	AuthBasic  AuthKind = "basic"
)

// AuthKinds lists the kinds in the order the UI offers them.
var AuthKinds = []AuthKind{AuthNone, AuthBearer, AuthBasic}

// Limits on sources, queries and snapshots.
const (
	MaxSourceName = 60
	MaxQueryLen   = 10_000 // bytes of PromQL or Graphite target
	MaxQueryTitle = 200    // characters
	// MaxPointsPerSeries is Prometheus's own limit on a range query's
	// resolution; Hindsight never asks for more.
	MaxPointsPerSeries = 11_000
	// TargetPointsPerSeries is what the automatic step aims for.
	TargetPointsPerSeries = 1_500
	// MaxSeriesPerSnapshot keeps one snapshot drawable and storable.
	MaxSeriesPerSnapshot = 500
	// DefaultLeadIn and DefaultLeadOut widen an incident into the default
	// window: started − 1 h to resolved + 30 min.
	DefaultLeadIn  = time.Hour
	DefaultLeadOut = 30 * time.Minute
	// MaxWindow is the longest window a snapshot may cover.
	MaxWindow = 90 * 24 * time.Hour
)

var sourceNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
var envNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// MetricSource is a named monitoring API. Its secret (bearer token or basic
// password) is never stored here: it lives in the OS keyring under the
// source's ID, or in the environment variable SecretEnv names.
type MetricSource struct {
	ID   string     `json:"id"`
	Name string     `json:"name"`
	Kind SourceKind `json:"kind"`
	// URL is the API's base: http(s)://host:port[/prefix].
	URL      string   `json:"url"`
	Auth     AuthKind `json:"auth"`
	Username string   `json:"username"`
	// SecretEnv names the environment variable holding the token or
	// password; "" means the OS keyring holds it (when Auth is not none).
	SecretEnv string `json:"secretEnv"`
	// CAFile is a PEM file of extra certificate authorities to trust.
	CAFile string `json:"caFile"`
	// SkipVerify turns TLS certificate verification off. An explicit,
	// per-source choice shown with a warning.
	SkipVerify bool `json:"skipVerify"`
	// TimeoutSeconds bounds one request; 0 is the default (30 s).
	TimeoutSeconds int       `json:"timeoutSeconds"`
	CreatedAt      time.Time `json:"createdAt"`
	UpdatedAt      time.Time `json:"updatedAt"`
}

// Timeout is the request timeout, the default when none is set.
func (s *MetricSource) Timeout() time.Duration {
	if s.TimeoutSeconds <= 0 {
		return 30 * time.Second
	}
	return time.Duration(s.TimeoutSeconds) * time.Second
}

// SourceInput is what a person types for a source.
type SourceInput struct {
	Name           string `json:"name"`
	Kind           string `json:"kind"`
	URL            string `json:"url"`
	Auth           string `json:"auth"`
	Username       string `json:"username"`
	SecretEnv      string `json:"secretEnv"`
	CAFile         string `json:"caFile"`
	SkipVerify     bool   `json:"skipVerify"`
	TimeoutSeconds int    `json:"timeoutSeconds"`
}

// Validate checks in and returns the source it describes (without ID and
// times), or EINVALID naming each bad field.
func (in SourceInput) Validate() (*MetricSource, error) {
	fe := FieldErrors{}
	s := &MetricSource{Name: strings.TrimSpace(in.Name), URL: strings.TrimRight(strings.TrimSpace(in.URL), "/"),
		Username: strings.TrimSpace(in.Username), SecretEnv: strings.TrimSpace(in.SecretEnv),
		CAFile: strings.TrimSpace(in.CAFile), SkipVerify: in.SkipVerify, TimeoutSeconds: in.TimeoutSeconds}
	switch {
	case s.Name == "":
		fe.Add("name", "is required")
	case utf8.RuneCountInString(s.Name) > MaxSourceName:
		fe.Add("name", "is longer than %d characters", MaxSourceName)
	case !sourceNameRE.MatchString(s.Name):
		fe.Add("name", "may hold only letters, digits, '.', '_' and '-', starting with a letter or digit (it is typed on the command line)")
	}
	switch k := SourceKind(strings.ToLower(strings.TrimSpace(in.Kind))); k {
	case SourcePrometheus, SourceGraphite:
		s.Kind = k
	case "":
		fe.Add("kind", "is required: prometheus or graphite")
	default:
		fe.Add("kind", "unknown kind %q; use prometheus or graphite", truncate(in.Kind, 20))
	}
	if s.URL == "" {
		fe.Add("url", "is required, e.g. http://localhost:9090")
	} else if u, err := url.Parse(s.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		fe.Add("url", "must be an http:// or https:// address with a host, e.g. http://localhost:9090")
	} else if u.User != nil {
		fe.Add("url", "must not hold a user name or password; use the authentication fields, which keep the secret in the OS keyring")
	} else if u.RawQuery != "" || u.Fragment != "" {
		fe.Add("url", "must be the API's base address, without ?query or #fragment")
	}
	switch a := AuthKind(strings.ToLower(strings.TrimSpace(in.Auth))); a {
	case "", AuthNone:
		s.Auth = AuthNone
	case AuthBearer, AuthBasic:
		s.Auth = a
	default:
		fe.Add("auth", "unknown authentication %q; use none, bearer or basic", truncate(in.Auth, 20))
	}
	if s.Auth == AuthBasic && s.Username == "" {
		fe.Add("username", "is required for basic authentication")
	}
	if s.Auth != AuthBasic {
		s.Username = ""
	}
	if s.Auth == AuthNone {
		s.SecretEnv = ""
	}
	if s.SecretEnv != "" && !envNameRE.MatchString(s.SecretEnv) {
		fe.Add("secretEnv", "is not an environment variable name (letters, digits and '_', not starting with a digit)")
	}
	if s.TimeoutSeconds < 0 || s.TimeoutSeconds > 600 {
		fe.Add("timeoutSeconds", "must be between 1 and 600 seconds, or 0 for the default (30)")
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// Point is one sample: T in Unix milliseconds, V the value (NaN is kept as
// a gap).
type Point struct {
	T int64   `json:"t"`
	V float64 `json:"v"`
}

// SeriesStats describes one series over its snapshot's window.
type SeriesStats struct {
	Count int     `json:"count"`
	Min   float64 `json:"min"`
	Max   float64 `json:"max"`
	Mean  float64 `json:"mean"`
	P50   float64 `json:"p50"`
	P90   float64 `json:"p90"`
	P99   float64 `json:"p99"`
	P999  float64 `json:"p999"`
	// Baseline and BaselineSpread are the median and the robust spread
	// (1.4826 × median absolute deviation) of the points before the
	// incident started; BaselinePoints is how many there were (0: no
	// baseline, and no departure).
	Baseline       float64 `json:"baseline"`
	BaselineSpread float64 `json:"baselineSpread"`
	BaselinePoints int     `json:"baselinePoints"`
	// DepartedAt is when the series first left its baseline band and stayed
	// out for a few points (Unix ms; 0: it never did, or no baseline).
	DepartedAt int64 `json:"departedAt"`
}

// Series is one labelled time series of a snapshot.
type Series struct {
	// Key identifies the series within its query across versions: its
	// labels sorted and joined ("{a="x", b="y"}"), or the Graphite target.
	Key    string            `json:"key"`
	Labels map[string]string `json:"labels"`
	Points []Point           `json:"points"`
	Stats  SeriesStats       `json:"stats"`
}

// SnapshotSpec is what to fetch: a query of a source over a window.
type SnapshotSpec struct {
	SourceID string        `json:"sourceId"`
	Query    string        `json:"query"`
	Title    string        `json:"title"`
	Start    time.Time     `json:"start"`
	End      time.Time     `json:"end"`
	Step     time.Duration `json:"step"`
}

// Signal says which series of a snapshot measures impact, for detection
// lag, and optionally the threshold that counts as impact.
type Signal struct {
	// SeriesKey is a Series.Key; "" means no signal chosen.
	SeriesKey string `json:"seriesKey"`
	// Threshold, when set, replaces the baseline: impact is the first point
	// above it (Below: under it).
	Threshold *float64 `json:"threshold"`
	Below     bool     `json:"below"`
}

// Snapshot is one fetch of one query, kept as evidence. Re-syncing the same
// query makes a new version in the same group; old versions are kept.
type Snapshot struct {
	ID         string `json:"id"`
	GroupID    string `json:"groupId"`
	Version    int    `json:"version"`
	IncidentID string `json:"incidentId"`
	// SourceID may name a source since removed; SourceName and SourceKind
	// are copied at fetch time so the snapshot still says where it came
	// from.
	SourceID   string     `json:"sourceId"`
	SourceName string     `json:"sourceName"`
	SourceKind SourceKind `json:"sourceKind"`
	// SourceURL is the source's base URL at fetch time.
	SourceURL string        `json:"sourceUrl"`
	Title     string        `json:"title"`
	Query     string        `json:"query"`
	Start     time.Time     `json:"start"`
	End       time.Time     `json:"end"`
	Step      time.Duration `json:"step"`
	FetchedAt time.Time     `json:"fetchedAt"`
	// Hash is the SHA-256 of the query, window, step and every series'
	// labels and points: two versions with the same hash hold the same data.
	Hash string `json:"hash"`
	// SeriesCount and PointCount are totals over the series.
	SeriesCount int    `json:"seriesCount"`
	PointCount  int    `json:"pointCount"`
	Signal      Signal `json:"signal"`
	// Versions is how many versions the group has (set on lists).
	Versions int `json:"versions"`
	// Series is nil in lists; GetSnapshot fills it, with points.
	Series []Series `json:"series"`
	// SeriesStats is filled in lists instead: each series' key and stats,
	// without points.
	SeriesStats []Series `json:"seriesStats"`
}

// SavedQuery is a query kept per service to reuse across incidents
// ("checkout p99 latency").
type SavedQuery struct {
	ID       string `json:"id"`
	Service  string `json:"service"`
	Name     string `json:"name"`
	SourceID string `json:"sourceId"`
	Query    string `json:"query"`
	// Unit is shown on the chart's axis ("s", "req/s", "%"); may be empty.
	Unit      string    `json:"unit"`
	CreatedAt time.Time `json:"createdAt"`
}

// SavedQueryInput is what a person types to save a query.
type SavedQueryInput struct {
	Service  string `json:"service"`
	Name     string `json:"name"`
	SourceID string `json:"sourceId"`
	Query    string `json:"query"`
	Unit     string `json:"unit"`
}

// Validate trims in and checks it, or returns EINVALID naming each bad
// field. The source is checked to exist by the store.
func (in *SavedQueryInput) Validate() error {
	fe := FieldErrors{}
	in.Service, in.Name, in.Query, in.Unit = strings.TrimSpace(in.Service), strings.TrimSpace(in.Name), strings.TrimSpace(in.Query), strings.TrimSpace(in.Unit)
	if in.Service == "" {
		fe.Add("service", "is required: saved queries are kept per service")
	}
	if in.Name == "" {
		fe.Add("name", "is required, e.g. \"checkout p99 latency\"")
	} else if utf8.RuneCountInString(in.Name) > MaxQueryTitle {
		fe.Add("name", "is longer than %d characters", MaxQueryTitle)
	}
	CheckQuery(fe, "query", in.Query)
	if utf8.RuneCountInString(in.Unit) > 20 {
		fe.Add("unit", "is longer than 20 characters")
	}
	if in.SourceID == "" {
		fe.Add("sourceId", "is required")
	}
	return fe.Err()
}

// CheckQuery records a problem with a query under field.
func CheckQuery(fe FieldErrors, field, q string) {
	switch {
	case strings.TrimSpace(q) == "":
		fe.Add(field, "is required: a PromQL expression or a Graphite target")
	case len(q) > MaxQueryLen:
		fe.Add(field, "is %d bytes long; the limit is %d", len(q), MaxQueryLen)
	case !utf8.ValidString(q):
		fe.Add(field, "is not valid UTF-8 text")
	}
}

// CheckWindow records problems with a snapshot window and step: the end
// must follow the start, the window be at most MaxWindow, and a step (when
// not 0, meaning automatic) give at most MaxPointsPerSeries points.
func CheckWindow(fe FieldErrors, start, end time.Time, step time.Duration) {
	switch {
	case start.IsZero():
		fe.Add("start", "is required")
	case end.IsZero():
		fe.Add("end", "is required")
	case !end.After(start):
		fe.Add("end", "must be after the start (%s)", start.UTC().Format(time.RFC3339))
	case end.Sub(start) > MaxWindow:
		fe.Add("end", "makes a window of %s; the longest is %d days", end.Sub(start).Round(time.Hour), int(MaxWindow.Hours()/24))
	}
	if step < 0 {
		fe.Add("step", "must be positive")
	} else if step > 0 && step < time.Millisecond {
		fe.Add("step", "must be at least 1ms")
	} else if step > 0 && !end.After(start) {
		// reported on end
	} else if step > 0 {
		if n := int64(end.Sub(start)/step) + 1; n > MaxPointsPerSeries {
			fe.Add("step", "gives %d points per series over this window; the limit is %d (use a step of at least %s)",
				n, MaxPointsPerSeries, (end.Sub(start)/(MaxPointsPerSeries-1)).Round(time.Second)+time.Second)
		}
	}
}

// DefaultWindow is the window a new snapshot of inc covers: started −
// DefaultLeadIn to resolved (or now, when unresolved) + DefaultLeadOut.
func DefaultWindow(inc *Incident, now time.Time) (time.Time, time.Time) {
	end := now
	if inc.ResolvedAt != nil {
		end = inc.ResolvedAt.Add(DefaultLeadOut)
		if end.After(now) {
			end = now
		}
	}
	start := now.Add(-DefaultLeadIn)
	if inc.StartedAt != nil {
		start = inc.StartedAt.Add(-DefaultLeadIn)
	}
	return start, end
}

// DetectionLag compares when impact first showed in a metric with when
// the incident was detected.
type DetectionLag struct {
	SnapshotID string `json:"snapshotId"`
	Title      string `json:"title"`
	SeriesKey  string `json:"seriesKey"`
	// Method is "baseline" (left its pre-incident band) or "threshold".
	Method string `json:"method"`
	// VisibleAt is when the metric showed impact; DetectedAt the incident's
	// detected time (zero when not set: no lag then).
	VisibleAt  time.Time `json:"visibleAt"`
	DetectedAt time.Time `json:"detectedAt"`
	// Lag is DetectedAt − VisibleAt: positive when the metric showed the
	// impact before people noticed.
	Lag time.Duration `json:"lag"`
}

// Sentence says the lag in words: "impact visible in metrics 14 min before
// detection".
func (d *DetectionLag) Sentence() string {
	if d == nil || d.DetectedAt.IsZero() {
		return ""
	}
	lag := d.Lag.Round(time.Minute)
	switch {
	case lag > 0:
		return fmt.Sprintf("impact visible in metrics %s before detection", FormatMinutes(lag))
	case lag < 0:
		return fmt.Sprintf("impact visible in metrics %s after detection", FormatMinutes(-lag))
	default:
		return "impact visible in metrics at detection"
	}
}

// FormatMinutes writes a duration as "14 min", "2 h 5 min" or "3 d 4 h".
func FormatMinutes(d time.Duration) string {
	m := int64(d.Round(time.Minute) / time.Minute)
	switch {
	case m < 60:
		return fmt.Sprintf("%d min", m)
	case m < 24*60:
		if m%60 == 0 {
			return fmt.Sprintf("%d h", m/60)
		}
		return fmt.Sprintf("%d h %d min", m/60, m%60)
	default:
		h := m / 60
		if h%24 == 0 {
			return fmt.Sprintf("%d d", h/24)
		}
		return fmt.Sprintf("%d d %d h", h/24, h%24)
	}
}

// MetricService is the store's contract for sources, saved queries and
// snapshots. A source is named by its id or its name (case-insensitive);
// incident accepts an id or reference. A snapshot of an incident in the
// trash is in the trash with it: ENOTFOUND.
type MetricService interface {
	// CreateSource saves a new source. EINVALID names the field; a name in
	// use is EINVALID on "name".
	CreateSource(ctx context.Context, in SourceInput) (*MetricSource, error)
	// UpdateSource replaces the source's fields.
	UpdateSource(ctx context.Context, idOrName string, in SourceInput) (*MetricSource, error)
	GetSource(ctx context.Context, idOrName string) (*MetricSource, error)
	// ListSources lists sources by name.
	ListSources(ctx context.Context) ([]MetricSource, error)
	// DeleteSource removes a source and its saved queries; snapshots taken
	// from it stay (they copy its name and URL).
	DeleteSource(ctx context.Context, idOrName string) error

	// SaveQuery saves a query for a service; the same service and name
	// replaces the earlier one.
	SaveQuery(ctx context.Context, in SavedQueryInput) (*SavedQuery, error)
	// ListSavedQueries lists the saved queries of the services named (all
	// when none), by service then name.
	ListSavedQueries(ctx context.Context, services []string) ([]SavedQuery, error)
	DeleteSavedQuery(ctx context.Context, id string) error

	// SaveSnapshots stores fetched snapshots in one transaction, all or
	// nothing. A snapshot with a GroupID becomes that group's next version
	// (keeping its signal); one without starts a new group at version 1.
	// ID, Version, Hash and the counts are set by the store and the saved
	// snapshots returned (without points).
	SaveSnapshots(ctx context.Context, incident string, snaps []Snapshot) ([]Snapshot, error)
	// ListSnapshots lists the latest version of each of the incident's
	// snapshot groups, oldest group first, with SeriesStats and Versions
	// filled and no points.
	ListSnapshots(ctx context.Context, incident string) ([]Snapshot, error)
	// SnapshotVersions lists a group's versions, newest first, without
	// points.
	SnapshotVersions(ctx context.Context, groupID string) ([]Snapshot, error)
	// GetSnapshot returns one version with all its points.
	GetSnapshot(ctx context.Context, id string) (*Snapshot, error)
	// SetSignal sets the group's detection signal (stored on the group, so
	// a re-sync keeps it). EINVALID on "seriesKey" for a series the
	// snapshot does not have.
	SetSignal(ctx context.Context, snapshotID string, sig Signal) (*Snapshot, error)
	// DeleteSnapshotGroup deletes every version of the snapshot's group.
	DeleteSnapshotGroup(ctx context.Context, snapshotID string) error
}
