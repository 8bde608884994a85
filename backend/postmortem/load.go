package postmortem

import (
	"context"
	"path"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// Sources are the services Load reads an incident's data from. Lag is the
// metrics service's detection lag; nil leaves the lag out.
type Sources struct {
	Incidents domain.IncidentService
	Timeline  domain.TimelineService
	Causes    domain.CauseService
	Actions   domain.ActionService
	Metrics   domain.MetricService
	Lag       func(ctx context.Context, incident string) (*domain.DetectionLag, error)
}

// Load reads everything a document may show about one incident (by id or
// reference): the incident, its whole timeline, its cause tree, its actions,
// the latest version of each metric snapshot with its points, and the
// detection lag. A nil service leaves its part empty. Errors are the
// services' (ENOTFOUND for an unknown or trashed incident).
func Load(ctx context.Context, src Sources, incident string, zone *time.Location, now time.Time) (Data, error) {
	inc, err := src.Incidents.GetIncident(ctx, incident)
	if err != nil {
		return Data{}, err
	}
	d := Data{Incident: inc, Zone: zone, Now: now, AssetDir: path.Join("assets", inc.Ref())}
	if src.Timeline != nil {
		for off := 0; ; off += domain.MaxEventPage {
			p, err := src.Timeline.ListEvents(ctx, inc.ID, domain.EventFilter{Limit: domain.MaxEventPage, Offset: off})
			if err != nil {
				return Data{}, err
			}
			d.Events = append(d.Events, p.Items...)
			if len(p.Items) < domain.MaxEventPage {
				break
			}
		}
	}
	if src.Causes != nil {
		tree, err := src.Causes.CauseTree(ctx, inc.ID)
		if err != nil {
			return Data{}, err
		}
		if tree != nil {
			d.Causes = tree.Nodes
		}
	}
	if src.Actions != nil {
		f := domain.ActionFilter{Incident: inc.ID, Limit: domain.MaxActionPage}
		for {
			p, err := src.Actions.ListActions(ctx, f)
			if err != nil {
				return Data{}, err
			}
			d.Actions = append(d.Actions, p.Items...)
			if len(p.Items) < f.Limit || len(d.Actions) >= p.Total {
				break
			}
			f.Offset += len(p.Items)
		}
	}
	if src.Metrics != nil {
		list, err := src.Metrics.ListSnapshots(ctx, inc.ID)
		if err != nil {
			return Data{}, err
		}
		for _, s := range list {
			full, err := src.Metrics.GetSnapshot(ctx, s.ID)
			if err != nil {
				return Data{}, err
			}
			d.Snapshots = append(d.Snapshots, *full)
		}
	}
	if src.Lag != nil {
		if d.Lag, err = src.Lag(ctx, inc.ID); err != nil {
			return Data{}, err
		}
	}
	return d, nil
}
