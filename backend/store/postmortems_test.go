package store

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// mustPostmortem creates an incident and its postmortem.
func mustPostmortem(tb testing.TB, s *Store, body string) (*domain.Incident, *domain.Postmortem) {
	tb.Helper()
	inc := mustCreate(tb, s, validInput())
	pm, err := s.CreatePostmortem(context.Background(), inc.Ref(), domain.PostmortemInput{
		Template: "standard", Title: "Checkout 502s", Body: body, Authors: []string{"Dana Reyes"}})
	if err != nil {
		tb.Fatalf("CreatePostmortem: %v", err)
	}
	return inc, pm
}

func fieldMsg(t *testing.T, err error, field string) string {
	t.Helper()
	e := wantCode(t, err, domain.EINVALID)
	if e.Fields[field] == "" {
		t.Fatalf("error %v has no field %q", err, field)
	}
	return e.Fields[field]
}

func TestCreateAndGetPostmortem(t *testing.T) {
	ctx := domain.WithActor(context.Background(), "Dana Reyes")
	s := mustOpen(t)
	inc := mustCreate(t, s, validInput())

	_, err := s.GetPostmortem(ctx, inc.Ref())
	if e := wantCode(t, err, domain.ENOTFOUND); !strings.Contains(e.Message, "create one") {
		t.Errorf("message %q does not say how to create one", e.Message)
	}

	pm, err := s.CreatePostmortem(ctx, inc.Ref(), domain.PostmortemInput{Template: "standard", Body: "# Summary\n", Authors: []string{"Dana Reyes", "dana reyes"}})
	if err != nil {
		t.Fatal(err)
	}
	if pm.Status != domain.PostmortemDraft || pm.Version != 1 || pm.Title != "Postmortem: "+inc.Title || len(pm.Authors) != 1 {
		t.Errorf("created %+v", pm)
	}
	for _, ref := range []string{inc.Ref(), inc.ID, "inc-1"} {
		got, err := s.GetPostmortem(ctx, ref)
		if err != nil || got.ID != pm.ID || got.Body != "# Summary\n" || got.IncidentID != inc.ID || !got.CreatedAt.Equal(fixedNow) {
			t.Errorf("GetPostmortem(%q) = %+v, %v", ref, got, err)
		}
	}

	t.Run("a second postmortem for the incident is a conflict naming the first", func(t *testing.T) {
		_, err := s.CreatePostmortem(ctx, inc.Ref(), domain.PostmortemInput{Title: "Another"})
		if e := wantCode(t, err, domain.ECONFLICT); !strings.Contains(e.Message, pm.ID) {
			t.Errorf("message %q does not name %s", e.Message, pm.ID)
		}
	})
	t.Run("revision 1 holds the template body", func(t *testing.T) {
		revs, err := s.Revisions(ctx, pm.ID)
		if err != nil || len(revs) != 1 || revs[0].Number != 1 || revs[0].Author != "Dana Reyes" || revs[0].Body != "" || revs[0].Size != len("# Summary\n") {
			t.Fatalf("Revisions = %+v, %v", revs, err)
		}
		r, err := s.GetRevision(ctx, pm.ID, 1)
		if err != nil || r.Body != "# Summary\n" {
			t.Fatalf("GetRevision = %+v, %v", r, err)
		}
		_, err = s.GetRevision(ctx, pm.ID, 2)
		wantCode(t, err, domain.ENOTFOUND)
	})
	t.Run("an unknown incident is not found", func(t *testing.T) {
		_, err := s.CreatePostmortem(ctx, "INC-0099", domain.PostmortemInput{Title: "x"})
		wantCode(t, err, domain.ENOTFOUND)
	})
	t.Run("a body over 1 MiB is refused on body and nothing is saved", func(t *testing.T) {
		other := mustCreate(t, s, validInput())
		_, err := s.CreatePostmortem(ctx, other.Ref(), domain.PostmortemInput{Title: "x", Body: strings.Repeat("a", domain.MaxPostmortemBody+1)})
		fieldMsg(t, err, "body")
		_, err = s.SavePostmortem(ctx, pm.ID, domain.PostmortemEdit{Title: "x", Body: strings.Repeat("a", domain.MaxPostmortemBody+1)}, 0)
		fieldMsg(t, err, "body")
		_, err = s.GetPostmortem(ctx, other.Ref())
		wantCode(t, err, domain.ENOTFOUND)
	})
}

func TestSavePostmortemVersionsAndRevisions(t *testing.T) {
	ctx := domain.WithActor(context.Background(), "Lee")
	clock := fixedNow
	s := openAt(t, &clock)
	_, pm := mustPostmortem(t, s, "v1")
	edit := func(body string, revision bool, version int) (*domain.Postmortem, error) {
		return s.SavePostmortem(ctx, pm.ID, domain.PostmortemEdit{Title: pm.Title, Body: body, Revision: revision, Note: "note"}, version)
	}
	revCount := func() int {
		t.Helper()
		revs, err := s.Revisions(ctx, pm.ID)
		if err != nil {
			t.Fatal(err)
		}
		return len(revs)
	}

	clock = clock.Add(time.Minute)
	got, err := edit("v2", false, 1)
	if err != nil || got.Version != 2 || got.Body != "v2" || !got.UpdatedAt.Equal(clock) {
		t.Fatalf("save = %+v, %v", got, err)
	}
	if n := revCount(); n != 1 {
		t.Errorf("a save within 10 minutes of the last revision kept one: %d revisions, want 1", n)
	}

	t.Run("a stale version is a conflict and saves nothing", func(t *testing.T) {
		_, err := edit("stale", false, 1)
		wantCode(t, err, domain.ECONFLICT)
		cur, _ := s.GetPostmortem(ctx, pm.IncidentID)
		if cur.Body != "v2" || cur.Version != 2 {
			t.Errorf("after the conflict: %q v%d", cur.Body, cur.Version)
		}
	})
	t.Run("a save that changes nothing keeps the version", func(t *testing.T) {
		got, err := edit("v2", false, 2)
		if err != nil || got.Version != 2 {
			t.Errorf("got v%d, %v", got.Version, err)
		}
	})
	t.Run("an explicit revision is kept at once", func(t *testing.T) {
		clock = clock.Add(time.Minute)
		got, err := edit("v3", true, 2)
		if err != nil || got.Version != 3 {
			t.Fatal(err)
		}
		revs, _ := s.Revisions(ctx, pm.ID)
		if len(revs) != 2 || revs[0].Number != 2 || revs[0].Note != "note" || revs[0].Author != "Lee" {
			t.Fatalf("revisions (newest first) = %+v", revs)
		}
	})
	t.Run("autosave keeps a revision when the last is 10 minutes old and the body changed", func(t *testing.T) {
		clock = clock.Add(9 * time.Minute)
		if _, err := edit("v4", false, 0); err != nil {
			t.Fatal(err)
		}
		if n := revCount(); n != 2 {
			t.Fatalf("after 9 minutes: %d revisions, want 2", n)
		}
		clock = clock.Add(time.Minute)
		if _, err := edit("v5", false, 0); err != nil {
			t.Fatal(err)
		}
		revs, _ := s.Revisions(ctx, pm.ID)
		if len(revs) != 3 || revs[0].Number != 3 || revs[0].Note != "note" {
			t.Fatalf("after 10 minutes: %+v", revs)
		}
		r, _ := s.GetRevision(ctx, pm.ID, 3)
		if r.Body != "v5" {
			t.Errorf("revision 3 body = %q, want v5", r.Body)
		}
	})
	t.Run("autosave keeps nothing when only the authors changed", func(t *testing.T) {
		clock = clock.Add(time.Hour)
		got, err := s.SavePostmortem(ctx, pm.ID, domain.PostmortemEdit{Title: pm.Title, Body: "v5", Authors: []string{"Lee"}}, 0)
		if err != nil || len(got.Authors) != 1 || got.Authors[0] != "Lee" {
			t.Fatalf("got %+v, %v", got, err)
		}
		if n := revCount(); n != 3 {
			t.Errorf("%d revisions, want 3", n)
		}
	})
	t.Run("restore makes an old body current as a new revision", func(t *testing.T) {
		cur, _ := s.GetPostmortem(ctx, pm.IncidentID)
		_, err := s.RestoreRevision(ctx, pm.ID, 1, cur.Version-1)
		wantCode(t, err, domain.ECONFLICT)
		got, err := s.RestoreRevision(ctx, pm.ID, 1, cur.Version)
		if err != nil || got.Body != "v1" || got.Version != cur.Version+1 {
			t.Fatalf("restore = %+v, %v", got, err)
		}
		revs, _ := s.Revisions(ctx, pm.ID)
		if len(revs) != 4 || revs[0].Number != 4 || revs[0].Note != "Restored revision 1" {
			t.Fatalf("revisions = %+v", revs)
		}
		_, err = s.RestoreRevision(ctx, pm.ID, 42, 0)
		wantCode(t, err, domain.ENOTFOUND)
	})
}

func TestPostmortemWorkflow(t *testing.T) {
	ctx := domain.WithActor(context.Background(), "Dana Reyes")
	clock := fixedNow
	s := openAt(t, &clock)
	_, pm := mustPostmortem(t, s, "body")
	id := pm.ID
	step := func(what string, pm *domain.Postmortem, err error, want domain.PostmortemStatus) *domain.Postmortem {
		t.Helper()
		clock = clock.Add(time.Minute)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if pm.Status != want {
			t.Fatalf("%s: status %s, want %s", what, pm.Status, want)
		}
		return pm
	}

	_, err := s.Submit(ctx, id, []string{" ", ""})
	fieldMsg(t, err, "reviewers")
	_, err = s.Review(ctx, id, "Ana", "approve", "")
	fieldMsg(t, err, "status")

	got, err := s.Submit(ctx, id, []string{"Ana", "Bo", "ana"})
	step("submit", got, err, domain.PostmortemInReview)
	if len(got.Reviewers) != 2 || got.Round != 1 {
		t.Fatalf("reviewers %v round %d", got.Reviewers, got.Round)
	}

	t.Run("editing in review is refused until reopened", func(t *testing.T) {
		_, err := s.SavePostmortem(ctx, id, domain.PostmortemEdit{Title: "x", Body: "y"}, 0)
		if msg := fieldMsg(t, err, "status"); !strings.Contains(msg, "reopen it first") {
			t.Errorf("message %q", msg)
		}
		_, err = s.RestoreRevision(ctx, id, 1, 0)
		fieldMsg(t, err, "status")
	})
	t.Run("someone who is not a reviewer cannot give a verdict", func(t *testing.T) {
		_, err := s.Review(ctx, id, "Mallory", "approve", "")
		if msg := fieldMsg(t, err, "reviewer"); !strings.Contains(msg, "Ana, Bo") {
			t.Errorf("message %q does not list the reviewers", msg)
		}
	})
	t.Run("asking for changes needs a comment", func(t *testing.T) {
		_, err := s.Review(ctx, id, "Bo", "changes", " ")
		fieldMsg(t, err, "comment")
	})
	t.Run("approval and publication are not set by hand", func(t *testing.T) {
		_, err := s.SetPostmortemStatus(ctx, id, domain.PostmortemApproved, "")
		fieldMsg(t, err, "status")
		_, err = s.SetPostmortemStatus(ctx, id, domain.PostmortemPublished, "")
		if msg := fieldMsg(t, err, "status"); !strings.Contains(msg, "In review") || !strings.Contains(msg, "Published") {
			t.Errorf("message %q does not name both states", msg)
		}
	})

	got, err = s.Review(ctx, id, "ana", "approve", "")
	step("one of two approves", got, err, domain.PostmortemInReview)
	got, err = s.Review(ctx, id, "Bo", "changes", "Add the timeline.")
	step("changes requested", got, err, domain.PostmortemDraft)
	got, err = s.SavePostmortem(ctx, id, domain.PostmortemEdit{Title: got.Title, Body: "body with timeline"}, got.Version)
	step("edit", got, err, domain.PostmortemDraft)
	got, err = s.Submit(ctx, id, []string{"Ana", "Bo"})
	step("resubmit", got, err, domain.PostmortemInReview)
	got, err = s.Review(ctx, id, "Bo", "approve", "Thanks")
	step("Bo approves in the new round", got, err, domain.PostmortemInReview) // Ana's approval was in round 1
	got, err = s.Review(ctx, id, "Ana", "approve", "")
	step("Ana approves", got, err, domain.PostmortemApproved)
	got, err = s.SetPostmortemStatus(ctx, id, domain.PostmortemPublished, "")
	step("publish", got, err, domain.PostmortemPublished)
	if got.PublishedAt == nil || !got.PublishedAt.Equal(clock.Add(-time.Minute)) {
		t.Errorf("published at %v", got.PublishedAt)
	}
	got, err = s.SetPostmortemStatus(ctx, id, "draft", "Customer count was wrong")
	step("reopen", got, err, domain.PostmortemDraft)

	reviews, err := s.Reviews(ctx, id)
	if err != nil || len(reviews) != 4 || reviews[0].Reviewer != "Ana" || reviews[1].Verdict != "changes" || reviews[3].Round != 2 {
		t.Errorf("reviews = %+v, %v", reviews, err)
	}
	hist, err := s.PostmortemHistory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var moves []string
	for _, e := range hist {
		moves = append(moves, string(e.From)+">"+string(e.To))
	}
	want := "draft>in_review in_review>draft draft>in_review in_review>approved approved>published published>draft"
	if strings.Join(moves, " ") != want {
		t.Errorf("history = %s\nwant      %s", strings.Join(moves, " "), want)
	}
	if hist[1].Actor != "Dana Reyes" || !strings.Contains(hist[1].Comment, "Add the timeline.") || hist[5].Comment != "Customer count was wrong" {
		t.Errorf("history entries %+v", hist)
	}
}

func TestSetPostmortemStatusWithdraw(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	_, pm := mustPostmortem(t, s, "")
	if _, err := s.Submit(ctx, pm.ID, []string{"Ana"}); err != nil {
		t.Fatal(err)
	}
	got, err := s.SetPostmortemStatus(ctx, pm.ID, domain.PostmortemDraft, "not ready")
	if err != nil || got.Status != domain.PostmortemDraft {
		t.Fatalf("withdraw = %+v, %v", got, err)
	}
	_, err = s.SetPostmortemStatus(ctx, pm.ID, domain.PostmortemDraft, "")
	if msg := fieldMsg(t, err, "status"); !strings.Contains(msg, "already Draft") {
		t.Errorf("message %q", msg)
	}
	_, err = s.SetPostmortemStatus(ctx, pm.ID, "finished", "")
	fieldMsg(t, err, "status")
}

// resolved creates an incident of sev resolved at the given time (UTC).
func resolved(t *testing.T, s *Store, title, sev, at string) *domain.Incident {
	t.Helper()
	in := validInput()
	in.Title, in.Severity, in.Status, in.StartedAt, in.ResolvedAt = title, sev, "resolved", "2026-11-01 09:00", at
	return mustCreate(t, s, in)
}

func TestListPostmortemsOverdue(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t) // today is Monday 2026-11-23 (UTC)
	mk := func(inc *domain.Incident) *domain.Postmortem {
		pm, err := s.CreatePostmortem(ctx, inc.ID, domain.PostmortemInput{Body: "b"})
		if err != nil {
			t.Fatal(err)
		}
		return pm
	}
	late := mk(resolved(t, s, "late SEV1", "SEV1", "2026-11-18 10:00"))      // due 11-21
	notYet := mk(resolved(t, s, "SEV2 on time", "SEV2", "2026-11-20 10:00")) // due 11-27
	mk(mustCreate(t, s, validInput()))                                       // not resolved: no due date
	trashedInc := resolved(t, s, "trashed", "SEV1", "2026-11-10 10:00")
	mk(trashedInc)
	lateButApproved := mk(resolved(t, s, "approved", "SEV1", "2026-11-10 10:00"))
	if _, err := s.Submit(ctx, lateButApproved.ID, []string{"Ana"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Review(ctx, lateButApproved.ID, "Ana", "approve", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteIncident(ctx, trashedInc.ID); err != nil {
		t.Fatal(err)
	}

	page, err := s.ListPostmortems(ctx, domain.PostmortemFilter{Zone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, it := range page.Items {
		order = append(order, it.IncidentTitle+"@"+it.DueDate)
	}
	want := "approved@2026-11-13 late SEV1@2026-11-21 SEV2 on time@2026-11-27 Checkout API returned 502s@"
	if page.Total != 4 || strings.Join(order, " ") != want {
		t.Errorf("list = %d %s\nwant 4 %s", page.Total, strings.Join(order, " "), want)
	}

	page, err = s.ListPostmortems(ctx, domain.PostmortemFilter{ReviewOverdue: true, Zone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 1 || page.Items[0].ID != late.ID || !page.Items[0].Overdue || page.Items[0].Severity != domain.SEV1 || page.Items[0].IncidentRef == "" {
		t.Errorf("overdue = %+v", page)
	}

	page, err = s.ListPostmortems(ctx, domain.PostmortemFilter{Statuses: []domain.PostmortemStatus{"draft"}, Limit: 1, Offset: 1, Zone: "UTC"})
	if err != nil || page.Total != 3 || len(page.Items) != 1 || page.Items[0].ID != notYet.ID {
		t.Errorf("drafts page 2 = %+v, %v", page, err)
	}

	t.Run("a review-deadline setting changes the due dates", func(t *testing.T) {
		if err := s.SetSetting(ctx, "reviewDueSEV2", "1d"); err != nil {
			t.Fatal(err)
		}
		page, err := s.ListPostmortems(ctx, domain.PostmortemFilter{ReviewOverdue: true, Zone: "UTC"})
		if err != nil || page.Total != 2 {
			t.Errorf("overdue with SEV2 at 1 day = %+v, %v", page, err)
		}
	})
	t.Run("a bad filter value is refused", func(t *testing.T) {
		_, err := s.ListPostmortems(ctx, domain.PostmortemFilter{Statuses: []domain.PostmortemStatus{"done"}})
		fieldMsg(t, err, "status")
	})
	t.Run("a trashed incident's postmortem is not found", func(t *testing.T) {
		_, err := s.GetPostmortem(ctx, trashedInc.ID)
		wantCode(t, err, domain.ENOTFOUND)
	})
}

func TestCreatePostmortemConcurrently(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	inc := mustCreate(t, s, validInput())
	const n = 8
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for k := 0; k < n; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.CreatePostmortem(ctx, inc.ID, domain.PostmortemInput{Body: "b"})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	ok := 0
	for err := range errs {
		switch domain.ErrorCode(err) {
		case "":
			ok++
		case domain.ECONFLICT:
		default:
			t.Errorf("unexpected error %v", err)
		}
	}
	if ok != 1 {
		t.Errorf("%d creates succeeded, want exactly 1", ok)
	}
}

func TestPurgeIncidentTakesItsPostmortem(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	inc, pm := mustPostmortem(t, s, "b")
	if _, err := s.Submit(ctx, pm.ID, []string{"Ana"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Review(ctx, pm.ID, "Ana", "changes", "more"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteIncident(ctx, inc.ID); err != nil {
		t.Fatal(err)
	}
	_, err := s.Revisions(ctx, pm.ID)
	if e := wantCode(t, err, domain.ENOTFOUND); !strings.Contains(e.Message, "trash") {
		t.Errorf("message %q does not mention the trash", e.Message)
	}
	if err := s.PurgeIncident(ctx, inc.ID); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"postmortems", "postmortem_revisions", "postmortem_reviews", "postmortem_history"} {
		var n int
		if err := s.db.Raw("SELECT count(*) FROM " + table).Scan(&n).Error; err != nil || n != 0 {
			t.Errorf("%s has %d rows after the purge (%v), want 0", table, n, err)
		}
	}
}

func TestPostmortemMigrationRollsBack(t *testing.T) {
	s := mustOpen(t)
	mustPostmortem(t, s, "b")
	m := gormigrate.New(s.db, &gormigrate.Options{TableName: migrationsTable, IDColumnName: "id", IDColumnSize: 190, UseTransaction: true}, migrations)
	// Later migrations first (the meetings' refer to postmortems), down to
	// and including the postmortems'.
	for k := len(migrations) - 1; k >= 0; k-- {
		if err := m.RollbackMigration(migrations[k]); err != nil {
			t.Fatalf("rollback %s: %v", migrations[k].ID, err)
		}
		if migrations[k].ID == "202611240006_postmortems" {
			break
		}
	}
	if s.db.Migrator().HasTable("postmortems") {
		t.Error("postmortems is still there after the rollback")
	}
	if err := s.migrate(); err != nil {
		t.Fatalf("migrate again: %v", err)
	}
	for _, table := range []string{"postmortem_history", "agenda_items", "meeting_decisions"} {
		if !s.db.Migrator().HasTable(table) {
			t.Errorf("%s is missing after migrating again", table)
		}
	}
}

func BenchmarkSavePostmortem(b *testing.B) {
	ctx := context.Background()
	clock := fixedNow
	s := openAt(b, &clock)
	_, pm := mustPostmortem(b, s, "")
	body := strings.Repeat("A line of a long postmortem, with a table | a | b |\n", 200_000/52)
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for k := 0; k < b.N; k++ {
		// Every save changes the body; every tenth is old enough to keep a
		// revision, as autosave would.
		clock = clock.Add(time.Minute)
		in := domain.PostmortemEdit{Title: pm.Title, Body: body + string(rune('a'+k%26))}
		if _, err := s.SavePostmortem(ctx, pm.ID, in, 0); err != nil {
			b.Fatal(err)
		}
	}
}
