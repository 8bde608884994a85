package cli

import (
	"encoding/json"
	"io"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// incidentJSON is an incident in --json output. Scripts rely on this shape:
// fields may be added, never renamed or removed. Times are RFC 3339 in UTC
// or null; durations are whole seconds from the start or null; services and
// tags are arrays, never null. Summary and customerImpact are left out of
// list entries, which do not load them.
type incidentJSON struct {
	ID                    string   `json:"id"`
	Ref                   string   `json:"ref"`
	Title                 string   `json:"title"`
	Summary               *string  `json:"summary,omitempty"`
	Severity              string   `json:"severity"`
	Status                string   `json:"status"`
	Services              []string `json:"services"`
	Tags                  []string `json:"tags"`
	Commander             string   `json:"commander"`
	CustomerImpact        *string  `json:"customerImpact,omitempty"`
	StartedAt             *string  `json:"startedAt"`
	DetectedAt            *string  `json:"detectedAt"`
	MitigatedAt           *string  `json:"mitigatedAt"`
	ResolvedAt            *string  `json:"resolvedAt"`
	TimeToDetectSeconds   *int64   `json:"timeToDetectSeconds"`
	TimeToMitigateSeconds *int64   `json:"timeToMitigateSeconds"`
	TimeToResolveSeconds  *int64   `json:"timeToResolveSeconds"`
	CreatedAt             string   `json:"createdAt"`
	UpdatedAt             string   `json:"updatedAt"`
	DeletedAt             *string  `json:"deletedAt"`
	Version               int      `json:"version"`
	// DetectionLag is set by show when a metric snapshot has a signal.
	DetectionLag *lagOut `json:"detectionLag,omitempty"`
}

// lagOut is the detection lag in --json output: when the chosen metric
// showed impact, against detection.
type lagOut struct {
	Sentence   string `json:"sentence"`
	LagSeconds int64  `json:"lagSeconds"`
	VisibleAt  string `json:"visibleAt"`
	DetectedAt string `json:"detectedAt"`
	Method     string `json:"method"`
	SnapshotID string `json:"snapshotId"`
	Title      string `json:"title"`
	SeriesKey  string `json:"seriesKey"`
}

func lagJSON(d *domain.DetectionLag) *lagOut {
	if d == nil || d.DetectedAt.IsZero() {
		return nil
	}
	return &lagOut{Sentence: d.Sentence(), LagSeconds: int64(d.Lag / time.Second), VisibleAt: d.VisibleAt.UTC().Format(time.RFC3339),
		DetectedAt: d.DetectedAt.UTC().Format(time.RFC3339), Method: d.Method, SnapshotID: d.SnapshotID, Title: d.Title, SeriesKey: d.SeriesKey}
}

// toJSON converts an incident; full includes the long text fields.
func toJSON(i *domain.Incident, full bool) incidentJSON {
	d := i.Durations()
	out := incidentJSON{
		ID: i.ID, Ref: i.Ref(), Title: i.Title,
		Severity: string(i.Severity), Status: string(i.Status),
		Services: nonNil(i.Services), Tags: nonNil(i.Tags), Commander: i.Commander,
		StartedAt: jsonTime(i.StartedAt), DetectedAt: jsonTime(i.DetectedAt),
		MitigatedAt: jsonTime(i.MitigatedAt), ResolvedAt: jsonTime(i.ResolvedAt),
		TimeToDetectSeconds: seconds(d.ToDetect), TimeToMitigateSeconds: seconds(d.ToMitigate),
		TimeToResolveSeconds: seconds(d.ToResolve),
		CreatedAt:            formatUTC(i.CreatedAt), UpdatedAt: formatUTC(i.UpdatedAt),
		DeletedAt: jsonTime(i.DeletedAt), Version: i.Version,
	}
	if full {
		summary, impact := i.Summary, i.CustomerImpact
		out.Summary, out.CustomerImpact = &summary, &impact
	}
	return out
}

func formatUTC(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func jsonTime(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := formatUTC(*t)
	return &s
}

func seconds(d *time.Duration) *int64 {
	if d == nil {
		return nil
	}
	s := int64(*d / time.Second)
	return &s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// writeJSON prints v indented, without HTML escaping (titles may hold < and &).
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
