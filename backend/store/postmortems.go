package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/hindsight-app/hindsight/backend/domain"
)

var _ domain.PostmortemService = (*Store)(nil)

// pmColumns select a postmortem with its incident's id and trash mark.
const pmColumns = `p.id, i.id, i.number, i.deleted_at, p.template, p.title, p.body, p.status, p.authors_json,
	p.reviewers_json, p.round, p.created_at, p.updated_at, p.published_at, p.version`

const pmFrom = ` FROM postmortems p JOIN incidents i ON i.seq = p.incident_seq`

// pmRow is a postmortem with what the store needs of its incident.
type pmRow struct {
	domain.Postmortem
	incidentNumber int
	trashed        bool
}

func queryPostmortems(tx *gorm.DB, q string, args ...any) ([]pmRow, error) {
	rs, err := tx.Raw(q, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []pmRow
	for rs.Next() {
		var r pmRow
		var deleted, published *int64
		var created, updated int64
		var authors, reviewers, status string
		if err := rs.Scan(&r.ID, &r.IncidentID, &r.incidentNumber, &deleted, &r.Template, &r.Title, &r.Body, &status,
			&authors, &reviewers, &r.Round, &created, &updated, &published, &r.Version); err != nil {
			return nil, err
		}
		r.Status, r.trashed = domain.PostmortemStatus(status), deleted != nil
		r.CreatedAt, r.UpdatedAt, r.PublishedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC(), fromMs(published)
		if r.Authors, err = decodeNames(authors); err != nil {
			return nil, err
		}
		if r.Reviewers, err = decodeNames(reviewers); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rs.Err()
}

func decodeNames(s string) ([]string, error) {
	out := []string{}
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("decode names %q: %w", s, err)
	}
	return out, nil
}

func encodeNames(names []string) string {
	if names == nil {
		names = []string{}
	}
	b, _ := json.Marshal(names) // strings always encode
	return string(b)
}

// findPostmortem returns the postmortem with id; ENOTFOUND if there is none
// or its incident is in the trash.
func findPostmortem(tx *gorm.DB, id string) (*pmRow, error) {
	rows, err := queryPostmortems(tx, "SELECT "+pmColumns+pmFrom+" WHERE p.id = ?", strings.TrimSpace(id))
	if err != nil {
		return nil, wrap(err, "find postmortem %q", id)
	}
	if len(rows) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "no postmortem %s", describeRef(id))
	}
	if rows[0].trashed {
		return nil, domain.Errorf(domain.ENOTFOUND, "the postmortem of %s is in the trash with its incident; restore the incident first",
			domain.IncidentRef(rows[0].incidentNumber))
	}
	return &rows[0], nil
}

// findDraft is findPostmortem for a change: it checks expectedVersion (0
// skips the check) and, when draftOnly, that the postmortem is a draft.
func findDraft(tx *gorm.DB, id string, expectedVersion int, draftOnly bool) (*pmRow, error) {
	r, err := findPostmortem(tx, id)
	if err != nil {
		return nil, err
	}
	if expectedVersion != 0 && expectedVersion != r.Version {
		return nil, domain.Errorf(domain.ECONFLICT,
			"the postmortem of %s changed since you opened it (it is at version %d, you edited version %d); reload it and make your change again",
			domain.IncidentRef(r.incidentNumber), r.Version, expectedVersion)
	}
	if draftOnly && r.Status != domain.PostmortemDraft {
		return nil, fieldError("status", "the postmortem is %s and cannot be edited; reopen it first (back to Draft)", r.Status.Label())
	}
	return r, nil
}

func (s *Store) stamp() time.Time { return s.now().UTC().Truncate(time.Millisecond) }

// addRevision keeps the title and body as the next revision.
func addRevision(tx *gorm.DB, pmID string, number int, title, body, author, note string, now time.Time) error {
	return wrap(tx.Exec(`INSERT INTO postmortem_revisions (id, postmortem_id, number, title, author, note, size, created_at, body)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, uuid.NewString(), pmID, number, title, author, note, len(body), now.UnixMilli(), body).Error,
		"save revision %d", number)
}

// latestRevision returns the latest revision's number and time, and whether
// title and body differ from it (compared inside SQLite, so a long body is
// not read back).
func latestRevision(tx *gorm.DB, pmID, title, body string) (number int, at time.Time, differs bool, err error) {
	var row struct {
		Number    int
		CreatedAt int64
		Same      bool
	}
	err = tx.Raw(`SELECT number, created_at, (title = ? AND body = ?) AS same FROM postmortem_revisions
		WHERE postmortem_id = ? ORDER BY number DESC LIMIT 1`, title, body, pmID).Scan(&row).Error
	if err != nil {
		return 0, time.Time{}, false, wrap(err, "read latest revision")
	}
	if row.Number == 0 {
		return 0, time.Time{}, true, nil
	}
	return row.Number, time.UnixMilli(row.CreatedAt).UTC(), !row.Same, nil
}

// setStatus moves a checked postmortem to another status and records the
// move; the caller has bumped nothing yet.
func setStatus(tx *gorm.DB, r *pmRow, to domain.PostmortemStatus, actor, comment string, now time.Time) error {
	from := r.Status
	r.Status, r.UpdatedAt, r.Version = to, now, r.Version+1
	if to == domain.PostmortemPublished {
		t := now
		r.PublishedAt = &t
	}
	if err := tx.Exec(`UPDATE postmortems SET status = ?, published_at = ?, updated_at = ?, version = ? WHERE id = ?`,
		string(to), toMs(r.PublishedAt), now.UnixMilli(), r.Version, r.ID).Error; err != nil {
		return wrap(err, "set postmortem status")
	}
	return wrap(tx.Exec(`INSERT INTO postmortem_history (id, postmortem_id, from_status, to_status, actor, comment, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, uuid.NewString(), r.ID, string(from), string(to), actor, comment, now.UnixMilli()).Error,
		"record postmortem status")
}

// CreatePostmortem implements domain.PostmortemService.
func (s *Store) CreatePostmortem(ctx context.Context, incident string, in domain.PostmortemInput) (*domain.Postmortem, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	now := s.stamp()
	var out *domain.Postmortem
	err := s.tx(ctx, func(tx *gorm.DB) error {
		inc, err := findRow(tx, incident, false)
		if err != nil {
			return err
		}
		var existing []struct{ ID, Title string }
		if err := tx.Raw("SELECT id, title FROM postmortems WHERE incident_seq = ?", inc.Seq).Scan(&existing).Error; err != nil {
			return wrap(err, "find postmortem")
		}
		if len(existing) > 0 {
			return domain.Errorf(domain.ECONFLICT, "%s already has a postmortem, %q (id %s); open that one instead",
				domain.IncidentRef(inc.Number), existing[0].Title, existing[0].ID)
		}
		pm := &domain.Postmortem{
			ID: uuid.NewString(), IncidentID: inc.ID, Template: in.Template, Title: in.Title, Body: in.Body,
			Status: domain.PostmortemDraft, Authors: in.Authors, Reviewers: []string{},
			CreatedAt: now, UpdatedAt: now, Version: 1,
		}
		if pm.Title == "" {
			pm.Title = "Postmortem: " + inc.Title
		}
		if err := tx.Exec(`INSERT INTO postmortems (id, incident_seq, template, title, body, status, authors_json, reviewers_json,
			round, created_at, updated_at, published_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, '[]', 0, ?, ?, NULL, 1)`,
			pm.ID, inc.Seq, pm.Template, pm.Title, pm.Body, string(pm.Status), encodeNames(pm.Authors),
			now.UnixMilli(), now.UnixMilli()).Error; err != nil {
			return wrap(err, "insert postmortem")
		}
		note := "Created"
		if pm.Template != "" {
			note = "Created from the template " + pm.Template
		}
		out = pm
		return addRevision(tx, pm.ID, 1, pm.Title, pm.Body, domain.Actor(ctx), note, now)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// GetPostmortem implements domain.PostmortemService.
func (s *Store) GetPostmortem(ctx context.Context, incident string) (*domain.Postmortem, error) {
	db := s.db.WithContext(ctx)
	inc, err := findRow(db, incident, false)
	if err != nil {
		return nil, err
	}
	rows, err := queryPostmortems(db, "SELECT "+pmColumns+pmFrom+" WHERE p.incident_seq = ?", inc.Seq)
	if err != nil {
		return nil, wrap(err, "get postmortem of %s", domain.IncidentRef(inc.Number))
	}
	if len(rows) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "%s has no postmortem yet; create one from a template", domain.IncidentRef(inc.Number))
	}
	return &rows[0].Postmortem, nil
}

// SavePostmortem implements domain.PostmortemService.
func (s *Store) SavePostmortem(ctx context.Context, id string, in domain.PostmortemEdit, expectedVersion int) (*domain.Postmortem, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	now := s.stamp()
	var out *domain.Postmortem
	err := s.tx(ctx, func(tx *gorm.DB) error {
		r, err := findDraft(tx, id, expectedVersion, true)
		if err != nil {
			return err
		}
		out = &r.Postmortem
		authors := r.Authors
		if in.Authors != nil {
			authors = in.Authors
		}
		same := in.Title == r.Title && in.Body == r.Body && encodeNames(authors) == encodeNames(r.Authors)
		if same && !in.Revision {
			return nil // nothing to save: keep the version
		}
		number, at, differs, err := latestRevision(tx, r.ID, in.Title, in.Body)
		if err != nil {
			return err
		}
		r.Title, r.Body, r.Authors, r.UpdatedAt, r.Version = in.Title, in.Body, authors, now, r.Version+1
		if err := tx.Exec(`UPDATE postmortems SET title = ?, body = ?, authors_json = ?, updated_at = ?, version = ? WHERE id = ?`,
			r.Title, r.Body, encodeNames(r.Authors), now.UnixMilli(), r.Version, r.ID).Error; err != nil {
			return wrap(err, "save postmortem")
		}
		if in.Revision || (differs && now.Sub(at) >= domain.AutosaveRevisionAge) {
			note := in.Note
			if note == "" && !in.Revision {
				note = "Autosave"
			}
			return addRevision(tx, r.ID, number+1, r.Title, r.Body, domain.Actor(ctx), note, now)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

const revisionColumns = `id, postmortem_id, number, title, author, note, size, created_at`

func queryRevisions(tx *gorm.DB, withBody bool, q string, args ...any) ([]domain.PostmortemRevision, error) {
	cols := revisionColumns
	if withBody {
		cols += ", body"
	}
	rs, err := tx.Raw("SELECT "+cols+" "+q, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	out := []domain.PostmortemRevision{}
	for rs.Next() {
		var v domain.PostmortemRevision
		var created int64
		dst := []any{&v.ID, &v.PostmortemID, &v.Number, &v.Title, &v.Author, &v.Note, &v.Size, &created}
		if withBody {
			dst = append(dst, &v.Body)
		}
		if err := rs.Scan(dst...); err != nil {
			return nil, err
		}
		v.CreatedAt = time.UnixMilli(created).UTC()
		out = append(out, v)
	}
	return out, rs.Err()
}

// Revisions implements domain.PostmortemService.
func (s *Store) Revisions(ctx context.Context, id string) ([]domain.PostmortemRevision, error) {
	db := s.db.WithContext(ctx)
	r, err := findPostmortem(db, id)
	if err != nil {
		return nil, err
	}
	out, err := queryRevisions(db, false, "FROM postmortem_revisions WHERE postmortem_id = ? ORDER BY number DESC", r.ID)
	return out, wrap(err, "list revisions")
}

func getRevision(tx *gorm.DB, r *pmRow, number int) (*domain.PostmortemRevision, error) {
	out, err := queryRevisions(tx, true, "FROM postmortem_revisions WHERE postmortem_id = ? AND number = ?", r.ID, number)
	if err != nil {
		return nil, wrap(err, "get revision %d", number)
	}
	if len(out) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "the postmortem of %s has no revision %d", domain.IncidentRef(r.incidentNumber), number)
	}
	return &out[0], nil
}

// GetRevision implements domain.PostmortemService.
func (s *Store) GetRevision(ctx context.Context, id string, number int) (*domain.PostmortemRevision, error) {
	db := s.db.WithContext(ctx)
	r, err := findPostmortem(db, id)
	if err != nil {
		return nil, err
	}
	return getRevision(db, r, number)
}

// RestoreRevision implements domain.PostmortemService.
func (s *Store) RestoreRevision(ctx context.Context, id string, number int, expectedVersion int) (*domain.Postmortem, error) {
	now := s.stamp()
	var out *domain.Postmortem
	err := s.tx(ctx, func(tx *gorm.DB) error {
		r, err := findDraft(tx, id, expectedVersion, true)
		if err != nil {
			return err
		}
		old, err := getRevision(tx, r, number)
		if err != nil {
			return err
		}
		latest, _, _, err := latestRevision(tx, r.ID, "", "")
		if err != nil {
			return err
		}
		r.Title, r.Body, r.UpdatedAt, r.Version = old.Title, old.Body, now, r.Version+1
		if err := tx.Exec(`UPDATE postmortems SET title = ?, body = ?, updated_at = ?, version = ? WHERE id = ?`,
			r.Title, r.Body, now.UnixMilli(), r.Version, r.ID).Error; err != nil {
			return wrap(err, "restore revision %d", number)
		}
		out = &r.Postmortem
		return addRevision(tx, r.ID, latest+1, r.Title, r.Body, domain.Actor(ctx), fmt.Sprintf("Restored revision %d", number), now)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Submit implements domain.PostmortemService.
func (s *Store) Submit(ctx context.Context, id string, reviewers []string) (*domain.Postmortem, error) {
	names, err := domain.CleanReviewers(reviewers)
	if err != nil {
		return nil, err
	}
	now := s.stamp()
	var out *domain.Postmortem
	err = s.tx(ctx, func(tx *gorm.DB) error {
		r, err := findPostmortem(tx, id)
		if err != nil {
			return err
		}
		if err := domain.CheckPostmortemTransition(r.Status, domain.PostmortemInReview); err != nil {
			return err
		}
		r.Reviewers, r.Round = names, r.Round+1
		if err := tx.Exec("UPDATE postmortems SET reviewers_json = ?, round = ? WHERE id = ?",
			encodeNames(names), r.Round, r.ID).Error; err != nil {
			return wrap(err, "submit postmortem")
		}
		out = &r.Postmortem
		return setStatus(tx, r, domain.PostmortemInReview, domain.Actor(ctx), "For review by "+strings.Join(names, ", "), now)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Review implements domain.PostmortemService.
func (s *Store) Review(ctx context.Context, id, reviewer, verdict, comment string) (*domain.Postmortem, error) {
	verdict, comment, err := domain.CheckVerdict(verdict, comment)
	if err != nil {
		return nil, err
	}
	now := s.stamp()
	var out *domain.Postmortem
	err = s.tx(ctx, func(tx *gorm.DB) error {
		r, err := findPostmortem(tx, id)
		if err != nil {
			return err
		}
		if r.Status != domain.PostmortemInReview {
			return fieldError("status", "the postmortem is %s; only a postmortem in review takes verdicts", r.Status.Label())
		}
		name := ""
		for _, n := range r.Reviewers {
			if strings.EqualFold(n, strings.TrimSpace(reviewer)) {
				name = n
			}
		}
		if name == "" {
			return fieldError("reviewer", "%q is not a reviewer of this postmortem; its reviewers are %s",
				strings.TrimSpace(reviewer), strings.Join(r.Reviewers, ", "))
		}
		if err := tx.Exec(`INSERT INTO postmortem_reviews (id, postmortem_id, round, reviewer, verdict, comment, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, uuid.NewString(), r.ID, r.Round, name, verdict, comment, now.UnixMilli()).Error; err != nil {
			return wrap(err, "save review")
		}
		out = &r.Postmortem
		actor := domain.Actor(ctx)
		if actor == "" {
			actor = name
		}
		if verdict == domain.VerdictChanges {
			return setStatus(tx, r, domain.PostmortemDraft, actor, "Changes requested by "+name+": "+comment, now)
		}
		reviews, err := queryReviews(tx, "WHERE postmortem_id = ? AND round = ?", r.ID, r.Round)
		if err != nil {
			return wrap(err, "read reviews")
		}
		if domain.AllApproved(r.Reviewers, reviews) {
			return setStatus(tx, r, domain.PostmortemApproved, actor, "Approved by every reviewer", now)
		}
		// A verdict that moves nothing still changes what the document
		// shows (who has approved), so it counts as a save.
		r.UpdatedAt, r.Version = now, r.Version+1
		return wrap(tx.Exec("UPDATE postmortems SET updated_at = ?, version = ? WHERE id = ?", now.UnixMilli(), r.Version, r.ID).Error,
			"save review")
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// SetPostmortemStatus implements domain.PostmortemService.
func (s *Store) SetPostmortemStatus(ctx context.Context, id string, to domain.PostmortemStatus, comment string) (*domain.Postmortem, error) {
	to, err := domain.ParsePostmortemStatus(string(to))
	if err != nil {
		return nil, fieldError("status", "%s", err)
	}
	comment = strings.TrimSpace(comment)
	if len([]rune(comment)) > domain.MaxPostmortemComment {
		return nil, fieldError("comment", "is longer than %d characters", domain.MaxPostmortemComment)
	}
	switch to {
	case domain.PostmortemInReview:
		return nil, fieldError("status", "submit the postmortem for review instead, naming its reviewers")
	case domain.PostmortemApproved:
		return nil, fieldError("status", "a postmortem is approved when every reviewer approves it, not by hand")
	}
	now := s.stamp()
	var out *domain.Postmortem
	err = s.tx(ctx, func(tx *gorm.DB) error {
		r, err := findPostmortem(tx, id)
		if err != nil {
			return err
		}
		if err := domain.CheckPostmortemTransition(r.Status, to); err != nil {
			return err
		}
		out = &r.Postmortem
		return setStatus(tx, r, to, domain.Actor(ctx), comment, now)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func queryReviews(tx *gorm.DB, where string, args ...any) ([]domain.PostmortemReview, error) {
	rs, err := tx.Raw(`SELECT id, postmortem_id, round, reviewer, verdict, comment, created_at FROM postmortem_reviews `+
		where+` ORDER BY created_at, rowid`, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	out := []domain.PostmortemReview{}
	for rs.Next() {
		var v domain.PostmortemReview
		var created int64
		if err := rs.Scan(&v.ID, &v.PostmortemID, &v.Round, &v.Reviewer, &v.Verdict, &v.Comment, &created); err != nil {
			return nil, err
		}
		v.CreatedAt = time.UnixMilli(created).UTC()
		out = append(out, v)
	}
	return out, rs.Err()
}

// Reviews implements domain.PostmortemService.
func (s *Store) Reviews(ctx context.Context, id string) ([]domain.PostmortemReview, error) {
	db := s.db.WithContext(ctx)
	r, err := findPostmortem(db, id)
	if err != nil {
		return nil, err
	}
	out, err := queryReviews(db, "WHERE postmortem_id = ?", r.ID)
	return out, wrap(err, "list reviews")
}

// PostmortemHistory implements domain.PostmortemService.
func (s *Store) PostmortemHistory(ctx context.Context, id string) ([]domain.PostmortemEvent, error) {
	db := s.db.WithContext(ctx)
	r, err := findPostmortem(db, id)
	if err != nil {
		return nil, err
	}
	rs, err := db.Raw(`SELECT id, postmortem_id, from_status, to_status, actor, comment, created_at FROM postmortem_history
		WHERE postmortem_id = ? ORDER BY created_at, rowid`, r.ID).Rows()
	if err != nil {
		return nil, wrap(err, "read postmortem history")
	}
	defer rs.Close()
	out := []domain.PostmortemEvent{}
	for rs.Next() {
		var e domain.PostmortemEvent
		var from, to string
		var created int64
		if err := rs.Scan(&e.ID, &e.PostmortemID, &from, &to, &e.Actor, &e.Comment, &created); err != nil {
			return nil, wrap(err, "read postmortem history")
		}
		e.From, e.To, e.CreatedAt = domain.PostmortemStatus(from), domain.PostmortemStatus(to), time.UnixMilli(created).UTC()
		out = append(out, e)
	}
	return out, wrap(rs.Err(), "read postmortem history")
}

// reviewPolicy reads the review-deadline settings.
func reviewPolicy(tx *gorm.DB) (domain.ReviewPolicy, error) {
	keys := make([]string, 0, len(domain.ReviewSettingKeys))
	for _, k := range domain.ReviewSettingKeys {
		keys = append(keys, k)
	}
	var rows []struct{ Key, Value string }
	if err := tx.Raw("SELECT key, value FROM settings WHERE key IN ?", keys).Scan(&rows).Error; err != nil {
		return domain.ReviewPolicy{}, wrap(err, "read review settings")
	}
	m := map[string]string{}
	for _, r := range rows {
		m[r.Key] = r.Value
	}
	return domain.ReviewPolicyFor(func(k string) string { return m[k] }), nil
}

// pmSummaryColumns select a postmortem summary (postmortemSummaries).
const pmSummaryColumns = `p.id, i.id, i.number, i.title, i.severity, i.resolved_at, p.title, p.status,
	p.authors_json, p.reviewers_json, p.updated_at`

// postmortemSummaries reads the summaries of postmortems matching where,
// with their review due date (policy, in loc) and whether it is overdue on
// today; numbers maps each postmortem's id to its incident's number.
func postmortemSummaries(db *gorm.DB, policy domain.ReviewPolicy, loc *time.Location, today, where string, args ...any) ([]domain.PostmortemSummary, map[string]int, error) {
	rs, err := db.Raw(`SELECT `+pmSummaryColumns+pmFrom+` WHERE `+where, args...).Rows()
	if err != nil {
		return nil, nil, wrap(err, "list postmortems")
	}
	defer rs.Close()
	items := []domain.PostmortemSummary{}
	numbers := map[string]int{}
	for rs.Next() {
		var v domain.PostmortemSummary
		var number int
		var resolved *int64
		var updated int64
		var sev, status, authors, reviewers string
		if err := rs.Scan(&v.ID, &v.IncidentID, &number, &v.IncidentTitle, &sev, &resolved, &v.Title, &status,
			&authors, &reviewers, &updated); err != nil {
			return nil, nil, wrap(err, "list postmortems")
		}
		if v.Authors, err = decodeNames(authors); err != nil {
			return nil, nil, wrap(err, "list postmortems")
		}
		if v.Reviewers, err = decodeNames(reviewers); err != nil {
			return nil, nil, wrap(err, "list postmortems")
		}
		v.IncidentRef, v.Severity, v.Status = domain.IncidentRef(number), domain.Severity(sev), domain.PostmortemStatus(status)
		v.UpdatedAt = time.UnixMilli(updated).UTC()
		v.DueDate, _ = policy.DueDate(&domain.Incident{Severity: v.Severity, ResolvedAt: fromMs(resolved)}, loc)
		v.Overdue = domain.IsReviewOverdue(v.Status, v.DueDate, today)
		numbers[v.ID] = number
		items = append(items, v)
	}
	return items, numbers, wrap(rs.Err(), "list postmortems")
}

// ListPostmortems implements domain.PostmortemService. Due dates depend on
// the zone and on business days, so they are worked out here rather than in
// SQL; an incident has at most one postmortem, so the whole filtered list
// is small enough to sort and page in memory.
func (s *Store) ListPostmortems(ctx context.Context, f domain.PostmortemFilter) (*domain.PostmortemPage, error) {
	fe := domain.FieldErrors{}
	parseEach(fe, "status", f.Statuses, domain.ParsePostmortemStatus)
	checkPage(fe, &f.Limit, f.Offset, domain.MaxPageSize, "")
	if err := fe.Err(); err != nil {
		return nil, err
	}
	loc, err := s.UserZone(ctx, f.Zone)
	if err != nil {
		return nil, err
	}
	db := s.db.WithContext(ctx)
	policy, err := reviewPolicy(db)
	if err != nil {
		return nil, err
	}
	where, args := "i.deleted_at IS NULL", []any{}
	if len(f.Statuses) > 0 {
		where += " AND p.status IN ?"
		args = append(args, f.Statuses)
	}
	today := domain.Today(s.now(), loc)
	items, numbers, err := postmortemSummaries(db, policy, loc, today, where, args...)
	if err != nil {
		return nil, err
	}
	if f.ReviewOverdue {
		kept := items[:0]
		for _, v := range items {
			if v.Overdue {
				kept = append(kept, v)
			}
		}
		items = kept
	}
	sort.Slice(items, func(a, b int) bool {
		da, db := items[a].DueDate, items[b].DueDate
		if (da == "") != (db == "") {
			return db == ""
		}
		if da != db {
			return da < db
		}
		return numbers[items[a].ID] < numbers[items[b].ID]
	})
	page := &domain.PostmortemPage{Total: len(items), Offset: f.Offset, Limit: f.Limit, Items: []domain.PostmortemSummary{}}
	if f.Offset < len(items) {
		page.Items = items[f.Offset:min(f.Offset+f.Limit, len(items))]
	}
	return page, nil
}
