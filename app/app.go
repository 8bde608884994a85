// Package app is the only package that imports Wails. It binds thin structs
// to the frontend, maps domain errors to what the UI can place next to a
// field, and otherwise calls straight into backend/.
package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/markdown"
	"github.com/hindsight-app/hindsight/backend/metrics"
)

// Config is everything the window needs; main.go builds it.
type Config struct {
	Incidents domain.IncidentService
	Timeline  domain.TimelineService
	Actions   domain.ActionService
	Causes    domain.CauseService
	Settings  domain.SettingsService
	Metrics   domain.MetricService
	// Postmortems may be nil (no database): the postmortem calls then answer
	// "no database is open".
	Postmortems domain.PostmortemService
	// Meetings may be nil (no database) like Postmortems.
	Meetings domain.MeetingService
	// Search may be nil (no database) like Postmortems.
	Search domain.SearchService
	// Insights may be nil (no database) like Postmortems.
	Insights InsightsStore
	// Secrets holds monitoring sources' secrets; nil is the OS keyring.
	Secrets metrics.Secrets
	// Getenv reads environment variables that sources name for secrets.
	Getenv func(string) string
	// Demo loads the sample incident and returns it.
	Demo    func(ctx context.Context) (*domain.Incident, error)
	Assets  fs.FS
	Logger  *slog.Logger
	Version string
	DBPath  string
	LogPath string
	// StartTime is when the process started, for the first-paint figure.
	StartTime time.Time
	// StartupError says why the database could not be opened; Incidents and
	// Settings are nil then, and the window shows only this message.
	StartupError string
	// MeasureStartup prints "first-paint-ms N" on stdout once the frontend
	// has painted, and quits: used by the smoke test and docs/performance.md.
	MeasureStartup bool
	Clock          domain.Clock
}

// Run opens the window and blocks until it is closed.
func Run(cfg Config) error {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Incidents == nil || cfg.Settings == nil || cfg.Timeline == nil || cfg.Actions == nil || cfg.Causes == nil || cfg.Metrics == nil {
		cfg.Incidents, cfg.Settings, cfg.Timeline, cfg.Actions, cfg.Causes, cfg.Metrics = noDatabase{}, noDatabase{}, noDatabase{}, noDatabase{}, noDatabase{}, noDatabase{}
	}
	if cfg.Demo == nil {
		cfg.Demo = func(context.Context) (*domain.Incident, error) { return nil, errNoDatabase }
	}
	sys := &SystemAPI{cfg: cfg}
	inc := &IncidentsAPI{cfg: cfg}
	tl := &TimelineAPI{cfg: cfg}
	act := &ActionsAPI{cfg: cfg}
	cau := &CausesAPI{cfg: cfg}
	met := newMetricsAPI(cfg)
	pm := newPostmortemsAPI(cfg)
	mtg := &MeetingsAPI{cfg: cfg}
	srch := &SearchAPI{cfg: cfg}
	ins := &InsightsAPI{cfg: cfg}
	return wails.Run(&options.App{
		Title:            "Hindsight",
		Width:            1280,
		Height:           820,
		MinWidth:         900,
		MinHeight:        560,
		BackgroundColour: &options.RGBA{R: 250, G: 250, B: 250, A: 255},
		AssetServer:      &assetserver.Options{Assets: cfg.Assets},
		OnStartup: func(ctx context.Context) {
			sys.ctx = ctx
			inc.ctx = ctx
			tl.ctx = ctx
			act.ctx = ctx
			cau.ctx = ctx
			met.ctx = ctx
			pm.ctx = ctx
			mtg.ctx = ctx
			srch.ctx = ctx
			ins.ctx = ctx
		},
		Bind:           []any{sys, inc, tl, act, cau, met, pm, mtg, srch, ins},
		ErrorFormatter: func(err error) any { return toUIError(cfg.Logger, err) },
		Linux:          &linux.Options{ProgramName: "hindsight", WebviewGpuPolicy: linux.WebviewGpuPolicyOnDemand},
	})
}

// UIError is what a rejected promise carries to the frontend: a code, a
// sentence, and per-field messages to show under the fields.
type UIError struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// toUIError maps a domain error to its UI form. Anything that is not a
// domain error is logged with its detail and shown as "Internal error".
func toUIError(log *slog.Logger, err error) UIError {
	var de *domain.Error
	if errors.As(err, &de) {
		return UIError{Code: string(de.Code), Message: de.Error(), Fields: de.Fields}
	}
	log.Error("internal error", "err", err)
	return UIError{Code: string(domain.EINTERNAL), Message: "Internal error: the details are in the log file."}
}

// SystemAPI: metadata, settings, the sample incident and start-up timing.
type SystemAPI struct {
	ctx context.Context
	cfg Config
}

// Meta returns the vocabulary and where the data lives.
func (s *SystemAPI) Meta() MetaView {
	return MetaView{
		Version: s.cfg.Version, DBPath: s.cfg.DBPath, LogPath: s.cfg.LogPath,
		SystemZone: time.Local.String(),
		Severities: domain.SeverityLevels, Statuses: domain.StatusLevels,
		SortKeys: domain.IncidentSortKeys, StartupError: s.cfg.StartupError,
		EventKinds: domain.EventKinds,
		Priorities: domain.Priorities, ActionTypes: domain.ActionTypes, ActionStatuses: domain.ActionStatuses,
		ActionSortKeys: domain.ActionSortKeys, CauseKinds: domain.CauseKinds,
	}
}

// Settings returns the stored preferences with their defaults filled in.
func (s *SystemAPI) Settings() (SettingsView, error) {
	ctx := context.Background()
	var v SettingsView
	var err error
	if v.Theme, err = s.cfg.Settings.Setting(ctx, "theme", "system"); err != nil {
		return v, err
	}
	if v.Zone, err = s.cfg.Settings.Setting(ctx, "zone", ""); err != nil {
		return v, err
	}
	if v.UserName, err = s.cfg.Settings.Setting(ctx, "userName", defaultUserName()); err != nil {
		return v, err
	}
	due := domain.DueDaysFor(func(key string) string {
		val, _ := s.cfg.Settings.Setting(ctx, key, "")
		return val
	})
	for _, p := range domain.Priorities {
		v.ActionDue = append(v.ActionDue, due(p.Name))
	}
	return v, nil
}

// SaveSettings checks and stores the preferences; a bad value names its field.
func (s *SystemAPI) SaveSettings(v SettingsView) (SettingsView, error) {
	fe := domain.FieldErrors{}
	switch v.Theme {
	case "system", "light", "dark":
	default:
		fe.Add("theme", "must be system, light or dark")
	}
	if v.Zone != "" {
		if _, err := domain.LoadZone(v.Zone); err != nil {
			fe.Add("zone", "%s", err)
		}
	}
	if len(v.UserName) > domain.MaxNameLen {
		fe.Add("userName", "is longer than %d characters", domain.MaxNameLen)
	}
	due := map[string]string{}
	if v.ActionDue != nil {
		if len(v.ActionDue) != len(domain.Priorities) {
			fe.Add("actionDue", "needs one number of days for each of %d priorities", len(domain.Priorities))
		}
		for k, p := range domain.Priorities {
			if k >= len(v.ActionDue) {
				break
			}
			val := strconv.Itoa(v.ActionDue[k])
			if _, err := domain.ParseDueDays(val); err != nil {
				fe.Add("actionDue"+string(p.Name), "%s", err)
			}
			due[p.SettingKey] = val
		}
	}
	if err := fe.Err(); err != nil {
		return v, err
	}
	ctx := context.Background()
	due["theme"], due["zone"], due["userName"] = v.Theme, v.Zone, v.UserName
	for k, val := range due {
		if err := s.cfg.Settings.SetSetting(ctx, k, val); err != nil {
			return v, err
		}
	}
	return s.Settings()
}

// LoadDemo loads the sample incident and returns it.
func (s *SystemAPI) LoadDemo() (IncidentView, error) {
	i, err := s.cfg.Demo(context.Background())
	if err != nil {
		return IncidentView{}, err
	}
	return incidentView(i), nil
}

// FrontendReady is called by the frontend after its first paint.
func (s *SystemAPI) FrontendReady() {
	elapsed := time.Since(s.cfg.StartTime)
	s.cfg.Logger.Info("first paint", "ms", elapsed.Milliseconds())
	if s.cfg.MeasureStartup {
		fmt.Printf("first-paint-ms %d\n", elapsed.Milliseconds())
		if s.ctx != nil {
			runtime.Quit(s.ctx)
		}
	}
}

// RenderMarkdown returns sanitized HTML for markdown the user wrote.
func (s *SystemAPI) RenderMarkdown(src string) string {
	return markdown.ToHTML(src)
}

// ReportError records a frontend failure in the log file.
func (s *SystemAPI) ReportError(message string) {
	if len(message) > 4000 {
		message = message[:4000]
	}
	s.cfg.Logger.Error("frontend error", "message", message)
}

func defaultUserName() string {
	for _, k := range []string{"USER", "USERNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return ""
}
