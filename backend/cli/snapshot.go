package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/google/renameio/v2"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/metrics"
	"github.com/hindsight-app/hindsight/backend/store"
)

func (r *runner) snapshotCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "snapshot",
		Aliases: []string{"snapshots", "snap"},
		Short:   "Fetch, list, show and export metric snapshots of an incident",
		Long: `Fetch, list, show and export metric snapshots: a query of a monitoring
source over the incident's window, kept in the database as evidence.

The window is --start to --end, by default from an hour before the incident
started to 30 minutes after it was resolved (or now). Times are RFC 3339
(2026-11-23T14:05:00Z) or "YYYY-MM-DD HH:MM[:SS]" read in --tz (default the
local zone). The step is a Go duration (30s, 1m, 5m); by default it is chosen
for about 1,500 points per series.

'snapshot sync' fetches every query of the incident again: a query whose data
changed becomes a new version, and old versions are kept.

A snapshot is named by its id (see 'snapshot list'). With --json, list prints
a JSON array and show one object of

  {"id", "groupId", "version", "versions", "incident", "sourceId",
   "sourceName", "sourceKind", "sourceUrl", "title", "query", "start", "end",
   "stepSeconds", "fetchedAt", "hash", "seriesCount", "pointCount", "signal",
   "series": [{"key", "labels", "stats": {"count", "min", "max", "mean",
   "p50", "p90", "p99", "p999", "baseline", "baselineSpread",
   "baselinePoints", "departedAt"}}]}

Times are RFC 3339 in UTC (departedAt null when the series never left its
baseline); a statistic that is not a number (a series of gaps) is null.
Fields are only ever added.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(r.snapshotAddCmd(), r.snapshotListCmd(), r.snapshotSyncCmd(), r.snapshotShowCmd(),
		r.snapshotExportCmd(), r.snapshotAlertsCmd())
	return cmd
}

// windowFlags are --start, --end and --tz, shared by add and alerts.
type windowFlags struct{ start, end, tz string }

func (f *windowFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.start, "start", "", "start `time` of the window (default: an hour before the incident started)")
	fs.StringVar(&f.end, "end", "", "end `time` of the window (default: 30 minutes after it was resolved, or now)")
	fs.StringVar(&f.tz, "tz", "", "`zone` of YYYY-MM-DD HH:MM times, and of the times shown (default the local zone)")
	fs.SetNormalizeFunc(aliases(map[string]string{"zone": "tz", "from": "start", "to": "end"}))
}

// window reads the flags: a time not given is zero, which the metrics
// service takes as the incident's default window (and checks the window
// before it fetches anything).
func (f *windowFlags) window() (start, end time.Time, loc *time.Location, err error) {
	if loc, err = zone(f.tz); err != nil {
		return
	}
	fe := domain.FieldErrors{}
	for _, t := range []struct {
		name, val string
		dst       *time.Time
	}{{"start", f.start, &start}, {"end", f.end, &end}} {
		if strings.TrimSpace(t.val) == "" {
			continue
		}
		v, perr := domain.ParseTime(t.val, loc)
		if perr != nil {
			fe.Add(t.name, "%v", perr)
			continue
		}
		*t.dst = v
	}
	return start, end, loc, fe.Err()
}

// isTerminal says whether stdin, stdout or stderr (f) is a terminal
// rather than a pipe or a file.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	if !ok {
		return false
	}
	fi, err := file.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progress draws fetch progress on one line of stderr when it is a
// terminal; done clears the line.
func (r *runner) progress() (report func(metrics.Progress), done func()) {
	if !isTerminal(r.env.Stderr) {
		return func(metrics.Progress) {}, func() {}
	}
	drawn := false
	report = func(p metrics.Progress) {
		what := p.Query
		if p.Source != "" {
			what = p.Source + ": " + what
		}
		if r := []rune(clean(what)); len(r) > 60 {
			what = string(r[:60]) + "…"
		}
		fmt.Fprintf(r.env.Stderr, "\r\033[K%s %d/%d %s", p.Phase, p.Done, p.Total, what)
		drawn = true
	}
	return report, func() {
		if drawn {
			fmt.Fprint(r.env.Stderr, "\r\033[K")
		}
	}
}

func (r *runner) snapshotAddCmd() *cobra.Command {
	var (
		req    metrics.SnapshotRequest
		wf     windowFlags
		step   string
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "add INC-0042 --source NAME --query QUERY [flags]",
		Short: "Fetch a query over the incident's window and keep it as a snapshot",
		Example: `  hindsight snapshot add INC-0042 --source prod-prom \
    --query 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))' \
    --title "checkout p99 latency"
  hindsight snapshot add 42 --source graphite --query 'sumSeries(app.*.errors)' \
    --start "2026-11-23 13:00" --end "2026-11-23 16:00" --tz Europe/Berlin --step 1m`,
		Args: oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			var err error
			if req.Step, err = metrics.ParseStep(step); err != nil {
				return err
			}
			var loc *time.Location
			if req.Start, req.End, loc, err = wf.window(); err != nil {
				return err
			}
			st, inc, err := r.incident(cmd, args[0])
			if err != nil {
				return err
			}
			report, done := r.progress()
			snap, err := r.metricsService(st).AddSnapshot(cmd.Context(), inc.ID, req, report)
			done()
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), snapshotToJSON(snap, inc.Ref()))
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Added snapshot %s to %s: %s, %s and %s from %s over %s (step %s)\n",
				snap.ID, inc.Ref(), clean(snapshotTitle(snap)), seriesText(snap.SeriesCount), plural(snap.PointCount, "point"),
				clean(snap.SourceName), windowText(snap, loc), stepText(snap.Step))
			return err
		}),
	}
	fs := cmd.Flags()
	fs.StringVar(&req.Source, "source", "", "the monitoring `source` to query, by name (required)")
	fs.StringVar(&req.Query, "query", "", "the PromQL expression or Graphite target (required)")
	fs.StringVar(&req.Title, "title", "", "what the chart shows, e.g. \"checkout p99 latency\" (default: the query)")
	fs.StringVar(&step, "step", "", "the resolution, e.g. 30s or 1m (default: about 1,500 points per series)")
	fs.BoolVar(&asJSON, "json", false, "print the snapshot as JSON")
	wf.register(fs)
	return cmd
}

// seriesText counts series ("series" is its own plural).
func seriesText(n int) string { return strconv.Itoa(n) + " series" }

// snapshotTitle is the title, or the query when there is none.
func snapshotTitle(s *domain.Snapshot) string {
	if strings.TrimSpace(s.Title) != "" {
		return s.Title
	}
	return oneLine(s.Query)
}

func windowText(s *domain.Snapshot, loc *time.Location) string {
	return fmt.Sprintf("%s – %s (%s)", formatTime(&s.Start, loc), formatTime(&s.End, loc), domain.FormatMinutes(s.End.Sub(s.Start)))
}

func stepText(d time.Duration) string {
	if d <= 0 {
		return "automatic"
	}
	return d.String()
}

// snapshotJSON is a snapshot in --json output. Fields are only ever added.
type snapshotJSON struct {
	ID          string       `json:"id"`
	GroupID     string       `json:"groupId"`
	Version     int          `json:"version"`
	Versions    int          `json:"versions"`
	Incident    string       `json:"incident"`
	SourceID    string       `json:"sourceId"`
	SourceName  string       `json:"sourceName"`
	SourceKind  string       `json:"sourceKind"`
	SourceURL   string       `json:"sourceUrl"`
	Title       string       `json:"title"`
	Query       string       `json:"query"`
	Start       string       `json:"start"`
	End         string       `json:"end"`
	StepSeconds float64      `json:"stepSeconds"`
	FetchedAt   string       `json:"fetchedAt"`
	Hash        string       `json:"hash"`
	SeriesCount int          `json:"seriesCount"`
	PointCount  int          `json:"pointCount"`
	Signal      signalJSON   `json:"signal"`
	Series      []seriesJSON `json:"series"`
}

type signalJSON struct {
	SeriesKey string   `json:"seriesKey"`
	Threshold *float64 `json:"threshold"`
	Below     bool     `json:"below"`
}

type seriesJSON struct {
	Key    string            `json:"key"`
	Labels map[string]string `json:"labels"`
	Stats  statsJSON         `json:"stats"`
}

// statsJSON is the series' statistics with null for a value that is not
// a finite number, and the departure as an RFC 3339 time (null: none).
type statsJSON struct {
	metrics.FiniteStats
	DepartedAt *string `json:"departedAt"`
}

func msTime(ms int64) *time.Time {
	if ms == 0 {
		return nil
	}
	t := time.UnixMilli(ms).UTC()
	return &t
}

func statsToJSON(st domain.SeriesStats) statsJSON {
	return statsJSON{FiniteStats: metrics.ToFinite(st), DepartedAt: jsonTime(msTime(st.DepartedAt))}
}

// snapshotSeries is the snapshot's series: with points from GetSnapshot,
// without from lists.
func snapshotSeries(s *domain.Snapshot) []domain.Series {
	if s.Series != nil {
		return s.Series
	}
	return s.SeriesStats
}

func snapshotToJSON(s *domain.Snapshot, incidentRef string) snapshotJSON {
	out := snapshotJSON{ID: s.ID, GroupID: s.GroupID, Version: s.Version, Versions: s.Versions, Incident: incidentRef,
		SourceID: s.SourceID, SourceName: s.SourceName, SourceKind: string(s.SourceKind), SourceURL: s.SourceURL,
		Title: s.Title, Query: s.Query, Start: formatUTC(s.Start), End: formatUTC(s.End), StepSeconds: s.Step.Seconds(),
		FetchedAt: formatUTC(s.FetchedAt), Hash: s.Hash, SeriesCount: s.SeriesCount, PointCount: s.PointCount,
		Signal: signalJSON{SeriesKey: s.Signal.SeriesKey, Threshold: s.Signal.Threshold, Below: s.Signal.Below},
		Series: []seriesJSON{}}
	if out.Versions < out.Version {
		out.Versions = out.Version
	}
	for _, se := range snapshotSeries(s) {
		labels := se.Labels
		if labels == nil {
			labels = map[string]string{}
		}
		out.Series = append(out.Series, seriesJSON{Key: se.Key, Labels: labels, Stats: statsToJSON(se.Stats)})
	}
	return out
}

func (r *runner) snapshotListCmd() *cobra.Command {
	var (
		tz     string
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "list INC-0042",
		Short: "List an incident's snapshots, the latest version of each",
		Args:  oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			loc, err := zone(tz)
			if err != nil {
				return err
			}
			st, inc, err := r.incident(cmd, args[0])
			if err != nil {
				return err
			}
			list, err := st.ListSnapshots(cmd.Context(), inc.ID)
			if err != nil {
				return err
			}
			if asJSON {
				out := make([]snapshotJSON, len(list))
				for k := range list {
					out[k] = snapshotToJSON(&list[k], inc.Ref())
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			bw := bufio.NewWriter(cmd.OutOrStdout())
			if len(list) == 0 {
				fmt.Fprintf(bw, "no snapshots of %s; add one with 'hindsight snapshot add %s --source NAME --query QUERY'\n", inc.Ref(), inc.Ref())
				return bw.Flush()
			}
			tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tTITLE\tSOURCE\tSERIES\tPOINTS\tVERSION\tFETCHED")
			for k := range list {
				s := &list[k]
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d of %d\t%s\n", s.ID[:min(8, len(s.ID))], short1(clean(snapshotTitle(s))), clean(s.SourceName),
					s.SeriesCount, s.PointCount, s.Version, s.Versions, formatTime(&s.FetchedAt, loc))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			return bw.Flush()
		}),
	}
	cmd.Flags().StringVar(&tz, "tz", "", "show times in this `zone` (default the local zone)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the snapshots as a JSON array")
	cmd.Flags().SetNormalizeFunc(aliases(map[string]string{"zone": "tz"}))
	return cmd
}

func (r *runner) snapshotSyncCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "sync INC-0042",
		Short: "Fetch every snapshot of an incident again; changed data becomes a new version",
		Long: `Fetch every snapshot of an incident again, each over its own window. A query
whose data changed (late samples, a backfill) becomes a new version; one
whose data is the same is left as it is. Old versions are kept.`,
		Args: oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			st, inc, err := r.incident(cmd, args[0])
			if err != nil {
				return err
			}
			report, done := r.progress()
			res, err := r.metricsService(st).Sync(cmd.Context(), inc.ID, report)
			done()
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), map[string]int{"added": res.Added, "unchanged": res.Unchanged})
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Synced %s: %s added, %d unchanged\n", inc.Ref(), plural(res.Added, "new version"), res.Unchanged)
			return err
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `print {"added": N, "unchanged": M}`)
	return cmd
}

// oneSnapshot requires exactly one snapshot argument.
func oneSnapshot(cmd *cobra.Command, args []string) error {
	switch {
	case len(args) == 0:
		return domain.Errorf(domain.EINVALID, "name the snapshot by its id or the id's first 8 characters (see 'hindsight snapshot list INC-0042')")
	case len(args) > 1:
		return domain.Errorf(domain.EINVALID, "%s takes one snapshot; got %d arguments", cmd.CommandPath(), len(args))
	}
	return nil
}

// snapshotIncident is the reference of the snapshot's incident.
func snapshotIncident(cmd *cobra.Command, st *store.Store, s *domain.Snapshot) (string, error) {
	inc, err := st.GetIncident(cmd.Context(), s.IncidentID)
	if err != nil {
		return "", err
	}
	return inc.Ref(), nil
}

func (r *runner) snapshotShowCmd() *cobra.Command {
	var (
		tz     string
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "show SNAPSHOT-ID",
		Short: "Show a snapshot: its query, window and each series' statistics",
		Args:  oneSnapshot,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			loc, err := zone(tz)
			if err != nil {
				return err
			}
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			s, err := st.GetSnapshot(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			ref, err := snapshotIncident(cmd, st, s)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), snapshotToJSON(s, ref))
			}
			return writeSnapshot(cmd.OutOrStdout(), s, ref, loc)
		}),
	}
	cmd.Flags().StringVar(&tz, "tz", "", "show times in this `zone` (default the local zone)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the snapshot, with each series' statistics, as JSON")
	cmd.Flags().SetNormalizeFunc(aliases(map[string]string{"zone": "tz"}))
	return cmd
}

// num shows a statistic to four significant digits, "—" when it is not a
// number.
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return unknown
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

func writeSnapshot(w io.Writer, s *domain.Snapshot, ref string, loc *time.Location) error {
	bw := bufio.NewWriter(w)
	line := func(label, value string) { fmt.Fprintf(bw, "%-11s%s\n", label, value) }
	fmt.Fprintf(bw, "%s\n\n", clean(snapshotTitle(s)))
	line("Incident", ref)
	line("Source", fmt.Sprintf("%s (%s, %s)", clean(s.SourceName), s.SourceKind, clean(s.SourceURL)))
	line("Query", clean(oneLine(s.Query)))
	line("Window", windowText(s, loc))
	line("Step", stepText(s.Step))
	versions := s.Versions
	if versions < s.Version {
		versions = s.Version
	}
	line("Version", fmt.Sprintf("%d of %d, fetched %s", s.Version, versions, formatTime(&s.FetchedAt, loc)))
	line("Data", fmt.Sprintf("%s, %s", seriesText(s.SeriesCount), plural(s.PointCount, "point")))
	if s.Signal.SeriesKey != "" {
		sig := clean(s.Signal.SeriesKey)
		if s.Signal.Threshold != nil {
			dir := "above"
			if s.Signal.Below {
				dir = "below"
			}
			sig += fmt.Sprintf(", impact %s %s", dir, num(*s.Signal.Threshold))
		}
		line("Signal", sig)
	}
	line("Hash", s.Hash)
	fmt.Fprintln(bw)

	series := snapshotSeries(s)
	if len(series) == 0 {
		fmt.Fprintln(bw, "The query returned no series.")
		return bw.Flush()
	}
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "MIN\tMAX\tMEAN\tP50\tP90\tP99\tP99.9\tDEPARTED\tSERIES")
	for _, se := range series {
		st := se.Stats
		departed := unknown
		if t := msTime(st.DepartedAt); t != nil {
			departed = formatTime(t, loc)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", num(st.Min), num(st.Max), num(st.Mean), num(st.P50),
			num(st.P90), num(st.P99), num(st.P999), departed, clean(seriesName(se)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}

// alertLabels shows an alert's labels that say more than its name.
func alertLabels(labels map[string]string) string {
	names := make([]string, 0, len(labels))
	for k := range labels {
		switch k {
		case "__name__", "alertname", "alertstate":
		default:
			names = append(names, k)
		}
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for k, n := range names {
		parts[k] = fmt.Sprintf("%s=%q", n, labels[n])
	}
	return strings.Join(parts, " ")
}

// seriesName is the series' key, or its labels when it has none.
func seriesName(se domain.Series) string {
	if se.Key != "" {
		return se.Key
	}
	names := make([]string, 0, len(se.Labels))
	for k := range se.Labels {
		names = append(names, k)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for k, n := range names {
		parts[k] = fmt.Sprintf("%s=%q", n, se.Labels[n])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func (r *runner) snapshotExportCmd() *cobra.Command {
	var format, out string
	cmd := &cobra.Command{
		Use:   "export SNAPSHOT-ID [--out FILE]",
		Short: "Write a snapshot's points as CSV, on stdout or to a file",
		Args:  oneSnapshot,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if f := strings.ToLower(strings.TrimSpace(format)); f != "csv" {
				return fieldError("format", "unknown format %q; use csv", format)
			}
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			s, err := st.GetSnapshot(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if out == "" || out == "-" {
				bw := bufio.NewWriter(cmd.OutOrStdout())
				if err := metrics.WriteCSV(bw, s); err != nil {
					return err
				}
				return bw.Flush()
			}
			var buf bytes.Buffer
			if err := metrics.WriteCSV(&buf, s); err != nil {
				return err
			}
			// Written whole or not at all: a half-written file would pass
			// for the evidence.
			if err := renameio.WriteFile(out, buf.Bytes(), 0o644); err != nil {
				return fieldError("out", "cannot write %s: %v", filepath.Base(out), unwrapPathError(err))
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Wrote %s (%s, %s)\n", out, seriesText(s.SeriesCount), plural(s.PointCount, "point"))
			return err
		}),
	}
	cmd.Flags().StringVar(&format, "format", "csv", "csv")
	cmd.Flags().StringVarP(&out, "out", "o", "", "write to this `file` instead of stdout (replaced whole, never half-written)")
	return cmd
}

// alertJSON is an alert moment in --json output.
type alertJSON struct {
	Name       string            `json:"name"`
	Key        string            `json:"key"`
	Labels     map[string]string `json:"labels"`
	FiringAt   string            `json:"firingAt"`
	ResolvedAt *string           `json:"resolvedAt"`
	InTimeline bool              `json:"inTimeline"`
}

func (r *runner) snapshotAlertsCmd() *cobra.Command {
	var (
		source string
		wf     windowFlags
		add    bool
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "alerts INC-0042 --source NAME [--add]",
		Short: "List when alerts fired and resolved during the incident; --add puts them on the timeline",
		Long: `List when alerts fired and resolved during the incident's window, from a
Prometheus source's ALERTS series, and whether each is on the timeline
already. With --add, they are added to the timeline as alert events; adding
twice adds nothing twice.`,
		Args: oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			st, inc, err := r.incident(cmd, args[0])
			if err != nil {
				return err
			}
			start, end, loc, err := wf.window()
			if err != nil {
				return err
			}
			svc := r.metricsService(st)
			found, err := svc.FindAlerts(cmd.Context(), inc.ID, source, start, end)
			if err != nil {
				return err
			}
			if add {
				alerts := make([]metrics.Alert, len(found))
				for k := range found {
					alerts[k] = found[k].Alert
				}
				res, err := svc.AddAlerts(domain.WithActor(cmd.Context(), r.user()), inc.ID, alerts)
				if err != nil {
					return err
				}
				if asJSON {
					return writeJSON(cmd.OutOrStdout(), res)
				}
				_, err = fmt.Fprintf(cmd.OutOrStdout(), "added %d, already there %d\n", res.Added, res.Duplicates)
				return err
			}
			if asJSON {
				out := make([]alertJSON, len(found))
				for k, a := range found {
					labels := a.Labels
					if labels == nil {
						labels = map[string]string{}
					}
					out[k] = alertJSON{Name: a.Name, Key: a.Key, Labels: labels, FiringAt: formatUTC(a.FiringAt),
						ResolvedAt: jsonTime(a.ResolvedAt), InTimeline: a.InTimeline}
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			bw := bufio.NewWriter(cmd.OutOrStdout())
			if len(found) == 0 {
				fmt.Fprintf(bw, "no alerts fired in %s's window\n", inc.Ref())
				return bw.Flush()
			}
			tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "FIRING\tRESOLVED\tTIMELINE\tALERT")
			for _, a := range found {
				on := "no"
				if a.InTimeline {
					on = "yes"
				}
				name := a.Name
				if l := alertLabels(a.Labels); l != "" {
					name += " " + l
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", formatTime(&a.FiringAt, loc), formatTime(a.ResolvedAt, loc), on, short1(clean(name)))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			return bw.Flush()
		}),
	}
	fs := cmd.Flags()
	fs.StringVar(&source, "source", "", "the Prometheus `source` to read ALERTS from (required)")
	fs.BoolVar(&add, "add", false, "add the alerts to the timeline (each once)")
	fs.BoolVar(&asJSON, "json", false, "print the alerts (with --add: the result) as JSON")
	wf.register(fs)
	return cmd
}
