package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func seedSearchWorld(t *testing.T) *world {
	t.Helper()
	w := newWorld(t)
	w.seed(
		domain.IncidentInput{Title: "Database connection pool exhausted", Severity: "SEV1", Services: []string{"payments-db"},
			StartedAt: "2026-06-10 09:00", Zone: "UTC"},
		domain.IncidentInput{Title: "DNS failures", Severity: "SEV3", Services: []string{"edge"},
			Summary: "Not the connection pool this time.", StartedAt: "2026-06-12 09:00", Zone: "UTC"},
	)
	return w
}

func TestSearchPrintsRankedHitsWithTheMatchesMarked(t *testing.T) {
	w := seedSearchWorld(t)
	out := w.ok("search", "connection", "pool", "--tz", "UTC")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 4 || !strings.HasPrefix(lines[0], "KIND") {
		t.Fatalf("got %q", out)
	}
	if !strings.Contains(lines[1], "INC-0001") || !strings.Contains(lines[1], "2026-06-10 09:00 UTC") ||
		!strings.Contains(lines[1], "Database **connection** **pool** exhausted") {
		t.Errorf("first hit: got %q", lines[1])
	}
	if !strings.Contains(out, "INC-0002") || !strings.Contains(out, "Not the **connection** **pool** this time.") {
		t.Errorf("second hit and its snippet: got %q", out)
	}
	if last := lines[len(lines)-1]; last != "showing 1–2" {
		t.Errorf("last line: got %q", last)
	}

	var hits []map[string]any
	if err := json.Unmarshal([]byte(w.ok("search", "conn", "--json", "--severity", "sev3")), &hits); err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0]["ref"] != "INC-0002" || hits[0]["kind"] != "incident" ||
		!strings.Contains(hits[0]["snippet"].(string), domain.HighlightStart+"connection"+domain.HighlightEnd) {
		t.Errorf("--json --severity SEV3: got %v", hits)
	}
	if err := json.Unmarshal([]byte(w.ok("search", "nothing-like-this", "--json")), &hits); err != nil || len(hits) != 0 {
		t.Errorf("no hits as JSON: got %v (%v), want []", hits, err)
	}
}

func TestSearchSaysWhenNothingMatches(t *testing.T) {
	w := seedSearchWorld(t)
	for _, q := range []string{`"`, "AND AND", "*", "NEAR(", "🔥", "zebra"} {
		if out := w.ok("search", q); !strings.HasPrefix(out, "no matches for ") {
			t.Errorf("search %q: got %q", q, out)
		}
	}
	if out := w.ok("search", "pool", "--kind", "action"); !strings.HasPrefix(out, "no matches") {
		t.Errorf("--kind action: got %q", out)
	}
}

func TestSearchRefusesBadInput(t *testing.T) {
	w := seedSearchWorld(t)
	w.fails(exitInvalid, []string{"query"}, "search")
	w.fails(exitInvalid, []string{"kind", "tweet"}, "search", "pool", "--kind", "tweet")
	w.fails(exitInvalid, []string{"severity"}, "search", "pool", "--severity", "SEV9")
	w.fails(exitInvalid, []string{"limit"}, "search", "pool", "--limit", "0")
	w.fails(exitInvalid, []string{"to"}, "search", "pool", "--to", "2026-13-01")
	w.fails(exitInvalid, []string{"query", "500"}, "search", strings.Repeat("x", 501))
	r := w.run("", "search", "pool", "--from", "2026-06-12", "--to", "2026-06-12", "--json")
	var hits []map[string]any
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &hits) != nil || len(hits) != 1 || hits[0]["ref"] != "INC-0002" {
		t.Errorf("one day: got exit %d, %q, %q", r.code, r.stdout, r.stderr)
	}
}

func TestSearchReindex(t *testing.T) {
	w := seedSearchWorld(t)
	r := w.run("", "search", "reindex")
	if r.code != 0 || r.stdout == "" || !strings.HasPrefix(r.stdout, "Indexed 2 documents in ") {
		t.Fatalf("reindex: got exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if out := w.ok("search", "exhausted"); !strings.Contains(out, "INC-0001") {
		t.Errorf("after reindex: got %q", out)
	}
	if out := w.ok("search", "reindex "); !strings.HasPrefix(out, "no matches") {
		t.Errorf("the word reindex: got %q", out)
	}
}
