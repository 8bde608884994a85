package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/store"
	"github.com/hindsight-app/hindsight/backend/timeline/export"
)

func (r *runner) timelineCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "timeline",
		Aliases: []string{"tl"},
		Short:   "Add, list and export an incident's timeline events",
		Long: `Add, list and export an incident's timeline events.

Times are RFC 3339 (2026-11-23T14:05:00Z) or "YYYY-MM-DD HH:MM[:SS[.mmm]]"
read in --tz (default the local zone). An event can mark one of the
incident's key moments (--key-moment detected): that sets the incident's
time, and its durations, at once.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(r.timelineAddCmd(), r.timelineListCmd(), r.timelineExportCmd())
	return cmd
}

func (r *runner) timelineAddCmd() *cobra.Command {
	var in domain.EventInput
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "add INC-0042 TEXT... [flags]",
		Short: "Add an event to an incident's timeline",
		Example: `  hindsight timeline add INC-0042 --at "2026-11-23 14:05" --tz Europe/Berlin Rolled back the deploy
  hindsight timeline add 42 --at 2026-11-23T13:12:00Z --kind alert --key-moment detected "5xx above 5%"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return domain.Errorf(domain.EINVALID, "name the incident and say what happened, e.g. '%s INC-0042 --at 14:05 rolled back'", cmd.CommandPath())
			}
			return nil
		},
		RunE: run(func(cmd *cobra.Command, args []string) error {
			in.Body = strings.Join(args[1:], " ")
			if in.Author == "" {
				in.Author = r.user()
			}
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			e, err := st.AddEvent(domain.WithActor(cmd.Context(), r.user()), args[0], in)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), eventJSON(e))
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Added %s %s: %s\n", e.At.Format(time.RFC3339), e.Kind, clean(oneLine(e.Body)))
			return err
		}),
	}
	fs := cmd.Flags()
	fs.StringVar(&in.At, "at", "", "`time` of the event (required)")
	fs.StringVar(&in.Zone, "tz", "", "`zone` of a YYYY-MM-DD HH:MM time (default the local zone)")
	fs.StringVar(&in.Kind, "kind", "", "alert, detection, action, communication, decision, observation, deploy, mitigation, resolution or note (default)")
	fs.StringVar(&in.Author, "author", "", "who (default $USER)")
	fs.StringVar(&in.KeyMoment, "key-moment", "", "mark the incident's started, detected, mitigated or resolved moment")
	fs.StringArrayVar(&in.Tags, "tag", nil, "a tag (repeatable)")
	fs.BoolVar(&asJSON, "json", false, "print the event as JSON")
	return cmd
}

// eventJSON is the CLI's JSON shape of an event: the export's, plus the id.
type eventOut struct {
	ID string `json:"id"`
	export.Event
}

func eventJSON(e *domain.TimelineEvent) eventOut {
	return eventOut{ID: e.ID, Event: export.Event{At: e.At.UTC().Format(time.RFC3339Nano), Kind: string(e.Kind),
		Author: e.Author, Body: e.Body, KeyMoment: string(e.KeyMoment), Source: string(e.Source), Tags: e.Tags}}
}

func (r *runner) timelineListCmd() *cobra.Command {
	var (
		f      domain.EventFilter
		kinds  []string
		tz     string
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "list INC-0042 [flags]",
		Short: "List an incident's timeline, oldest first, one page at a time",
		Args:  oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			loc, err := zone(tz)
			if err != nil {
				return err
			}
			for _, k := range splitList(kinds) {
				f.Kinds = append(f.Kinds, domain.EventKind(k))
			}
			if cmd.Flags().Changed("limit") && f.Limit == 0 {
				return fieldError("limit", "must be at least 1")
			}
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			page, err := st.ListEvents(cmd.Context(), args[0], f)
			if err != nil {
				return err
			}
			if asJSON {
				out := make([]eventOut, len(page.Items))
				for k := range page.Items {
					out[k] = eventJSON(&page.Items[k])
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			return writeEvents(cmd.OutOrStdout(), page, loc)
		}),
	}
	fs := cmd.Flags()
	fs.IntVar(&f.Limit, "limit", domain.DefaultEventPage, fmt.Sprintf("events per page, at most %d", domain.MaxEventPage))
	fs.IntVar(&f.Offset, "offset", 0, "skip this many events")
	fs.StringArrayVar(&kinds, "kind", nil, "only these `kinds`, comma-separated or repeated")
	fs.StringVar(&f.Author, "author", "", "only events by this person")
	fs.StringVarP(&f.Query, "query", "q", "", "only events whose text contains this")
	fs.StringVar(&tz, "tz", "", "show times in this `zone` (default the local zone)")
	fs.BoolVar(&asJSON, "json", false, "print a JSON array of events")
	return cmd
}

// writeEvents prints a page as a table with the date on every row.
func writeEvents(w io.Writer, p *domain.EventPage, loc *time.Location) error {
	bw := bufio.NewWriter(w)
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tKIND\tWHO\tMOMENT\tWHAT")
	for _, e := range p.Items {
		moment := string(e.KeyMoment)
		if moment == "" {
			moment = unknown
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", e.At.In(loc).Format("2006-01-02 15:04:05 MST"), e.Kind,
			clean(e.Author), moment, clean(oneLine(e.Body)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if p.Total >= 0 {
		fmt.Fprintf(bw, "%d events\n", p.Total)
	}
	return bw.Flush()
}

func (r *runner) timelineExportCmd() *cobra.Command {
	var format, tz string
	cmd := &cobra.Command{
		Use:   "export INC-0042 [flags]",
		Short: "Write the whole timeline as markdown, JSON or CSV on stdout",
		Long: `Write the whole timeline as markdown, JSON or CSV on stdout.

The markdown form is a table (time with date and zone, T+ offset from the
start, kind, who, what) for postmortems in a docs repo; the JSON form is what
'timeline import --format json' reads back.`,
		Args: oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			loc, err := zone(tz)
			if err != nil {
				return err
			}
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			inc, err := st.GetIncident(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			evs, err := allEvents(cmd.Context(), st, inc.ID)
			if err != nil {
				return err
			}
			return export.Write(cmd.OutOrStdout(), format, inc, evs, loc)
		}),
	}
	cmd.Flags().StringVar(&format, "format", "markdown", "markdown, json or csv")
	cmd.Flags().StringVar(&tz, "tz", "", "show times in this `zone` (markdown and CSV; default the local zone)")
	return cmd
}

// allEvents reads a whole timeline, a page at a time.
func allEvents(ctx context.Context, st *store.Store, incident string) ([]domain.TimelineEvent, error) {
	var out []domain.TimelineEvent
	for off := 0; ; off += domain.MaxEventPage {
		p, err := st.ListEvents(ctx, incident, domain.EventFilter{Limit: domain.MaxEventPage, Offset: off})
		if err != nil {
			return nil, err
		}
		out = append(out, p.Items...)
		if len(p.Items) < domain.MaxEventPage {
			return out, nil
		}
	}
}
