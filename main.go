// Hindsight: incidents and postmortems, local-first. With no arguments it
// opens the window; with a subcommand it is the CLI (see `hindsight --help`).
package main

import (
	"embed"
	"io/fs"
	"os"
	"time"

	"github.com/hindsight-app/hindsight/app"
	"github.com/hindsight-app/hindsight/backend/cli"
)

//go:embed all:frontend/dist
var dist embed.FS

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	start := time.Now()
	assets, err := fs.Sub(dist, "frontend/dist")
	if err != nil {
		panic(err) // the embed pattern above guarantees the folder
	}
	if app.GeneratingBindings {
		_ = app.Run(app.Config{Assets: assets})
		return
	}
	os.Exit(cli.Main(os.Args[1:], cli.Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		Getenv: os.Getenv, Now: time.Now, Version: version,
		OpenWindow: func(w cli.Window) error {
			cfg := app.Config{
				Demo: w.Demo, Assets: assets, Logger: w.Logger, Version: version,
				DBPath: w.DBPath, LogPath: w.LogPath, StartupError: w.StartupError,
				StartTime: start, MeasureStartup: w.MeasureStartup, Clock: w.Clock, Getenv: os.Getenv,
			}
			if w.Store != nil { // a nil *Store must not become a non-nil interface
				cfg.Incidents, cfg.Timeline, cfg.Settings, cfg.Actions, cfg.Causes, cfg.Metrics, cfg.Postmortems, cfg.Meetings = w.Store, w.Store, w.Store, w.Store, w.Store, w.Store, w.Store, w.Store
				cfg.Search, cfg.Insights = w.Store, w.Store
			}
			return app.Run(cfg)
		},
	}))
}
