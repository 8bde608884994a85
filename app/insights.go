package app

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/exportdir"
	"github.com/hindsight-app/hindsight/backend/insights"
)

const insightsExportDirSetting = "insightsExportDir"

// InsightsInput is the range the Insights view asks for: months
// (YYYY-MM, both inclusive) in the user's zone, "" for the default (the
// last 12 full months and the current one), and the services to keep
// (none: all).
type InsightsInput struct {
	From     string   `json:"from"`
	To       string   `json:"to"`
	Services []string `json:"services"`
}

// InsightsChartView names one chart: what export and CSV take, and its
// title.
type InsightsChartView struct {
	Name  string `json:"name"`
	Title string `json:"title"`
}

// InsightsView is the figures of a range (domain.Insights: durations in
// seconds, one entry per month) with the range as read: From and To are
// its first and last month, Incidents how many incidents started in it.
type InsightsView struct {
	Figures   domain.Insights     `json:"figures"`
	From      string              `json:"from"`
	To        string              `json:"to"`
	Incidents int                 `json:"incidents"`
	Charts    []InsightsChartView `json:"charts"`
	// FileSuffix follows the chart's name in the export's file names:
	// "insights-<chart>" + FileSuffix + ".svg".
	FileSuffix string `json:"fileSuffix"`
	TookMicros int64  `json:"tookMicros"`
}

// InsightsExportInput is what the export dialog asks for: the range, the
// charts and formats ("svg", "csv"), the folder and whether to overwrite.
type InsightsExportInput struct {
	Range   InsightsInput `json:"range"`
	Charts  []string      `json:"charts"`
	Formats []string      `json:"formats"`
	Dir     string        `json:"dir"`
	Force   bool          `json:"force"`
}

// InsightsExportView is where an export went: the folder and the files'
// full paths.
type InsightsExportView struct {
	Dir   string   `json:"dir"`
	Files []string `json:"files"`
}

// InsightsStore is what the Insights view reads: the figures, and the
// incidents a month counts. *store.Store is one.
type InsightsStore interface {
	insights.Source
	InsightsIncidents(ctx context.Context, q domain.InsightsQuery, limit, offset int) (*domain.IncidentPage, error)
}

// InsightsAPI is bound to the frontend: the Insights view's figures and
// their export as SVG and CSV.
type InsightsAPI struct {
	ctx context.Context
	cfg Config
}

func (a *InsightsAPI) now() time.Time {
	if a.cfg.Clock == nil {
		return time.Now()
	}
	return a.cfg.Clock()
}

// query reads a range in the user's zone; bad months name "from" or "to".
func (a *InsightsAPI) query(in InsightsInput) (domain.InsightsQuery, error) {
	q, err := insights.Range(in.From, in.To, a.now(), userZone(a.cfg))
	if err != nil {
		return q, err
	}
	q.Services = in.Services
	return q, nil
}

func (a *InsightsAPI) compute(in InsightsInput) (*domain.Insights, domain.InsightsQuery, error) {
	if a.cfg.Insights == nil {
		return nil, domain.InsightsQuery{}, errNoDatabase
	}
	q, err := a.query(in)
	if err != nil {
		return nil, q, err
	}
	out, err := insights.Compute(context.Background(), a.cfg.Insights, metricsService(a.cfg).DetectionLag, q)
	return out, q, err
}

// Insights returns the figures of a range.
func (a *InsightsAPI) Insights(in InsightsInput) (InsightsView, error) {
	start := time.Now()
	got, q, err := a.compute(in)
	if err != nil {
		return InsightsView{}, err
	}
	v := InsightsView{Figures: *got, From: q.From.In(q.Zone).Format(domain.MonthLayout), To: insights.LastMonth(q),
		FileSuffix: insights.FileSuffix(got, q.ServiceFilter())}
	for _, c := range got.BySeverity {
		v.Incidents += c.Total
	}
	for _, c := range insights.Charts {
		v.Charts = append(v.Charts, InsightsChartView{Name: c, Title: insights.Title(c)})
	}
	v.TookMicros = time.Since(start).Microseconds()
	return v, nil
}

// CSV is one chart's numbers as the CSV export writes them, for copying.
func (a *InsightsAPI) CSV(in InsightsInput, chart string) (string, error) {
	if err := insights.CheckChart("chart", chart); err != nil {
		return "", err
	}
	got, _, err := a.compute(in)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := insights.CSV(&b, got, chart); err != nil {
		return "", err
	}
	return b.String(), nil
}

// ExportDir is the folder of the last Insights export, else of the last
// meeting or postmortem export; "" before any.
func (a *InsightsAPI) ExportDir() string {
	if v, _ := a.cfg.Settings.Setting(context.Background(), insightsExportDirSetting, ""); v != "" {
		return v
	}
	return (&MeetingsAPI{cfg: a.cfg}).ExportDir()
}

// ChooseExportDir asks for a folder; "" when the user cancels.
func (a *InsightsAPI) ChooseExportDir() (string, error) {
	if a.ctx == nil {
		return "", domain.Errorf(domain.EINVALID, "no window to open a folder dialog in; type the folder")
	}
	return runtime.OpenDirectoryDialog(a.ctx, runtime.OpenDialogOptions{
		Title: "Export the charts into…", DefaultDirectory: a.ExportDir(), CanCreateDirectories: true,
	})
}

// Export writes the chosen charts, each as SVG and/or CSV, into the
// folder. Bad choices name "charts" or "formats", the range "from" or
// "to"; a folder that is missing, or holds one of the files while force
// is false, is an error on "dir", and then nothing is written.
func (a *InsightsAPI) Export(in InsightsExportInput) (InsightsExportView, error) {
	in.Dir = strings.TrimSpace(in.Dir)
	fe := domain.FieldErrors{}
	if in.Dir == "" {
		fe.Add("dir", "is required: choose the folder to export into")
	}
	insights.CheckFiles(fe, in.Charts, in.Formats)
	if err := fe.Err(); err != nil {
		return InsightsExportView{}, err
	}
	got, q, err := a.compute(in.Range)
	if err != nil {
		return InsightsExportView{}, err
	}
	files, err := insights.Files(got, q.ServiceFilter(), in.Charts, in.Formats)
	if err != nil {
		return InsightsExportView{}, err
	}
	names, err := exportdir.Write(in.Dir, files, in.Force)
	if err != nil {
		if code := domain.ErrorCode(err); code == domain.ECONFLICT || code == domain.ENOTFOUND || code == domain.EINVALID {
			fe := domain.FieldErrors{}
			fe.Add("dir", "%s", domain.ErrorMessage(err))
			return InsightsExportView{}, fe.Err()
		}
		return InsightsExportView{}, err
	}
	_ = a.cfg.Settings.SetSetting(context.Background(), insightsExportDirSetting, in.Dir)
	for k, n := range names {
		names[k] = filepath.Join(in.Dir, filepath.FromSlash(n))
	}
	return InsightsExportView{Dir: in.Dir, Files: nonNil(names)}, nil
}

// MonthIncidents lists one page of the incidents a month of the view
// counts (month YYYY-MM in the user's zone, affecting one of services if
// any are given), worst first; limit 0 is a page of 50. A bad month names
// "month".
func (a *InsightsAPI) MonthIncidents(month string, services []string, limit, offset int) (IncidentPageView, error) {
	if a.cfg.Insights == nil {
		return IncidentPageView{}, errNoDatabase
	}
	q, err := insights.Month(month, userZone(a.cfg), services)
	if err != nil {
		return IncidentPageView{}, err
	}
	p, err := a.cfg.Insights.InsightsIncidents(context.Background(), q, limit, offset)
	if err != nil {
		return IncidentPageView{}, err
	}
	return incidentPageView(p), nil
}
