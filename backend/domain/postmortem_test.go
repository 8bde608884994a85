package domain

import (
	"strings"
	"testing"
	"time"
)

func TestCheckPostmortemTransition(t *testing.T) {
	for _, tc := range []struct {
		from, to PostmortemStatus
		ok       bool
	}{
		{PostmortemDraft, PostmortemInReview, true},
		{PostmortemInReview, PostmortemApproved, true},
		{PostmortemInReview, PostmortemDraft, true},
		{PostmortemApproved, PostmortemPublished, true},
		{PostmortemApproved, PostmortemDraft, true},
		{PostmortemPublished, PostmortemDraft, true},
		{PostmortemDraft, PostmortemPublished, false},
		{PostmortemDraft, PostmortemApproved, false},
		{PostmortemInReview, PostmortemPublished, false},
		{PostmortemPublished, PostmortemApproved, false},
		{PostmortemDraft, PostmortemDraft, false},
	} {
		t.Run(string(tc.from)+" to "+string(tc.to), func(t *testing.T) {
			err := CheckPostmortemTransition(tc.from, tc.to)
			if (err == nil) != tc.ok {
				t.Fatalf("got %v, want ok=%v", err, tc.ok)
			}
			if err != nil {
				if ErrorCode(err) != EINVALID {
					t.Errorf("code = %q, want invalid", ErrorCode(err))
				}
				msg := err.(*Error).Fields["status"]
				if !strings.Contains(msg, tc.from.Label()) || !strings.Contains(msg, tc.to.Label()) {
					t.Errorf("message %q does not name %s and %s", msg, tc.from.Label(), tc.to.Label())
				}
			}
		})
	}
}

func TestParsePostmortemStatus(t *testing.T) {
	for in, want := range map[string]PostmortemStatus{"draft": PostmortemDraft, "In Review": PostmortemInReview, "in-review": PostmortemInReview, " PUBLISHED ": PostmortemPublished} {
		if got, err := ParsePostmortemStatus(in); err != nil || got != want {
			t.Errorf("ParsePostmortemStatus(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParsePostmortemStatus("done"); err == nil {
		t.Error("done was accepted")
	}
}

func TestPostmortemEditValidate(t *testing.T) {
	t.Run("a body over 1 MiB is refused on body", func(t *testing.T) {
		in := PostmortemEdit{Title: "PM", Body: strings.Repeat("x", MaxPostmortemBody+1)}
		err := in.Validate()
		if e, ok := err.(*Error); !ok || e.Fields["body"] == "" {
			t.Fatalf("got %v, want a field error on body", err)
		}
	})
	t.Run("a body of exactly 1 MiB is fine", func(t *testing.T) {
		in := PostmortemEdit{Title: "PM", Body: strings.Repeat("x", MaxPostmortemBody)}
		if err := in.Validate(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("titles are required and at most 300 characters", func(t *testing.T) {
		for _, title := range []string{"  ", strings.Repeat("é", MaxPostmortemTitle+1)} {
			in := PostmortemEdit{Title: title}
			if e, ok := in.Validate().(*Error); !ok || e.Fields["title"] == "" {
				t.Errorf("title %.10q: got %v, want a field error on title", title, e)
			}
		}
	})
	t.Run("authors are trimmed and deduplicated without case", func(t *testing.T) {
		in := PostmortemEdit{Title: "PM", Authors: []string{" Dana ", "dana", "Lee", ""}}
		if err := in.Validate(); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(in.Authors, "|"); got != "Dana|Lee" {
			t.Errorf("authors = %q, want Dana|Lee", got)
		}
	})
	t.Run("more than 20 authors are refused", func(t *testing.T) {
		var names []string
		for k := 0; k < 21; k++ {
			names = append(names, "P"+string(rune('A'+k)))
		}
		in := PostmortemEdit{Title: "PM", Authors: names}
		if e, ok := in.Validate().(*Error); !ok || e.Fields["authors"] == "" {
			t.Fatalf("got %v, want a field error on authors", e)
		}
	})
}

func TestCleanReviewersAndVerdicts(t *testing.T) {
	if _, err := CleanReviewers([]string{" ", ""}); ErrorCode(err) != EINVALID {
		t.Errorf("no reviewers: got %v, want EINVALID", err)
	}
	got, err := CleanReviewers([]string{"Ana", "ANA", "Bo"})
	if err != nil || len(got) != 2 {
		t.Errorf("got %v, %v; want [Ana Bo]", got, err)
	}
	if _, _, err := CheckVerdict("changes", "  "); err == nil || err.(*Error).Fields["comment"] == "" {
		t.Errorf("changes without a comment: got %v, want a field error on comment", err)
	}
	if _, _, err := CheckVerdict("lgtm", ""); err == nil || err.(*Error).Fields["verdict"] == "" {
		t.Errorf("unknown verdict: got %v, want a field error on verdict", err)
	}
	if v, _, err := CheckVerdict(" Approve ", ""); err != nil || v != VerdictApprove {
		t.Errorf("approve: got %q, %v", v, err)
	}
}

func TestAllApproved(t *testing.T) {
	rv := func(who, v string) PostmortemReview { return PostmortemReview{Reviewer: who, Verdict: v} }
	for _, tc := range []struct {
		name    string
		reviews []PostmortemReview
		want    bool
	}{
		{"no verdicts", nil, false},
		{"one of two approved", []PostmortemReview{rv("Ana", "approve")}, false},
		{"both approved, names in another case", []PostmortemReview{rv("ana", "approve"), rv("BO", "approve")}, true},
		{"an approval after asking for changes counts", []PostmortemReview{rv("Ana", "changes"), rv("Ana", "approve"), rv("Bo", "approve")}, true},
		{"asking for changes after approving undoes it", []PostmortemReview{rv("Ana", "approve"), rv("Bo", "approve"), rv("Ana", "changes")}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := AllApproved([]string{"Ana", "Bo"}, tc.reviews); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestParseReviewRule(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want ReviewRule
	}{
		{"3d", ReviewRule{Days: 3}},
		{"5bd", ReviewRule{Days: 5, Business: true}},
		{" 10BD ", ReviewRule{Days: 10, Business: true}},
		{"7", ReviewRule{Days: 7}},
		{"none", ReviewRule{}},
		{"0bd", ReviewRule{}},
	} {
		got, err := ParseReviewRule("reviewDueSEV2", tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseReviewRule(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"3w", "-1d", "bd", "400d"} {
		_, err := ParseReviewRule("reviewDueSEV2", bad)
		if err == nil || !strings.Contains(err.Error(), "reviewDueSEV2") {
			t.Errorf("ParseReviewRule(%q) = %v, want an error naming the key", bad, err)
		}
	}
	for _, r := range []ReviewRule{{Days: 3}, {Days: 5, Business: true}, {}} {
		if got, _ := ParseReviewRule("k", r.String()); got != r {
			t.Errorf("round trip of %+v gave %+v", r, got)
		}
	}
}

func TestReviewPolicyFor(t *testing.T) {
	set := map[string]string{"reviewDueSEV1": "2bd", "reviewDueSEV3": "nonsense", "reviewDueSEV4": "30d"}
	p := ReviewPolicyFor(func(k string) string { return set[k] })
	want := ReviewPolicy{
		SEV1: ReviewRule{Days: 2, Business: true},
		SEV2: DefaultReviewPolicy.SEV2,
		SEV3: DefaultReviewPolicy.SEV3, // a bad setting falls back
		SEV4: ReviewRule{Days: 30},
	}
	if p != want {
		t.Errorf("got %+v, want %+v", p, want)
	}
}

func TestReviewDueDate(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	at := func(s string, loc *time.Location) *time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		v = v.UTC()
		return &v
	}
	for _, tc := range []struct {
		name     string
		sev      Severity
		resolved *time.Time
		loc      *time.Location
		want     string
	}{
		{"SEV1 resolved Friday 16:00 in Berlin is due Monday", SEV1, at("2026-11-27 16:00", berlin), berlin, "2026-11-30"},
		{"SEV1 resolved just after midnight Friday in Berlin counts from Friday there", SEV1, at("2026-11-27 00:30", berlin), berlin, "2026-11-30"},
		{"the same instant in UTC is Thursday, so due Sunday", SEV1, at("2026-11-27 00:30", berlin), time.UTC, "2026-11-29"},
		{"SEV2 resolved Wednesday is due 5 business days later, across the weekend", SEV2, at("2026-11-25 10:00", berlin), berlin, "2026-12-02"},
		{"SEV2 resolved Friday is due the next Friday", SEV2, at("2026-11-27 10:00", berlin), berlin, "2026-12-04"},
		{"SEV2 resolved Saturday is due the next Friday", SEV2, at("2026-11-28 10:00", berlin), berlin, "2026-12-04"},
		{"SEV3 is 10 business days", SEV3, at("2026-11-23 10:00", berlin), berlin, "2026-12-07"},
		{"SEV1 across the end of daylight saving time", SEV1, at("2026-10-24 23:30", berlin), berlin, "2026-10-27"},
		{"SEV4 has no due date", SEV4, at("2026-11-27 16:00", berlin), berlin, ""},
		{"no resolution, no due date", SEV1, nil, berlin, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := DefaultReviewPolicy.DueDate(&Incident{Severity: tc.sev, ResolvedAt: tc.resolved}, tc.loc)
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("got %q, %v; want %q", got, ok, tc.want)
			}
		})
	}
}

func TestIsReviewOverdue(t *testing.T) {
	for _, tc := range []struct {
		status PostmortemStatus
		due    string
		want   bool
	}{
		{PostmortemDraft, "2026-11-22", true},
		{PostmortemInReview, "2026-11-22", true},
		{PostmortemDraft, "2026-11-23", false}, // due today is not yet overdue
		{PostmortemApproved, "2026-11-01", false},
		{PostmortemPublished, "2026-11-01", false},
		{PostmortemDraft, "", false},
	} {
		if got := IsReviewOverdue(tc.status, tc.due, "2026-11-23"); got != tc.want {
			t.Errorf("IsReviewOverdue(%s, %q) = %v, want %v", tc.status, tc.due, got, tc.want)
		}
	}
}
