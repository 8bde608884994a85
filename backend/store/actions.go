package store

import (
	"context"
	"database/sql"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/hindsight-app/hindsight/backend/domain"
)

var _ domain.ActionService = (*Store)(nil)

// actionRow is one row of actions with its incident and owner joined in.
type actionRow struct {
	Seq               int64
	ID                string
	Number            int
	IncidentSeq       *int64
	IncidentID        *string
	IncidentNumber    *int
	IncidentTitle     *string
	IncidentDeletedAt *int64
	Title             string
	Description       string
	OwnerID           *string
	Owner             *string
	Due               *string
	Priority          string
	Type              string
	Status            string
	Reason            string
	Link              string
	Verification      string
	CreatedAt         int64
	UpdatedAt         int64
	ClosedAt          *int64
	Version           int
	CauseNodeID       *string
	MeetingID         *string
	AgendaItemID      *string
}

const actionColumns = `a.seq, a.id, a.number, a.incident_seq, i.id, i.number, i.title, i.deleted_at,
	a.title, a.description, a.owner_id, p.name, a.due, a.priority, a.type, a.status, a.reason,
	a.link, a.verification, a.created_at, a.updated_at, a.closed_at, a.version, a.cause_node_id,
	a.meeting_id, a.agenda_item_id`

// actionListColumns leave out the description, which a page of the list
// never shows and which could make a page megabytes long.
const actionListColumns = `a.seq, a.id, a.number, a.incident_seq, i.id, i.number, i.title, i.deleted_at,
	a.title, '', a.owner_id, p.name, a.due, a.priority, a.type, a.status, a.reason,
	a.link, a.verification, a.created_at, a.updated_at, a.closed_at, a.version, a.cause_node_id,
	a.meeting_id, a.agenda_item_id`

const actionFrom = ` FROM actions a LEFT JOIN incidents i ON i.seq = a.incident_seq LEFT JOIN people p ON p.id = a.owner_id`

// actionLive hides the actions of trashed incidents: they are in the trash
// with their incident. It is written without a join to incidents so that a
// filter can be answered from an index of actions alone: the trash is small,
// and SQLite reads the subquery once into a lookup table.
const actionLive = "(a.incident_seq IS NULL OR a.incident_seq NOT IN (SELECT seq FROM incidents WHERE deleted_at IS NOT NULL))"

func queryActions(tx *gorm.DB, q string, args ...any) ([]actionRow, error) {
	rs, err := tx.Raw(q, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []actionRow
	for rs.Next() {
		var r actionRow
		if err := rs.Scan(&r.Seq, &r.ID, &r.Number, &r.IncidentSeq, &r.IncidentID, &r.IncidentNumber, &r.IncidentTitle,
			&r.IncidentDeletedAt, &r.Title, &r.Description, &r.OwnerID, &r.Owner, &r.Due, &r.Priority, &r.Type,
			&r.Status, &r.Reason, &r.Link, &r.Verification, &r.CreatedAt, &r.UpdatedAt, &r.ClosedAt, &r.Version, &r.CauseNodeID,
			&r.MeetingID, &r.AgendaItemID); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rs.Err()
}

func (r *actionRow) toDomain() domain.ActionItem {
	a := domain.ActionItem{
		ID: r.ID, Number: r.Number, Title: r.Title, Description: r.Description,
		Priority: domain.Priority(r.Priority), Type: domain.ActionType(r.Type), Status: domain.ActionStatus(r.Status),
		Reason: r.Reason, Link: r.Link, Verification: r.Verification,
		CreatedAt: time.UnixMilli(r.CreatedAt).UTC(), UpdatedAt: time.UnixMilli(r.UpdatedAt).UTC(),
		ClosedAt: fromMs(r.ClosedAt), Version: r.Version,
	}
	if r.Owner != nil {
		a.Owner = *r.Owner
	}
	if r.Due != nil {
		a.Due = *r.Due
	}
	if r.CauseNodeID != nil {
		a.CauseNodeID = *r.CauseNodeID
	}
	if r.MeetingID != nil {
		a.MeetingID = *r.MeetingID
	}
	if r.AgendaItemID != nil {
		a.AgendaItemID = *r.AgendaItemID
	}
	if r.IncidentID != nil {
		a.IncidentID, a.IncidentNumber, a.IncidentTitle = *r.IncidentID, *r.IncidentNumber, *r.IncidentTitle
	}
	return a
}

var actionRefPattern = regexp.MustCompile(`(?i)^\s*(?:act-?)?0*(\d{1,9})\s*$`)

// findAction resolves an id or a reference to a live action. Returns
// ENOTFOUND otherwise.
func findAction(tx *gorm.DB, idOrRef string) (*actionRow, error) {
	where, arg := byIDOrRef(idOrRef, actionRefPattern, "a")
	rows, err := queryActions(tx, "SELECT "+actionColumns+actionFrom+" WHERE "+where, arg)
	if err != nil {
		return nil, wrap(err, "find action %q", idOrRef)
	}
	if len(rows) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "no action %s", describeAction(idOrRef))
	}
	if err := rows[0].checkLive(); err != nil {
		return nil, err
	}
	return &rows[0], nil
}

// describeAction spells a reference as the app shows it (act-7 is
// ACT-0007), and anything else quoted.
func describeAction(s string) string {
	if m := actionRefPattern.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		return domain.ActionRef(n)
	}
	return describeRef(s)
}

func (r *actionRow) checkLive() error {
	if r.IncidentDeletedAt != nil {
		return domain.Errorf(domain.ENOTFOUND, "%s is in the trash with its incident %s; restore the incident first",
			domain.ActionRef(r.Number), domain.IncidentRef(*r.IncidentNumber))
	}
	return nil
}

// UserZone resolves the zone that decides "today": name if given, else the
// user's "zone" setting, else the machine's. A bad stored setting falls back
// to the machine's zone (the settings screen refuses one).
func (s *Store) UserZone(ctx context.Context, name string) (*time.Location, error) {
	if strings.TrimSpace(name) != "" {
		loc, err := domain.LoadZone(name)
		if err != nil {
			return nil, fieldError("zone", "%s", err)
		}
		return loc, nil
	}
	v, err := s.Setting(ctx, "zone", "")
	if err != nil {
		return nil, err
	}
	loc, err := domain.LoadZone(v)
	if err != nil {
		s.log.Warn("zone setting not usable; using the local zone", "zone", v, "err", err)
		return time.Local, nil
	}
	return loc, nil
}

func fieldError(field, format string, args ...any) error {
	fe := domain.FieldErrors{}
	fe.Add(field, format, args...)
	return fe.Err()
}

// dueDays reads the default-deadline settings inside tx.
func dueDays(tx *gorm.DB) (func(domain.Priority) int, error) {
	keys := make([]string, len(domain.Priorities))
	for k, p := range domain.Priorities {
		keys[k] = p.SettingKey
	}
	var rows []struct{ Key, Value string }
	if err := tx.Raw("SELECT key, value FROM settings WHERE key IN ?", keys).Scan(&rows).Error; err != nil {
		return nil, wrap(err, "read deadline settings")
	}
	m := map[string]string{}
	for _, r := range rows {
		m[r.Key] = r.Value
	}
	return domain.DueDaysFor(func(k string) string { return m[k] }), nil
}

// actionIncident resolves a draft's incident to its seq and reference; an
// unknown or trashed incident is a field error, the input being at fault.
func actionIncident(tx *gorm.DB, ref string) (*int64, string, error) {
	if ref == "" {
		return nil, "", nil
	}
	r, err := findRow(tx, ref, false)
	if err != nil {
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return nil, "", fieldError("incident", "%s", domain.ErrorMessage(err))
		}
		return nil, "", err
	}
	return &r.Seq, domain.IncidentRef(r.Number), nil
}

// actionCause resolves the cause node a new action answers ("" for none)
// to its id. The node must be of the action's incident; an action of no
// incident takes the node's (*incSeq is set).
func actionCause(tx *gorm.DB, id string, incSeq **int64) (any, error) {
	if id == "" {
		return nil, nil
	}
	c, err := findCause(tx, id)
	if err != nil {
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return nil, fieldError("causeNodeId", "%s", domain.ErrorMessage(err))
		}
		return nil, err
	}
	switch {
	case *incSeq == nil:
		seq := c.IncidentSeq
		*incSeq = &seq
	case **incSeq != c.IncidentSeq:
		return nil, fieldError("causeNodeId", "the cause belongs to %s, not to the action's incident", domain.IncidentRef(c.IncidentNumber))
	}
	return c.ID, nil
}

func nullDate(d string) *string {
	if d == "" {
		return nil
	}
	return &d
}

// CreateAction implements domain.ActionService.
func (s *Store) CreateAction(ctx context.Context, in domain.ActionInput) (*domain.ActionItem, error) {
	now := s.now().UTC()
	d, err := in.Validate()
	if err != nil {
		return nil, err
	}
	loc, err := s.UserZone(ctx, in.Zone)
	if err != nil {
		return nil, err
	}
	var out *domain.ActionItem
	err = s.tx(ctx, func(tx *gorm.DB) error {
		incSeq, _, err := actionIncident(tx, d.Incident)
		if err != nil {
			return err
		}
		causeNode, err := actionCause(tx, d.CauseNodeID, &incSeq)
		if err != nil {
			return err
		}
		days, err := dueDays(tx)
		if err != nil {
			return err
		}
		closedAt, err := d.Finish(nil, now, loc, days)
		if err != nil {
			return err
		}
		id, err := insertAction(tx, d, incSeq, causeNode, closedAt, 0, now, domain.Actor(ctx))
		if err != nil {
			return err
		}
		if err := linkMeeting(tx, id, in.MeetingID, in.AgendaItemID); err != nil {
			return err
		}
		r, err := findAction(tx, id)
		if err != nil {
			return err
		}
		a := r.toDomain()
		out = &a
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// insertAction inserts a finished draft with number, or the next number
// (0), and returns its id. A number given moves the counter past it.
func insertAction(tx *gorm.DB, d *domain.ActionDraft, incSeq *int64, causeNode any, closedAt *time.Time, number int, now time.Time, actor string) (string, error) {
	nowMs := now.UnixMilli()
	if number == 0 {
		if err := tx.Raw("UPDATE counters SET value = value + 1 WHERE name = 'action' RETURNING value").Row().Scan(&number); err != nil {
			return "", wrap(err, "next action number")
		}
	} else if err := tx.Exec("UPDATE counters SET value = max(value, ?) WHERE name = 'action'", number).Error; err != nil {
		return "", wrap(err, "move action counter")
	}
	owner, err := commanderID(tx, d.Owner, nowMs)
	if err != nil {
		return "", err
	}
	id := uuid.NewString()
	var seq int64
	err = tx.Raw(`INSERT INTO actions (id, number, incident_seq, title, description, owner_id, due, priority,
		type, status, reason, link, verification, created_at, updated_at, closed_at, version, cause_node_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) RETURNING seq`,
		id, number, incSeq, d.Title, d.Description, owner, nullDate(d.Due), string(d.Priority), string(d.Type),
		string(d.Status), d.Reason, d.Link, d.Verification, nowMs, nowMs, toMs(closedAt), causeNode).Row().Scan(&seq)
	if err != nil {
		return "", wrap(err, "insert action")
	}
	if err := indexAction(tx, seq, number, d.Title, d.Description); err != nil {
		return "", err
	}
	if err := tx.Exec("INSERT INTO action_changes (id, action_seq, field, from_value, to_value, at, by) VALUES (?, ?, 'status', '', ?, ?, ?)",
		eventID(), seq, string(d.Status), nowMs, actor).Error; err != nil {
		return "", wrap(err, "record action created")
	}
	return id, nil
}

// GetAction implements domain.ActionService.
func (s *Store) GetAction(ctx context.Context, idOrRef string) (*domain.ActionItem, error) {
	r, err := findAction(s.db.WithContext(ctx), idOrRef)
	if err != nil {
		return nil, err
	}
	a := r.toDomain()
	return &a, nil
}

// UpdateAction implements domain.ActionService.
func (s *Store) UpdateAction(ctx context.Context, idOrRef string, in domain.ActionInput, expectedVersion int) (*domain.ActionItem, error) {
	d, err := in.Validate()
	if err != nil {
		return nil, err
	}
	return s.updateAction(ctx, idOrRef, expectedVersion, func(*domain.ActionItem) (*domain.ActionDraft, error) { return d, nil })
}

// SetActionStatus implements domain.ActionService.
func (s *Store) SetActionStatus(ctx context.Context, idOrRef string, status, reason string, expectedVersion int) (*domain.ActionItem, error) {
	if strings.TrimSpace(status) == "" {
		return nil, fieldError("status", "is required; use one of open, in_progress, blocked, done, wont_do")
	}
	return s.updateAction(ctx, idOrRef, expectedVersion, func(prev *domain.ActionItem) (*domain.ActionDraft, error) {
		in := prev.Input()
		in.Status, in.Reason = status, reason
		return in.Validate()
	})
}

// updateAction reads the action, builds the draft from it with draft, and
// writes it in one transaction.
func (s *Store) updateAction(ctx context.Context, idOrRef string, expectedVersion int, draft func(*domain.ActionItem) (*domain.ActionDraft, error)) (*domain.ActionItem, error) {
	now := s.now().UTC()
	var out *domain.ActionItem
	err := s.tx(ctx, func(tx *gorm.DB) error {
		r, err := findAction(tx, idOrRef)
		if err != nil {
			return err
		}
		if expectedVersion != 0 && expectedVersion != r.Version {
			return domain.Errorf(domain.ECONFLICT,
				"%s was changed elsewhere since you opened it (now version %d, yours %d); reload it and make your change again",
				domain.ActionRef(r.Number), r.Version, expectedVersion)
		}
		prev := r.toDomain()
		d, err := draft(&prev)
		if err != nil {
			return err
		}
		w, err := newActionWriter(ctx, tx, now, domain.Actor(ctx))
		if err != nil {
			return err
		}
		defer w.close()
		if err := w.write(r, &prev, d); err != nil {
			return err
		}
		if r, err = findAction(tx, r.ID); err != nil {
			return err
		}
		a := r.toDomain()
		out = &a
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// actionWriter writes changed actions and their history with prepared
// statements, so a bulk change of thousands parses each statement once. An
// update sets only the columns that changed: SQLite rewrites the entries of
// every index on a column named in SET, changed or not.
type actionWriter struct {
	ctx       context.Context
	tx        *gorm.DB
	updates   map[string]*sql.Stmt // by the columns set
	change    *sql.Stmt
	now       time.Time
	actor     string
	owners    map[string]*string // name (lower case) → person id
	incidents map[string]incidentRef
}

type incidentRef struct {
	seq *int64
	ref string
}

func newActionWriter(ctx context.Context, tx *gorm.DB, now time.Time, actor string) (*actionWriter, error) {
	w := &actionWriter{ctx: ctx, tx: tx, now: now, actor: actor, updates: map[string]*sql.Stmt{},
		owners: map[string]*string{}, incidents: map[string]incidentRef{}}
	var err error
	w.change, err = tx.Statement.ConnPool.PrepareContext(ctx, `INSERT INTO action_changes
		(id, action_seq, field, from_value, to_value, at, by) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, wrap(err, "prepare action history")
	}
	return w, nil
}

func (w *actionWriter) close() {
	for _, st := range w.updates {
		st.Close()
	}
	w.change.Close()
}

// fieldColumns maps a history field to its column.
var fieldColumns = map[string]string{
	"title": "title", "description": "description", "owner": "owner_id", "due": "due", "priority": "priority",
	"type": "type", "status": "status", "reason": "reason", "incident": "incident_seq", "link": "link",
	"verification": "verification",
}

// write finishes draft d against the stored action (row r, prev its domain
// form) and saves it with one history entry per changed field. Nothing is
// written when nothing changed.
func (w *actionWriter) write(r *actionRow, prev *domain.ActionItem, d *domain.ActionDraft) error {
	ref := domain.ActionRef(r.Number)
	closedAt, err := d.Finish(prev, w.now, time.UTC, nil)
	if err != nil {
		return err
	}
	next := domain.ActionItem{
		Title: d.Title, Description: d.Description, Owner: d.Owner, Due: d.Due, Priority: d.Priority,
		Type: d.Type, Status: d.Status, Reason: d.Reason, Link: d.Link, Verification: d.Verification,
	}
	incSeq, prevInc, nextInc := r.IncidentSeq, prev.IncidentRef(), prev.IncidentRef()
	if d.Incident != prev.IncidentID {
		inc, ok := w.incidents[d.Incident]
		if !ok {
			seq, iref, err := actionIncident(w.tx, d.Incident)
			if err != nil {
				return err
			}
			inc = incidentRef{seq, iref}
			w.incidents[d.Incident] = inc
		}
		incSeq, nextInc = inc.seq, inc.ref
	}
	changes := diffActions(prev, &next, prevInc, nextInc)
	if len(changes) == 0 {
		return nil
	}
	nowMs := w.now.UnixMilli()
	values := map[string]any{
		"title": d.Title, "description": d.Description, "due": nullDate(d.Due), "priority": string(d.Priority),
		"type": string(d.Type), "status": string(d.Status), "reason": d.Reason, "incident_seq": incSeq,
		"link": d.Link, "verification": d.Verification,
	}
	cols := make([]string, 0, len(changes)+1)
	args := make([]any, 0, len(changes)+5)
	for _, c := range changes {
		col := fieldColumns[c.Field]
		if col == "owner_id" {
			key := strings.ToLower(d.Owner)
			id, ok := w.owners[key]
			if !ok {
				if id, err = commanderID(w.tx, d.Owner, nowMs); err != nil {
					return err
				}
				w.owners[key] = id
			}
			values[col] = id
		}
		cols = append(cols, col)
		args = append(args, values[col])
	}
	// A cause node belongs to one incident: an action moved to another
	// incident no longer answers it.
	if r.CauseNodeID != nil && nextInc != prevInc {
		cols = append(cols, "cause_node_id")
		args = append(args, nil)
	}
	if !equalTimes(prev.ClosedAt, closedAt) {
		cols = append(cols, "closed_at")
		args = append(args, toMs(closedAt))
	}
	stmt, err := w.updateStmt(cols)
	if err != nil {
		return err
	}
	res, err := stmt.ExecContext(w.ctx, append(args, nowMs, r.Seq, r.Version)...)
	if err != nil {
		return wrap(err, "update %s", ref)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return domain.Errorf(domain.ECONFLICT, "%s was changed elsewhere while saving; reload it and try again", ref)
	}
	for _, c := range changes {
		if c.Field == "title" || c.Field == "description" {
			if err := indexAction(w.tx, r.Seq, r.Number, d.Title, d.Description); err != nil {
				return err
			}
			break
		}
	}
	for _, c := range changes {
		if _, err := w.change.ExecContext(w.ctx, eventID(), r.Seq, c.Field, c.From, c.To, nowMs, w.actor); err != nil {
			return wrap(err, "record change of %s", ref)
		}
	}
	return nil
}

// updateStmt prepares (once per set of columns) the update of those columns.
func (w *actionWriter) updateStmt(cols []string) (*sql.Stmt, error) {
	key := strings.Join(cols, ",")
	if st, ok := w.updates[key]; ok {
		return st, nil
	}
	set := make([]string, len(cols))
	for k, c := range cols {
		set[k] = c + " = ?"
	}
	st, err := w.tx.Statement.ConnPool.PrepareContext(w.ctx, "UPDATE actions SET "+strings.Join(set, ", ")+
		", updated_at = ?, version = version + 1 WHERE seq = ? AND version = ?")
	if err != nil {
		return nil, wrap(err, "prepare action update")
	}
	w.updates[key] = st
	return st, nil
}

func equalTimes(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}

// diffActions lists the fields that differ between two versions of an
// action, values as people read them; prevInc and nextInc are the
// references of the incident before and after ("" for none).
func diffActions(prev, next *domain.ActionItem, prevInc, nextInc string) []domain.ActionChange {
	var out []domain.ActionChange
	add := func(field, from, to string) {
		if from != to {
			out = append(out, domain.ActionChange{Field: field, From: from, To: to})
		}
	}
	add("title", prev.Title, next.Title)
	add("description", prev.Description, next.Description)
	if !strings.EqualFold(prev.Owner, next.Owner) {
		add("owner", prev.Owner, next.Owner)
	}
	add("due", prev.Due, next.Due)
	add("priority", string(prev.Priority), string(next.Priority))
	add("type", string(prev.Type), string(next.Type))
	add("status", string(prev.Status), string(next.Status))
	add("reason", prev.Reason, next.Reason)
	add("incident", prevInc, nextInc)
	add("link", prev.Link, next.Link)
	add("verification", prev.Verification, next.Verification)
	return out
}

// indexAction rewrites the action's full-text row, in the transaction that
// writes the action, so the index is never stale.
func indexAction(tx *gorm.DB, seq int64, number int, title, description string) error {
	if err := tx.Exec("DELETE FROM action_fts WHERE rowid = ?", seq).Error; err != nil {
		return wrap(err, "unindex action")
	}
	err := tx.Exec("INSERT INTO action_fts (rowid, ref, title, description) VALUES (?, ?, ?, ?)",
		seq, domain.ActionRef(number)+" "+strconv.Itoa(number), title, description).Error
	return wrap(err, "index action")
}

// BulkUpdateActions implements domain.ActionService.
func (s *Store) BulkUpdateActions(ctx context.Context, idsOrRefs []string, p domain.ActionPatch) (int, error) {
	switch {
	case len(idsOrRefs) == 0:
		return 0, fieldError("actions", "none given; select the actions to change")
	case len(idsOrRefs) > domain.MaxBulk:
		return 0, fieldError("actions", "%d given; one change takes at most %d", len(idsOrRefs), domain.MaxBulk)
	case p.Owner == nil && p.Status == nil && p.Due == nil:
		return 0, domain.Errorf(domain.EINVALID, "nothing to change; give an owner, a status or a due date")
	}
	now := s.now().UTC()
	n := 0
	err := s.tx(ctx, func(tx *gorm.DB) error {
		rows, err := findActions(tx, idsOrRefs)
		if err != nil {
			return err
		}
		w, err := newActionWriter(ctx, tx, now, domain.Actor(ctx))
		if err != nil {
			return err
		}
		defer w.close()
		for _, r := range rows {
			prev := r.toDomain()
			in := prev.Input()
			if p.Owner != nil {
				in.Owner = *p.Owner
			}
			if p.Status != nil {
				in.Status = *p.Status
				if p.Reason != nil {
					in.Reason = *p.Reason
				}
			}
			if p.Due != nil {
				in.Due = *p.Due
			}
			d, err := in.Validate()
			if err == nil {
				err = w.write(r, &prev, d)
			}
			if err != nil {
				if c := domain.ErrorCode(err); c == domain.EINVALID || c == domain.ECONFLICT {
					return domain.Errorf(c, "%s: %s; nothing was changed", domain.ActionRef(r.Number), domain.ErrorMessage(err))
				}
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// findActions resolves many ids or references, in the order given (each
// once), with a few queries. The first unknown or trashed one is ENOTFOUND.
func findActions(tx *gorm.DB, idsOrRefs []string) ([]*actionRow, error) {
	var numbers []int
	var ids []string
	for _, s := range idsOrRefs {
		if m := actionRefPattern.FindStringSubmatch(s); m != nil {
			n, _ := strconv.Atoi(m[1])
			numbers = append(numbers, n)
		} else {
			ids = append(ids, strings.TrimSpace(s))
		}
	}
	byNumber := map[int]*actionRow{}
	byID := map[string]*actionRow{}
	const chunk = 500 // well under SQLite's limit on parameters
	load := func(col string, vals []any) error {
		for len(vals) > 0 {
			k := min(chunk, len(vals))
			rows, err := queryActions(tx, "SELECT "+actionColumns+actionFrom+" WHERE a."+col+" IN ?", vals[:k])
			if err != nil {
				return wrap(err, "find actions")
			}
			for i := range rows {
				byNumber[rows[i].Number], byID[rows[i].ID] = &rows[i], &rows[i]
			}
			vals = vals[k:]
		}
		return nil
	}
	nums := make([]any, len(numbers))
	for k, n := range numbers {
		nums[k] = n
	}
	strs := make([]any, len(ids))
	for k, id := range ids {
		strs[k] = id
	}
	if err := load("number", nums); err != nil {
		return nil, err
	}
	if err := load("id", strs); err != nil {
		return nil, err
	}
	out := make([]*actionRow, 0, len(idsOrRefs))
	seen := map[int64]bool{}
	for _, s := range idsOrRefs {
		var r *actionRow
		if m := actionRefPattern.FindStringSubmatch(s); m != nil {
			n, _ := strconv.Atoi(m[1])
			r = byNumber[n]
		} else {
			r = byID[strings.TrimSpace(s)]
		}
		if r == nil {
			return nil, domain.Errorf(domain.ENOTFOUND, "no action %s; nothing was changed", describeAction(s))
		}
		if err := r.checkLive(); err != nil {
			return nil, err
		}
		if !seen[r.Seq] {
			seen[r.Seq] = true
			out = append(out, r)
		}
	}
	return out, nil
}

// ActionHistory implements domain.ActionService.
func (s *Store) ActionHistory(ctx context.Context, idOrRef string) ([]domain.ActionChange, error) {
	db := s.db.WithContext(ctx)
	r, err := findAction(db, idOrRef)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		ID, Field, FromValue, ToValue, By string
		At                                int64
	}
	if err := db.Raw("SELECT id, field, from_value, to_value, at, by FROM action_changes WHERE action_seq = ? ORDER BY at, rowid", r.Seq).Scan(&rows).Error; err != nil {
		return nil, wrap(err, "action history")
	}
	out := make([]domain.ActionChange, len(rows))
	for k, h := range rows {
		out[k] = domain.ActionChange{ID: h.ID, ActionID: r.ID, Field: h.Field, From: h.FromValue, To: h.ToValue,
			At: time.UnixMilli(h.At).UTC(), By: h.By}
	}
	return out, nil
}

// openStatuses is domain.OpenActionStatuses as SQL.
func openStatuses() string {
	q := make([]string, len(domain.OpenActionStatuses))
	for k, s := range domain.OpenActionStatuses {
		q[k] = "'" + string(s) + "'"
	}
	return "(" + strings.Join(q, ",") + ")"
}

// ActionCounts implements domain.ActionService.
func (s *Store) ActionCounts(ctx context.Context, zone string) (domain.ActionCounts, error) {
	var c domain.ActionCounts
	loc, err := s.UserZone(ctx, zone)
	if err != nil {
		return c, err
	}
	today := domain.Today(s.now(), loc)
	err = s.db.WithContext(ctx).Raw(`SELECT count(*), coalesce(sum(a.due < ?), 0)
		FROM actions a WHERE a.status IN `+openStatuses()+` AND `+actionLive, today).Row().Scan(&c.Open, &c.Overdue)
	return c, wrap(err, "count actions")
}

// actionSortColumns maps a sort key to its ORDER BY expression (ascending);
// a part starting with "(" and ending "IS NULL)" puts the empty values last
// in both directions.
var actionSortColumns = map[string]string{
	"ref":      "a.number",
	"title":    "a.title COLLATE NOCASE",
	"owner":    "(p.name IS NULL), p.name COLLATE NOCASE",
	"due":      "(a.due IS NULL), a.due",
	"priority": "a.priority",
	"status":   "CASE a.status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'blocked' THEN 2 WHEN 'done' THEN 3 ELSE 4 END",
	"type":     "a.type",
	"incident": "(i.number IS NULL), i.number",
	"created":  "a.created_at",
	"updated":  "a.updated_at",
}

// checkActionFilter normalises a filter and names each bad value.
func checkActionFilter(f *domain.ActionFilter) (orderBy string, err error) {
	fe := domain.FieldErrors{}
	srt := parseSort(fe, f.Sort, "due", actionSortColumns, domain.ActionSortKeys)
	parseEach(fe, "status", f.Statuses, domain.ParseActionStatus)
	parseEach(fe, "priority", f.Priorities, domain.ParsePriority)
	parseEach(fe, "type", f.Types, domain.ParseActionType)
	if f.Unowned && strings.TrimSpace(f.Owner) != "" {
		fe.Add("owner", "give an owner or ask for unowned actions, not both")
	}
	checkPage(fe, &f.Limit, f.Offset, domain.MaxActionPage, f.Query)
	if err := fe.Err(); err != nil {
		return "", err
	}
	// seq orders like number (both grow with each new action) and is in
	// every index, so the tie-break needs no read of the row.
	return srt.orderBy("a.seq"), nil
}

// ListActions implements domain.ActionService.
func (s *Store) ListActions(ctx context.Context, f domain.ActionFilter) (*domain.ActionPage, error) {
	orderBy, err := checkActionFilter(&f)
	if err != nil {
		return nil, err
	}
	var loc *time.Location
	if f.Overdue || f.DueThisWeek {
		if loc, err = s.UserZone(ctx, f.Zone); err != nil {
			return nil, err
		}
	}
	db := s.db.WithContext(ctx)
	where := []string{actionLive}
	var args []any
	if o := strings.TrimSpace(f.Owner); o != "" {
		// people.name is COLLATE NOCASE: any spelling of the name matches.
		where = append(where, "a.owner_id IN (SELECT id FROM people WHERE name = ?)")
		args = append(args, o)
	}
	if f.Unowned {
		where = append(where, "a.owner_id IS NULL")
	}
	if len(f.Statuses) > 0 {
		where = append(where, "a.status IN ?")
		args = append(args, f.Statuses)
	}
	if len(f.Priorities) > 0 {
		where = append(where, "a.priority IN ?")
		args = append(args, f.Priorities)
	}
	if len(f.Types) > 0 {
		where = append(where, "a.type IN ?")
		args = append(args, f.Types)
	}
	if len(f.Services) > 0 {
		where = append(where, `a.incident_seq IN (SELECT j.incident_seq FROM incident_services j
			WHERE j.service_id IN (SELECT v.id FROM services v WHERE v.name IN ?))`)
		args = append(args, f.Services)
	}
	if strings.TrimSpace(f.Incident) != "" {
		inc, err := findRow(db, f.Incident, false)
		if err != nil {
			return nil, err
		}
		where = append(where, "a.incident_seq = ?")
		args = append(args, inc.Seq)
	}
	if f.Overdue {
		where = append(where, "a.due < ? AND a.status IN "+openStatuses())
		args = append(args, domain.Today(s.now(), loc))
	}
	if f.DueThisWeek {
		mon, sun := domain.ThisWeek(s.now(), loc)
		where = append(where, "a.due BETWEEN ? AND ?")
		args = append(args, mon, sun)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		// As for incidents: every word must start a word of the reference,
		// title or description; "7" or "act-7" also finds ACT-0007.
		cond := "a.seq IN (SELECT rowid FROM action_fts WHERE action_fts MATCH ?)"
		fts := ftsQuery(q)
		if fts == "" {
			fts = `""` // only punctuation: match nothing rather than everything
		}
		args = append(args, fts)
		if m := actionRefPattern.FindStringSubmatch(q); m != nil {
			n, _ := strconv.Atoi(m[1])
			cond = "(" + cond + " OR a.number = ?)"
			args = append(args, n)
		}
		where = append(where, cond)
	}
	cond := " WHERE " + strings.Join(where, " AND ")

	page := &domain.ActionPage{Offset: f.Offset, Limit: f.Limit, Items: []domain.ActionItem{}}
	if err := db.Raw("SELECT count(*) FROM actions a"+cond, args...).Row().Scan(&page.Total); err != nil {
		return nil, wrap(err, "count actions")
	}
	// Pick the page's rows first, joining only what the sort needs, then
	// read those rows in full: the sort works on narrow rows, usually
	// straight from actions_filter. (A window count(*) OVER () in the same
	// query was slower: it gives up SQLite's top-N sort.)
	joins := ""
	if strings.Contains(orderBy, "p.") {
		joins += " LEFT JOIN people p ON p.id = a.owner_id"
	}
	if strings.Contains(orderBy, "i.") {
		joins += " LEFT JOIN incidents i ON i.seq = a.incident_seq"
	}
	var seqs []int64
	if err := db.Raw("SELECT a.seq FROM actions a"+joins+cond+" ORDER BY "+orderBy+" LIMIT ? OFFSET ?",
		append(args, f.Limit, f.Offset)...).Scan(&seqs).Error; err != nil {
		return nil, wrap(err, "list actions")
	}
	if len(seqs) == 0 {
		return page, nil
	}
	rows, err := queryActions(db, "SELECT "+actionListColumns+actionFrom+" WHERE a.seq IN ?", seqs)
	if err != nil {
		return nil, wrap(err, "list actions")
	}
	bySeq := make(map[int64]*actionRow, len(rows))
	for k := range rows {
		bySeq[rows[k].Seq] = &rows[k]
	}
	for _, seq := range seqs {
		if r, ok := bySeq[seq]; ok {
			page.Items = append(page.Items, r.toDomain())
		}
	}
	return page, nil
}
