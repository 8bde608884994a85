// Package demo loads Hindsight's sample incident: one realistic incident,
// created through the same service as everything a person types, so it is
// validated like real data and shows every part of the app filled in.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/postmortem"
)

// Title is the sample incident's title; tests and docs refer to it.
const Title = "Checkout API returned 502s after connection-pool change"

// Load creates the sample incident, dated a few days before now, and returns
// it. Each call creates a new copy. Errors are the service's (EINVALID if the
// sample no longer passes validation: a bug, caught by this package's test).
func Load(ctx context.Context, svc domain.IncidentService, now time.Time) (*domain.Incident, error) {
	s := newSample(now)
	inc, err := svc.CreateIncident(ctx, s.incident())
	if err != nil {
		return nil, fmt.Errorf("demo: create the sample incident: %w", err)
	}
	// Later parts of the sample (timeline, causes, actions, postmortem) are
	// added here, each as a method of sample that takes inc and the service
	// it needs, so the whole story keeps one clock.
	if as, ok := svc.(domain.ActionService); ok {
		for _, in := range s.actions(inc) {
			if _, err := as.CreateAction(ctx, in); err != nil {
				return nil, fmt.Errorf("demo: create the sample action %q: %w", in.Title, err)
			}
		}
	}
	if ps, ok := svc.(domain.PostmortemService); ok {
		if _, err := ps.CreatePostmortem(ctx, inc.ID, s.postmortem()); err != nil {
			return nil, fmt.Errorf("demo: create the sample postmortem: %w", err)
		}
	}
	return inc, nil
}

// postmortem is the sample's draft postmortem: the SRE template as it
// comes, its placeholders filled from the incident when it is shown.
func (s sample) postmortem() domain.PostmortemInput {
	t, _ := postmortem.FindTemplate("sre", nil) // built in: always found
	return domain.PostmortemInput{Template: t.Name, Body: t.Body}
}

// day is the calendar date days after now's date (UTC), as a due date.
func (s sample) day(days int) string {
	return s.start.AddDate(0, 0, 3+days).Format(domain.DateLayout)
}

// actions are the sample's follow-ups: one done, one overdue, one with the
// default deadline, and one vague and unowned, so the hints show.
func (s sample) actions(inc *domain.Incident) []domain.ActionInput {
	return []domain.ActionInput{
		{
			Title: "Separate staging and production connection-pool settings", Owner: "Priya Raman",
			Priority: "P1", Type: "prevent", Status: "done", Due: s.day(14), Incident: inc.ID,
			Description:  "Production values live in `deploy/prod/pool.yaml`; staging can no longer override them.",
			Verification: "A staging value in a production deploy fails the config lint in CI.",
			Zone:         "UTC",
		},
		{
			Title: "Alert when checkout-api pool wait p99 exceeds 200 ms", Owner: "Sam Okafor",
			Priority: "P1", Type: "detect", Status: "in_progress", Due: s.day(-1), Incident: inc.ID,
			Link:         "https://tracker.example.com/OPS-1423",
			Verification: "The alert fires within 2 minutes in the staging load test.",
			Zone:         "UTC",
		},
		{
			Title: "Add a canary stage to the checkout-api deploy", Owner: "Dana Reyes",
			Priority: "P2", Type: "prevent", Incident: inc.ID,
			Verification: "A deploy that raises 5xx above 1% on the canary stops before 10% of traffic.",
			Zone:         "UTC",
		},
		{
			Title: "Investigate payments-db latency during the incident", Priority: "P3", Type: "process",
			Incident: inc.ID, Zone: "UTC",
		},
	}
}

// sample is the story's clock: every moment is an offset from the start, so
// the incident, and the timeline that will follow it, stay consistent.
type sample struct {
	start time.Time
}

// newSample starts the story three days before now at 14:05 UTC: an
// afternoon, far enough back to be finished, recent enough to be on the
// first page of the list.
func newSample(now time.Time) sample {
	d := now.UTC().AddDate(0, 0, -3)
	return sample{start: time.Date(d.Year(), d.Month(), d.Day(), 14, 5, 0, 0, time.UTC)}
}

// at is the moment minutes after the start, as the service reads it.
func (s sample) at(minutes int) string {
	return s.start.Add(time.Duration(minutes) * time.Minute).Format(time.RFC3339)
}

// Key moments, in minutes from the start.
const (
	detectedAfter  = 7
	mitigatedAfter = 41
	resolvedAfter  = 92
)

func (s sample) incident() domain.IncidentInput {
	return domain.IncidentInput{
		Title:     Title,
		Severity:  string(domain.SEV2),
		Status:    string(domain.StatusPostmortem),
		Services:  []string{"checkout-api", "payments-db"},
		Tags:      []string{"sample", "database"},
		Commander: "Priya Raman",
		CustomerImpact: "About 18% of checkout attempts failed with HTTP 502 for 41 minutes " +
			"(roughly 2,300 failed orders across web and mobile). Customers saw " +
			"\"Something went wrong\" at the payment step; no card was charged twice " +
			"and no order data was lost. Some retried successfully; support received 146 tickets.",
		Summary:     summary,
		StartedAt:   s.at(0),
		DetectedAt:  s.at(detectedAfter),
		MitigatedAt: s.at(mitigatedAfter),
		ResolvedAt:  s.at(resolvedAfter),
		Zone:        "UTC",
	}
}

const summary = `## What happened

A configuration change lowered the database connection pool of **checkout-api**
from 50 to 10 connections per instance, meant for a staging environment. It was
rolled out to production with the regular 14:00 deploy. Under the afternoon
load, requests waited for a free connection longer than the load balancer's
5-second timeout, and the load balancer answered **502 Bad Gateway**.

The 502 alert fired 7 minutes after the deploy. The on-call engineer first
suspected **payments-db** itself, whose latency had also risen; it had not
degraded: the queue was in front of it, inside checkout-api.

## Impact

Checkout failed for roughly one request in five for 41 minutes. Browsing,
search and carts were unaffected. No payment was captured twice.

## How it was fixed

- Rolled back the deploy, which restored the pool size of 50 (mitigated at 41 minutes).
- Confirmed the error rate and the pool wait time back to their baselines.
- Resolved after 1h32, once the retried orders had drained from the queue.

Follow-up work: separate staging and production pool settings, alert on pool
wait time rather than only on 502s, and add a canary stage to the deploy.`
