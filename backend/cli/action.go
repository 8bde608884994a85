package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	actionexport "github.com/hindsight-app/hindsight/backend/action/export"
	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/store"
)

func (r *runner) actionCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "action",
		Aliases: []string{"actions", "act"},
		Short:   "Create, list, show, change and export action items",
		Long: `Create, list, show, change and export action items: the follow-ups of an
incident, each owned, dated and visible until it is closed.

An action is named by its reference (ACT-0007; case, leading zeros and the
prefix do not matter: act-7 and 7 work) or its id. An incident is named as
in 'hindsight incident'.

Due dates are calendar dates, YYYY-MM-DD. An action created without one gets
its priority's default deadline: P1 4 weeks, P2 8 weeks, P3 12 weeks from
today (the settings actionDueP1, actionDueP2 and actionDueP3, in days,
change them). An action is overdue when it is still open, in progress or
blocked and its due date is before today; "today" is in --tz, else the zone
in your settings, else the local zone.

Statuses: open, in_progress, blocked, done, wont_do (needs --reason).
Priorities: P1, P2, P3. Types: mitigate, prevent, detect, process.

With --json, commands print the action as one JSON object, and list prints a
JSON array of them:

  {"id", "ref", "title", "description", "owner", "due", "priority", "type",
   "status", "reason", "incident", "incidentTitle", "link", "verification", "causeNodeId",
   "overdue", "daysOverdue", "hints", "createdAt", "updatedAt", "closedAt",
   "version"}

due is YYYY-MM-DD or null; incident is a reference or null; times are RFC 3339
in UTC or null; hints is an array of {"code", "message"}, never null. List
entries leave out the description; show adds "history". Fields are only
ever added.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(r.actionCreateCmd(), r.actionListCmd(), r.actionShowCmd(), r.actionUpdateCmd(),
		r.actionStatusCmd("done", "Mark actions done", domain.ActionDone),
		r.actionStatusCmd("reopen", "Reopen done or won't-do actions", domain.ActionOpen),
		r.actionExportCmd())
	return cmd
}

// actionFlags are the action's fields as flags, shared by create and update.
type actionFlags struct {
	title, description, owner, due, priority, typ, status, reason string
	incident, link, verify, tz                                    string
}

func (f *actionFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.title, "title", "", "one-line title: what will be done")
	fs.StringVar(&f.description, "description", "", "the detail, in markdown")
	fs.StringVar(&f.owner, "owner", "", "the one person who owns it")
	fs.StringVar(&f.due, "due", "", "due `date`, YYYY-MM-DD (on create, default: the priority's deadline)")
	fs.StringVar(&f.priority, "priority", "", "P1, P2 or P3 (default P2)")
	fs.StringVar(&f.typ, "type", "", "mitigate, prevent, detect or process (default prevent)")
	fs.StringVar(&f.status, "status", "", "open, in_progress, blocked, done or wont_do (default open)")
	fs.StringVar(&f.reason, "reason", "", "why it will not be done (with --status wont_do)")
	fs.StringVar(&f.incident, "incident", "", "the incident it follows up (INC-0042); \"\" for none")
	fs.StringVar(&f.link, "link", "", "the action in an external tracker, an http(s) `URL`")
	fs.StringVar(&f.verify, "verify", "", "how we will verify it worked")
	fs.StringVar(&f.tz, "tz", "", "`zone` whose today dates the default deadline (default: your settings, else local)")
	fs.SetNormalizeFunc(aliases(map[string]string{"verification": "verify", "due-date": "due"}))
}

// apply copies the flags the user set onto in and returns how many there were.
func (f *actionFlags) apply(fs *pflag.FlagSet, in *domain.ActionInput) int {
	n := 0
	for _, s := range []struct {
		flag string
		dst  *string
		val  string
	}{
		{"title", &in.Title, f.title}, {"description", &in.Description, f.description},
		{"owner", &in.Owner, f.owner}, {"due", &in.Due, f.due}, {"priority", &in.Priority, f.priority},
		{"type", &in.Type, f.typ}, {"status", &in.Status, f.status}, {"reason", &in.Reason, f.reason},
		{"incident", &in.Incident, f.incident}, {"link", &in.Link, f.link}, {"verify", &in.Verification, f.verify},
	} {
		if fs.Changed(s.flag) {
			*s.dst = s.val
			n++
		}
	}
	in.Zone = f.tz
	return n
}

// actionJSON is an action in --json output. Scripts rely on this shape:
// fields may be added, never renamed or removed.
type actionJSON struct {
	ID            string        `json:"id"`
	Ref           string        `json:"ref"`
	Title         string        `json:"title"`
	Description   *string       `json:"description,omitempty"`
	Owner         string        `json:"owner"`
	Due           *string       `json:"due"`
	Priority      string        `json:"priority"`
	Type          string        `json:"type"`
	Status        string        `json:"status"`
	Reason        string        `json:"reason"`
	Incident      *string       `json:"incident"`
	IncidentTitle *string       `json:"incidentTitle"`
	Link          string        `json:"link"`
	Verification  string        `json:"verification"`
	CauseNodeID   *string       `json:"causeNodeId"`
	Overdue       bool          `json:"overdue"`
	DaysOverdue   int           `json:"daysOverdue"`
	Hints         []domain.Hint `json:"hints"`
	CreatedAt     string        `json:"createdAt"`
	UpdatedAt     string        `json:"updatedAt"`
	ClosedAt      *string       `json:"closedAt"`
	Version       int           `json:"version"`
	History       []changeJSON  `json:"history,omitempty"`
}

type changeJSON struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
	At    string `json:"at"`
	By    string `json:"by"`
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// actionToJSON converts an action; full includes the description.
func actionToJSON(a *domain.ActionItem, full bool, now time.Time, loc *time.Location) actionJSON {
	out := actionJSON{
		ID: a.ID, Ref: a.Ref(), Title: a.Title, Owner: a.Owner, Due: nonEmpty(a.Due),
		Priority: string(a.Priority), Type: string(a.Type), Status: string(a.Status), Reason: a.Reason,
		Incident: nonEmpty(a.IncidentRef()), Link: a.Link, Verification: a.Verification,
		CauseNodeID: nonEmpty(a.CauseNodeID),
		Overdue:     a.IsOverdue(now, loc), DaysOverdue: a.DaysOverdue(now, loc),
		Hints:     domain.ActionHints(a, now, loc),
		CreatedAt: formatUTC(a.CreatedAt), UpdatedAt: formatUTC(a.UpdatedAt), ClosedAt: jsonTime(a.ClosedAt),
		Version: a.Version,
	}
	if a.IncidentID != "" {
		out.IncidentTitle = &a.IncidentTitle
	}
	if full {
		d := a.Description
		out.Description = &d
	}
	return out
}

// storeZone opens the store and resolves the user's zone: tz, else the
// settings' zone, else local (it decides "today", months, times shown).
func (r *runner) storeZone(cmd *cobra.Command, tz string) (*store.Store, *time.Location, error) {
	st, err := r.store(cmd)
	if err != nil {
		return nil, nil, err
	}
	loc, err := st.UserZone(cmd.Context(), tz)
	if err != nil {
		return nil, nil, err
	}
	return st, loc, nil
}

// reportAction prints a changed action: as JSON, or as one line "Verb
// ACT-0007: title" followed by its hints.
func (r *runner) reportAction(cmd *cobra.Command, a *domain.ActionItem, loc *time.Location, asJSON bool, verb string) error {
	now := r.env.Now()
	if asJSON {
		return writeJSON(cmd.OutOrStdout(), actionToJSON(a, true, now, loc))
	}
	bw := bufio.NewWriter(cmd.OutOrStdout())
	fmt.Fprintf(bw, "%s %s: %s\n", verb, a.Ref(), clean(a.Title))
	if !a.Status.IsClosed() {
		for _, h := range domain.ActionHints(a, now, loc) {
			fmt.Fprintf(bw, "  hint: %s\n", clean(h.Message))
		}
	}
	return bw.Flush()
}

func (r *runner) actionCreateCmd() *cobra.Command {
	var f actionFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "create --title TITLE [flags]",
		Short: "Record a new action",
		Example: `  hindsight action create --incident INC-0042 --title "Alert on pool wait above 200 ms" \
    --owner "Dana Reyes" --priority P1 --type detect --verify "Alert fires in the load test"
  hindsight action create --title "Write the pool runbook" --due 2026-12-15`,
		Args: noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			var in domain.ActionInput
			f.apply(cmd.Flags(), &in)
			st, loc, err := r.storeZone(cmd, f.tz)
			if err != nil {
				return err
			}
			a, err := st.CreateAction(cmd.Context(), in)
			if err != nil {
				return err
			}
			return r.reportAction(cmd, a, loc, asJSON, "Created")
		}),
	}
	f.register(cmd.Flags())
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the new action as JSON")
	return cmd
}

func (r *runner) actionUpdateCmd() *cobra.Command {
	var f actionFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "update ACT-0007 [flags]",
		Short: "Change the fields given as flags; the others stay as they are",
		Long: `Change the fields given as flags; the others stay as they are.

An empty value clears a field (--owner "", --due "", --incident ""), except
the title, which every action has. If the action changes elsewhere while this
runs, nothing is saved and the exit code is 4.`,
		Example: `  hindsight action update ACT-0007 --owner "Sam Okafor" --due 2026-12-20
  hindsight action update 7 --status wont_do --reason "Superseded by ACT-0009"`,
		Args: oneAction,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			st, loc, err := r.storeZone(cmd, f.tz)
			if err != nil {
				return err
			}
			cur, err := st.GetAction(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			in := cur.Input()
			if f.apply(cmd.Flags(), &in) == 0 {
				return domain.Errorf(domain.EINVALID, "nothing to change; give the fields to change as flags, e.g. --owner NAME (see '%s --help')", cmd.CommandPath())
			}
			a, err := st.UpdateAction(cmd.Context(), cur.ID, in, cur.Version)
			if err != nil {
				return err
			}
			return r.reportAction(cmd, a, loc, asJSON, "Updated")
		}),
	}
	f.register(cmd.Flags())
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the changed action as JSON")
	return cmd
}

// oneAction requires exactly one action argument.
func oneAction(cmd *cobra.Command, args []string) error {
	switch {
	case len(args) == 0:
		return domain.Errorf(domain.EINVALID, "name the action, e.g. '%s ACT-0007'", cmd.CommandPath())
	case len(args) > 1:
		return domain.Errorf(domain.EINVALID, "%s takes one action; got %d arguments", cmd.CommandPath(), len(args))
	}
	return nil
}

// actionStatusCmd is done and reopen: one status for one or more actions,
// all or none.
func (r *runner) actionStatusCmd(name, short string, status domain.ActionStatus) *cobra.Command {
	var asJSON bool
	var tz string
	cmd := &cobra.Command{
		Use:   name + " ACT-0007 [ACT-0008...]",
		Short: short,
		Long: short + `. With several actions, all change or, if one cannot (an
unknown reference, say), none does.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return domain.Errorf(domain.EINVALID, "name the action, e.g. '%s ACT-0007'", cmd.CommandPath())
			}
			return nil
		},
		RunE: run(func(cmd *cobra.Command, args []string) error {
			st, loc, err := r.storeZone(cmd, tz)
			if err != nil {
				return err
			}
			s := string(status)
			if len(args) > 1 {
				if _, err := st.BulkUpdateActions(cmd.Context(), args, domain.ActionPatch{Status: &s}); err != nil {
					return err
				}
			} else if _, err := st.SetActionStatus(cmd.Context(), args[0], s, "", 0); err != nil {
				return err
			}
			verb := map[domain.ActionStatus]string{domain.ActionDone: "Done", domain.ActionOpen: "Reopened"}[status]
			var out []actionJSON
			for _, ref := range args {
				a, err := st.GetAction(cmd.Context(), ref)
				if err != nil {
					return err
				}
				if asJSON {
					out = append(out, actionToJSON(a, true, r.env.Now(), loc))
					continue
				}
				if _, err := fmt.Fprintf(cmd.OutOrStdout(), "%s %s: %s\n", verb, a.Ref(), clean(a.Title)); err != nil {
					return err
				}
			}
			if asJSON {
				if len(out) == 1 {
					return writeJSON(cmd.OutOrStdout(), out[0])
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			return nil
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the action as JSON (an array for several)")
	cmd.Flags().StringVar(&tz, "tz", "", "`zone` that decides which actions are overdue (default: your settings, else local)")
	return cmd
}

func (r *runner) actionShowCmd() *cobra.Command {
	var tz string
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "show ACT-0007",
		Aliases: []string{"get"},
		Short:   "Show one action, its hints and its history",
		Args:    oneAction,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			st, loc, err := r.storeZone(cmd, tz)
			if err != nil {
				return err
			}
			a, err := st.GetAction(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			h, err := st.ActionHistory(cmd.Context(), a.ID)
			if err != nil {
				return err
			}
			if asJSON {
				out := actionToJSON(a, true, r.env.Now(), loc)
				out.History = make([]changeJSON, len(h))
				for k, c := range h {
					out.History[k] = changeJSON{Field: c.Field, From: c.From, To: c.To, At: formatUTC(c.At), By: c.By}
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			return writeAction(cmd.OutOrStdout(), a, h, r.env.Now(), loc)
		}),
	}
	cmd.Flags().StringVar(&tz, "tz", "", "show times in this `zone` (default: your settings, else local)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the action, with its history, as JSON")
	return cmd
}

// filterFlags are the list filters, shared by list and export.
type filterFlags struct {
	f                                     domain.ActionFilter
	statuses, priorities, types, services []string
}

func (ff *filterFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&ff.f.Owner, "owner", "", "only actions owned by this person")
	fs.BoolVar(&ff.f.Unowned, "unowned", false, "only actions nobody owns")
	fs.StringArrayVar(&ff.statuses, "status", nil, "only these `statuses`, comma-separated or repeated")
	fs.StringArrayVar(&ff.priorities, "priority", nil, "only these `priorities`, comma-separated or repeated")
	fs.StringArrayVar(&ff.types, "type", nil, "only these `types`, comma-separated or repeated")
	fs.StringArrayVar(&ff.services, "service", nil, "only actions of incidents affecting these `services`")
	fs.StringVar(&ff.f.Incident, "incident", "", "only the actions of this incident")
	fs.BoolVar(&ff.f.Overdue, "overdue", false, "only overdue actions")
	fs.BoolVar(&ff.f.DueThisWeek, "due-this-week", false, "only actions due this week, Monday to Sunday")
	fs.StringVarP(&ff.f.Query, "query", "q", "", "words to find in the reference, title and description")
	fs.StringVar(&ff.f.Sort, "sort", "due", "one of "+strings.Join(domain.ActionSortKeys, ", ")+"; prefix - for descending")
	fs.StringVar(&ff.f.Zone, "tz", "", "`zone` that decides what today is (default: your settings, else local)")
	fs.SetNormalizeFunc(aliases(map[string]string{"services": "service", "statuses": "status", "priorities": "priority", "types": "type"}))
}

func (ff *filterFlags) filter() domain.ActionFilter {
	f := ff.f
	f.Statuses, f.Priorities, f.Types = nil, nil, nil
	for _, s := range splitList(ff.statuses) {
		f.Statuses = append(f.Statuses, domain.ActionStatus(s))
	}
	for _, s := range splitList(ff.priorities) {
		f.Priorities = append(f.Priorities, domain.Priority(s))
	}
	for _, s := range splitList(ff.types) {
		f.Types = append(f.Types, domain.ActionType(s))
	}
	f.Services = splitList(ff.services)
	return f
}

func (r *runner) actionListCmd() *cobra.Command {
	var (
		ff     filterFlags
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:     "list [flags]",
		Aliases: []string{"ls"},
		Short:   "List actions, soonest due first, one page at a time",
		Long: `List actions, soonest due first (actions without a date last), one page
at a time. Actions of incidents in the trash are not listed.

With --overdue, the exit code is 1 when any action is overdue (and 0 when
none is), after printing them, so a cron job or a CI step can nag:

  hindsight action list --overdue --owner "Dana Reyes" || notify-dana`,
		Example: `  hindsight action list --status open,in_progress --priority P1
  hindsight action list --overdue --json
  hindsight action list --incident INC-0042 --sort -priority`,
		Args: noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			f := ff.filter()
			if cmd.Flags().Changed("limit") && f.Limit == 0 {
				return fieldError("limit", "must be at least 1")
			}
			st, loc, err := r.storeZone(cmd, f.Zone)
			if err != nil {
				return err
			}
			page, err := st.ListActions(cmd.Context(), f)
			if err != nil {
				return err
			}
			now := r.env.Now()
			if asJSON {
				out := make([]actionJSON, len(page.Items))
				for k := range page.Items {
					out[k] = actionToJSON(&page.Items[k], false, now, loc)
				}
				err = writeJSON(cmd.OutOrStdout(), out)
			} else {
				err = writeActionList(cmd.OutOrStdout(), page, f, now, loc)
			}
			if err != nil {
				return err
			}
			if f.Overdue && page.Total > 0 {
				return answerError{msg: fmt.Sprintf("%s overdue", plural(page.Total, "action"))}
			}
			return nil
		}),
	}
	ff.register(cmd.Flags())
	fs := cmd.Flags()
	fs.IntVar(&ff.f.Limit, "limit", domain.DefaultPageSize, fmt.Sprintf("actions per page, at most %d", domain.MaxActionPage))
	fs.IntVar(&ff.f.Offset, "offset", 0, "skip this many actions (the next page starts at offset+limit)")
	fs.BoolVar(&asJSON, "json", false, "print a JSON array of actions")
	return cmd
}

func (r *runner) actionExportCmd() *cobra.Command {
	var (
		ff     filterFlags
		format string
	)
	cmd := &cobra.Command{
		Use:   "export [filters] [--format markdown|csv]",
		Short: "Print every action the filters select as a markdown table or CSV",
		Long: `Print every action the filters select (the same filters as list, all
pages) as a markdown table or as CSV with a header row.

The CSV columns are: ` + strings.Join(actionexport.CSVHeader, ", ") + `.`,
		Example: `  hindsight action export --incident INC-0042 > actions.md
  hindsight action export --status open,in_progress,blocked --format csv > open.csv`,
		Args: noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			f := ff.filter()
			format = strings.ToLower(strings.TrimSpace(format))
			if format != "md" && !contains(actionexport.Formats, format) {
				return fieldError("format", "unknown format %q; use %s", format, strings.Join(actionexport.Formats, " or "))
			}
			st, loc, err := r.storeZone(cmd, f.Zone)
			if err != nil {
				return err
			}
			var items []domain.ActionItem
			f.Limit = domain.MaxActionPage
			for {
				page, err := st.ListActions(cmd.Context(), f)
				if err != nil {
					return err
				}
				items = append(items, page.Items...)
				if len(page.Items) < f.Limit || len(items) >= page.Total {
					break
				}
				f.Offset += len(page.Items)
			}
			return actionexport.Write(cmd.OutOrStdout(), format, items, r.env.Now(), loc)
		}),
	}
	ff.register(cmd.Flags())
	cmd.Flags().StringVar(&format, "format", "markdown", "markdown or csv")
	return cmd
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// dueText shows a due date with how overdue it is.
func dueText(a *domain.ActionItem, now time.Time, loc *time.Location) string {
	if a.Due == "" {
		return unknown
	}
	if n := a.DaysOverdue(now, loc); n > 0 {
		return fmt.Sprintf("%s (%s overdue)", a.Due, plural(n, "day"))
	}
	return a.Due
}

func writeActionList(w io.Writer, p *domain.ActionPage, f domain.ActionFilter, now time.Time, loc *time.Location) error {
	bw := bufio.NewWriter(w)
	if len(p.Items) > 0 {
		tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "REF\tPRI\tSTATUS\tDUE\tOWNER\tINCIDENT\tTITLE")
		for k := range p.Items {
			a := &p.Items[k]
			owner, inc := a.Owner, a.IncidentRef()
			if owner == "" {
				owner = unknown
			}
			if inc == "" {
				inc = unknown
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", a.Ref(), a.Priority, a.Status, dueText(a, now, loc),
				clean(owner), inc, clean(a.Title))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	filtered := f.Owner != "" || f.Unowned || len(f.Statuses) > 0 || len(f.Priorities) > 0 || len(f.Types) > 0 ||
		len(f.Services) > 0 || f.Incident != "" || f.Overdue || f.DueThisWeek || strings.TrimSpace(f.Query) != ""
	writePageLine(bw, listPage{p.Total, p.Offset, len(p.Items)}, filtered, "no actions match", "no actions", "")
	return bw.Flush()
}

// writeAction prints one action as a block to read: fields, hints, history.
func writeAction(w io.Writer, a *domain.ActionItem, h []domain.ActionChange, now time.Time, loc *time.Location) error {
	bw := bufio.NewWriter(w)
	line := func(label, value string) { fmt.Fprintf(bw, "%-14s%s\n", label, value) }
	orNone := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return unknown
		}
		return clean(s)
	}
	fmt.Fprintf(bw, "%s  %s\n\n", a.Ref(), clean(a.Title))
	status := string(a.Status)
	if a.Status == domain.ActionWontDo {
		status += " — " + clean(a.Reason)
	}
	line("Status", status)
	line("Owner", orNone(a.Owner))
	line("Due", dueText(a, now, loc))
	line("Priority", string(a.Priority))
	line("Type", string(a.Type))
	inc := unknown
	if a.IncidentID != "" {
		inc = a.IncidentRef() + "  " + clean(a.IncidentTitle)
	}
	line("Incident", inc)
	line("Link", orNone(a.Link))
	line("Verify", orNone(a.Verification))
	line("Created", formatTime(&a.CreatedAt, loc))
	line("Closed", formatTime(a.ClosedAt, loc))

	writeSection(bw, "Description", a.Description)
	if hints := domain.ActionHints(a, now, loc); len(hints) > 0 && !a.Status.IsClosed() {
		fmt.Fprintf(bw, "\nHints\n")
		for _, x := range hints {
			fmt.Fprintf(bw, "  - %s\n", clean(x.Message))
		}
	}
	fmt.Fprintf(bw, "\nHistory\n")
	for _, c := range h {
		by := ""
		if c.By != "" {
			by = " by " + clean(c.By)
		}
		what := fmt.Sprintf("%s: %s → %s", c.Field, orNone(short1(c.From)), orNone(short1(c.To)))
		if c.From == "" && c.Field == "status" {
			what = "created as " + c.To
		}
		if c.Field == "description" {
			what = "description changed"
		}
		fmt.Fprintf(bw, "  %s  %s%s\n", formatTime(&c.At, loc), what, by)
	}
	fmt.Fprintf(bw, "\nVersion %d · updated %s\n", a.Version, formatTime(&a.UpdatedAt, loc))
	return bw.Flush()
}

// short1 keeps a history value to one short line.
func short1(s string) string {
	s = clean(s)
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
