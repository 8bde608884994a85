package store

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/hindsight-app/hindsight/backend/domain"
)

var _ domain.CauseService = (*Store)(nil)

// causeRow is one row of cause_nodes with its incident's id, number and
// trash state joined in.
type causeRow struct {
	ID                   string
	IncidentSeq          int64
	IncidentID           string
	IncidentNumber       int
	IncidentDeletedAt    *int64
	ParentID             *string
	Position             int
	Kind                 string
	Statement            string
	Notes                string
	CreatedAt, UpdatedAt int64
	Version              int
}

const causeColumns = `c.id, c.incident_seq, i.id, i.number, i.deleted_at, c.parent_id, c.position, c.kind,
	c.statement, c.notes, c.created_at, c.updated_at, c.version`

const causeFrom = ` FROM cause_nodes c JOIN incidents i ON i.seq = c.incident_seq`

func queryCauses(tx *gorm.DB, q string, args ...any) ([]causeRow, error) {
	rs, err := tx.Raw(q, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []causeRow
	for rs.Next() {
		var r causeRow
		if err := rs.Scan(&r.ID, &r.IncidentSeq, &r.IncidentID, &r.IncidentNumber, &r.IncidentDeletedAt, &r.ParentID,
			&r.Position, &r.Kind, &r.Statement, &r.Notes, &r.CreatedAt, &r.UpdatedAt, &r.Version); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rs.Err()
}

func (r *causeRow) toDomain() domain.CauseNode {
	n := domain.CauseNode{
		ID: r.ID, IncidentID: r.IncidentID, Position: r.Position, Kind: domain.CauseKind(r.Kind),
		Statement: r.Statement, Notes: r.Notes, Version: r.Version,
		CreatedAt: time.UnixMilli(r.CreatedAt).UTC(), UpdatedAt: time.UnixMilli(r.UpdatedAt).UTC(),
		Evidence: []domain.Evidence{}, Actions: []domain.CauseNodeAction{},
	}
	if r.ParentID != nil {
		n.ParentID = *r.ParentID
	}
	return n
}

// parent is the node's parent id as the queries compare it (with IS, so
// nil matches the tree starts).
func (r *causeRow) parent() any {
	if r.ParentID == nil {
		return nil
	}
	return *r.ParentID
}

// findCause resolves a node id to a node of a live incident. Returns
// ENOTFOUND otherwise.
func findCause(tx *gorm.DB, id string) (*causeRow, error) {
	rows, err := queryCauses(tx, "SELECT "+causeColumns+causeFrom+" WHERE c.id = ?", strings.TrimSpace(id))
	if err != nil {
		return nil, wrap(err, "find cause")
	}
	if len(rows) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "no cause %s", describeRef(id))
	}
	if rows[0].IncidentDeletedAt != nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "the cause's incident %s is in the trash; restore it first",
			domain.IncidentRef(rows[0].IncidentNumber))
	}
	return &rows[0], nil
}

// causeParent resolves a parent id named by the input: the field is at
// fault when it is unknown or of another incident.
func causeParent(tx *gorm.DB, id string, incSeq int64) (*causeRow, error) {
	p, err := findCause(tx, id)
	if err != nil {
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return nil, fieldError("parentId", "%s", domain.ErrorMessage(err))
		}
		return nil, err
	}
	if p.IncidentSeq != incSeq {
		return nil, fieldError("parentId", "the parent belongs to %s, another incident", domain.IncidentRef(p.IncidentNumber))
	}
	return p, nil
}

// siblings counts the children of parent (nil: the tree starts) in an
// incident, leaving out the node except.
func siblings(tx *gorm.DB, incSeq int64, parent any, except string) (int, error) {
	var n int
	err := tx.Raw("SELECT count(*) FROM cause_nodes WHERE incident_seq = ? AND parent_id IS ? AND id != ?",
		incSeq, parent, except).Row().Scan(&n)
	return n, wrap(err, "count siblings")
}

// shiftSiblings adds by to the position of the children of parent at from
// or after, leaving out the node except: -1 closes the gap a node leaves,
// +1 opens one for a node to come.
func shiftSiblings(tx *gorm.DB, incSeq int64, parent any, from, by int, except string) error {
	return wrap(tx.Exec("UPDATE cause_nodes SET position = position + ? WHERE incident_seq = ? AND parent_id IS ? AND position >= ? AND id != ?",
		by, incSeq, parent, from, except).Error, "renumber siblings")
}

// ancestors returns the ids from the node up to its tree's start, the node
// first: its length is the node's depth counted from 1.
func ancestors(tx *gorm.DB, id string) ([]string, error) {
	var ids []string
	err := tx.Raw(`WITH RECURSIVE up(id, parent_id, d) AS (
			SELECT id, parent_id, 0 FROM cause_nodes WHERE id = ?
			UNION ALL SELECT c.id, c.parent_id, up.d + 1 FROM cause_nodes c JOIN up ON c.id = up.parent_id WHERE up.d < 64)
		SELECT id FROM up ORDER BY d`, id).Scan(&ids).Error
	return ids, wrap(err, "read ancestors")
}

// height is how many levels the node's subtree has (1 for a leaf).
func height(tx *gorm.DB, id string) (int, error) {
	var h int
	err := tx.Raw(`WITH RECURSIVE down(id, d) AS (
			SELECT id, 1 FROM cause_nodes WHERE id = ?
			UNION ALL SELECT c.id, down.d + 1 FROM cause_nodes c JOIN down ON c.parent_id = down.id WHERE down.d < 64)
		SELECT coalesce(max(d), 0) FROM down`, id).Row().Scan(&h)
	return h, wrap(err, "measure subtree")
}

// countCauses counts an incident's nodes.
func countCauses(tx *gorm.DB, incSeq int64) (int, error) {
	var n int
	err := tx.Raw("SELECT count(*) FROM cause_nodes WHERE incident_seq = ?", incSeq).Row().Scan(&n)
	return n, wrap(err, "count causes")
}

func tooManyCauses(field string, n int) error {
	return fieldError(field, "an incident holds at most %d causes, and this one would hold %d", domain.MaxCauseNodes, n)
}

// AddCause implements domain.CauseService.
func (s *Store) AddCause(ctx context.Context, incident string, in domain.CauseInput) (*domain.CauseNode, error) {
	d, err := in.Validate()
	if err != nil {
		return nil, err
	}
	now := s.now().UTC().UnixMilli()
	var out *domain.CauseNode
	err = s.tx(ctx, func(tx *gorm.DB) error {
		inc, err := findRow(tx, incident, false)
		if err != nil {
			return err
		}
		var parent any
		depth := 1
		parentID := strings.TrimSpace(in.ParentID)
		after := strings.TrimSpace(in.After)
		var pos int
		var afterRow *causeRow
		if after != "" {
			if afterRow, err = findCause(tx, after); err != nil {
				if domain.ErrorCode(err) == domain.ENOTFOUND {
					return fieldError("after", "%s", domain.ErrorMessage(err))
				}
				return err
			}
			if afterRow.IncidentSeq != inc.Seq {
				return fieldError("after", "the node belongs to %s, another incident", domain.IncidentRef(afterRow.IncidentNumber))
			}
			// The new node is the sibling's next sibling: its parent is
			// the sibling's, which the input may leave out.
			if ap := afterRow.parent(); parentID == "" && ap != nil {
				parentID = *afterRow.ParentID
			} else if ap == nil && parentID != "" || ap != nil && *afterRow.ParentID != parentID {
				return fieldError("after", "is not a child of the parent given")
			}
		}
		if parentID != "" {
			p, err := causeParent(tx, parentID, inc.Seq)
			if err != nil {
				return err
			}
			up, err := ancestors(tx, p.ID)
			if err != nil {
				return err
			}
			if depth = len(up) + 1; depth > domain.MaxCauseDepth {
				return fieldError("parentId", "a tree is at most %d levels deep; this node would be level %d", domain.MaxCauseDepth, depth)
			}
			parent = p.ID
		}
		total, err := countCauses(tx, inc.Seq)
		if err != nil {
			return err
		}
		if total+1 > domain.MaxCauseNodes {
			return tooManyCauses("statement", total+1)
		}
		n, err := siblings(tx, inc.Seq, parent, "")
		if err != nil {
			return err
		}
		switch {
		case afterRow != nil:
			pos = afterRow.Position + 1
		case in.Position != nil:
			pos = min(*in.Position, n)
		default:
			pos = n
		}
		if err := shiftSiblings(tx, inc.Seq, parent, pos, 1, ""); err != nil {
			return err
		}
		kind := d.Kind
		if kind == "" {
			kind = domain.DefaultCauseKind(parent != nil)
		}
		id := uuid.NewString()
		if err := tx.Exec(`INSERT INTO cause_nodes (id, incident_seq, parent_id, position, kind, statement, notes, created_at, updated_at, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`, id, inc.Seq, parent, pos, string(kind), d.Statement, d.Notes, now, now).Error; err != nil {
			return wrap(err, "insert cause")
		}
		out, err = getCause(tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// getCause reads one node with its evidence and actions, and its depth.
func getCause(tx *gorm.DB, id string) (*domain.CauseNode, error) {
	r, err := findCause(tx, id)
	if err != nil {
		return nil, err
	}
	n := r.toDomain()
	nodes := []domain.CauseNode{n}
	if err := loadCauseExtras(tx, "c.id = ?", id, nodes); err != nil {
		return nil, err
	}
	up, err := ancestors(tx, id)
	if err != nil {
		return nil, err
	}
	nodes[0].Depth = len(up) - 1
	return &nodes[0], nil
}

// UpdateCause implements domain.CauseService.
func (s *Store) UpdateCause(ctx context.Context, id string, in domain.CauseInput, expectedVersion int) (*domain.CauseNode, error) {
	d, err := in.Validate()
	if err != nil {
		return nil, err
	}
	now := s.now().UTC().UnixMilli()
	var out *domain.CauseNode
	err = s.tx(ctx, func(tx *gorm.DB) error {
		r, err := findCause(tx, id)
		if err != nil {
			return err
		}
		if expectedVersion != 0 && expectedVersion != r.Version {
			return domain.Errorf(domain.ECONFLICT,
				"the cause was changed elsewhere since you opened it (now version %d, yours %d); reload it and make your change again",
				r.Version, expectedVersion)
		}
		kind := string(d.Kind)
		if kind == "" {
			kind = r.Kind
		}
		if kind != r.Kind || d.Statement != r.Statement || d.Notes != r.Notes {
			res := tx.Exec("UPDATE cause_nodes SET kind = ?, statement = ?, notes = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
				kind, d.Statement, d.Notes, now, r.ID, r.Version)
			if res.Error != nil {
				return wrap(res.Error, "update cause")
			}
			if res.RowsAffected != 1 {
				return domain.Errorf(domain.ECONFLICT, "the cause was changed elsewhere while saving; reload it and try again")
			}
		}
		out, err = getCause(tx, r.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// MoveCause implements domain.CauseService.
func (s *Store) MoveCause(ctx context.Context, id, parentID string, position int) (*domain.CauseNode, error) {
	now := s.now().UTC().UnixMilli()
	var out *domain.CauseNode
	err := s.tx(ctx, func(tx *gorm.DB) error {
		r, err := findCause(tx, id)
		if err != nil {
			return err
		}
		if err := moveCause(tx, r, strings.TrimSpace(parentID), position, now); err != nil {
			return err
		}
		out, err = getCause(tx, r.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// moveCause makes node r a child of parentID ("" for a tree start) at
// position among its new siblings (negative or past the end: last), and
// keeps both sibling lists numbered 0..n-1.
func moveCause(tx *gorm.DB, r *causeRow, parentID string, position int, now int64) error {
	var parent any
	if parentID != "" {
		if parentID == r.ID {
			return fieldError("parentId", "a cause cannot be moved under itself")
		}
		p, err := causeParent(tx, parentID, r.IncidentSeq)
		if err != nil {
			return err
		}
		up, err := ancestors(tx, p.ID)
		if err != nil {
			return err
		}
		for _, a := range up {
			if a == r.ID {
				return fieldError("parentId", "a cause cannot be moved under one of its own causes (%q); that would make a loop", clip(p.Statement))
			}
		}
		h, err := height(tx, r.ID)
		if err != nil {
			return err
		}
		if len(up)+h > domain.MaxCauseDepth {
			return fieldError("parentId", "a tree is at most %d levels deep; this move would make it %d", domain.MaxCauseDepth, len(up)+h)
		}
		parent = p.ID
	}
	if err := shiftSiblings(tx, r.IncidentSeq, r.parent(), r.Position+1, -1, r.ID); err != nil {
		return err
	}
	n, err := siblings(tx, r.IncidentSeq, parent, r.ID)
	if err != nil {
		return err
	}
	if position < 0 || position > n {
		position = n
	}
	if err := shiftSiblings(tx, r.IncidentSeq, parent, position, 1, r.ID); err != nil {
		return err
	}
	return wrap(tx.Exec("UPDATE cause_nodes SET parent_id = ?, position = ?, updated_at = ?, version = version + 1 WHERE id = ?",
		parent, position, now, r.ID).Error, "move cause")
}

// clip shortens a statement for a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// ShiftCause implements domain.CauseService.
func (s *Store) ShiftCause(ctx context.Context, id string, shift domain.CauseShift) (*domain.CauseNode, error) {
	shift, err := domain.ParseCauseShift(string(shift))
	if err != nil {
		return nil, fieldError("move", "%s", err)
	}
	now := s.now().UTC().UnixMilli()
	var out *domain.CauseNode
	err = s.tx(ctx, func(tx *gorm.DB) error {
		r, err := findCause(tx, id)
		if err != nil {
			return err
		}
		parentID := ""
		if r.ParentID != nil {
			parentID = *r.ParentID
		}
		switch shift {
		case domain.ShiftUp:
			if r.Position == 0 {
				return fieldError("move", "the cause is already first among its siblings")
			}
			err = moveCause(tx, r, parentID, r.Position-1, now)
		case domain.ShiftDown:
			n, err := siblings(tx, r.IncidentSeq, r.parent(), "")
			if err != nil {
				return err
			}
			if r.Position >= n-1 {
				return fieldError("move", "the cause is already last among its siblings")
			}
			err = moveCause(tx, r, parentID, r.Position+1, now)
			if err != nil {
				return err
			}
		case domain.ShiftIndent:
			if r.Position == 0 {
				return fieldError("move", "the first cause of a list has no cause above it to go under")
			}
			var prev string
			if err := tx.Raw("SELECT id FROM cause_nodes WHERE incident_seq = ? AND parent_id IS ? AND position = ?",
				r.IncidentSeq, r.parent(), r.Position-1).Row().Scan(&prev); err != nil {
				return wrap(err, "find the cause above")
			}
			err = moveCause(tx, r, prev, -1, now)
		case domain.ShiftOutdent:
			if r.ParentID == nil {
				return fieldError("move", "the cause starts a tree; it cannot go further out")
			}
			p, err := findCause(tx, *r.ParentID)
			if err != nil {
				return err
			}
			grand := ""
			if p.ParentID != nil {
				grand = *p.ParentID
			}
			if err := moveCause(tx, r, grand, p.Position+1, now); err != nil {
				return err
			}
		}
		if err != nil {
			return err
		}
		out, err = getCause(tx, r.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteCause implements domain.CauseService.
func (s *Store) DeleteCause(ctx context.Context, id string, mode domain.CauseDeleteMode) error {
	mode, err := domain.ParseCauseDeleteMode(string(mode))
	if err != nil {
		return fieldError("mode", "%s", err)
	}
	now := s.now().UTC().UnixMilli()
	return s.tx(ctx, func(tx *gorm.DB) error {
		r, err := findCause(tx, id)
		if err != nil {
			return err
		}
		var kids int
		if err := tx.Raw("SELECT count(*) FROM cause_nodes WHERE parent_id = ?", r.ID).Row().Scan(&kids); err != nil {
			return wrap(err, "count children")
		}
		switch {
		case kids == 0:
		case mode == domain.DeleteAsk:
			return domain.Errorf(domain.ECONFLICT,
				"the cause %q has %d causes under it; delete them with it (subtree) or lift them into its place (lift)", clip(r.Statement), kids)
		case mode == domain.DeleteLift:
			// Make room after the node for its children, then hand them
			// to its parent in their order, starting at its place.
			if err := shiftSiblings(tx, r.IncidentSeq, r.parent(), r.Position+1, kids-1, r.ID); err != nil {
				return err
			}
			if err := tx.Exec("UPDATE cause_nodes SET parent_id = ?, position = position + ?, updated_at = ?, version = version + 1 WHERE parent_id = ?",
				r.parent(), r.Position, now, r.ID).Error; err != nil {
				return wrap(err, "lift children")
			}
			return wrap(tx.Exec("DELETE FROM cause_nodes WHERE id = ?", r.ID).Error, "delete cause")
		case mode == domain.DeleteSubtree:
			if err := tx.Exec(`WITH RECURSIVE down(id) AS (
					SELECT id FROM cause_nodes WHERE parent_id = ?
					UNION ALL SELECT c.id FROM cause_nodes c JOIN down ON c.parent_id = down.id)
				DELETE FROM cause_nodes WHERE id IN (SELECT id FROM down)`, r.ID).Error; err != nil {
				return wrap(err, "delete subtree")
			}
		}
		if err := tx.Exec("DELETE FROM cause_nodes WHERE id = ?", r.ID).Error; err != nil {
			return wrap(err, "delete cause")
		}
		return shiftSiblings(tx, r.IncidentSeq, r.parent(), r.Position+1, -1, r.ID)
	})
}

// CauseTree implements domain.CauseService.
func (s *Store) CauseTree(ctx context.Context, incident string) (*domain.CauseTree, error) {
	db := s.db.WithContext(ctx)
	inc, err := findRow(db, incident, false)
	if err != nil {
		return nil, err
	}
	rows, err := queryCauses(db, "SELECT "+causeColumns+causeFrom+" WHERE c.incident_seq = ?", inc.Seq)
	if err != nil {
		return nil, wrap(err, "read causes")
	}
	nodes := make([]domain.CauseNode, len(rows))
	for k := range rows {
		nodes[k] = rows[k].toDomain()
	}
	if err := loadCauseExtras(db, "c.incident_seq = ?", inc.Seq, nodes); err != nil {
		return nil, err
	}
	return &domain.CauseTree{IncidentID: inc.ID, Nodes: outlineOrder(nodes)}, nil
}

// outlineOrder sorts nodes depth first (each after its parent, siblings by
// position) and sets their depth. A node whose parent is not among them
// (read while it was being moved) is left out rather than misplaced.
func outlineOrder(nodes []domain.CauseNode) []domain.CauseNode {
	kids := make(map[string][]int, len(nodes))
	for k := range nodes {
		p := nodes[k].ParentID
		kids[p] = append(kids[p], k)
	}
	for _, ks := range kids {
		sort.Slice(ks, func(a, b int) bool { return nodes[ks[a]].Position < nodes[ks[b]].Position })
	}
	out := make([]domain.CauseNode, 0, len(nodes))
	var walk func(parent string, depth int)
	walk = func(parent string, depth int) {
		for _, k := range kids[parent] {
			n := nodes[k]
			n.Depth = depth
			out = append(out, n)
			if depth < domain.MaxCauseDepth*2 {
				walk(n.ID, depth+1)
			}
		}
	}
	walk("", 0)
	return out
}

// loadCauseExtras fills in the evidence and the linked actions of nodes,
// selected by where on cause_nodes c. Evidence pointing at a deleted event
// is left out while the event is deleted.
func loadCauseExtras(tx *gorm.DB, where string, arg any, nodes []domain.CauseNode) error {
	idx := make(map[string]int, len(nodes))
	for k := range nodes {
		idx[nodes[k].ID] = k
	}
	rs, err := tx.Raw(`SELECT e.id, e.node_id, e.kind, coalesce(e.event_id, ''), e.url, e.note, e.created_at
		FROM cause_evidence e JOIN cause_nodes c ON c.id = e.node_id
		LEFT JOIN timeline_events t ON t.id = e.event_id
		WHERE `+where+` AND t.deleted_at IS NULL ORDER BY e.created_at, e.id`, arg).Rows()
	if err != nil {
		return wrap(err, "read evidence")
	}
	defer rs.Close()
	for rs.Next() {
		var e domain.Evidence
		var at int64
		if err := rs.Scan(&e.ID, &e.NodeID, &e.Kind, &e.EventID, &e.URL, &e.Note, &at); err != nil {
			return wrap(err, "read evidence")
		}
		e.CreatedAt = time.UnixMilli(at).UTC()
		if k, ok := idx[e.NodeID]; ok {
			nodes[k].Evidence = append(nodes[k].Evidence, e)
		}
	}
	if err := rs.Err(); err != nil {
		return wrap(err, "read evidence")
	}
	ra, err := tx.Raw(`SELECT a.id, a.number, a.title, a.status, a.cause_node_id FROM actions a
		WHERE a.cause_node_id IN (SELECT c.id FROM cause_nodes c WHERE `+where+`) ORDER BY a.number`, arg).Rows()
	if err != nil {
		return wrap(err, "read linked actions")
	}
	defer ra.Close()
	for ra.Next() {
		var a domain.CauseNodeAction
		var number int
		var node string
		if err := ra.Scan(&a.ID, &number, &a.Title, &a.Status, &node); err != nil {
			return wrap(err, "read linked actions")
		}
		a.Ref = domain.ActionRef(number)
		if k, ok := idx[node]; ok {
			nodes[k].Actions = append(nodes[k].Actions, a)
		}
	}
	return wrap(ra.Err(), "read linked actions")
}

// ImportCauses implements domain.CauseService.
func (s *Store) ImportCauses(ctx context.Context, incident string, trees []domain.CauseOutline) (int, error) {
	nodes, depth := domain.CountOutline(trees)
	if depth > domain.MaxCauseDepth {
		return 0, fieldError("file", "the outline is %d levels deep; a tree is at most %d", depth, domain.MaxCauseDepth)
	}
	if nodes > domain.MaxCauseNodes {
		return 0, tooManyCauses("file", nodes)
	}
	// Check every statement before opening the transaction, naming the
	// line of the first bad one.
	var check func([]domain.CauseOutline) error
	check = func(ts []domain.CauseOutline) error {
		for _, t := range ts {
			if msg := domain.CheckStatement(strings.TrimSpace(t.Statement)); msg != "" {
				return fieldError("file", "line %d: the statement %s", t.Line, msg)
			}
			if _, err := domain.ParseCauseKind(string(t.Kind)); err != nil {
				return fieldError("file", "line %d: %s", t.Line, err)
			}
			if err := check(t.Children); err != nil {
				return err
			}
		}
		return nil
	}
	if err := check(trees); err != nil {
		return 0, err
	}
	now := s.now().UTC().UnixMilli()
	err := s.tx(ctx, func(tx *gorm.DB) error {
		inc, err := findRow(tx, incident, false)
		if err != nil {
			return err
		}
		total, err := countCauses(tx, inc.Seq)
		if err != nil {
			return err
		}
		if total+nodes > domain.MaxCauseNodes {
			return tooManyCauses("file", total+nodes)
		}
		first, err := siblings(tx, inc.Seq, nil, "")
		if err != nil {
			return err
		}
		return insertOutline(ctx, tx, inc.Seq, trees, first, now)
	})
	if err != nil {
		return 0, err
	}
	return nodes, nil
}

// insertOutline adds checked trees under the incident's top level, the
// first at position first.
func insertOutline(ctx context.Context, tx *gorm.DB, incSeq int64, trees []domain.CauseOutline, first int, now int64) error {
	ins, err := tx.Statement.ConnPool.PrepareContext(ctx, `INSERT INTO cause_nodes
		(id, incident_seq, parent_id, position, kind, statement, notes, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, 1)`)
	if err != nil {
		return wrap(err, "prepare cause insert")
	}
	defer ins.Close()
	var add func(ts []domain.CauseOutline, parent any, from int) error
	add = func(ts []domain.CauseOutline, parent any, from int) error {
		for k, t := range ts {
			kind, _ := domain.ParseCauseKind(string(t.Kind))
			id := uuid.NewString()
			if _, err := ins.ExecContext(ctx, id, incSeq, parent, from+k, string(kind), strings.TrimSpace(t.Statement), now, now); err != nil {
				return wrap(err, "import line %d", t.Line)
			}
			if err := add(t.Children, id, 0); err != nil {
				return err
			}
		}
		return nil
	}
	return add(trees, nil, first)
}

// AddEvidence implements domain.CauseService.
func (s *Store) AddEvidence(ctx context.Context, nodeID string, in domain.EvidenceInput) (*domain.Evidence, error) {
	e, err := in.Validate()
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	err = s.tx(ctx, func(tx *gorm.DB) error {
		r, err := findCause(tx, nodeID)
		if err != nil {
			return err
		}
		var event any
		if e.Kind == domain.EvidenceEvent {
			ev, err := findEvent(tx, e.EventID, false)
			if err != nil {
				if domain.ErrorCode(err) == domain.ENOTFOUND {
					return fieldError("eventId", "%s", domain.ErrorMessage(err))
				}
				return err
			}
			if ev.IncidentID != r.IncidentID {
				return fieldError("eventId", "the event is on another incident's timeline; evidence must come from %s's", domain.IncidentRef(r.IncidentNumber))
			}
			var dup int
			if err := tx.Raw("SELECT count(*) FROM cause_evidence WHERE node_id = ? AND event_id = ?", r.ID, ev.ID).Row().Scan(&dup); err != nil {
				return wrap(err, "check evidence")
			}
			if dup > 0 {
				return fieldError("eventId", "the event is already evidence for this cause")
			}
			e.EventID, event = ev.ID, ev.ID
		}
		e.ID, e.NodeID, e.CreatedAt = uuid.NewString(), r.ID, now.Truncate(time.Millisecond)
		return wrap(tx.Exec("INSERT INTO cause_evidence (id, node_id, kind, event_id, url, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			e.ID, r.ID, string(e.Kind), event, e.URL, e.Note, now.UnixMilli()).Error, "insert evidence")
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// RemoveEvidence implements domain.CauseService.
func (s *Store) RemoveEvidence(ctx context.Context, id string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var node string
		if err := tx.Raw("SELECT node_id FROM cause_evidence WHERE id = ?", strings.TrimSpace(id)).Scan(&node).Error; err != nil {
			return wrap(err, "find evidence")
		}
		if node == "" {
			return domain.Errorf(domain.ENOTFOUND, "no evidence %s", describeRef(id))
		}
		if _, err := findCause(tx, node); err != nil {
			return err
		}
		return wrap(tx.Exec("DELETE FROM cause_evidence WHERE id = ?", strings.TrimSpace(id)).Error, "remove evidence")
	})
}

// LinkAction implements domain.CauseService.
func (s *Store) LinkAction(ctx context.Context, action, nodeID string) (*domain.ActionItem, error) {
	now := s.now().UTC().UnixMilli()
	var out *domain.ActionItem
	err := s.tx(ctx, func(tx *gorm.DB) error {
		a, err := findAction(tx, action)
		if err != nil {
			return err
		}
		var node any
		if strings.TrimSpace(nodeID) != "" {
			r, err := findCause(tx, nodeID)
			if err != nil {
				return err
			}
			if a.IncidentSeq != nil && *a.IncidentSeq != r.IncidentSeq {
				return fieldError("action", "%s belongs to %s and the cause to %s; an action can answer causes of its own incident only",
					domain.ActionRef(a.Number), domain.IncidentRef(*a.IncidentNumber), domain.IncidentRef(r.IncidentNumber))
			}
			node = r.ID
		}
		same := (a.CauseNodeID == nil && node == nil) || (a.CauseNodeID != nil && node != nil && *a.CauseNodeID == node.(string))
		if !same {
			if err := tx.Exec("UPDATE actions SET cause_node_id = ?, updated_at = ?, version = version + 1 WHERE seq = ?",
				node, now, a.Seq).Error; err != nil {
				return wrap(err, "link %s", domain.ActionRef(a.Number))
			}
		}
		r, err := findAction(tx, a.ID)
		if err != nil {
			return err
		}
		item := r.toDomain()
		out = &item
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
