package domain

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// CauseKind says what a node of a root-cause tree is.
type CauseKind string

const (
	// CauseProblem is the problem statement a tree starts from.
	CauseProblem CauseKind = "problem"
	// CauseCause answers "why?" of its parent.
	CauseCause CauseKind = "cause"
	// CauseContributing made things worse without causing them alone.
	CauseContributing CauseKind = "contributing"
	// CauseRoot is where a branch should end: the cause worth fixing.
	CauseRoot CauseKind = "root"
	// CauseTrigger set things off (a deploy, a traffic spike).
	CauseTrigger CauseKind = "trigger"
)

// CauseKindInfo is a kind with the words shown beside it.
type CauseKindInfo struct {
	Name  CauseKind `json:"name"`
	Label string    `json:"label"`
}

// CauseKinds lists the kinds in the order the UI offers them.
var CauseKinds = []CauseKindInfo{
	{CauseProblem, "Problem"}, {CauseCause, "Cause"}, {CauseContributing, "Contributing factor"},
	{CauseRoot, "Root cause"}, {CauseTrigger, "Trigger"},
}

// causeKindWords are the other spellings people write for each kind.
var causeKindWords = map[string]CauseKind{
	"problem": CauseProblem, "problem statement": CauseProblem,
	"cause": CauseCause, "why": CauseCause,
	"contributing": CauseContributing, "contributing factor": CauseContributing, "contributor": CauseContributing, "factor": CauseContributing,
	"root": CauseRoot, "root cause": CauseRoot,
	"trigger": CauseTrigger,
}

// ParseCauseKind accepts a kind name in any case, and the longer spellings
// ("root cause", "contributing factor", "root-cause").
func ParseCauseKind(s string) (CauseKind, error) {
	v := strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(s, "-", " "), "_", " "))), " ")
	if k, ok := causeKindWords[v]; ok {
		return k, nil
	}
	return "", fmt.Errorf("unknown kind %q; use problem, cause, contributing, root or trigger", truncate(s, 20))
}

// Limits on root-cause trees.
const (
	MaxCauseStatement = 1000   // characters
	MaxCauseNotes     = 50_000 // bytes
	MaxEvidenceNote   = 2000   // characters
	// MaxCauseDepth is how many levels one tree may have, its problem
	// statement being level 1.
	MaxCauseDepth = 32
	// MaxCauseNodes is how many nodes one incident's trees may hold in all.
	// A real analysis has tens; the limit keeps a tree drawable.
	MaxCauseNodes = 5000
)

// CauseNode is one node of a root-cause tree. A node with no parent starts a
// tree; an incident may hold several trees.
type CauseNode struct {
	ID         string `json:"id"`
	IncidentID string `json:"incidentId"`
	// ParentID is "" for a tree's first node (usually the problem).
	ParentID string `json:"parentId"`
	// Position orders siblings: 0 to n-1, no gaps.
	Position  int       `json:"position"`
	Kind      CauseKind `json:"kind"`
	Statement string    `json:"statement"`
	// Notes are markdown.
	Notes     string    `json:"notes"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
	// Version counts saves, as for incidents.
	Version int `json:"version"`

	// Read with the tree, not stored on the node:
	// Depth is 0 for a tree's first node.
	Depth    int               `json:"depth"`
	Evidence []Evidence        `json:"evidence"`
	Actions  []CauseNodeAction `json:"actions"`
}

// ActionCount is how many actions are linked to the node.
func (n *CauseNode) ActionCount() int { return len(n.Actions) }

// Answered reports whether an action that is not "won't do" is linked to
// the node: someone means to do something about it.
func (n *CauseNode) Answered() bool {
	for _, a := range n.Actions {
		if a.Status != ActionWontDo {
			return true
		}
	}
	return false
}

// CauseNodeAction is an action linked to a node, as the tree shows it.
type CauseNodeAction struct {
	ID     string       `json:"id"`
	Ref    string       `json:"ref"`
	Title  string       `json:"title"`
	Status ActionStatus `json:"status"`
}

// EvidenceKind says what backs a cause.
type EvidenceKind string

const (
	EvidenceEvent EvidenceKind = "event"
	EvidenceURL   EvidenceKind = "url"
	// EvidenceSnapshot is a metric snapshot; reserved for the snapshot
	// issue and refused until then.
	EvidenceSnapshot EvidenceKind = "snapshot"
)

// Evidence links a cause node to what shows it is true.
type Evidence struct {
	ID     string       `json:"id"`
	NodeID string       `json:"nodeId"`
	Kind   EvidenceKind `json:"kind"`
	// EventID is the timeline event, for kind event.
	EventID string `json:"eventId"`
	// URL is http or https, for kind url.
	URL       string    `json:"url"`
	Note      string    `json:"note"`
	CreatedAt time.Time `json:"createdAt"`
}

// EvidenceInput is what a person sends to add evidence to a node.
type EvidenceInput struct {
	Kind    string `json:"kind"`
	EventID string `json:"eventId"`
	URL     string `json:"url"`
	Note    string `json:"note"`
}

// Validate checks an evidence input and returns it cleaned; every bad field
// is named. That the event belongs to the node's incident is the store's
// check.
func (in EvidenceInput) Validate() (*Evidence, error) {
	fe := FieldErrors{}
	e := &Evidence{Kind: EvidenceKind(strings.ToLower(strings.TrimSpace(in.Kind)))}
	e.EventID, e.URL, e.Note = strings.TrimSpace(in.EventID), strings.TrimSpace(in.URL), strings.TrimSpace(in.Note)
	if e.Kind == "" {
		switch {
		case e.EventID != "":
			e.Kind = EvidenceEvent
		case e.URL != "":
			e.Kind = EvidenceURL
		}
	}
	switch e.Kind {
	case EvidenceEvent:
		if e.EventID == "" {
			fe.Add("eventId", "is required; pick a timeline event")
		}
		e.URL = ""
	case EvidenceURL:
		if e.URL == "" {
			fe.Add("url", "is required")
		} else if _, err := CheckLink(e.URL); err != nil {
			fe.Add("url", "%s", err)
		}
		e.EventID = ""
	case EvidenceSnapshot:
		fe.Add("kind", "metric snapshots cannot be evidence yet; link a timeline event or a URL")
	case "":
		fe.Add("kind", "is required; use event or url")
	default:
		fe.Add("kind", "unknown kind %q; use event or url", truncate(in.Kind, 20))
	}
	switch {
	case !utf8.ValidString(e.Note):
		fe.Add("note", "is not valid UTF-8 text")
	case utf8.RuneCountInString(e.Note) > MaxEvidenceNote:
		fe.Add("note", "is %d characters long; the limit is %d", utf8.RuneCountInString(e.Note), MaxEvidenceNote)
	}
	return e, fe.Err()
}

// CauseInput is what a person or a script sends to add a node, or to change
// one. On add, ParentID "" starts a new tree; the node goes right after the
// sibling After if given, else at Position if given (clamped to the
// siblings there are), else last. An empty Kind is problem for a new tree
// and cause under a parent. On update only Kind, Statement and Notes count,
// and an empty Kind keeps the stored one; moving is MoveCause.
type CauseInput struct {
	ParentID  string `json:"parentId"`
	After     string `json:"after"`
	Position  *int   `json:"position"`
	Kind      string `json:"kind"`
	Statement string `json:"statement"`
	Notes     string `json:"notes"`
}

// CauseDraft is a validated node's own fields.
type CauseDraft struct {
	Kind      CauseKind // "" when the input left it empty
	Statement string
	Notes     string
}

// Validate checks the node's own fields; every bad field is named.
func (in CauseInput) Validate() (*CauseDraft, error) {
	fe := FieldErrors{}
	d := &CauseDraft{}
	if strings.TrimSpace(in.Kind) != "" {
		k, err := ParseCauseKind(in.Kind)
		if err != nil {
			fe.Add("kind", "%s", err)
		}
		d.Kind = k
	}
	d.Statement = strings.TrimSpace(in.Statement)
	if msg := CheckStatement(d.Statement); msg != "" {
		fe.Add("statement", "%s", msg)
	}
	d.Notes = strings.TrimRight(in.Notes, " \t\r\n")
	if len(d.Notes) > MaxCauseNotes {
		fe.Add("notes", "is %d KB; the limit is %d KB", len(d.Notes)/1000, MaxCauseNotes/1000)
	} else if !utf8.ValidString(d.Notes) {
		fe.Add("notes", "is not valid UTF-8 text")
	}
	if in.Position != nil && *in.Position < 0 {
		fe.Add("position", "must be zero or positive")
	}
	return d, fe.Err()
}

// CheckStatement returns what is wrong with a (trimmed) statement, or "".
// A statement is one line: the outline, the diagram and the markdown list
// show it as one.
func CheckStatement(s string) string {
	switch {
	case s == "":
		return "is required; say what happened, or why"
	case !utf8.ValidString(s):
		return "is not valid UTF-8 text"
	case utf8.RuneCountInString(s) > MaxCauseStatement:
		return fmt.Sprintf("is %d characters long; the limit is %d", utf8.RuneCountInString(s), MaxCauseStatement)
	case strings.ContainsAny(s, "\r\n"):
		return "must be one line; put details in the notes"
	}
	return ""
}

// DefaultCauseKind is the kind of a node added without one.
func DefaultCauseKind(hasParent bool) CauseKind {
	if hasParent {
		return CauseCause
	}
	return CauseProblem
}

// CauseShift is a one-step move as the outline editor's keys make it.
type CauseShift string

const (
	// ShiftIndent makes the node the last child of the sibling above (Tab).
	ShiftIndent CauseShift = "indent"
	// ShiftOutdent makes the node its parent's next sibling (Shift+Tab).
	ShiftOutdent CauseShift = "outdent"
	// ShiftUp and ShiftDown swap the node with the sibling above or below
	// (Alt+↑/↓).
	ShiftUp   CauseShift = "up"
	ShiftDown CauseShift = "down"
)

// ParseCauseShift accepts indent, outdent, up or down in any case.
func ParseCauseShift(s string) (CauseShift, error) {
	v := CauseShift(strings.ToLower(strings.TrimSpace(s)))
	switch v {
	case ShiftIndent, ShiftOutdent, ShiftUp, ShiftDown:
		return v, nil
	}
	return "", fmt.Errorf("unknown move %q; use indent, outdent, up or down", truncate(s, 20))
}

// CauseDeleteMode says what happens to the children of a deleted node.
type CauseDeleteMode string

const (
	// DeleteAsk ("") deletes a node only if it has no children.
	DeleteAsk CauseDeleteMode = ""
	// DeleteSubtree deletes the node and everything under it.
	DeleteSubtree CauseDeleteMode = "subtree"
	// DeleteLift deletes the node and puts its children in its place, in
	// their order.
	DeleteLift CauseDeleteMode = "lift"
)

// ParseCauseDeleteMode accepts "", subtree or lift.
func ParseCauseDeleteMode(s string) (CauseDeleteMode, error) {
	v := CauseDeleteMode(strings.ToLower(strings.TrimSpace(s)))
	switch v {
	case DeleteAsk, DeleteSubtree, DeleteLift:
		return v, nil
	}
	return "", fmt.Errorf("unknown mode %q; use subtree or lift", truncate(s, 20))
}

// CauseTree is all of one incident's cause nodes in outline order: each
// node right after its parent (depth first), siblings by position, trees by
// position.
type CauseTree struct {
	IncidentID string      `json:"incidentId"`
	Nodes      []CauseNode `json:"nodes"`
}

// Children maps each node id ("" for the tree starts) to the indexes in
// Nodes of its children, in order.
func (t *CauseTree) Children() map[string][]int {
	out := make(map[string][]int, len(t.Nodes))
	for k := range t.Nodes {
		p := t.Nodes[k].ParentID
		out[p] = append(out[p], k)
	}
	return out
}

// CauseOutline is one node of an imported outline with its children.
type CauseOutline struct {
	// Line is where the node was written, for messages.
	Line      int            `json:"line"`
	Kind      CauseKind      `json:"kind"`
	Statement string         `json:"statement"`
	Children  []CauseOutline `json:"children"`
}

// CountOutline returns how many nodes trees hold and how deep the deepest
// goes (1 for a lone node).
func CountOutline(trees []CauseOutline) (nodes, depth int) {
	for _, t := range trees {
		n, d := CountOutline(t.Children)
		nodes += n + 1
		depth = max(depth, d+1)
	}
	return nodes, depth
}

// FlagKind names a guidance flag.
type FlagKind string

const (
	// FlagSymptom: a branch ends on a node that is neither a root cause nor
	// answered by an action.
	FlagSymptom FlagKind = "symptom"
	// FlagUnansweredRoot: a root cause with no action.
	FlagUnansweredRoot FlagKind = "unanswered_root"
)

// Flag is guidance on one node.
type Flag struct {
	NodeID  string   `json:"nodeId"`
	Kind    FlagKind `json:"kind"`
	Message string   `json:"message"`
}

// Guidance flags the branches of a tree that stop short: a leaf that is
// neither a root cause nor answered by an action stops at a symptom, and a
// root cause with no action is left unanswered. Flags follow the order of
// nodes. This is the one place the rules live; the UI and the exports ask.
func Guidance(nodes []CauseNode) []Flag {
	hasChild := make(map[string]bool, len(nodes))
	for k := range nodes {
		if nodes[k].ParentID != "" {
			hasChild[nodes[k].ParentID] = true
		}
	}
	out := []Flag{}
	for k := range nodes {
		n := &nodes[k]
		switch {
		case n.Kind == CauseRoot && !n.Answered():
			out = append(out, Flag{NodeID: n.ID, Kind: FlagUnansweredRoot,
				Message: "this root cause has no action; add one that fixes it"})
		case n.Kind != CauseRoot && !hasChild[n.ID] && !n.Answered():
			out = append(out, Flag{NodeID: n.ID, Kind: FlagSymptom,
				Message: "this branch stops at a symptom; ask why again, mark a root cause, or add an action"})
		}
	}
	return out
}
