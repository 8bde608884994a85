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
	"github.com/hindsight-app/hindsight/backend/timeline"
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
	cmd.AddCommand(r.timelineAddCmd(), r.timelineListCmd(), r.timelineImportCmd(), r.timelineExportCmd())
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
			st, inc, err := r.incident(cmd, args[0])
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

func (r *runner) timelineImportCmd() *cobra.Command {
	var (
		req    timeline.Request
		dryRun bool
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "import INC-0042 FILE|FOLDER|- [flags]",
		Short: "Import events from a written timeline, a chat log, a Slack export, CSV or JSON",
		Long: `Import events from a written timeline, a chat log, a Slack export, CSV or JSON.

Formats (--format auto detects):
  text   written timelines: "2026-11-23 14:05 text", "2017/01/31 16:00 UTC — text",
         "14:51 text" under a date heading (or with --date), chat lines such as
         "[14:51] name: text" and "14:51 <name> text"; 12- and 24-hour clocks; a
         zone named on a line (UTC, CET, +02:00) wins over --tz
  slack  a Slack export day file, or a channel folder of day files
  csv    a header row with time, author, kind and text columns (found by name)
  json   what 'hindsight timeline export --format json' writes

Every line that is not understood is listed with its line number. The import
is refused while any remain, unless --unparsed skip leaves them out or
--unparsed join appends them to the event above. Saving is all or nothing,
and importing the same file again adds nothing twice. Lines starting with
"Detected", "Mitigated", "Resolved" or "Started" set the incident's moments.`,
		Example: `  hindsight timeline import INC-0042 timeline.md --tz Europe/Berlin --dry-run
  pbpaste | hindsight timeline import 42 - --date 2026-11-23 --unparsed join
  hindsight timeline import 42 export/incident-channel/ --format slack`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return domain.Errorf(domain.EINVALID, "name the incident and the file, e.g. '%s INC-0042 timeline.txt' ('-' reads stdin)", cmd.CommandPath())
			}
			return nil
		},
		RunE: run(func(cmd *cobra.Command, args []string) error {
			p, err := r.prepareImport(args[1], req)
			if err != nil {
				return err
			}
			st, inc, err := r.incident(cmd, args[0])
			if err != nil {
				return err
			}
			p.CheckWindow(inc, r.env.Now(), zoneOr(req.Zone))
			if dryRun {
				return writePreview(cmd.OutOrStdout(), p, zoneOr(req.Zone), asJSON)
			}
			if err := p.Err(); err != nil {
				return err
			}
			res, err := st.ImportEvents(domain.WithActor(cmd.Context(), r.user()), inc.ID, string(p.Result.Format), p.Events)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			for _, w := range p.Result.Warnings {
				fmt.Fprintf(cmd.ErrOrStderr(), "warning: %s\n", clean(w))
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Imported %d events into %s (%d already there, %d lines skipped)\n",
				res.Added, inc.Ref(), res.Duplicates, len(p.Result.Problems)-len(p.Pending))
			return err
		}),
	}
	fs := cmd.Flags()
	fs.StringVar(&req.Format, "format", "auto", "auto, text, slack, csv or json")
	fs.StringVar(&req.Zone, "tz", "", "`zone` of times that name none (default the local zone)")
	fs.StringVar(&req.Date, "date", "", "the day (YYYY-MM-DD) of time-only lines before any date heading")
	fs.StringVar((*string)(&req.Unparsed), "unparsed", "", "what to do with lines not understood: skip or join (default: refuse)")
	fs.BoolVar(&dryRun, "dry-run", false, "show what would be imported and what was not understood; save nothing")
	fs.BoolVar(&asJSON, "json", false, "print the preview or the result as JSON")
	return cmd
}

// prepareImport reads FILE, a Slack export FOLDER or '-' and parses it.
func (r *runner) prepareImport(src string, req timeline.Request) (*timeline.Prepared, error) {
	if src != "-" {
		return timeline.PreparePath(src, req)
	}
	data, err := timeline.ReadLimited(r.env.Stdin)
	if err != nil {
		return nil, fieldError("file", "cannot read standard input: %v", err)
	}
	req.Data = data
	return timeline.Prepare(req)
}

func zoneOr(name string) *time.Location {
	loc, err := domain.LoadZone(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// previewJSON is the --dry-run --json shape.
type previewJSON struct {
	Format   string           `json:"format"`
	Events   []previewEvent   `json:"events"`
	Problems []previewProblem `json:"problems"`
	Warnings []string         `json:"warnings"`
}

type previewEvent struct {
	Line      int      `json:"line"`
	At        string   `json:"at"`
	Kind      string   `json:"kind"`
	Author    string   `json:"author"`
	Body      string   `json:"body"`
	KeyMoment string   `json:"keyMoment,omitempty"`
	Warnings  []string `json:"warnings,omitempty"`
}

type previewProblem struct {
	Line    int    `json:"line"`
	Text    string `json:"text"`
	Reason  string `json:"reason"`
	Pending bool   `json:"pending"`
}

func writePreview(w io.Writer, p *timeline.Prepared, loc *time.Location, asJSON bool) error {
	pending := map[int]bool{}
	for _, pr := range p.Pending {
		pending[pr.Line] = true
	}
	if asJSON {
		out := previewJSON{Format: string(p.Result.Format), Events: []previewEvent{}, Problems: []previewProblem{}, Warnings: nonNil(p.Result.Warnings)}
		for k, e := range p.Events {
			pe := p.Result.Events[k]
			out.Events = append(out.Events, previewEvent{Line: pe.Line, At: e.At.UTC().Format(time.RFC3339Nano), Kind: e.Kind,
				Author: e.Author, Body: e.Body, KeyMoment: e.KeyMoment, Warnings: pe.Warnings})
		}
		for _, pr := range p.Result.Problems {
			out.Problems = append(out.Problems, previewProblem{Line: pr.Line, Text: pr.Text, Reason: pr.Reason, Pending: pending[pr.Line]})
		}
		return writeJSON(w, out)
	}
	bw := bufio.NewWriter(w)
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "LINE\tTIME\tKIND\tWHO\tMOMENT\tWHAT\n")
	for k, e := range p.Events {
		kind, moment := e.Kind, e.KeyMoment
		if kind == "" {
			kind = "note"
		}
		if moment == "" {
			moment = unknown
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", p.Result.Events[k].Line, e.At.In(loc).Format("2006-01-02 15:04:05 MST"),
			kind, clean(e.Author), moment, clean(oneLine(e.Body)))
	}
	tw.Flush()
	fmt.Fprintf(bw, "%d events (%s)\n", len(p.Events), p.Result.Format)
	for _, pr := range p.Result.Problems {
		state := "skipped"
		if pending[pr.Line] {
			state = "not understood"
		}
		fmt.Fprintf(bw, "line %d %s: %s: %s\n", pr.Line, state, pr.Reason, clean(oneLine(pr.Text)))
	}
	for _, wmsg := range p.Result.Warnings {
		fmt.Fprintf(bw, "warning: %s\n", clean(wmsg))
	}
	return bw.Flush()
}
