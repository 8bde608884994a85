package app

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"

	"github.com/google/renameio/v2"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/hindsight-app/hindsight/backend/causes"
	"github.com/hindsight-app/hindsight/backend/domain"
)

// CauseNodeView is one node of a root-cause tree, in outline order.
type CauseNodeView struct {
	ID        string                   `json:"id"`
	ParentID  string                   `json:"parentId"`
	Position  int                      `json:"position"`
	Depth     int                      `json:"depth"`
	Kind      string                   `json:"kind"`
	Statement string                   `json:"statement"`
	Notes     string                   `json:"notes"`
	Version   int                      `json:"version"`
	UpdatedAt int64                    `json:"updatedAt"`
	Evidence  []EvidenceView           `json:"evidence"`
	Actions   []domain.CauseNodeAction `json:"actions"`
}

// EvidenceView is one piece of evidence on a node.
type EvidenceView struct {
	ID      string `json:"id"`
	Kind    string `json:"kind"`
	EventID string `json:"eventId"`
	URL     string `json:"url"`
	Note    string `json:"note"`
}

// CauseTreeView is an incident's trees, flat in outline order, with the
// guidance flags.
type CauseTreeView struct {
	Nodes []CauseNodeView `json:"nodes"`
	Flags []domain.Flag   `json:"flags"`
}

// OutlinePreviewView says what an outline import would add.
type OutlinePreviewView struct {
	Nodes int `json:"nodes"`
	Trees int `json:"trees"`
	Depth int `json:"depth"`
}

// CausesAPI is bound to the frontend: the incident's root-cause trees.
type CausesAPI struct {
	ctx context.Context
	cfg Config
}

func (a *CausesAPI) actor() context.Context {
	return (&IncidentsAPI{cfg: a.cfg}).actor()
}

func causeView(n *domain.CauseNode) CauseNodeView {
	v := CauseNodeView{ID: n.ID, ParentID: n.ParentID, Position: n.Position, Depth: n.Depth, Kind: string(n.Kind),
		Statement: n.Statement, Notes: n.Notes, Version: n.Version, UpdatedAt: ms(n.UpdatedAt),
		Evidence: make([]EvidenceView, len(n.Evidence)), Actions: n.Actions}
	for k, e := range n.Evidence {
		v.Evidence[k] = EvidenceView{ID: e.ID, Kind: string(e.Kind), EventID: e.EventID, URL: e.URL, Note: e.Note}
	}
	if v.Actions == nil {
		v.Actions = []domain.CauseNodeAction{}
	}
	return v
}

func (a *CausesAPI) node(n *domain.CauseNode, err error) (CauseNodeView, error) {
	if err != nil {
		return CauseNodeView{}, err
	}
	return causeView(n), nil
}

// Tree returns the incident's trees and what the guidance flags.
func (a *CausesAPI) Tree(incident string) (CauseTreeView, error) {
	t, err := a.cfg.Causes.CauseTree(context.Background(), incident)
	if err != nil {
		return CauseTreeView{}, err
	}
	out := CauseTreeView{Nodes: make([]CauseNodeView, len(t.Nodes)), Flags: domain.Guidance(t.Nodes)}
	for k := range t.Nodes {
		out.Nodes[k] = causeView(&t.Nodes[k])
	}
	if out.Flags == nil {
		out.Flags = []domain.Flag{}
	}
	return out, nil
}

// Add adds a node: with After, as the next sibling of that node; with
// ParentID only, as the parent's last child; with neither, as a new tree.
func (a *CausesAPI) Add(incident string, in domain.CauseInput) (CauseNodeView, error) {
	return a.node(a.cfg.Causes.AddCause(a.actor(), incident, in))
}

// Update changes a node's kind, statement and notes.
func (a *CausesAPI) Update(id string, in domain.CauseInput, version int) (CauseNodeView, error) {
	return a.node(a.cfg.Causes.UpdateCause(a.actor(), id, in, version))
}

// Move puts a node (and its subtree) under parentID at position; a move
// under its own descendant is refused with a message.
func (a *CausesAPI) Move(id, parentID string, position int) (CauseNodeView, error) {
	return a.node(a.cfg.Causes.MoveCause(a.actor(), id, parentID, position))
}

// Shift is one outline-editor move: indent, outdent, up or down.
func (a *CausesAPI) Shift(id, shift string) (CauseNodeView, error) {
	s, err := domain.ParseCauseShift(shift)
	if err != nil {
		return CauseNodeView{}, err
	}
	return a.node(a.cfg.Causes.ShiftCause(a.actor(), id, s))
}

// Delete deletes a node; one with children needs mode "subtree" or "lift".
func (a *CausesAPI) Delete(id, mode string) error {
	return a.cfg.Causes.DeleteCause(a.actor(), id, domain.CauseDeleteMode(mode))
}

// PreviewOutline parses an indented outline and says what it holds.
func (a *CausesAPI) PreviewOutline(text string) (OutlinePreviewView, error) {
	trees, err := causes.ParseOutline(text)
	if err != nil {
		return OutlinePreviewView{}, err
	}
	n, d := domain.CountOutline(trees)
	return OutlinePreviewView{Nodes: n, Trees: len(trees), Depth: d}, nil
}

// ImportOutline adds an indented outline's trees to the incident, all or
// nothing, and returns how many nodes it added.
func (a *CausesAPI) ImportOutline(incident, text string) (int, error) {
	trees, err := causes.ParseOutline(text)
	if err != nil {
		return 0, err
	}
	return a.cfg.Causes.ImportCauses(a.actor(), incident, trees)
}

// AddEvidence links a timeline event or a URL to a node.
func (a *CausesAPI) AddEvidence(nodeID string, in domain.EvidenceInput) (EvidenceView, error) {
	e, err := a.cfg.Causes.AddEvidence(a.actor(), nodeID, in)
	if err != nil {
		return EvidenceView{}, err
	}
	return EvidenceView{ID: e.ID, Kind: string(e.Kind), EventID: e.EventID, URL: e.URL, Note: e.Note}, nil
}

// RemoveEvidence unlinks evidence.
func (a *CausesAPI) RemoveEvidence(id string) error {
	return a.cfg.Causes.RemoveEvidence(a.actor(), id)
}

// LinkAction links an action to a node ("" unlinks it).
func (a *CausesAPI) LinkAction(action, nodeID string) error {
	_, err := a.cfg.Causes.LinkAction(a.actor(), action, nodeID)
	return err
}

// Export returns the incident's trees as a markdown outline or a Mermaid
// flowchart.
func (a *CausesAPI) Export(incident, format string) (string, error) {
	t, err := a.cfg.Causes.CauseTree(context.Background(), incident)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	switch format {
	case "markdown":
		err = causes.Markdown(&buf, t.Nodes)
	case "mermaid":
		err = causes.Mermaid(&buf, t.Nodes)
	default:
		return "", domain.Errorf(domain.EINVALID, "format: unknown format %q; use markdown or mermaid", format)
	}
	return buf.String(), err
}

// SaveSVG asks where to save the diagram the window drew and writes it
// atomically. An empty path means the person cancelled.
func (a *CausesAPI) SaveSVG(name, svg string) (string, error) {
	if a.ctx == nil {
		return "", domain.Errorf(domain.EINVALID, "no window to open a save dialog in")
	}
	if !strings.HasPrefix(strings.TrimSpace(svg), "<svg") || len(svg) > 20<<20 {
		return "", domain.Errorf(domain.EINVALID, "svg: not an SVG drawing of at most 20 MB")
	}
	path, err := runtime.SaveFileDialog(a.ctx, runtime.SaveDialogOptions{
		Title: "Save the diagram", DefaultFilename: name + ".svg", CanCreateDirectories: true,
	})
	if err != nil || path == "" {
		return "", err
	}
	if err := renameio.WriteFile(path, []byte(svg), 0o644); err != nil {
		fe := domain.FieldErrors{}
		fe.Add("file", "cannot write %q: %v", filepath.Base(path), unwrapPath(err))
		return "", fe.Err()
	}
	return path, nil
}
