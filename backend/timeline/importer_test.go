package timeline

import (
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/backend/domain"
)

const written = `## 2026-11-20
09:07 Detected: 5xx above 5% on checkout
ASSUMPTION nobody wrote a time here
09:41 Mitigated: rolled back the deploy
`

func TestUnparsedLinesAreRefusedJoinedOrSkipped(t *testing.T) {
	base := Request{Data: []byte(written), Format: "text", Zone: "UTC"}
	p, err := Prepare(base)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Events) != 2 {
		t.Fatalf("events = %+v, want 2", p.Events)
	}
	// A continuation line right under an event is joined by the parser
	// itself; only lines it could not place are problems.
	if len(p.Result.Problems) == 0 {
		if !strings.Contains(p.Events[0].Body, "ASSUMPTION") {
			t.Fatalf("the untimed line was neither joined nor reported: %+v", p.Events)
		}
		return
	}
	if err := p.Err(); domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("Err() = %v, want the unparsed line 3 named", err)
	}
	join := base
	join.Join = []int{3}
	p, _ = Prepare(join)
	if p.Err() != nil || !strings.Contains(p.Events[0].Body, "ASSUMPTION") {
		t.Errorf("joined: err %v, first body %q", p.Err(), p.Events[0].Body)
	}
	skip := base
	skip.Unparsed = UnparsedSkip
	p, _ = Prepare(skip)
	if p.Err() != nil || strings.Contains(p.Events[0].Body, "ASSUMPTION") {
		t.Errorf("skipped: err %v, first body %q", p.Err(), p.Events[0].Body)
	}
}

func TestKeyMomentsAndKindsComeThrough(t *testing.T) {
	p, err := Prepare(Request{Data: []byte(written), Format: "text", Zone: "UTC", Unparsed: UnparsedSkip})
	if err != nil {
		t.Fatal(err)
	}
	if p.Events[0].KeyMoment != "detected" || p.Events[1].KeyMoment != "mitigated" {
		t.Errorf("key moments = %q, %q", p.Events[0].KeyMoment, p.Events[1].KeyMoment)
	}
	if got := p.Events[0].At.Format("2006-01-02T15:04Z07:00"); got != "2026-11-20T09:07Z" {
		t.Errorf("first at = %s", got)
	}
}

func TestBadRequestsNameTheField(t *testing.T) {
	for _, tt := range []struct {
		r     Request
		field string
	}{
		{Request{Data: []byte("x"), Zone: "Mars/Base"}, "zone"},
		{Request{Data: []byte("x"), Date: "2026-02-30"}, "date"},
		{Request{Data: []byte("x"), Unparsed: "shred"}, "unparsed"},
		// A bad zone with a good date (the window always sends a date) is a
		// message about the zone, not a panic.
		{Request{Data: []byte("x"), Zone: "Mars/Base", Date: "2026-11-22"}, "zone"},
	} {
		_, err := Prepare(tt.r)
		de, ok := err.(*domain.Error)
		if !ok || de.Fields[tt.field] == "" {
			t.Errorf("Prepare(%+v) = %v, want %s named", tt.r, err, tt.field)
		}
	}
	if _, err := Prepare(Request{Data: []byte("a\x00b")}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("binary data: %v, want invalid", err)
	}
	p, err := Prepare(Request{Data: []byte("no times here at all\n"), Unparsed: UnparsedSkip})
	if err != nil || p.Err() == nil {
		t.Errorf("an import with no events: %v / %v, want Err to say nothing to import", err, p.Err())
	}
}
