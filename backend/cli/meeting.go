package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/meeting"
	"github.com/hindsight-app/hindsight/backend/store"
)

func (r *runner) meetingCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "meeting",
		Aliases: []string{"meetings", "mtg"},
		Short:   "Prepare and record review meetings: agendas, notes, decisions, actions",
		Long: `Prepare and record review meetings. A series (weekly, monthly or ad hoc,
in a time zone) has meetings; each meeting reviews a period, by default from
the end of the series' previous meeting's period (for the first: 7 days, one
calendar month or 30 days before) to the meeting. Creating a meeting
generates its agenda from the data: incidents of the period, postmortems to
review, actions overdue, due before the next meeting and closed, recurring
services, tags and causes, trends against the previous periods, and the
incidents of a year ago.

A meeting is named by its reference (MTG-0001; case, leading zeros and the
prefix do not matter) or id; an agenda item by its number as 'meeting show'
prints it, or its id. 'meeting regenerate' rebuilds the generated items from
today's data and keeps notes, decisions, dismissals, reviewed marks and the
order; items added by hand stay.

With --json, show, create and regenerate print one object of

  {"id", "ref", "series", "cadence", "zone", "title", "at", "periodStart",
   "periodEnd", "facilitator", "attendees", "status", "notes", "heldAt",
   "version", "items"}

where items is an array of {"number", "id", "section", "kind", "key",
"title", "body", "incident", "action", "postmortemId", "data", "manual",
"dismissed", "notes", "reviewed", "reviewedAt", "decisions", "actions",
"version"}; decisions is an array of {"id", "text", "author", "createdAt"},
actions an array of action references, data the trend's JSON or null.
list prints an array of the meeting objects without items; series list an
array of {"id", "name", "cadence", "zone", "facilitator", "attendees",
"version"}. Times are RFC 3339 in UTC or null. Fields are only ever added.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	item := &cobra.Command{
		Use:   "item",
		Short: "Add, move, dismiss and annotate agenda items",
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	item.AddCommand(r.mtgItemAddCmd(), r.mtgItemMoveCmd(), r.mtgItemDismissCmd(), r.mtgItemNoteCmd())
	decision := &cobra.Command{
		Use:   "decision",
		Short: "Remove a decision recorded with 'meeting decide'",
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	decision.AddCommand(r.mtgDecisionRemoveCmd())
	cmd.AddCommand(r.mtgSeriesCmd(), r.mtgCreateCmd(), r.mtgListCmd(), r.mtgShowCmd(), r.mtgEditCmd(), r.mtgAgendaCmd(),
		r.mtgRegenerateCmd(), item, r.mtgDecideCmd(), decision, r.mtgActionCmd(), r.mtgReviewedCmd(), r.mtgHeldCmd(), r.mtgNotesCmd())
	return cmd
}

// ---- JSON ----

type meetingSeriesJSON struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Cadence     string   `json:"cadence"`
	Zone        string   `json:"zone"`
	Facilitator string   `json:"facilitator"`
	Attendees   []string `json:"attendees"`
	Version     int      `json:"version"`
}

type decisionJSON struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	Author    string `json:"author"`
	CreatedAt string `json:"createdAt"`
}

type itemJSON struct {
	Number       int             `json:"number"`
	ID           string          `json:"id"`
	Section      string          `json:"section"`
	Kind         string          `json:"kind"`
	Key          string          `json:"key"`
	Title        string          `json:"title"`
	Body         string          `json:"body"`
	Incident     *string         `json:"incident"`
	Action       *string         `json:"action"`
	PostmortemID *string         `json:"postmortemId"`
	Data         json.RawMessage `json:"data"`
	Manual       bool            `json:"manual"`
	Dismissed    bool            `json:"dismissed"`
	Notes        string          `json:"notes"`
	Reviewed     bool            `json:"reviewed"`
	ReviewedAt   *string         `json:"reviewedAt"`
	Decisions    []decisionJSON  `json:"decisions"`
	Actions      []string        `json:"actions"`
	Version      int             `json:"version"`
}

type meetingJSON struct {
	ID          string      `json:"id"`
	Ref         string      `json:"ref"`
	Series      string      `json:"series"`
	Cadence     string      `json:"cadence"`
	Zone        string      `json:"zone"`
	Title       string      `json:"title"`
	At          string      `json:"at"`
	PeriodStart string      `json:"periodStart"`
	PeriodEnd   string      `json:"periodEnd"`
	Facilitator string      `json:"facilitator"`
	Attendees   []string    `json:"attendees"`
	Status      string      `json:"status"`
	Notes       string      `json:"notes"`
	HeldAt      *string     `json:"heldAt"`
	Version     int         `json:"version"`
	Items       *[]itemJSON `json:"items,omitempty"`
}

func meetingSeriesToJSON(s *domain.MeetingSeries) meetingSeriesJSON {
	return meetingSeriesJSON{ID: s.ID, Name: s.Name, Cadence: string(s.Cadence), Zone: s.Zone, Facilitator: s.Facilitator,
		Attendees: nonNil(s.Attendees), Version: s.Version}
}

func itemToJSON(it *domain.AgendaItem) itemJSON {
	out := itemJSON{Number: it.Position, ID: it.ID, Section: string(it.Section), Kind: it.Kind, Key: it.Key, Title: it.Title,
		Body: it.Body, Incident: nonEmpty(it.IncidentRef), Action: nonEmpty(it.ActionRef), PostmortemID: nonEmpty(it.PostmortemID),
		Data: json.RawMessage("null"), Manual: it.Manual, Dismissed: it.Dismissed, Notes: it.Notes, Reviewed: it.Reviewed,
		ReviewedAt: jsonTime(it.ReviewedAt), Decisions: []decisionJSON{}, Actions: nonNil(it.Actions), Version: it.Version}
	if it.Data != "" && json.Valid([]byte(it.Data)) {
		out.Data = json.RawMessage(it.Data)
	}
	for _, d := range it.Decisions {
		out.Decisions = append(out.Decisions, decisionJSON{ID: d.ID, Text: d.Text, Author: d.Author, CreatedAt: formatUTC(d.CreatedAt)})
	}
	return out
}

func meetingToJSON(m *domain.Meeting, withItems bool) meetingJSON {
	out := meetingJSON{ID: m.ID, Ref: m.Ref(), Series: m.SeriesName, Cadence: string(m.Cadence), Zone: m.Zone, Title: m.Title,
		At: formatUTC(m.At), PeriodStart: formatUTC(m.PeriodStart), PeriodEnd: formatUTC(m.PeriodEnd), Facilitator: m.Facilitator,
		Attendees: nonNil(m.Attendees), Status: string(m.Status), Notes: m.Notes, HeldAt: jsonTime(m.HeldAt), Version: m.Version}
	if withItems {
		items := make([]itemJSON, len(m.Items))
		for k := range m.Items {
			items[k] = itemToJSON(&m.Items[k])
		}
		out.Items = &items
	}
	return out
}

// ---- text ----

// writeMeeting prints a meeting and its numbered agenda, section by
// section, with what the meeting added to each item.
func writeMeeting(w io.Writer, m *domain.Meeting) error {
	loc := m.Location()
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s  %s (%s)\n", m.Ref(), clean(m.Title), m.Status)
	fmt.Fprintf(bw, "Series:  %s (%s, %s)\n", clean(m.SeriesName), m.Cadence, m.Zone)
	fmt.Fprintf(bw, "When:    %s\n", m.At.In(loc).Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(bw, "Period:  %s to %s\n", m.PeriodStart.In(loc).Format("2006-01-02 15:04"), m.PeriodEnd.In(loc).Format("2006-01-02 15:04"))
	if m.Facilitator != "" {
		fmt.Fprintf(bw, "Facilitator: %s\n", clean(m.Facilitator))
	}
	if len(m.Attendees) > 0 {
		fmt.Fprintf(bw, "Attendees:   %s\n", clean(strings.Join(m.Attendees, ", ")))
	}
	section := domain.AgendaSection("")
	for _, it := range m.Items {
		if it.Section != section {
			section = it.Section
			fmt.Fprintf(bw, "\n%s\n", section.Label())
		}
		var marks []string
		if it.Dismissed {
			marks = append(marks, "dismissed")
		}
		if it.Manual {
			marks = append(marks, "added by hand")
		}
		if it.Notes != "" {
			marks = append(marks, "notes")
		}
		if n := len(it.Decisions); n > 0 {
			marks = append(marks, plural(n, "decision"))
		}
		marks = append(marks, it.Actions...)
		if it.Reviewed {
			marks = append(marks, "reviewed")
		}
		extra := ""
		if len(marks) > 0 {
			extra = "  [" + strings.Join(marks, ", ") + "]"
		}
		fmt.Fprintf(bw, "%4d. %s%s\n", it.Position, clean(it.Title), extra)
	}
	if len(m.Items) == 0 {
		bw.WriteString("\nThe agenda is empty.\n")
	}
	return bw.Flush()
}

// ---- commands ----

// withStore is run for a command body that needs the store.
func (r *runner) withStore(fn func(cmd *cobra.Command, st *store.Store, args []string) error) func(*cobra.Command, []string) error {
	return run(func(cmd *cobra.Command, args []string) error {
		st, err := r.store(cmd)
		if err != nil {
			return err
		}
		return fn(cmd, st, args)
	})
}

func (r *runner) mtgSeriesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "series",
		Short: "Create, list and edit meeting series",
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	var in domain.SeriesInput
	var asJSON bool
	create := &cobra.Command{
		Use:     "create NAME --cadence weekly|monthly|adhoc [--zone Z] [--facilitator NAME] [--attendee NAME]...",
		Short:   "Create a meeting series",
		Example: `  hindsight meeting series create "Ops review" --cadence weekly --zone Europe/Berlin --facilitator "Dana Reyes"`,
		Args:    exactArgs(1, "the series' name"),
		RunE: r.withStore(func(cmd *cobra.Command, st *store.Store, args []string) error {
			in.Name = args[0]
			s, err := st.CreateSeries(cmd.Context(), in)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), meetingSeriesToJSON(s))
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Created the series %s (%s, %s)\n", clean(s.Name), s.Cadence, s.Zone)
			return err
		}),
	}
	create.Flags().StringVar(&in.Cadence, "cadence", "", "weekly, monthly or adhoc (required)")
	create.Flags().StringVar(&in.Zone, "zone", "", "IANA `zone` its dates are in (default: your settings, else local)")
	create.Flags().StringVar(&in.Facilitator, "facilitator", "", "who usually runs it")
	create.Flags().StringArrayVar(&in.Attendees, "attendee", nil, "who usually attends (repeat the flag)")
	create.Flags().BoolVar(&asJSON, "json", false, "print the series as JSON")
	var listJSON bool
	list := &cobra.Command{
		Use:   "list",
		Short: "List the meeting series",
		Args:  noArgs,
		RunE: r.withStore(func(cmd *cobra.Command, st *store.Store, _ []string) error {
			all, err := st.ListSeries(cmd.Context())
			if err != nil {
				return err
			}
			if listJSON {
				out := []meetingSeriesJSON{}
				for k := range all {
					out = append(out, meetingSeriesToJSON(&all[k]))
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			if len(all) == 0 {
				_, err := fmt.Fprintln(cmd.OutOrStdout(), "no meeting series yet; 'hindsight meeting series create' makes one")
				return err
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tCADENCE\tZONE\tFACILITATOR")
			for _, s := range all {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", clean(s.Name), s.Cadence, s.Zone, clean(s.Facilitator))
			}
			return tw.Flush()
		}),
	}
	list.Flags().BoolVar(&listJSON, "json", false, "print a JSON array")
	cmd.AddCommand(create, list, r.mtgSeriesEditCmd())
	return cmd
}

// peopleFlagNames are the CLI's names of the fields people are given in:
// one --attendee flag per person, where the domain has attendees.
var peopleFlagNames = map[string]string{"attendees": "attendee"}

func (r *runner) mtgSeriesEditCmd() *cobra.Command {
	var in domain.SeriesInput
	var attendees []string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "edit NAME [--name NAME] [--cadence C] [--zone Z] [--facilitator NAME] [--attendee NAME]...",
		Short: "Change the series' fields given as flags; the others stay as they are",
		Long: `Change the series' fields given as flags; the others stay as they are.
--facilitator "" clears the facilitator, --attendee "" the attendees; the
attendees given replace the series' list. Meetings already created keep
their own facilitator, attendees, time and period, but are shown (and
regenerated) in the series' zone and cadence, so a new zone or cadence
applies to them too. If the series changes elsewhere while this runs,
nothing is saved and the exit code is 4.`,
		Example: `  hindsight meeting series edit "Ops review" --cadence monthly
  hindsight meeting series edit "Ops review" --attendee "Lee Chen" --attendee "Ana Lima"`,
		Args: exactArgs(1, "the series' name"),
		RunE: r.withStore(func(cmd *cobra.Command, st *store.Store, args []string) error {
			cur, err := st.GetSeries(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			next := domain.SeriesInput{Name: cur.Name, Cadence: string(cur.Cadence), Zone: cur.Zone, Facilitator: cur.Facilitator,
				Attendees: cur.Attendees}
			fs := cmd.Flags()
			n := 0
			for _, f := range []struct {
				flag     string
				dst, val *string
			}{
				{"name", &next.Name, &in.Name}, {"cadence", &next.Cadence, &in.Cadence},
				{"zone", &next.Zone, &in.Zone}, {"facilitator", &next.Facilitator, &in.Facilitator},
			} {
				if fs.Changed(f.flag) {
					*f.dst = *f.val
					n++
				}
			}
			if fs.Changed("attendee") {
				next.Attendees = splitList(attendees)
				n++
			}
			if n == 0 {
				return domain.Errorf(domain.EINVALID, "nothing to change; give the fields to change as flags, e.g. --cadence monthly (see '%s --help')", cmd.CommandPath())
			}
			if fs.Changed("zone") && strings.TrimSpace(in.Zone) == "" {
				// "" would mean the user's zone setting: say which instead.
				return fieldError("zone", "is empty; name an IANA zone, e.g. Europe/Berlin")
			}
			s, err := st.UpdateSeries(cmd.Context(), cur.ID, next, cur.Version)
			if err != nil {
				return renameFields(err, peopleFlagNames)
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), meetingSeriesToJSON(s))
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Updated the series %s (%s, %s)\n", clean(s.Name), s.Cadence, s.Zone)
			return err
		}),
	}
	fs := cmd.Flags()
	fs.StringVar(&in.Name, "name", "", "a new name")
	fs.StringVar(&in.Cadence, "cadence", "", "weekly, monthly or adhoc")
	fs.StringVar(&in.Zone, "zone", "", "IANA `zone` its dates are in")
	fs.StringVar(&in.Facilitator, "facilitator", "", "who usually runs it (\"\" for nobody)")
	fs.StringArrayVar(&attendees, "attendee", nil, "who usually attends (repeat the flag or separate with commas; \"\" for nobody)")
	fs.BoolVar(&asJSON, "json", false, "print the series as JSON")
	fs.SetNormalizeFunc(aliases(map[string]string{"attendees": "attendee"}))
	return cmd
}

func (r *runner) mtgCreateCmd() *cobra.Command {
	var in domain.MeetingInput
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "create --series NAME --date YYYY-MM-DD [--time HH:MM] [--from D --to D]",
		Short: "Create a meeting and generate its agenda",
		Long: `Create a meeting of a series on --date at --time (default 10:00), read in
the series' zone, and generate its agenda. The period reviewed is --from
to --to (whole days, both included), else the default: since the end of
the series' previous meeting's period.`,
		Example: `  hindsight meeting create --series "Ops review" --date 2026-11-02
  hindsight meeting create --series Monthly --date 2026-11-05 --from 2026-10-01 --to 2026-10-31`,
		Args: noArgs,
		RunE: r.withStore(func(cmd *cobra.Command, st *store.Store, _ []string) error {
			m, err := st.CreateMeeting(cmd.Context(), in)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), meetingToJSON(m, true))
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Created %s with %s\n\n", m.Ref(), plural(len(m.Items), "agenda item"))
			return writeMeeting(cmd.OutOrStdout(), m)
		}),
	}
	fs := cmd.Flags()
	fs.StringVar(&in.Series, "series", "", "the series' name (required)")
	fs.StringVar(&in.Date, "date", "", "the meeting's `date`, YYYY-MM-DD (required)")
	fs.StringVar(&in.Time, "time", "", "the meeting's time of day, HH:MM (default 10:00)")
	fs.StringVar(&in.From, "from", "", "first day of the period reviewed, YYYY-MM-DD")
	fs.StringVar(&in.To, "to", "", "last day of the period reviewed, YYYY-MM-DD")
	fs.StringVar(&in.Title, "title", "", "title (default: the series and the date)")
	fs.StringVar(&in.Facilitator, "facilitator", "", "who runs it (default: the series')")
	fs.StringArrayVar(&in.Attendees, "attendee", nil, "who attends (repeat the flag; default: the series')")
	fs.BoolVar(&asJSON, "json", false, "print the meeting as JSON")
	return cmd
}

func (r *runner) mtgListCmd() *cobra.Command {
	var series string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--series NAME]",
		Short: "List meetings, newest first",
		Args:  noArgs,
		RunE: r.withStore(func(cmd *cobra.Command, st *store.Store, _ []string) error {
			all, err := st.ListMeetings(cmd.Context(), series)
			if err != nil {
				return err
			}
			if asJSON {
				out := []meetingJSON{}
				for k := range all {
					out = append(out, meetingToJSON(&all[k], false))
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			if len(all) == 0 {
				_, err := fmt.Fprintln(cmd.OutOrStdout(), "no meetings yet; 'hindsight meeting create' makes one")
				return err
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "REF\tWHEN\tSTATUS\tSERIES\tTITLE")
			for _, m := range all {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", m.Ref(), m.At.In(m.Location()).Format("2006-01-02 15:04"), m.Status,
					clean(m.SeriesName), clean(m.Title))
			}
			return tw.Flush()
		}),
	}
	cmd.Flags().StringVar(&series, "series", "", "only this series' meetings")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	return cmd
}

// oneMeeting requires the meeting and then n more arguments, named by usage.
func oneMeeting(n int, usage string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return domain.Errorf(domain.EINVALID, "name the meeting, e.g. '%s MTG-0001'", cmd.CommandPath())
		}
		return exactArgs(n+1, usage)(cmd, args)
	}
}

// meetingResult prints a meeting after a change: JSON, or a line and the
// agenda.
func meetingResult(cmd *cobra.Command, m *domain.Meeting, asJSON bool, what string) error {
	if asJSON {
		return writeJSON(cmd.OutOrStdout(), meetingToJSON(m, true))
	}
	if what != "" {
		fmt.Fprintf(cmd.OutOrStdout(), "%s\n\n", what)
	}
	return writeMeeting(cmd.OutOrStdout(), m)
}

func (r *runner) mtgShowCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show MTG-0001 [--json]",
		Short: "Show a meeting and its numbered agenda",
		Args:  oneMeeting(0, "one meeting"),
		RunE: r.withStore(func(cmd *cobra.Command, st *store.Store, args []string) error {
			m, err := st.GetMeeting(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			return meetingResult(cmd, m, asJSON, "")
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the meeting as JSON")
	return cmd
}

func (r *runner) mtgEditCmd() *cobra.Command {
	var title, facilitator string
	var attendees []string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "edit MTG-0001 [--title TITLE] [--facilitator NAME] [--attendee NAME]...",
		Short: "Change the meeting's title, facilitator or attendees; the others stay as they are",
		Long: `Change the meeting's fields given as flags; the others stay as they are.
--facilitator "" clears the facilitator, --attendee "" the attendees; the
attendees given replace the meeting's list. 'meeting notes' sets the notes.`,
		Example: `  hindsight meeting edit MTG-0001 --title "Ops review, November"
  hindsight meeting edit MTG-0001 --facilitator "Lee Chen" --attendee "Dana Reyes,Ana Lima"`,
		Args: oneMeeting(0, "one meeting"),
		RunE: r.withStore(func(cmd *cobra.Command, st *store.Store, args []string) error {
			var e domain.MeetingEdit
			fs := cmd.Flags()
			if fs.Changed("title") {
				e.Title = &title
			}
			if fs.Changed("facilitator") {
				e.Facilitator = &facilitator
			}
			if fs.Changed("attendee") {
				e.Attendees = splitList(attendees)
			}
			if e.Title == nil && e.Facilitator == nil && e.Attendees == nil {
				return domain.Errorf(domain.EINVALID, "nothing to change; give the fields to change as flags, e.g. --title TITLE (see '%s --help')", cmd.CommandPath())
			}
			m, err := st.UpdateMeeting(cmd.Context(), args[0], e, 0)
			if err != nil {
				return renameFields(err, peopleFlagNames)
			}
			return meetingResult(cmd, m, asJSON, "Updated "+m.Ref())
		}),
	}
	fs := cmd.Flags()
	fs.StringVar(&title, "title", "", "a new one-line title")
	fs.StringVar(&facilitator, "facilitator", "", "who runs it (\"\" for nobody)")
	fs.StringArrayVar(&attendees, "attendee", nil, "who attends (repeat the flag or separate with commas; \"\" for nobody)")
	fs.BoolVar(&asJSON, "json", false, "print the meeting as JSON")
	fs.SetNormalizeFunc(aliases(map[string]string{"attendees": "attendee"}))
	return cmd
}

// meetingDoc reads what an agenda or minutes document shows.
func (r *runner) meetingDoc(cmd *cobra.Command, st *store.Store, ref string) (meeting.Doc, error) {
	m, err := st.GetMeeting(cmd.Context(), ref)
	if err != nil {
		return meeting.Doc{}, err
	}
	acts, err := st.MeetingActions(cmd.Context(), m.ID)
	if err != nil {
		return meeting.Doc{}, err
	}
	return meeting.Doc{Meeting: m, Actions: acts, Now: r.env.Now(), Version: r.env.Version}, nil
}

func (r *runner) mtgAgendaCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "agenda MTG-0001",
		Short: "Print the agenda (or, once held, the minutes) as markdown",
		Args:  oneMeeting(0, "one meeting"),
		RunE: r.withStore(func(cmd *cobra.Command, st *store.Store, args []string) error {
			d, err := r.meetingDoc(cmd, st, args[0])
			if err != nil {
				return err
			}
			return meeting.Markdown(cmd.OutOrStdout(), d)
		}),
	}
}

func (r *runner) mtgRegenerateCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "regenerate MTG-0001",
		Short: "Rebuild the generated agenda items from today's data, keeping notes and decisions",
		Args:  oneMeeting(0, "one meeting"),
		RunE: r.withStore(func(cmd *cobra.Command, st *store.Store, args []string) error {
			m, err := st.RegenerateAgenda(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			return meetingResult(cmd, m, asJSON, "Regenerated the agenda of "+m.Ref())
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the meeting as JSON")
	return cmd
}

// textArg is an argument that may be "-" for stdin.
func (r *runner) textArg(s string) (string, error) {
	if s != "-" {
		return s, nil
	}
	return r.readInput("-", domain.MaxMeetingNotes)
}

func (r *runner) mtgItemAddCmd() *cobra.Command {
	var title, body, section string
	cmd := &cobra.Command{
		Use:     "add MTG-0001 --title TITLE [--section other] [--body MARKDOWN]",
		Short:   "Add an item by hand, at the end of its section",
		Example: `  hindsight meeting item add MTG-0001 --title "On-call rota for December" --section other`,
		Args:    oneMeeting(0, "one meeting"),
		RunE: r.withStore(func(cmd *cobra.Command, st *store.Store, args []string) error {
			in := domain.ItemInput{Section: section, Title: &title}
			if cmd.Flags().Changed("body") {
				in.Body = &body
			}
			it, err := st.AddItem(cmd.Context(), args[0], in)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Added item %d: %s\n", it.Position, clean(it.Title))
			return err
		}),
	}
	cmd.Flags().StringVar(&title, "title", "", "one-line title (required)")
	cmd.Flags().StringVar(&section, "section", "", "incidents, postmortems, actions, themes, trends, anniversaries or other (default other)")
	cmd.Flags().StringVar(&body, "body", "", "the item's text, markdown")
	return cmd
}

func (r *runner) mtgItemMoveCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "move MTG-0001 ITEM POSITION",
		Short: "Move an item to another place in the agenda",
		Args:  oneMeeting(2, "a meeting, an item and the new position"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			pos, err := strconv.Atoi(args[2])
			if err != nil || pos < 1 {
				return fieldError("position", "%q is not a position; give a number from 1", args[2])
			}
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			m, err := st.MoveItem(cmd.Context(), args[0], args[1], pos)
			if err != nil {
				return err
			}
			return meetingResult(cmd, m, false, "")
		}),
	}
}

func (r *runner) mtgItemDismissCmd() *cobra.Command {
	var restore bool
	cmd := &cobra.Command{
		Use:   "dismiss MTG-0001 ITEM [--restore]",
		Short: "Take an item off the agenda (regenerating does not bring it back)",
		Args:  oneMeeting(1, "a meeting and an item"),
		RunE: r.withStore(func(cmd *cobra.Command, st *store.Store, args []string) error {
			m, err := st.DismissItem(cmd.Context(), args[0], args[1], !restore)
			if err != nil {
				return err
			}
			return meetingResult(cmd, m, false, "")
		}),
	}
	cmd.Flags().BoolVar(&restore, "restore", false, "put a dismissed item back")
	return cmd
}

func (r *runner) mtgItemNoteCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "note MTG-0001 ITEM TEXT",
		Short:   "Set an item's notes (markdown; - reads them from stdin; \"\" clears them)",
		Example: `  hindsight meeting item note MTG-0001 3 "Owner agreed to split the migration."`,
		Args:    oneMeeting(2, "a meeting, an item and the notes"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			notes, err := r.textArg(args[2])
			if err != nil {
				return err
			}
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			it, err := st.UpdateItem(cmd.Context(), args[0], args[1], domain.ItemInput{Notes: &notes}, 0)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Saved the notes of item %d: %s\n", it.Position, clean(it.Title))
			return err
		}),
	}
}

func (r *runner) mtgNotesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "notes MTG-0001 TEXT",
		Short: "Set the meeting's general minutes (markdown; - reads them from stdin)",
		Args:  oneMeeting(1, "a meeting and the notes"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			notes, err := r.textArg(args[1])
			if err != nil {
				return err
			}
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			m, err := st.UpdateMeeting(cmd.Context(), args[0], domain.MeetingEdit{Notes: &notes}, 0)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Saved the notes of %s\n", m.Ref())
			return err
		}),
	}
}

func (r *runner) mtgDecideCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "decide MTG-0001 ITEM TEXT",
		Short:   "Record a decision on an agenda item",
		Example: `  hindsight meeting decide MTG-0001 2 "Freeze deploys on Fridays until the canary lands"`,
		Args:    oneMeeting(2, "a meeting, an item and the decision"),
		RunE: r.withStore(func(cmd *cobra.Command, st *store.Store, args []string) error {
			if _, err := st.AddDecision(cmd.Context(), args[0], args[1], args[2]); err != nil {
				return err
			}
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "Recorded the decision on item %s of %s\n", args[1], strings.ToUpper(args[0]))
			return err
		}),
	}
}

func (r *runner) mtgDecisionRemoveCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "remove DECISION-ID",
		Short: "Remove a decision, named by its id as 'meeting show MTG-0001 --json' prints it",
		Example: `  hindsight meeting show MTG-0001 --json | jq -r '.items[].decisions[] | .id + "  " + .text'
  hindsight meeting decision remove 0b6c1d9e-5f0a-4c7e-9d38-2f1e6a7b8c90`,
		Args: exactArgs(1, "the decision's id"),
		RunE: r.withStore(func(cmd *cobra.Command, st *store.Store, args []string) error {
			if strings.TrimSpace(args[0]) == "" {
				return fieldError("decision", "is empty; give the decision's id, as 'meeting show MTG-0001 --json' prints it")
			}
			if err := st.RemoveDecision(cmd.Context(), args[0]); err != nil {
				return err
			}
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "Removed the decision %s\n", strings.TrimSpace(args[0]))
			return err
		}),
	}
}

func (r *runner) mtgActionCmd() *cobra.Command {
	var f actionFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "action MTG-0001 ITEM --title TITLE [--owner NAME] [--due YYYY-MM-DD] [--priority P1]",
		Short: "Create an action from an agenda item, linked to the meeting (and the item's incident)",
		Long: `Create an action from an agenda item, as 'hindsight action create' does,
linked to the meeting and the item, and to the item's incident when it is
about one (--incident names another). --tz defaults to the series' zone.`,
		Example: `  hindsight meeting action MTG-0001 1 --title "Add a canary stage" --owner "Lee Chen" --due 2026-12-01 --priority P1`,
		Args:    oneMeeting(1, "a meeting and an item"),
		RunE: r.withStore(func(cmd *cobra.Command, st *store.Store, args []string) error {
			var in domain.ActionInput
			f.apply(cmd.Flags(), &in)
			a, err := st.CreateActionFromItem(cmd.Context(), args[0], args[1], in)
			if err != nil {
				return err
			}
			loc, err := st.UserZone(cmd.Context(), in.Zone)
			if err != nil {
				return err
			}
			return r.reportAction(cmd, a, loc, asJSON, "Created")
		}),
	}
	f.register(cmd.Flags())
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the action as JSON")
	return cmd
}

func (r *runner) mtgReviewedCmd() *cobra.Command {
	var undo bool
	cmd := &cobra.Command{
		Use:   "reviewed MTG-0001 ITEM [--undo]",
		Short: "Mark an item (a postmortem) reviewed in the meeting",
		Args:  oneMeeting(1, "a meeting and an item"),
		RunE: r.withStore(func(cmd *cobra.Command, st *store.Store, args []string) error {
			it, err := st.MarkReviewed(cmd.Context(), args[0], args[1], !undo)
			if err != nil {
				return err
			}
			verb := "Marked"
			if undo {
				verb = "Unmarked"
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "%s item %d reviewed: %s\n", verb, it.Position, clean(it.Title))
			return err
		}),
	}
	cmd.Flags().BoolVar(&undo, "undo", false, "clear the mark")
	return cmd
}

func (r *runner) mtgHeldCmd() *cobra.Command {
	var undo bool
	cmd := &cobra.Command{
		Use:   "held MTG-0001 [--undo]",
		Short: "Mark a meeting held: its export becomes the minutes",
		Args:  oneMeeting(0, "one meeting"),
		RunE: r.withStore(func(cmd *cobra.Command, st *store.Store, args []string) error {
			to := domain.MeetingHeld
			if undo {
				to = domain.MeetingPlanned
			}
			m, err := st.SetMeetingStatus(cmd.Context(), args[0], to)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "%s is %s\n", m.Ref(), m.Status)
			return err
		}),
	}
	cmd.Flags().BoolVar(&undo, "undo", false, "back to planned")
	return cmd
}

// exportMeetingCmd is 'hindsight export meeting'.
func (r *runner) exportMeetingCmd() *cobra.Command {
	var f exportFlags
	cmd := &cobra.Command{
		Use:   "meeting MTG-0001 --out DIR [--force]",
		Short: "Write a meeting's agenda (planned) or minutes (held) into a folder as markdown",
		Example: `  hindsight export meeting MTG-0001 --out docs/reviews
  hindsight export meeting 1 --out /tmp --force`,
		Args: oneMeeting(0, "one meeting"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if err := f.check(); err != nil {
				return err
			}
			if f.format != "md" {
				return fieldError("format", "meetings are written as markdown only")
			}
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			d, err := r.meetingDoc(cmd, st, args[0])
			if err != nil {
				return err
			}
			files, err := meeting.Export(f.out, d, f.force)
			for _, name := range files {
				fmt.Fprintln(cmd.OutOrStdout(), filepath.Join(f.out, filepath.FromSlash(name)))
			}
			return forceHint(err)
		}),
	}
	cmd.Flags().StringVarP(&f.out, "out", "o", "", "the `folder` to write into; it must exist (required)")
	cmd.Flags().BoolVar(&f.force, "force", false, "overwrite the file if it exists")
	f.format = "md"
	return cmd
}
