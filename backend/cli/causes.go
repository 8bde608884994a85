package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/backend/causes"
	"github.com/hindsight-app/hindsight/backend/domain"
)

func (r *runner) causesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "causes",
		Aliases: []string{"cause", "rca"},
		Short:   "Show, import and edit an incident's root-cause trees",
		Long: `Show, import and edit an incident's root-cause trees.

Each cause answers "why?" of the one above it. Kinds: problem (a tree's
start), cause, contributing (a contributing factor), root (a root cause) and
trigger. An incident can hold several trees; a tree is at most 32 levels deep.
A node is named by its id ('causes show INCIDENT --format json' lists them).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(r.causesShowCmd(), r.causesImportCmd(), r.causesAddCmd(), r.causesLinkCmd(),
		r.causesMoveCmd(), r.causesDeleteCmd())
	return cmd
}

// causeJSON is a node in --json output. Fields are only ever added.
type causeJSON struct {
	ID        string                   `json:"id"`
	ParentID  *string                  `json:"parentId"`
	Position  int                      `json:"position"`
	Depth     int                      `json:"depth"`
	Kind      string                   `json:"kind"`
	Statement string                   `json:"statement"`
	Notes     string                   `json:"notes"`
	Evidence  []domain.Evidence        `json:"evidence"`
	Actions   []domain.CauseNodeAction `json:"actions"`
	CreatedAt string                   `json:"createdAt"`
	UpdatedAt string                   `json:"updatedAt"`
	Version   int                      `json:"version"`
}

func causeToJSON(n *domain.CauseNode) causeJSON {
	out := causeJSON{ID: n.ID, ParentID: nonEmpty(n.ParentID), Position: n.Position, Depth: n.Depth, Kind: string(n.Kind),
		Statement: n.Statement, Notes: n.Notes, Evidence: n.Evidence, Actions: n.Actions,
		CreatedAt: formatUTC(n.CreatedAt), UpdatedAt: formatUTC(n.UpdatedAt), Version: n.Version}
	if out.Evidence == nil {
		out.Evidence = []domain.Evidence{}
	}
	if out.Actions == nil {
		out.Actions = []domain.CauseNodeAction{}
	}
	return out
}

// causeTreeJSON is 'causes show --format json': the nodes in outline order
// and the guidance flags.
type causeTreeJSON struct {
	Incident string        `json:"incident"`
	Nodes    []causeJSON   `json:"nodes"`
	Guidance []domain.Flag `json:"guidance"`
}

func (r *runner) causesShowCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "show INC-0042 [flags]",
		Short: "Print the incident's root-cause trees as markdown, Mermaid or JSON",
		Long: `Print the incident's root-cause trees on stdout.

  markdown  a nested list, two spaces per level, "- [kind] statement": what
            'causes import' reads back
  mermaid   a left-to-right flowchart (paste it into a markdown file between
            three backticks and "mermaid"); kinds by colour, root causes in bold
  json      {"incident", "nodes": [...], "guidance": [{"nodeId", "kind", "message"}]}`,
		Args: oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			format = strings.ToLower(strings.TrimSpace(format))
			switch format {
			case "markdown", "md", "mermaid", "json":
			default:
				return fieldError("format", "unknown format %q; use %s", format, strings.Join(causes.Formats, ", "))
			}
			st, inc, err := r.incident(cmd, args[0])
			if err != nil {
				return err
			}
			tree, err := st.CauseTree(cmd.Context(), inc.ID)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			switch format {
			case "mermaid":
				return causes.Mermaid(w, tree.Nodes)
			case "json":
				out := causeTreeJSON{Incident: inc.Ref(), Nodes: make([]causeJSON, len(tree.Nodes)), Guidance: domain.Guidance(tree.Nodes)}
				for k := range tree.Nodes {
					out.Nodes[k] = causeToJSON(&tree.Nodes[k])
				}
				return writeJSON(w, out)
			}
			return causes.Markdown(w, tree.Nodes)
		}),
	}
	cmd.Flags().StringVar(&format, "format", "markdown", "markdown, mermaid or json")
	return cmd
}

func (r *runner) causesImportCmd() *cobra.Command {
	var dryRun, asJSON bool
	cmd := &cobra.Command{
		Use:   "import INC-0042 FILE|- [flags]",
		Short: "Add root-cause trees from an indented outline",
		Long: `Add root-cause trees from an indented outline, as people write one in a doc:

  - Checkout returned 502s
    - [cause] The connection pool was exhausted
      - [root] Staging pool settings were deployed to production
    - Contributing factor: no alert on pool saturation

Two spaces or a tab per level; bullets -, *, + or 1. are optional; a kind
prefix ([problem], [cause], [contributing], [root], [trigger], or "Root
cause:" and the like) is optional: a top-level line is a problem, a line
under it a cause. Blank lines are ignored. A line that goes more than one
level deeper than the one above is refused, naming the line. The trees are
added after the incident's existing ones, all or nothing.`,
		Example: `  hindsight causes import INC-0042 whys.md --dry-run
  pbpaste | hindsight causes import 42 -`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return domain.Errorf(domain.EINVALID, "name the incident and the file, e.g. '%s INC-0042 whys.md' ('-' reads stdin)", cmd.CommandPath())
			}
			return nil
		},
		RunE: run(func(cmd *cobra.Command, args []string) error {
			text, err := r.readInput(args[1], causes.MaxOutlineBytes)
			if err != nil {
				return err
			}
			trees, err := causes.ParseOutline(text)
			if err != nil {
				return err
			}
			st, inc, err := r.incident(cmd, args[0])
			if err != nil {
				return err
			}
			nodes, _ := domain.CountOutline(trees)
			w := cmd.OutOrStdout()
			if dryRun {
				if asJSON {
					return writeJSON(w, map[string]any{"incident": inc.Ref(), "causes": nodes, "trees": trees, "saved": false})
				}
				if err := causes.Markdown(w, outlineNodes(trees)); err != nil {
					return err
				}
				_, err = fmt.Fprintf(w, "%d causes in %d trees; nothing was saved (--dry-run)\n", nodes, len(trees))
				return err
			}
			n, err := st.ImportCauses(domain.WithActor(cmd.Context(), r.user()), inc.ID, trees)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(w, map[string]any{"incident": inc.Ref(), "causes": n, "trees": len(trees), "saved": true})
			}
			_, err = fmt.Fprintf(w, "Imported %d causes in %d trees into %s\n", n, len(trees), inc.Ref())
			return err
		}),
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "show what would be imported; save nothing")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result (or, with --dry-run, the parsed trees) as JSON")
	return cmd
}

// readInput reads FILE, or stdin for "-", up to one byte past limit so
// the caller's own check can say the text is too long.
func (r *runner) readInput(src string, limit int64) (string, error) {
	var in io.Reader = r.env.Stdin
	if src != "-" {
		f, err := os.Open(src)
		if err != nil {
			return "", fieldError("file", "cannot read %s: %v", src, unwrapPathError(err))
		}
		defer f.Close()
		in = f
	}
	data, err := io.ReadAll(io.LimitReader(in, limit+1))
	if err != nil {
		return "", fieldError("file", "cannot read %s: %v", src, unwrapPathError(err))
	}
	return string(data), nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// outlineNodes flattens parsed trees into nodes in outline order, for the
// dry run's markdown.
func outlineNodes(trees []domain.CauseOutline) []domain.CauseNode {
	var out []domain.CauseNode
	var walk func(ts []domain.CauseOutline, depth int)
	walk = func(ts []domain.CauseOutline, depth int) {
		for _, t := range ts {
			out = append(out, domain.CauseNode{Depth: depth, Kind: t.Kind, Statement: t.Statement})
			walk(t.Children, depth+1)
		}
	}
	walk(trees, 0)
	return out
}

func (r *runner) causesAddCmd() *cobra.Command {
	var in domain.CauseInput
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "add INC-0042 STATEMENT... [flags]",
		Short: "Add a cause to an incident's tree and print its id",
		Example: `  hindsight causes add INC-0042 "Checkout returned 502s"
  hindsight causes add 42 --parent 0b6f... --kind root "Staging settings reached production"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return domain.Errorf(domain.EINVALID, "name the incident and say what happened or why, e.g. '%s INC-0042 \"Checkout returned 502s\"'", cmd.CommandPath())
			}
			return nil
		},
		RunE: run(func(cmd *cobra.Command, args []string) error {
			in.Statement = strings.Join(args[1:], " ")
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			n, err := st.AddCause(domain.WithActor(cmd.Context(), r.user()), args[0], in)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), causeToJSON(n))
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "%s  [%s] %s\n", n.ID, n.Kind, clean(n.Statement))
			return err
		}),
	}
	fs := cmd.Flags()
	fs.StringVar(&in.ParentID, "parent", "", "the `id` of the cause it explains (default: start a new tree)")
	fs.StringVar(&in.After, "after", "", "put it right after this sibling `id` (default: last)")
	fs.StringVar(&in.Kind, "kind", "", "problem, cause, contributing, root or trigger (default problem for a new tree, else cause)")
	fs.StringVar(&in.Notes, "notes", "", "notes, in markdown")
	fs.BoolVar(&asJSON, "json", false, "print the cause as JSON")
	return cmd
}

func (r *runner) causesLinkCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "link ACT-0007 NODE-ID",
		Short: "Link an action to the cause it answers ('' unlinks it)",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return domain.Errorf(domain.EINVALID, "name the action and the cause, e.g. '%s ACT-0007 0b6f...' ('' unlinks)", cmd.CommandPath())
			}
			return nil
		},
		RunE: run(func(cmd *cobra.Command, args []string) error {
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			a, err := st.LinkAction(domain.WithActor(cmd.Context(), r.user()), args[0], args[1])
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), actionToJSON(a, false, r.env.Now(), zoneOr("")))
			}
			if a.CauseNodeID == "" {
				_, err = fmt.Fprintf(cmd.OutOrStdout(), "%s answers no cause now\n", a.Ref())
			} else {
				_, err = fmt.Fprintf(cmd.OutOrStdout(), "%s now answers cause %s\n", a.Ref(), a.CauseNodeID)
			}
			return err
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the action as JSON")
	return cmd
}

func (r *runner) causesMoveCmd() *cobra.Command {
	var parent string
	var position int
	cmd := &cobra.Command{
		Use:   "move NODE-ID [flags]",
		Short: "Move a cause, with everything under it, under another cause",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return domain.Errorf(domain.EINVALID, "name the cause to move, e.g. '%s 0b6f... --parent 9a1c...'", cmd.CommandPath())
			}
			return nil
		},
		RunE: run(func(cmd *cobra.Command, args []string) error {
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			n, err := st.MoveCause(domain.WithActor(cmd.Context(), r.user()), args[0], parent, position)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Moved %q to level %d, position %d\n", clean(n.Statement), n.Depth+1, n.Position+1)
			return err
		}),
	}
	cmd.Flags().StringVar(&parent, "parent", "", "the new parent's `id` (default: start a new tree)")
	cmd.Flags().IntVar(&position, "position", -1, "place among the new siblings, 0 first (default last)")
	return cmd
}

func (r *runner) causesDeleteCmd() *cobra.Command {
	var subtree, lift bool
	cmd := &cobra.Command{
		Use:   "delete NODE-ID [--subtree | --lift]",
		Short: "Delete a cause; say what happens to the causes under it",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return domain.Errorf(domain.EINVALID, "name the cause to delete, e.g. '%s 0b6f...'", cmd.CommandPath())
			}
			return nil
		},
		RunE: run(func(cmd *cobra.Command, args []string) error {
			var mode domain.CauseDeleteMode
			switch {
			case subtree && lift:
				return fieldError("mode", "give --subtree or --lift, not both")
			case subtree:
				mode = domain.DeleteSubtree
			case lift:
				mode = domain.DeleteLift
			}
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			if err := st.DeleteCause(domain.WithActor(cmd.Context(), r.user()), args[0], mode); err != nil {
				return err
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), "Deleted")
			return err
		}),
	}
	cmd.Flags().BoolVar(&subtree, "subtree", false, "delete the causes under it too")
	cmd.Flags().BoolVar(&lift, "lift", false, "put the causes under it in its place")
	return cmd
}
