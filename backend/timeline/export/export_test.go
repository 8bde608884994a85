package export

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func sample() (*domain.Incident, []domain.TimelineEvent) {
	start := time.Date(2026, 11, 23, 13, 0, 0, 0, time.UTC)
	inc := &domain.Incident{Number: 7, StartedAt: &start}
	evs := []domain.TimelineEvent{
		{At: start.Add(12*time.Minute + 500*time.Millisecond), Kind: "alert", Author: "pagerduty", Body: "5xx | above 5%", KeyMoment: "detected", Source: "typed"},
		{At: start.Add(95 * time.Minute), Kind: "action", Author: "dana", Body: "Rolled back\nand watched", Source: "imported"},
	}
	return inc, evs
}

func TestMarkdownIsATableWithDatesZoneAndOffsets(t *testing.T) {
	inc, evs := sample()
	berlin, _ := time.LoadLocation("Europe/Berlin")
	var b bytes.Buffer
	if err := Write(&b, "markdown", inc, evs, berlin); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"| Time (Europe/Berlin) | T+ | Kind | Who | What |",
		"| 2026-11-23 14:12:00 | T+0:12 | alert | pagerduty | **Detected:** 5xx \\| above 5% |",
		"| 2026-11-23 15:35:00 | T+1:35 | action | dana | Rolled back<br>and watched |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("markdown lacks %q:\n%s", want, got)
		}
	}
}

func TestJSONKeepsMillisecondsAndNamesTheIncident(t *testing.T) {
	inc, evs := sample()
	var b bytes.Buffer
	if err := Write(&b, "json", inc, evs, time.UTC); err != nil {
		t.Fatal(err)
	}
	var doc Doc
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Incident != "INC-0007" || doc.Events[0].At != "2026-11-23T13:12:00.5Z" || doc.Events[0].KeyMoment != "detected" {
		t.Errorf("doc = %+v", doc)
	}
}

func TestCSVHasAHeaderTheImporterFindsByName(t *testing.T) {
	inc, evs := sample()
	var b bytes.Buffer
	if err := Write(&b, "csv", inc, evs, time.UTC); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	if lines[0] != "time,author,kind,text,key_moment" || !strings.HasPrefix(lines[1], "2026-11-23T13:12:00.5Z,pagerduty,alert,5xx | above 5%,detected") {
		t.Errorf("csv = %q", b.String())
	}
}

func TestUnknownFormatIsBadInput(t *testing.T) {
	inc, evs := sample()
	err := Write(&bytes.Buffer{}, "pdf", inc, evs, time.UTC)
	if domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("err = %v, want invalid", err)
	}
}
