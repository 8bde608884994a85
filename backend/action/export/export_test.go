package export

import (
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func items() []domain.ActionItem {
	closed := now.Add(-time.Hour)
	return []domain.ActionItem{
		{Number: 1, Title: "Alert on pool wait | p99 > 200 ms", Owner: "Dana Reyes", Due: "2026-11-20", Priority: "P1",
			Type: "detect", Status: "open", IncidentID: "x", IncidentNumber: 4, IncidentTitle: "Checkout 502s",
			Link: "https://tracker.example.com/OPS-1", CreatedAt: now},
		{Number: 2, Title: "Drop the [old] pool\nsecond line", Due: "2026-11-22", Priority: "P3", Type: "process",
			Status: "wont_do", Reason: "Superseded", CreatedAt: now, ClosedAt: &closed},
	}
}

func TestMarkdown(t *testing.T) {
	var b strings.Builder
	if err := Write(&b, "markdown", items(), now, time.UTC); err != nil {
		t.Fatal(err)
	}
	want := "| Ref | Action | Owner | Due | Priority | Type | Status | Incident |\n" +
		"| --- | --- | --- | --- | --- | --- | --- | --- |\n" +
		"| ACT-0001 | [Alert on pool wait \\| p99 > 200 ms](<https://tracker.example.com/OPS-1>) | Dana Reyes | 2026-11-20 (3 days overdue) | P1 | detect | Open | INC-0004 |\n" +
		"| ACT-0002 | Drop the [old] pool<br>second line | | 2026-11-22 | P3 | process | Won't do: Superseded | |\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestCSVRoundTripsThroughAReader(t *testing.T) {
	var b strings.Builder
	if err := Write(&b, "csv", items(), now, time.UTC); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(CSVHeader, ",") {
		t.Fatalf("rows = %v", rows)
	}
	get := func(row int, col string) string {
		for k, h := range CSVHeader {
			if h == col {
				return rows[row][k]
			}
		}
		t.Fatalf("no column %s", col)
		return ""
	}
	for _, c := range []struct {
		row       int
		col, want string
	}{
		{1, "title", "Alert on pool wait | p99 > 200 ms"}, {1, "days_overdue", "3"}, {1, "incident", "INC-0004"},
		{2, "title", "Drop the [old] pool\nsecond line"}, {2, "days_overdue", "0"}, {2, "reason", "Superseded"},
		{2, "closed_at", "2026-11-23T11:00:00Z"}, {1, "closed_at", ""},
	} {
		if got := get(c.row, c.col); got != c.want {
			t.Errorf("row %d %s = %q, want %q", c.row, c.col, got, c.want)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	err := Write(&strings.Builder{}, "xlsx", nil, now, time.UTC)
	if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(err.Error(), "format") {
		t.Errorf("err = %v", err)
	}
}
