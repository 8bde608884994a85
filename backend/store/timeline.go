package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/hindsight-app/hindsight/backend/domain"
)

var _ domain.TimelineService = (*Store)(nil)

const eventColumns = `e.seq, e.id, i.id, i.deleted_at, e.at, e.kind, e.author, e.body, e.source,
	e.source_format, e.tags, e.key_moment, e.created_at, e.updated_at, e.deleted_at`

const eventFrom = ` FROM timeline_events e JOIN incidents i ON i.seq = e.incident_seq`

type eventRow struct {
	Seq                  int64
	ID, IncidentID       string
	IncidentDeletedAt    *int64
	At                   int64
	Kind, Author, Body   string
	Source, SourceFormat string
	Tags, KeyMoment      string
	CreatedAt, UpdatedAt int64
	DeletedAt            *int64
}

func queryEvents(tx *gorm.DB, sql string, args ...any) ([]eventRow, error) {
	rs, err := tx.Raw(sql, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []eventRow
	for rs.Next() {
		var r eventRow
		if err := rs.Scan(&r.Seq, &r.ID, &r.IncidentID, &r.IncidentDeletedAt, &r.At, &r.Kind, &r.Author, &r.Body,
			&r.Source, &r.SourceFormat, &r.Tags, &r.KeyMoment, &r.CreatedAt, &r.UpdatedAt, &r.DeletedAt); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rs.Err()
}

func (r *eventRow) toDomain() domain.TimelineEvent {
	e := domain.TimelineEvent{
		ID: r.ID, IncidentID: r.IncidentID, At: time.UnixMilli(r.At).UTC(), Kind: domain.EventKind(r.Kind),
		Author: r.Author, Body: r.Body, Source: domain.EventSource(r.Source), SourceFormat: r.SourceFormat,
		KeyMoment: domain.KeyMoment(r.KeyMoment), Tags: []string{},
		CreatedAt: time.UnixMilli(r.CreatedAt).UTC(), UpdatedAt: time.UnixMilli(r.UpdatedAt).UTC(),
	}
	if r.Tags != "" {
		e.Tags = strings.Split(r.Tags, ",")
	}
	return e
}

// findEvent returns an event whose incident is live; deleted selects
// whether the event itself must be deleted or live.
func findEvent(tx *gorm.DB, id string, deleted bool) (*eventRow, error) {
	rows, err := queryEvents(tx, "SELECT "+eventColumns+eventFrom+" WHERE e.id = ?", strings.TrimSpace(id))
	if err != nil {
		return nil, wrap(err, "find event")
	}
	switch {
	case len(rows) == 0:
		return nil, domain.Errorf(domain.ENOTFOUND, "no timeline event %s", describeRef(id))
	case rows[0].IncidentDeletedAt != nil:
		return nil, domain.Errorf(domain.ENOTFOUND, "the event's incident is in the trash; restore it first")
	case deleted && rows[0].DeletedAt == nil:
		return nil, domain.Errorf(domain.ENOTFOUND, "the event is not deleted")
	case !deleted && rows[0].DeletedAt != nil:
		return nil, domain.Errorf(domain.ENOTFOUND, "the event was deleted")
	}
	return &rows[0], nil
}

// markMoment makes the event (seq) the one marking moment m of its
// incident, and sets the incident's moment to at, checked by the incident
// rules. A contradiction is EINVALID naming keyMoment, and the caller's
// transaction rolls back.
func markMoment(tx *gorm.DB, inc *incidentRow, eventSeq int64, m domain.KeyMoment, at time.Time, now time.Time, actor string) error {
	if err := tx.Exec("UPDATE timeline_events SET key_moment = '' WHERE incident_seq = ? AND key_moment = ? AND seq != ?",
		inc.Seq, string(m), eventSeq).Error; err != nil {
		return wrap(err, "move key moment")
	}
	cur, err := getByRow(tx, inc)
	if err != nil {
		return err
	}
	d, err := cur.SetMoment(m, at).Validate(now)
	var reopen bool
	if err == nil {
		reopen, err = d.FinishDraft(cur.Status, now)
	}
	if err != nil {
		msg := fmt.Sprintf("marking this event as %s contradicts %s's other moments (%s)", m, cur.Ref(), domain.ErrorMessage(err))
		return &domain.Error{Code: domain.EINVALID, Message: "keyMoment: " + msg, Fields: map[string]string{"keyMoment": msg}}
	}
	_, err = updateTx(tx, inc, d, cur.Status, reopen, now, actor)
	return err
}

// importKey identifies an imported event by what it says, so the same line
// imported twice is recognised. It starts with the time, so a timeline
// imported in order inserts at the end of the index instead of at random.
func importKey(at time.Time, author, body string) string {
	h := sha256.Sum256([]byte(strings.ToLower(author) + "\x00" + body))
	return fmt.Sprintf("%013d:%s", at.UnixMilli(), hex.EncodeToString(h[:12]))
}

// eventID is a time-ordered UUID (version 7): events are mostly written in
// time order, so their ids append to the id index.
func eventID() string {
	id, err := uuid.NewV7()
	if err != nil {
		return uuid.NewString()
	}
	return id.String()
}

// AddEvent implements domain.TimelineService.
func (s *Store) AddEvent(ctx context.Context, incident string, in domain.EventInput) (*domain.TimelineEvent, error) {
	now := s.now().UTC()
	d, err := in.Validate(now)
	if err != nil {
		return nil, err
	}
	var out *domain.TimelineEvent
	err = s.tx(ctx, func(tx *gorm.DB) error {
		inc, err := findRow(tx, incident, false)
		if err != nil {
			return err
		}
		id := eventID()
		var seq int64
		err = tx.Raw(`INSERT INTO timeline_events (id, incident_seq, at, kind, author, body, source, tags, key_moment, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, 'typed', ?, '', ?, ?) RETURNING seq`,
			id, inc.Seq, d.At.UnixMilli(), string(d.Kind), d.Author, d.Body, strings.Join(d.Tags, ","),
			now.UnixMilli(), now.UnixMilli()).Row().Scan(&seq)
		if err != nil {
			return wrap(err, "add event")
		}
		if err := indexEvents(tx, inc.Seq, seq-1); err != nil {
			return err
		}
		if out, err = s.finishEvent(tx, inc, seq, id, d, now, domain.Actor(ctx)); err != nil {
			return err
		}
		return nil
	})
	return out, err
}

// finishEvent applies the key moment of a just-written event and reads it back.
func (s *Store) finishEvent(tx *gorm.DB, inc *incidentRow, seq int64, id string, d *domain.EventDraft, now time.Time, actor string) (*domain.TimelineEvent, error) {
	if d.KeyMoment != "" {
		if err := markMoment(tx, inc, seq, d.KeyMoment, d.At, now, actor); err != nil {
			return nil, err
		}
		if err := tx.Exec("UPDATE timeline_events SET key_moment = ? WHERE seq = ?", string(d.KeyMoment), seq).Error; err != nil {
			return nil, wrap(err, "mark key moment")
		}
	}
	r, err := findEvent(tx, id, false)
	if err != nil {
		return nil, err
	}
	e := r.toDomain()
	return &e, nil
}

// UpdateEvent implements domain.TimelineService.
func (s *Store) UpdateEvent(ctx context.Context, id string, in domain.EventInput) (*domain.TimelineEvent, error) {
	now := s.now().UTC()
	d, err := in.Validate(now)
	if err != nil {
		return nil, err
	}
	var out *domain.TimelineEvent
	err = s.tx(ctx, func(tx *gorm.DB) error {
		ev, err := findEvent(tx, id, false)
		if err != nil {
			return err
		}
		inc, err := findRow(tx, ev.IncidentID, false)
		if err != nil {
			return err
		}
		err = tx.Exec(`UPDATE timeline_events SET at = ?, kind = ?, author = ?, body = ?, tags = ?, key_moment = '', updated_at = ?
			WHERE seq = ?`, d.At.UnixMilli(), string(d.Kind), d.Author, d.Body, strings.Join(d.Tags, ","), now.UnixMilli(), ev.Seq).Error
		if err != nil {
			return wrap(err, "update event")
		}
		out, err = s.finishEvent(tx, inc, ev.Seq, ev.ID, d, now, domain.Actor(ctx))
		return err
	})
	return out, err
}

// DeleteEvent implements domain.TimelineService.
func (s *Store) DeleteEvent(ctx context.Context, id string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		ev, err := findEvent(tx, id, false)
		if err != nil {
			return err
		}
		return wrap(tx.Exec("UPDATE timeline_events SET deleted_at = ? WHERE seq = ?", s.now().UnixMilli(), ev.Seq).Error, "delete event")
	})
}

// RestoreEvent implements domain.TimelineService. If another event has
// taken over its key moment meanwhile, the restored event comes back
// without it.
func (s *Store) RestoreEvent(ctx context.Context, id string) (*domain.TimelineEvent, error) {
	var out *domain.TimelineEvent
	err := s.tx(ctx, func(tx *gorm.DB) error {
		ev, err := findEvent(tx, id, true)
		if err != nil {
			return err
		}
		err = tx.Exec(`UPDATE timeline_events SET deleted_at = NULL,
			key_moment = CASE WHEN key_moment != '' AND EXISTS (SELECT 1 FROM timeline_events o
				WHERE o.incident_seq = timeline_events.incident_seq AND o.key_moment = timeline_events.key_moment
				AND o.deleted_at IS NULL AND o.seq != timeline_events.seq) THEN '' ELSE key_moment END
			WHERE seq = ?`, ev.Seq).Error
		if err != nil {
			return wrap(err, "restore event")
		}
		r, err := findEvent(tx, id, false)
		if err != nil {
			return err
		}
		e := r.toDomain()
		out = &e
		return nil
	})
	return out, err
}

// ListEvents implements domain.TimelineService.
func (s *Store) ListEvents(ctx context.Context, incident string, f domain.EventFilter) (*domain.EventPage, error) {
	fe := domain.FieldErrors{}
	switch {
	case f.Limit < 0:
		fe.Add("limit", "must be positive")
	case f.Limit == 0:
		f.Limit = domain.DefaultEventPage
	case f.Limit > domain.MaxEventPage:
		fe.Add("limit", "is %d; one page holds at most %d", f.Limit, domain.MaxEventPage)
	}
	if f.Offset < 0 {
		fe.Add("offset", "must be zero or positive")
	}
	for k, kind := range f.Kinds {
		v, err := domain.ParseEventKind(string(kind))
		if err != nil {
			fe.Add("kinds", "%s", err)
		}
		f.Kinds[k] = v
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	db := s.db.WithContext(ctx)
	inc, err := findRow(db, incident, false)
	if err != nil {
		return nil, err
	}
	cond := " WHERE e.incident_seq = ? AND e.deleted_at IS NULL"
	args := []any{inc.Seq}
	if len(f.Kinds) > 0 {
		cond += " AND e.kind IN ?"
		args = append(args, f.Kinds)
	}
	if a := strings.TrimSpace(f.Author); a != "" {
		cond += " AND e.author = ? COLLATE NOCASE"
		args = append(args, a)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		cond += ` AND e.body LIKE ? ESCAPE '\'`
		args = append(args, "%"+likeEscape(q)+"%")
	}
	page := &domain.EventPage{Offset: f.Offset, Limit: f.Limit, Items: []domain.TimelineEvent{}, Total: -1}
	if f.Offset == 0 {
		if err := db.Raw("SELECT count(*) FROM timeline_events e"+cond, args...).Row().Scan(&page.Total); err != nil {
			return nil, wrap(err, "count events")
		}
	}
	// The page's rows are picked from the index alone (OFFSET walks index
	// entries, not rows), then read; this keeps a late page of a 100,000
	// event timeline as cheap as the first.
	pick := "SELECT e.seq FROM timeline_events e" + cond + " ORDER BY e.at, e.seq LIMIT ? OFFSET ?"
	rows, err := queryEvents(db, "SELECT "+eventColumns+eventFrom+" WHERE e.seq IN ("+pick+") ORDER BY e.at, e.seq",
		append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, wrap(err, "list events")
	}
	for k := range rows {
		page.Items = append(page.Items, rows[k].toDomain())
	}
	return page, nil
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// ImportEvents implements domain.TimelineService. Built for size: a
// 100,000-line import is one transaction with one prepared statement.
func (s *Store) ImportEvents(ctx context.Context, incident, format string, evs []domain.ImportedEvent) (domain.ImportResult, error) {
	now := s.now().UTC()
	var res domain.ImportResult
	drafts := make([]*domain.EventDraft, len(evs))
	for k, ev := range evs {
		d, err := ev.Draft(now)
		if err != nil {
			return res, domain.Errorf(domain.EINVALID, "event %d of %d: %s", k+1, len(evs), domain.ErrorMessage(err))
		}
		drafts[k] = d
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		inc, err := findRow(tx, incident, false)
		if err != nil {
			return err
		}
		last, err := lastEventSeq(tx)
		if err != nil {
			return err
		}
		stmt, err := tx.Statement.ConnPool.PrepareContext(ctx, `INSERT INTO timeline_events
			(id, incident_seq, at, kind, author, body, source, source_format, key_moment, import_key, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, 'imported', ?, '', ?, ?, ?)
			ON CONFLICT (incident_seq, import_key) WHERE import_key IS NOT NULL DO NOTHING`)
		if err != nil {
			return wrap(err, "prepare import")
		}
		defer stmt.Close()
		// The last event marking each moment wins, as if typed in order.
		moments := map[domain.KeyMoment]*domain.EventDraft{}
		keys := map[*domain.EventDraft]string{}
		for _, d := range drafts {
			key := importKey(d.At, d.Author, d.Body)
			r, err := stmt.ExecContext(ctx, eventID(), inc.Seq, d.At.UnixMilli(), string(d.Kind), d.Author, d.Body,
				format, key, now.UnixMilli(), now.UnixMilli())
			if err != nil {
				return wrap(err, "import event")
			}
			if n, _ := r.RowsAffected(); n == 0 {
				res.Duplicates++
				continue
			}
			res.Added++
			if d.KeyMoment != "" {
				moments[d.KeyMoment], keys[d] = d, key
			}
		}
		if err := indexEvents(tx, inc.Seq, last); err != nil {
			return err
		}
		for _, m := range domain.KeyMoments {
			d, ok := moments[m]
			if !ok {
				continue
			}
			var seq int64
			if err := tx.Raw("SELECT seq FROM timeline_events WHERE incident_seq = ? AND import_key = ?", inc.Seq, keys[d]).Row().Scan(&seq); err != nil {
				return wrap(err, "find imported event")
			}
			if err := markMoment(tx, inc, seq, m, d.At, now, domain.Actor(ctx)); err != nil {
				return err
			}
			if err := tx.Exec("UPDATE timeline_events SET key_moment = ? WHERE seq = ?", string(m), seq).Error; err != nil {
				return wrap(err, "mark key moment")
			}
			// The incident row changed: re-read it for the next moment.
			if inc, err = findRow(tx, inc.ID, false); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return domain.ImportResult{}, err
	}
	return res, nil
}
