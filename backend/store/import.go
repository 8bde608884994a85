package store

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/postmortem"
)

// ImportOptions tune ImportPostmortem.
type ImportOptions struct {
	// Source names the file in revision notes and history ("Imported from
	// docs/INC-0042.md").
	Source string
	// Force replaces a postmortem changed in the database after the file
	// was exported (its updated_at); without it that is ECONFLICT.
	Force bool
	// DryRun checks everything, counts what would change, and rolls back.
	DryRun bool
}

// ImportResult says what ImportPostmortem did (or, on a dry run, would do).
type ImportResult struct {
	IncidentID       string `json:"incidentId"`
	IncidentRef      string `json:"incidentRef"`
	IncidentCreated  bool   `json:"incidentCreated"`
	IncidentUpdated  bool   `json:"incidentUpdated"`
	EventsAdded      int    `json:"eventsAdded"`
	EventsKept       int    `json:"eventsKept"`
	Causes           int    `json:"causes"`
	CausesReplaced   bool   `json:"causesReplaced"`
	ActionsCreated   int    `json:"actionsCreated"`
	ActionsUpdated   int    `json:"actionsUpdated"`
	ActionsKept      int    `json:"actionsKept"`
	SnapshotsAdded   int    `json:"snapshotsAdded"`
	SnapshotsKept    int    `json:"snapshotsKept"`
	PostmortemID     string `json:"postmortemId"`
	PostmortemStatus string `json:"postmortemStatus"`
	// Postmortem is "created", "revised" (a new revision) or "unchanged".
	Postmortem string `json:"postmortem"`
	DryRun     bool   `json:"dryRun"`
}

// errDryRun rolls a dry run's transaction back.
var errDryRun = fmt.Errorf("dry run")

// ImportPostmortem saves what a markdown export says (postmortem.Parse) in
// one transaction: the incident is created with the file's id and number,
// or updated when one with that id (or, for a file without an id, that
// reference) exists; timeline events are merged (an event with the same
// time, kind, author and text is kept, not added again); the cause tree is
// replaced when it differs; actions are matched by number, updated or
// created with it; each snapshot is added as a new version when its data
// differ from the latest (nothing when equal); the postmortem is created,
// or saved as a new revision. Anything wrong and nothing is written.
//
// A file whose incident number is taken here by another incident (another
// id), or whose action number belongs to another incident's action, is
// ECONFLICT: the file is not about that incident, and overwriting it would
// lose data.
func (s *Store) ImportPostmortem(ctx context.Context, b *postmortem.Bundle, opt ImportOptions) (ImportResult, error) {
	now := s.now().UTC()
	res := ImportResult{DryRun: opt.DryRun}
	if b == nil {
		return res, fieldError("file", "nothing to import")
	}
	in := b.Incident.Input()
	draft, err := in.Validate(now)
	if err != nil {
		return res, domain.Errorf(domain.EINVALID, "the incident in the file is not valid: %s", domain.ErrorMessage(err))
	}
	snaps := make([]domain.Snapshot, len(b.Snapshots))
	for k := range b.Snapshots {
		snaps[k] = b.Snapshots[k]
		fe := domain.FieldErrors{}
		checkSnapshot(fe, &snaps[k])
		if err := fe.Err(); err != nil {
			return res, domain.Errorf(domain.EINVALID, "snapshot %q: %s", snaps[k].Title, domain.ErrorMessage(err))
		}
		prepareSnapshot(&snaps[k], now)
	}
	actions := make([]*domain.ActionDraft, len(b.Actions))
	for k, a := range b.Actions {
		ai := a.Input()
		if actions[k], err = ai.Validate(); err != nil {
			return res, domain.Errorf(domain.EINVALID, "%s: %s", a.Ref(), domain.ErrorMessage(err))
		}
	}
	pmIn := domain.PostmortemEdit{Title: b.Postmortem.Title, Body: b.Postmortem.Body, Authors: b.Postmortem.Authors}
	if pmIn.Title == "" {
		pmIn.Title = "Postmortem: " + b.Incident.Title
	}
	if err := pmIn.Validate(); err != nil {
		return res, domain.Errorf(domain.EINVALID, "the postmortem in the file is not valid: %s", domain.ErrorMessage(err))
	}
	actor := domain.Actor(ctx)
	note := "Imported"
	if opt.Source != "" {
		note = "Imported from " + opt.Source
	}
	err = s.tx(ctx, func(tx *gorm.DB) error {
		w := importWriter{ctx: ctx, tx: tx, now: now, actor: actor, note: note, res: &res}
		inc, err := w.incident(b, draft)
		if err != nil {
			return err
		}
		if b.HasTimeline {
			if err := w.events(inc, b.Events); err != nil {
				return err
			}
		}
		if b.HasCauses {
			if err := w.causes(inc, b.Causes); err != nil {
				return err
			}
		}
		if b.HasActions {
			if err := w.actions(inc, b.Actions, actions); err != nil {
				return err
			}
		}
		if b.HasMetrics {
			if err := w.snapshots(inc, snaps); err != nil {
				return err
			}
		}
		if err := w.postmortem(inc, b, pmIn, opt.Force); err != nil {
			return err
		}
		if opt.DryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil && err != errDryRun {
		return ImportResult{}, err
	}
	return res, nil
}

// importWriter holds what every step of an import needs.
type importWriter struct {
	ctx   context.Context
	tx    *gorm.DB
	now   time.Time
	actor string
	note  string
	res   *ImportResult
}

// incident creates or updates the incident; summary and impact are kept
// when the file did not show them.
func (w *importWriter) incident(b *postmortem.Bundle, d *domain.IncidentDraft) (*incidentRow, error) {
	var r *incidentRow
	var err error
	if b.Incident.ID != "" {
		r, err = findRow(w.tx, b.Incident.ID, false)
		if err == nil && b.Incident.Number != 0 && r.Number != b.Incident.Number {
			return nil, domain.Errorf(domain.ECONFLICT, "the incident with the file's id is %s here, but the file says %s; nothing was imported",
				domain.IncidentRef(r.Number), domain.IncidentRef(b.Incident.Number))
		}
	} else {
		r, err = findRow(w.tx, domain.IncidentRef(b.Incident.Number), false)
	}
	switch {
	case err != nil && domain.ErrorCode(err) != domain.ENOTFOUND:
		return nil, err
	case err != nil && strings.Contains(domain.ErrorMessage(err), "trash"):
		return nil, err
	}
	if r == nil {
		number := b.Incident.Number
		if number != 0 {
			var other []struct{ ID string }
			if err := w.tx.Raw("SELECT id FROM incidents WHERE number = ?", number).Scan(&other).Error; err != nil {
				return nil, wrap(err, "find incident number")
			}
			if len(other) > 0 {
				return nil, domain.Errorf(domain.ECONFLICT, "%s here is another incident (id %s, the file's is %s); nothing was imported",
					domain.IncidentRef(number), other[0].ID, b.Incident.ID)
			}
		}
		if _, err := d.FinishDraft("", w.now); err != nil {
			return nil, err
		}
		inc, err := insertIncident(w.tx, d, w.now, w.actor, b.Incident.ID, number)
		if err != nil {
			return nil, err
		}
		w.res.IncidentCreated = true
		w.res.IncidentID, w.res.IncidentRef = inc.ID, inc.Ref()
		return findRow(w.tx, inc.ID, false)
	}
	cur, err := getByRow(w.tx, r)
	if err != nil {
		return nil, err
	}
	if !b.HasSummary {
		d.Summary = cur.Summary
	}
	if !b.HasImpact {
		d.CustomerImpact = cur.CustomerImpact
	}
	w.res.IncidentID, w.res.IncidentRef = cur.ID, cur.Ref()
	prev := domain.Status(r.Status)
	reopen, err := d.FinishDraft(prev, w.now)
	if err != nil {
		return nil, err
	}
	if sameIncident(cur, d) {
		return r, nil
	}
	if _, err := updateTx(w.tx, r, d, prev, reopen, w.now, w.actor); err != nil {
		return nil, err
	}
	w.res.IncidentUpdated = true
	return findRow(w.tx, r.ID, false)
}

func sameIncident(cur *domain.Incident, d *domain.IncidentDraft) bool {
	return cur.Title == d.Title && cur.Summary == d.Summary && cur.Severity == d.Severity && cur.Status == d.Status &&
		slices.Equal(cur.Services, d.Services) && slices.Equal(cur.Tags, d.Tags) && cur.Commander == d.Commander &&
		cur.CustomerImpact == d.CustomerImpact && equalTimes(cur.StartedAt, d.StartedAt) &&
		equalTimes(cur.DetectedAt, d.DetectedAt) && equalTimes(cur.MitigatedAt, d.MitigatedAt) &&
		equalTimes(cur.ResolvedAt, d.ResolvedAt)
}

// events merges the file's timeline into the incident's: an event with
// the same time, kind, author and text is kept; the others are added. The
// file's key moment marks then replace the incident's.
func (w *importWriter) events(inc *incidentRow, evs []domain.TimelineEvent) error {
	rows, err := queryEvents(w.tx, "SELECT "+eventColumns+eventFrom+" WHERE e.incident_seq = ? AND e.deleted_at IS NULL ORDER BY e.at, e.seq", inc.Seq)
	if err != nil {
		return wrap(err, "read timeline")
	}
	key := func(at int64, kind, author, body string) string {
		return strconv.FormatInt(at, 10) + "\x00" + kind + "\x00" + author + "\x00" + body
	}
	have := map[string][]int64{}
	for _, r := range rows {
		k := key(r.At, r.Kind, r.Author, r.Body)
		have[k] = append(have[k], r.Seq)
	}
	last, err := lastEventSeq(w.tx)
	if err != nil {
		return err
	}
	stmt, err := w.tx.Statement.ConnPool.PrepareContext(w.ctx, `INSERT INTO timeline_events
		(id, incident_seq, at, kind, author, body, source, source_format, key_moment, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, 'imported', 'postmortem', '', ?, ?) RETURNING seq`)
	if err != nil {
		return wrap(err, "prepare event insert")
	}
	defer stmt.Close()
	moments := map[domain.KeyMoment]int64{}
	nowMs := w.now.UnixMilli()
	for _, ev := range evs {
		d, err := domain.ImportedEvent{At: ev.At, Kind: string(ev.Kind), Author: ev.Author, Body: ev.Body,
			KeyMoment: string(ev.KeyMoment)}.Draft(w.now)
		if err != nil {
			return domain.Errorf(domain.EINVALID, "timeline event at %s: %s", ev.At.Format(time.RFC3339), domain.ErrorMessage(err))
		}
		k := key(d.At.UnixMilli(), string(d.Kind), d.Author, d.Body)
		var seq int64
		if seqs := have[k]; len(seqs) > 0 {
			seq, have[k] = seqs[0], seqs[1:]
			w.res.EventsKept++
		} else {
			if err := stmt.QueryRowContext(w.ctx, eventID(), inc.Seq, d.At.UnixMilli(), string(d.Kind), d.Author, d.Body,
				nowMs, nowMs).Scan(&seq); err != nil {
				return wrap(err, "add event")
			}
			w.res.EventsAdded++
		}
		if d.KeyMoment != "" {
			moments[d.KeyMoment] = seq
		}
	}
	if err := indexEvents(w.tx, inc.Seq, last); err != nil {
		return err
	}
	for m, seq := range moments {
		if err := w.tx.Exec("UPDATE timeline_events SET key_moment = '' WHERE incident_seq = ? AND key_moment = ? AND seq != ?",
			inc.Seq, string(m), seq).Error; err != nil {
			return wrap(err, "move key moment")
		}
		if err := w.tx.Exec("UPDATE timeline_events SET key_moment = ? WHERE seq = ?", string(m), seq).Error; err != nil {
			return wrap(err, "mark key moment")
		}
	}
	return nil
}

// causes replaces the cause tree when the file's differs from it (kinds,
// statements, shape); an equal tree is kept with its notes, evidence and
// linked actions.
func (w *importWriter) causes(inc *incidentRow, trees []domain.CauseOutline) error {
	nodes, depth := domain.CountOutline(trees)
	if depth > domain.MaxCauseDepth {
		return fieldError("file", "the cause tree is %d levels deep; a tree is at most %d", depth, domain.MaxCauseDepth)
	}
	if nodes > domain.MaxCauseNodes {
		return tooManyCauses("file", nodes)
	}
	var want []string
	var flat func([]domain.CauseOutline, int) error
	flat = func(ts []domain.CauseOutline, depth int) error {
		for _, t := range ts {
			kind, err := domain.ParseCauseKind(string(t.Kind))
			if err != nil {
				return fieldError("file", "line %d: %s", t.Line, err)
			}
			if msg := domain.CheckStatement(strings.TrimSpace(t.Statement)); msg != "" {
				return fieldError("file", "line %d: the statement %s", t.Line, msg)
			}
			want = append(want, fmt.Sprintf("%d %s %s", depth, kind, strings.TrimSpace(t.Statement)))
			if err := flat(t.Children, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := flat(trees, 0); err != nil {
		return err
	}
	rows, err := queryCauses(w.tx, "SELECT "+causeColumns+causeFrom+" WHERE c.incident_seq = ?", inc.Seq)
	if err != nil {
		return wrap(err, "read causes")
	}
	cur := make([]domain.CauseNode, len(rows))
	for k := range rows {
		cur[k] = rows[k].toDomain()
	}
	var have []string
	for _, n := range outlineOrder(cur) {
		have = append(have, fmt.Sprintf("%d %s %s", n.Depth, n.Kind, n.Statement))
	}
	w.res.Causes = nodes
	if slices.Equal(have, want) {
		return nil
	}
	if err := w.tx.Exec("DELETE FROM cause_nodes WHERE incident_seq = ?", inc.Seq).Error; err != nil {
		return wrap(err, "clear causes")
	}
	w.res.CausesReplaced = true
	return insertOutline(w.ctx, w.tx, inc.Seq, trees, 0, w.now.UnixMilli())
}

// actions updates the actions the file names by number, or creates them
// with that number. Description, verification and the cause link, which
// the file does not show, are kept.
func (w *importWriter) actions(inc *incidentRow, items []domain.ActionItem, drafts []*domain.ActionDraft) error {
	aw, err := newActionWriter(w.ctx, w.tx, w.now, w.actor)
	if err != nil {
		return err
	}
	defer aw.close()
	for k, a := range items {
		d := drafts[k]
		d.Incident = inc.ID
		rows, err := queryActions(w.tx, "SELECT "+actionColumns+actionFrom+" WHERE a.number = ?", a.Number)
		if err != nil {
			return wrap(err, "find %s", a.Ref())
		}
		if len(rows) == 0 {
			closedAt, err := d.Finish(nil, w.now, time.UTC, nil)
			if err != nil {
				return domain.Errorf(domain.EINVALID, "%s: %s", a.Ref(), domain.ErrorMessage(err))
			}
			seq := inc.Seq
			if _, err := insertAction(w.tx, d, &seq, nil, closedAt, a.Number, w.now, w.actor); err != nil {
				return err
			}
			w.res.ActionsCreated++
			continue
		}
		r := &rows[0]
		if r.IncidentSeq == nil || *r.IncidentSeq != inc.Seq {
			other := "no incident"
			if r.IncidentNumber != nil {
				other = domain.IncidentRef(*r.IncidentNumber)
			}
			return domain.Errorf(domain.ECONFLICT, "%s here belongs to %s, not %s; nothing was imported",
				a.Ref(), other, domain.IncidentRef(inc.Number))
		}
		prev := r.toDomain()
		d.Description, d.Verification = prev.Description, prev.Verification
		before := r.Version
		if err := aw.write(r, &prev, d); err != nil {
			return domain.Errorf(domain.ErrorCode(err), "%s: %s", a.Ref(), domain.ErrorMessage(err))
		}
		var after int
		if err := w.tx.Raw("SELECT version FROM actions WHERE seq = ?", r.Seq).Row().Scan(&after); err != nil {
			return wrap(err, "read %s", a.Ref())
		}
		if after != before {
			w.res.ActionsUpdated++
		} else {
			w.res.ActionsKept++
		}
	}
	return nil
}

// snapshots adds each of the file's snapshots: a new version of the group
// with the same title and query when its data differ from the latest
// version, nothing when they are equal, a new group when there is none.
// The file's signal is set on the group.
func (w *importWriter) snapshots(inc *incidentRow, snaps []domain.Snapshot) error {
	rows, err := querySnapshots(w.tx, "SELECT "+snapshotColumns+snapshotFrom+` WHERE g.incident_seq = ?
		AND s.version = (SELECT max(version) FROM snapshots v WHERE v.group_id = g.id)
		ORDER BY g.created_at, g.rowid`, inc.Seq)
	if err != nil {
		return wrap(err, "read snapshots")
	}
	sw, err := newSnapshotWriter(w.ctx, w.tx)
	if err != nil {
		return err
	}
	defer sw.close()
	used := map[string]bool{}
	for k := range snaps {
		snap := &snaps[k]
		var match *snapshotRow
		for j := range rows {
			if !used[rows[j].GroupID] && rows[j].Title == snap.Title && rows[j].Query == snap.Query {
				match = &rows[j]
				break
			}
		}
		switch {
		case match != nil && match.Hash == snap.Hash:
			used[match.GroupID] = true
			snap.GroupID = match.GroupID
			w.res.SnapshotsKept++
		case match != nil:
			used[match.GroupID] = true
			snap.GroupID, snap.Version = match.GroupID, match.Version+1
		default:
			snap.GroupID, snap.Version = uuid.NewString(), 1
			if err := w.tx.Exec("INSERT INTO snapshot_groups (id, incident_seq, created_at) VALUES (?, ?, ?)",
				snap.GroupID, inc.Seq, w.now.UnixMilli()).Error; err != nil {
				return wrap(err, "insert snapshot group")
			}
		}
		if snap.Version > 0 {
			snap.ID, snap.IncidentID = uuid.NewString(), inc.ID
			if err := sw.write(snap); err != nil {
				return err
			}
			w.res.SnapshotsAdded++
		}
		sig := snap.Signal
		if sig.SeriesKey == "" || !slices.ContainsFunc(snap.Series, func(se domain.Series) bool { return se.Key == sig.SeriesKey }) {
			sig = domain.Signal{}
		}
		if sig.Threshold != nil && (math.IsNaN(*sig.Threshold) || math.IsInf(*sig.Threshold, 0)) {
			sig.Threshold = nil
		}
		if err := w.tx.Exec("UPDATE snapshot_groups SET signal_key = ?, signal_threshold = ?, signal_below = ? WHERE id = ?",
			sig.SeriesKey, sig.Threshold, sig.Below, snap.GroupID).Error; err != nil {
			return wrap(err, "set signal")
		}
	}
	return nil
}

// postmortem creates the postmortem or saves the file's version over it,
// keeping a revision when the title or body changed. The status, authors,
// reviewers, template and updated time are the file's.
func (w *importWriter) postmortem(inc *incidentRow, b *postmortem.Bundle, in domain.PostmortemEdit, force bool) error {
	pm := b.Postmortem
	updated := pm.UpdatedAt.UTC().Truncate(time.Millisecond)
	if updated.IsZero() {
		updated = w.now.Truncate(time.Millisecond)
	}
	var published *time.Time
	if pm.Status == domain.PostmortemPublished {
		published = &updated
	}
	reviewers := pm.Reviewers
	if reviewers == nil {
		reviewers = []string{}
	}
	w.res.PostmortemStatus = string(pm.Status)
	rows, err := queryPostmortems(w.tx, "SELECT "+pmColumns+pmFrom+" WHERE p.incident_seq = ?", inc.Seq)
	if err != nil {
		return wrap(err, "find postmortem")
	}
	if len(rows) == 0 {
		id := uuid.NewString()
		if err := w.tx.Exec(`INSERT INTO postmortems (id, incident_seq, template, title, body, status, authors_json, reviewers_json,
			round, created_at, updated_at, published_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 1)`,
			id, inc.Seq, pm.Template, in.Title, in.Body, string(pm.Status), encodeNames(in.Authors), encodeNames(reviewers),
			w.now.UnixMilli(), updated.UnixMilli(), toMs(published)).Error; err != nil {
			return wrap(err, "insert postmortem")
		}
		w.res.PostmortemID, w.res.Postmortem = id, "created"
		if pm.Status != domain.PostmortemDraft {
			if err := w.history(id, domain.PostmortemDraft, pm.Status); err != nil {
				return err
			}
		}
		return addRevision(w.tx, id, 1, in.Title, in.Body, w.actor, w.note, w.now)
	}
	r := &rows[0]
	w.res.PostmortemID = r.ID
	same := r.Title == in.Title && r.Body == in.Body && r.Template == pm.Template && r.Status == pm.Status &&
		encodeNames(r.Authors) == encodeNames(in.Authors) && encodeNames(r.Reviewers) == encodeNames(reviewers)
	if same {
		w.res.Postmortem = "unchanged"
		return nil
	}
	if r.UpdatedAt.After(updated) && !force {
		return domain.Errorf(domain.ECONFLICT, "the postmortem of %s was changed here (%s) after the file was written (%s); nothing was imported; export it again, or import with --force to replace it",
			domain.IncidentRef(inc.Number), r.UpdatedAt.Format(time.RFC3339), updated.Format(time.RFC3339))
	}
	if err := w.tx.Exec(`UPDATE postmortems SET template = ?, title = ?, body = ?, status = ?, authors_json = ?, reviewers_json = ?,
		updated_at = ?, published_at = ?, version = version + 1 WHERE id = ?`,
		pm.Template, in.Title, in.Body, string(pm.Status), encodeNames(in.Authors), encodeNames(reviewers),
		updated.UnixMilli(), toMs(published), r.ID).Error; err != nil {
		return wrap(err, "save postmortem")
	}
	if r.Status != pm.Status {
		if err := w.history(r.ID, r.Status, pm.Status); err != nil {
			return err
		}
	}
	w.res.Postmortem = "updated"
	number, _, differs, err := latestRevision(w.tx, r.ID, in.Title, in.Body)
	if err != nil || !differs {
		return err
	}
	w.res.Postmortem = "revised"
	return addRevision(w.tx, r.ID, number+1, in.Title, in.Body, w.actor, w.note, w.now)
}

func (w *importWriter) history(id string, from, to domain.PostmortemStatus) error {
	return wrap(w.tx.Exec(`INSERT INTO postmortem_history (id, postmortem_id, from_status, to_status, actor, comment, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, uuid.NewString(), id, string(from), string(to), w.actor, w.note, w.now.UnixMilli()).Error,
		"record postmortem status")
}
