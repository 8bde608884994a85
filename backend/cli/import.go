package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/postmortem"
	"github.com/hindsight-app/hindsight/backend/store"
)

func (r *runner) importCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Read files Hindsight wrote back into the database",
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(r.importPostmortemCmd())
	return cmd
}

func (r *runner) importPostmortemCmd() *cobra.Command {
	var dryRun, asJSON, force bool
	cmd := &cobra.Command{
		Use:   "postmortem FILE [--dry-run] [--json]",
		Short: "Read a markdown export back: incident, timeline, causes, actions, charts and document",
		Long: `Read a postmortem written by 'hindsight export postmortem' (markdown) back
into the database, so postmortems kept in git round-trip: exporting what was
imported gives the same files.

The incident is created with the file's id and number, or updated when it
exists; timeline events are merged (an event already there with the same
time, kind, author and text is kept, not added twice); the cause tree is
replaced when it differs; actions are matched by number; each metric
snapshot is read from its CSV under assets/<INC-0042>/ beside the file and
added as a new version when its data changed; the document becomes the
postmortem's body again, its generated parts turned back into
{{placeholders}}.

All of it is one transaction: on any error nothing is written. A number
taken here by another incident or action is a conflict (exit 4), as is a
postmortem changed here after the file was written (--force replaces it).
--dry-run reads and checks everything and says what would change.`,
		Example: `  hindsight import postmortem docs/postmortems/INC-0042-checkout-errors.md
  hindsight import postmortem INC-0042.md --dry-run --json`,
		Args: exactFile,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			file := args[0]
			data, err := r.readInput(file, postmortem.MaxImportBytes)
			if err != nil {
				return err
			}
			// The data files are read through an os.Root on the file's
			// folder: a link cannot lead outside it.
			dir := "."
			if file != "-" {
				dir = filepath.Dir(file)
			}
			root, err := os.OpenRoot(dir)
			if err != nil {
				return fieldError("file", "cannot open the folder %s: %v", dir, unwrapPathError(err))
			}
			defer root.Close()
			b, err := postmortem.Parse([]byte(data), root.FS())
			if err != nil {
				return inFile(file, err)
			}
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			res, err := st.ImportPostmortem(cmd.Context(), b, store.ImportOptions{Source: filepath.Base(file), Force: force, DryRun: dryRun})
			if err != nil {
				return inFile(file, err)
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), importSummary(res, b))
			return err
		}),
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "read and check the file, say what would change, write nothing")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	cmd.Flags().BoolVar(&force, "force", false, "replace a postmortem changed here after the file was written")
	return cmd
}

func exactFile(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return domain.Errorf(domain.EINVALID, "%s takes one FILE (or - for standard input); got %d arguments", cmd.CommandPath(), len(args))
	}
	return nil
}

// inFile prefixes an error with the file it is about, keeping its code.
func inFile(file string, err error) error {
	if domain.ErrorCode(err) == domain.EINTERNAL {
		return err
	}
	return domain.Errorf(domain.ErrorCode(err), "%s: %s", file, domain.ErrorMessage(err))
}

// importSummary is the one line import prints: "Created INC-0042 …: 6
// events added, 5 causes, 3 actions, 1 snapshot; postmortem draft".
func importSummary(res store.ImportResult, b *postmortem.Bundle) string {
	verb := "Kept"
	switch {
	case res.IncidentCreated:
		verb = "Created"
	case res.IncidentUpdated:
		verb = "Updated"
	}
	if res.DryRun {
		verb = "Would have " + strings.ToLower(verb[:1]) + verb[1:]
		if verb == "Would have kept" {
			verb = "Would keep"
		}
	}
	var parts []string
	if b.HasTimeline {
		parts = append(parts, fmt.Sprintf("%s added, %d kept", plural(res.EventsAdded, "event"), res.EventsKept))
	}
	if b.HasCauses {
		s := plural(res.Causes, "cause")
		if !res.CausesReplaced && res.Causes > 0 {
			s += " (unchanged)"
		}
		parts = append(parts, s)
	}
	if b.HasActions {
		s := plural(res.ActionsCreated+res.ActionsUpdated+res.ActionsKept, "action")
		var d []string
		for _, x := range []struct {
			n    int
			word string
		}{{res.ActionsCreated, "created"}, {res.ActionsUpdated, "updated"}, {res.ActionsKept, "unchanged"}} {
			if x.n > 0 {
				d = append(d, fmt.Sprintf("%d %s", x.n, x.word))
			}
		}
		if len(d) > 0 {
			s += " (" + strings.Join(d, ", ") + ")"
		}
		parts = append(parts, s)
	}
	if b.HasMetrics {
		s := plural(res.SnapshotsAdded, "snapshot") + " added"
		if res.SnapshotsKept > 0 {
			s += fmt.Sprintf(", %d unchanged", res.SnapshotsKept)
		}
		parts = append(parts, s)
	}
	summary := fmt.Sprintf("%s %s %s", verb, res.IncidentRef, b.Incident.Title)
	if len(parts) > 0 {
		summary += ": " + strings.Join(parts, ", ")
	}
	return summary + fmt.Sprintf("; postmortem %s (%s)", domain.PostmortemStatus(res.PostmortemStatus).Label(), res.Postmortem)
}
