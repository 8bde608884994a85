// Package demo loads Hindsight's sample incident: one realistic incident,
// created through the same service as everything a person types, so it is
// validated like real data and shows every part of the app filled in.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
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
	return inc, nil
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
