package demo

import (
	"testing"
	"time"
)

func TestGeneratedIncidentsAreValid(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	ins := Generate(500, now)
	if len(ins) != 500 {
		t.Fatalf("generated %d, want 500", len(ins))
	}
	active := 0
	for k, in := range ins {
		d, err := in.Validate(now)
		if err == nil {
			_, err = d.FinishDraft("", now)
		}
		if err != nil {
			t.Fatalf("incident %d is invalid: %v", k, err)
		}
		if d.Status.IsActive() {
			active++
		}
	}
	if active != 6 {
		t.Errorf("%d active incidents, want the newest 6", active)
	}
	again := Generate(500, now)
	if again[123].Title != ins[123].Title {
		t.Error("Generate is not deterministic for the same n")
	}
}
