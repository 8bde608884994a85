package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func (r *runner) incidentCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "incident",
		Aliases: []string{"incidents", "inc"},
		Short:   "Create, list, show, change and delete incidents",
		Long: `Create, list, show, change and delete incidents.

An incident is named by its reference (INC-0042; case and leading zeros do
not matter: inc-42 works) or its id.

Times are RFC 3339 (2026-11-23T14:05:00Z) or "YYYY-MM-DD HH:MM" read in --tz
(an IANA zone such as Europe/Berlin; default the local zone).

With --json, commands print the incident as one JSON object, and list prints
a JSON array of them:

  {"id", "ref", "title", "summary", "severity", "status", "services", "tags",
   "commander", "customerImpact",
   "startedAt", "detectedAt", "mitigatedAt", "resolvedAt",
   "timeToDetectSeconds", "timeToMitigateSeconds", "timeToResolveSeconds",
   "createdAt", "updatedAt", "deletedAt", "version"}

Times are RFC 3339 in UTC or null; durations are whole seconds from the start
or null; services and tags are arrays, never null. List entries leave out
summary and customerImpact (use show). Fields are only ever added.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(r.createCmd(), r.listCmd(), r.showCmd(), r.updateCmd(),
		r.deleteCmd(), r.restoreCmd(), r.purgeCmd(), r.similarCmd())
	return cmd
}

// fieldFlags are the incident's fields as flags, shared by create and update.
type fieldFlags struct {
	title, severity, status, summary, summaryFile, commander, impact string
	services, tags                                                   []string
	started, detected, mitigated, resolved                           string
	tz                                                               string
}

func (f *fieldFlags) register(fs *pflag.FlagSet) {
	const timeHelp = " (RFC 3339, or YYYY-MM-DD HH:MM in --tz)"
	fs.StringVar(&f.title, "title", "", "one-line title")
	fs.StringVar(&f.severity, "severity", "", "`level`: SEV1 (worst) to SEV4; 1 to 4 also works")
	fs.StringVar(&f.status, "status", "", "investigating, identified, monitoring, resolved, postmortem or closed")
	fs.StringVar(&f.summary, "summary", "", "what happened, in markdown")
	fs.StringVar(&f.summaryFile, "summary-file", "", "read the summary from a `file` ('-' reads stdin)")
	fs.StringArrayVar(&f.services, "services", nil, "affected `services`, comma-separated or repeated")
	fs.StringArrayVar(&f.tags, "tags", nil, "`tags`, comma-separated or repeated")
	fs.StringVar(&f.commander, "commander", "", "the incident commander")
	fs.StringVar(&f.impact, "impact", "", "what customers saw")
	fs.StringVar(&f.started, "started", "", "`time` it started"+timeHelp)
	fs.StringVar(&f.detected, "detected", "", "`time` it was detected"+timeHelp)
	fs.StringVar(&f.mitigated, "mitigated", "", "`time` the impact was mitigated"+timeHelp)
	fs.StringVar(&f.resolved, "resolved", "", "`time` it was resolved"+timeHelp)
	fs.StringVar(&f.tz, "tz", "", "`zone` of the YYYY-MM-DD HH:MM times, e.g. Europe/Berlin (default the local zone)")
	// --service and --tag read as naturally as the plural.
	fs.SetNormalizeFunc(aliases(map[string]string{"service": "services", "tag": "tags"}))
}

// apply copies the flags the user set onto in and returns how many there
// were. The summary is read here so --summary-file counts as a change.
func (f *fieldFlags) apply(r *runner, fs *pflag.FlagSet, in *domain.IncidentInput) (int, error) {
	n := 0
	for _, s := range []struct {
		flag string
		dst  *string
		val  string
	}{
		{"title", &in.Title, f.title}, {"severity", &in.Severity, f.severity},
		{"status", &in.Status, f.status}, {"summary", &in.Summary, f.summary},
		{"commander", &in.Commander, f.commander}, {"impact", &in.CustomerImpact, f.impact},
		{"started", &in.StartedAt, f.started}, {"detected", &in.DetectedAt, f.detected},
		{"mitigated", &in.MitigatedAt, f.mitigated}, {"resolved", &in.ResolvedAt, f.resolved},
	} {
		if fs.Changed(s.flag) {
			*s.dst = s.val
			n++
		}
	}
	if fs.Changed("services") {
		in.Services = splitList(f.services)
		n++
	}
	if fs.Changed("tags") {
		in.Tags = splitList(f.tags)
		n++
	}
	if fs.Changed("summary-file") {
		if fs.Changed("summary") {
			return n, fieldError("summary", "give --summary or --summary-file, not both")
		}
		text, err := r.readSummary(f.summaryFile)
		if err != nil {
			return n, err
		}
		in.Summary = text
		n++
	}
	in.Zone = f.tz
	return n, nil
}

// readSummary reads a summary file, or stdin for "-", up to the size limit.
func (r *runner) readSummary(path string) (string, error) {
	var src io.Reader = r.env.Stdin
	name := "stdin"
	if path != "-" {
		fh, err := os.Open(path)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return "", fieldError("summary", "cannot read %q: %v", path, err)
		}
		defer fh.Close()
		src, name = fh, strconv.Quote(path)
	}
	b, err := io.ReadAll(io.LimitReader(src, domain.MaxSummaryLen+1))
	if err != nil {
		return "", fieldError("summary", "cannot read %s: %v", name, err)
	}
	if len(b) > domain.MaxSummaryLen {
		return "", fieldError("summary", "%s is larger than %d KB, the limit", name, domain.MaxSummaryLen/1000)
	}
	return string(b), nil
}

func (r *runner) createCmd() *cobra.Command {
	var f fieldFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "create --title TITLE --severity SEV [flags]",
		Short: "Record a new incident",
		Example: `  hindsight incident create --title "Checkout 502s" --severity SEV2 \
    --services checkout-api,payments-db --started "2026-03-02 14:05" --tz Europe/Berlin`,
		Args: noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			var in domain.IncidentInput
			if _, err := f.apply(r, cmd.Flags(), &in); err != nil {
				return err
			}
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			inc, err := st.CreateIncident(cmd.Context(), in)
			if err != nil {
				return err
			}
			return reportIncident(cmd, inc, asJSON, "Created")
		}),
	}
	f.register(cmd.Flags())
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the new incident as JSON")
	return cmd
}

func (r *runner) updateCmd() *cobra.Command {
	var f fieldFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "update INC-0042 [flags]",
		Short: "Change the fields given as flags; the others stay as they are",
		Long: `Change the fields given as flags; the others stay as they are.

An empty value clears a field (--commander ""), except the title, severity
and start, which every incident has. If the incident changes elsewhere while
this runs, nothing is saved and the exit code is 4.`,
		Example: `  hindsight incident update INC-0042 --status resolved
  hindsight incident update 42 --mitigated "2026-03-02 14:46" --tz Europe/Berlin`,
		Args: oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			// Read, change only what was asked, and write back naming the
			// version read: a concurrent change is a conflict, not lost.
			st, cur, err := r.incident(cmd, args[0])
			if err != nil {
				return err
			}
			if testHookAfterRead != nil {
				testHookAfterRead()
			}
			in := cur.Input()
			n, err := f.apply(r, cmd.Flags(), &in)
			if err != nil {
				return err
			}
			if n == 0 {
				return domain.Errorf(domain.EINVALID, "nothing to change; give the fields to change as flags, e.g. --status resolved (see '%s --help')", cmd.CommandPath())
			}
			inc, err := st.UpdateIncident(cmd.Context(), cur.ID, in, cur.Version)
			if err != nil {
				return err
			}
			return reportIncident(cmd, inc, asJSON, "Updated")
		}),
	}
	f.register(cmd.Flags())
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the changed incident as JSON")
	return cmd
}

// reportIncident prints a changed incident: as JSON, or as one line
// "Verb INC-0042: title".
func reportIncident(cmd *cobra.Command, inc *domain.Incident, asJSON bool, verb string) error {
	if asJSON {
		return writeJSON(cmd.OutOrStdout(), toJSON(inc, true))
	}
	_, err := fmt.Fprintf(cmd.OutOrStdout(), "%s %s: %s\n", verb, inc.Ref(), clean(inc.Title))
	return err
}

// testHookAfterRead runs between update's read and its write, so a test can
// change the incident in between.
var testHookAfterRead func()

func (r *runner) listCmd() *cobra.Command {
	var (
		f                              domain.IncidentFilter
		statuses, severities, services []string
		tz                             string
		asJSON                         bool
	)
	cmd := &cobra.Command{
		Use:     "list [flags]",
		Aliases: []string{"ls"},
		Short:   "List incidents, newest first, one page at a time",
		Example: `  hindsight incident list --status investigating,identified --severity SEV1
  hindsight incident list -q database --sort -ttr --limit 20 --offset 20`,
		Args: noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			loc, err := zone(tz)
			if err != nil {
				return err
			}
			for _, s := range splitList(statuses) {
				f.Statuses = append(f.Statuses, domain.Status(s))
			}
			for _, s := range splitList(severities) {
				f.Severities = append(f.Severities, domain.Severity(s))
			}
			f.Services = splitList(services)
			if cmd.Flags().Changed("limit") && f.Limit == 0 {
				return fieldError("limit", "must be at least 1")
			}
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			page, err := st.ListIncidents(cmd.Context(), f)
			if err != nil {
				return err
			}
			return writeIncidentPage(cmd.OutOrStdout(), page, f, loc, asJSON)
		}),
	}
	fs := cmd.Flags()
	fs.IntVar(&f.Limit, "limit", domain.DefaultPageSize, fmt.Sprintf("incidents per page, at most %d", domain.MaxPageSize))
	fs.IntVar(&f.Offset, "offset", 0, "skip this many incidents (the next page starts at offset+limit)")
	fs.StringArrayVar(&statuses, "status", nil, "only these `statuses`, comma-separated or repeated")
	fs.StringArrayVar(&severities, "severity", nil, "only these `severities`, comma-separated or repeated")
	fs.StringArrayVar(&services, "service", nil, "only incidents affecting these `services`, comma-separated or repeated")
	fs.StringVarP(&f.Query, "query", "q", "", "words to find in the reference, title, summary, people, services and tags")
	fs.StringVar(&f.Sort, "sort", "-started", "one of "+strings.Join(domain.IncidentSortKeys, ", ")+"; prefix - for descending")
	fs.BoolVar(&f.Trashed, "trashed", false, "list the trash instead")
	fs.StringVar(&tz, "tz", "", "show times in this `zone` (default the local zone)")
	fs.BoolVar(&asJSON, "json", false, "print a JSON array of incidents")
	fs.SetNormalizeFunc(aliases(map[string]string{"services": "service", "statuses": "status", "severities": "severity"}))
	return cmd
}

func (r *runner) showCmd() *cobra.Command {
	var tz string
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "show INC-0042",
		Aliases: []string{"get"},
		Short:   "Show one incident",
		Args:    oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			loc, err := zone(tz)
			if err != nil {
				return err
			}
			st, inc, err := r.incident(cmd, args[0])
			if err != nil {
				return err
			}
			lag, err := r.metricsService(st).DetectionLag(cmd.Context(), inc.ID)
			if err != nil {
				return err
			}
			if asJSON {
				out := toJSON(inc, true)
				out.DetectionLag = lagJSON(lag)
				return writeJSON(cmd.OutOrStdout(), out)
			}
			return writeIncident(cmd.OutOrStdout(), inc, lag, loc)
		}),
	}
	cmd.Flags().StringVar(&tz, "tz", "", "show times in this `zone` (default the local zone)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the incident as JSON")
	return cmd
}

func (r *runner) deleteCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "delete INC-0042",
		Aliases: []string{"rm", "trash"},
		Short:   "Move an incident to the trash (restore brings it back)",
		Args:    oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			st, cur, err := r.incident(cmd, args[0])
			if err != nil {
				return err
			}
			if err := st.DeleteIncident(cmd.Context(), cur.ID); err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if asJSON {
				return writeJSON(w, map[string]any{"id": cur.ID, "ref": cur.Ref(), "trashed": true})
			}
			_, err = fmt.Fprintf(w, "Moved %s to the trash: %s\nUndo with: hindsight incident restore %s\n", cur.Ref(), clean(cur.Title), cur.Ref())
			return err
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `print {"id", "ref", "trashed": true}`)
	return cmd
}

func (r *runner) restoreCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "restore INC-0042",
		Short: "Bring an incident back from the trash",
		Args:  oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			inc, err := st.RestoreIncident(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			return reportIncident(cmd, inc, asJSON, "Restored")
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the restored incident as JSON")
	return cmd
}

func (r *runner) purgeCmd() *cobra.Command {
	var yes, asJSON bool
	cmd := &cobra.Command{
		Use:   "purge INC-0042 --yes",
		Short: "Delete an incident in the trash for good",
		Long: `Delete an incident in the trash for good, with everything under it.
This cannot be undone, so it needs --yes. Only incidents in the trash can be
purged: delete first.`,
		Args: oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			ref := displayRef(args[0])
			if !yes {
				return domain.Errorf(domain.EINVALID, "purge deletes %s for good and cannot be undone; add --yes to confirm", ref)
			}
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			if err := st.PurgeIncident(cmd.Context(), args[0]); err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), map[string]any{"incident": ref, "purged": true})
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Purged %s for good.\n", ref)
			return err
		}),
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "confirm: delete for good")
	cmd.Flags().BoolVar(&asJSON, "json", false, `print {"incident", "purged": true}`)
	return cmd
}

// splitList reads repeated, comma-separated flag values into one list.
// Empty entries are dropped, so --services "" means none.
func splitList(vals []string) []string {
	out := []string{}
	for _, v := range vals {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// aliases lets a flag be spelled another way (singular or plural).
func aliases(m map[string]string) func(*pflag.FlagSet, string) pflag.NormalizedName {
	return func(_ *pflag.FlagSet, name string) pflag.NormalizedName {
		if to, ok := m[name]; ok {
			return pflag.NormalizedName(to)
		}
		return pflag.NormalizedName(name)
	}
}

// zone reads a --tz value for display.
func zone(name string) (*time.Location, error) {
	loc, err := domain.LoadZone(name)
	if err != nil {
		return nil, fieldError("zone", "%v", err)
	}
	return loc, nil
}

func fieldError(field, format string, args ...any) error {
	fe := domain.FieldErrors{}
	fe.Add(field, format, args...)
	return fe.Err()
}

var refLike = regexp.MustCompile(`(?i)^\s*(?:inc-?)?0*(\d{1,9})\s*$`)

// displayRef spells a reference the way the app shows it (inc-7 is
// INC-0007), for messages about incidents that can no longer be read.
func displayRef(s string) string {
	if m := refLike.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		return domain.IncidentRef(n)
	}
	return strings.TrimSpace(s)
}
