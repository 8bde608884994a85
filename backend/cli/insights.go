package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/exportdir"
	"github.com/hindsight-app/hindsight/backend/insights"
	"github.com/hindsight-app/hindsight/backend/meeting"
)

func (r *runner) insightsCmd() *cobra.Command {
	var (
		from, to, tz, csvChart, svgChart, out string
		services                              []string
		asJSON, force                         bool
	)
	cmd := &cobra.Command{
		Use:   "insights [--from YYYY-MM] [--to YYYY-MM] [flags]",
		Short: "Incidents, times to detect and resolve, actions on time and recurring themes, month by month",
		Long: `Month by month, in your zone: incidents by severity, time to detect and
to resolve (median and p90), the detection lag where a metric snapshot
has a signal, the share of actions due that month that were done on time,
and the services and cause statements that recur across incidents.

An incident belongs to the month it started in; its times to detect and
resolve count there too. --to is the last month shown. By default: the
last 12 full months and the current one.

--csv CHART prints one chart's numbers as CSV; --svg CHART --out FILE
draws it as an SVG file (written whole; an existing file only with
--force). Charts: ` + strings.Join(insights.Charts, ", ") + `.`,
		Example: `  hindsight insights
  hindsight insights --from 2026-01 --to 2026-06 --service checkout-api
  hindsight insights --csv severity > severity.csv
  hindsight insights --svg detect --out detect.svg --tz Europe/Berlin`,
		Args: cobra.NoArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			// Bad flags are reported before the database is opened.
			fe := domain.FieldErrors{}
			if csvChart != "" && svgChart != "" {
				fe.Add("svg", "give --csv or --svg, not both")
			}
			if asJSON && (csvChart != "" || svgChart != "") {
				fe.Add("json", "prints the figures; leave it out with --csv or --svg")
			}
			if csvChart != "" {
				if err := insights.CheckChart("csv", csvChart); err != nil {
					return err
				}
			}
			if svgChart != "" {
				if err := insights.CheckChart("svg", svgChart); err != nil {
					return err
				}
				if out == "" {
					fe.Add("out", "is required with --svg: give the file to write")
				}
			}
			if out != "" && csvChart == "" && svgChart == "" {
				fe.Add("out", "writes a chart; give --svg CHART or --csv CHART")
			}
			if err := fe.Err(); err != nil {
				return err
			}
			st, loc, err := r.storeZone(cmd, tz)
			if err != nil {
				return err
			}
			q, err := insights.Range(from, to, r.env.Now(), loc)
			if err != nil {
				return err
			}
			q.Services = splitList(services)
			in, err := insights.Compute(cmd.Context(), st, r.metricsService(st).DetectionLag, q)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			switch {
			case asJSON:
				return writeJSON(cmd.OutOrStdout(), in)
			case csvChart != "":
				if err := insights.CSV(&buf, in, csvChart); err != nil {
					return err
				}
			case svgChart != "":
				if err := insights.SVG(&buf, in, svgChart); err != nil {
					return err
				}
			default:
				return writeInsights(cmd.OutOrStdout(), in)
			}
			if out == "" {
				_, err := cmd.OutOrStdout().Write(buf.Bytes())
				return err
			}
			dir, name := filepath.Split(out)
			if dir == "" {
				dir = "."
			}
			if _, err := exportdir.Write(dir, []exportdir.File{{Name: name, Data: buf.Bytes()}}, force); err != nil {
				return forceHint(err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s\n", out)
			return nil
		}),
	}
	cmd.AddCommand(r.insightsIncidentsCmd())
	fs := cmd.Flags()
	fs.StringVar(&from, "from", "", "first `month` (YYYY-MM; default: 12 months before the current one)")
	fs.StringVar(&to, "to", "", "last `month` (YYYY-MM; default: the current one)")
	fs.StringVar(&tz, "tz", "", "`zone` the months are counted in (default: your settings, else local)")
	fs.StringArrayVar(&services, "service", nil, "only incidents affecting these `services` (and their actions), comma-separated or repeated")
	fs.BoolVar(&asJSON, "json", false, "print all the figures as JSON")
	fs.StringVar(&csvChart, "csv", "", "print this `chart`'s numbers as CSV ("+strings.Join(insights.Charts, ", ")+")")
	fs.StringVar(&svgChart, "svg", "", "draw this `chart` as SVG into --out")
	fs.StringVarP(&out, "out", "o", "", "the `file` to write the chart to")
	fs.BoolVar(&force, "force", false, "overwrite the --out file if it exists")
	fs.SetNormalizeFunc(aliases(map[string]string{"services": "service", "zone": "tz"}))
	return cmd
}

// writeInsights prints the monthly figures as a table, then what recurs.
func writeInsights(w io.Writer, in *domain.Insights) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Months in %s; times are h:mm (median / p90).\n\n", in.Zone)
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "MONTH\tSEV1\tSEV2\tSEV3\tSEV4\tTOTAL\tDETECT\tRESOLVE\tLAG\tACTIONS ON TIME")
	dur := meeting.Trend{Unit: "seconds"}
	pair := func(s domain.MonthStats) string {
		if s.N == 0 {
			return "—"
		}
		return dur.Format(s.Median) + " / " + dur.Format(s.P90)
	}
	for k, m := range in.Months {
		c, a := in.BySeverity[k], in.ActionsOnTime[k]
		share := "—"
		if a.Share != nil {
			share = fmt.Sprintf("%d of %d (%.0f%%)", a.OnTime, a.Due, *a.Share*100)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%s\n", m, c.SEV1, c.SEV2, c.SEV3, c.SEV4, c.Total,
			pair(in.Detect[k]), pair(in.Resolve[k]), pair(in.DetectionLag[k]), share)
	}
	tw.Flush()
	for _, l := range []struct {
		title string
		rs    []domain.Recurring
	}{{"Recurring services", in.Services}, {"Recurring causes", in.Themes}} {
		fmt.Fprintf(bw, "\n%s:\n", l.title)
		if len(l.rs) == 0 {
			fmt.Fprintln(bw, "  none")
		}
		for _, r := range l.rs {
			fmt.Fprintf(bw, "  %s: %d incidents (%s)\n", oneLine(r.Name), r.Incidents, strings.Join(r.Refs, ", "))
		}
	}
	return bw.Flush()
}

// insightsIncidentsCmd lists what a month's bar counts.
func (r *runner) insightsIncidentsCmd() *cobra.Command {
	var (
		tz            string
		services      []string
		limit, offset int
		asJSON        bool
	)
	cmd := &cobra.Command{
		Use:   "incidents YYYY-MM [flags]",
		Short: "The incidents a month of the insights counts, worst first",
		Long: `The incidents that started in the month, in --tz (default: your settings,
else local), out of the trash, affecting one of --service if given: the
ones the month's figures count. Worst first, then in the order they
started.`,
		Example: `  hindsight insights incidents 2026-08
  hindsight insights incidents 2026-08 --service payments --json | jq -r '.[].ref'`,
		Args: cobra.ExactArgs(1),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("limit") && limit == 0 {
				return fieldError("limit", "must be at least 1")
			}
			st, loc, err := r.storeZone(cmd, tz)
			if err != nil {
				return err
			}
			q, err := insights.Month(args[0], loc, splitList(services))
			if err != nil {
				return err
			}
			page, err := st.InsightsIncidents(cmd.Context(), q, limit, offset)
			if err != nil {
				return err
			}
			return writeIncidentPage(cmd.OutOrStdout(), page, domain.IncidentFilter{Services: q.Services}, loc, asJSON)
		}),
	}
	fs := cmd.Flags()
	fs.StringVar(&tz, "tz", "", "`zone` the month is counted in, and times shown in (default: your settings, else local)")
	fs.StringArrayVar(&services, "service", nil, "only incidents affecting these `services`, comma-separated or repeated")
	fs.IntVar(&limit, "limit", domain.DefaultPageSize, fmt.Sprintf("incidents per page, at most %d", domain.MaxPageSize))
	fs.IntVar(&offset, "offset", 0, "skip this many incidents (the next page starts at offset+limit)")
	fs.BoolVar(&asJSON, "json", false, "print a JSON array of incidents")
	fs.SetNormalizeFunc(aliases(map[string]string{"services": "service", "zone": "tz"}))
	return cmd
}
