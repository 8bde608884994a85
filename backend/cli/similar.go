package cli

import (
	"bufio"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func (r *runner) similarCmd() *cobra.Command {
	var (
		limit  int
		tz     string
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:     "similar INC-0042",
		Aliases: []string{"alike"},
		Short:   "List the other incidents most alike one, and why",
		Long: `List the other incidents most alike one, best first, with why each was
matched: the services they share, root-cause statements alike, words in
common (title, summary, customer impact) and tags they share. Incidents in
the trash are left out. Ties go to the most recent.

With --json, prints a JSON array:

  [{"ref", "id", "title", "severity", "status", "startedAt", "score",
    "reasons": [{"kind", "text", "items", "score"}]}]

score is from 0 to 1; kind is services, causes, words or tags; items are
the shared names or words, or for causes this incident's statement then the
other's. Fields are only ever added.`,
		Example: `  hindsight incident similar INC-0042
  hindsight incident similar 42 --limit 10 --json`,
		Args: oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if _, err := domain.CheckSimilarLimit(limit); err != nil || limit == 0 {
				if err == nil {
					err = fieldError("limit", "must be at least 1")
				}
				return err
			}
			st, loc, err := r.storeZone(cmd, tz)
			if err != nil {
				return err
			}
			got, err := st.SimilarIncidents(cmd.Context(), args[0], limit)
			if err != nil {
				return err
			}
			if asJSON {
				out := make([]similarJSON, len(got))
				for k := range got {
					out[k] = similarToJSON(&got[k])
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			return writeSimilar(cmd.OutOrStdout(), got, loc)
		}),
	}
	fs := cmd.Flags()
	fs.IntVar(&limit, "limit", domain.DefaultSimilarLimit, fmt.Sprintf("how many to list, at most %d", domain.MaxSimilarLimit))
	fs.StringVar(&tz, "tz", "", "show times in this `zone` (default: your settings, else local)")
	fs.BoolVar(&asJSON, "json", false, "print a JSON array")
	return cmd
}

// similarJSON is one similar incident in --json output; fields may be
// added, never renamed or removed.
type similarJSON struct {
	Ref       string                 `json:"ref"`
	ID        string                 `json:"id"`
	Title     string                 `json:"title"`
	Severity  string                 `json:"severity"`
	Status    string                 `json:"status"`
	StartedAt *string                `json:"startedAt"`
	Score     float64                `json:"score"`
	Reasons   []domain.SimilarReason `json:"reasons"`
}

func similarToJSON(s *domain.SimilarIncident) similarJSON {
	reasons := s.Reasons
	if reasons == nil {
		reasons = []domain.SimilarReason{}
	}
	for k := range reasons {
		reasons[k].Items = nonNil(reasons[k].Items)
	}
	return similarJSON{Ref: s.Ref, ID: s.ID, Title: s.Title, Severity: string(s.Severity), Status: string(s.Status),
		StartedAt: jsonTime(&s.StartedAt), Score: s.Score, Reasons: reasons}
}

func writeSimilar(w io.Writer, got []domain.SimilarIncident, loc *time.Location) error {
	bw := bufio.NewWriter(w)
	if len(got) == 0 {
		fmt.Fprintln(bw, "nothing alike yet: no other incident shares its services, root causes or words")
		return bw.Flush()
	}
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "REF\tSEV\tSTARTED\tSCORE\tTITLE")
	for k := range got {
		s := &got[k]
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t%s\n", s.Ref, s.Severity, formatTime(&s.StartedAt, loc), s.Score, clean(s.Title))
		for _, r := range s.Reasons {
			fmt.Fprintf(tw, "\t\t\t\t  %s\n", clean(r.Text))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}
