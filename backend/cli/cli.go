// Package cli is Hindsight's command line: the same binary as the window.
// Main parses arguments, runs one command, and returns the exit code:
// 0 ok, 1 the command's own "yes" answer (e.g. overdue found), 2 bad input,
// 3 not found, 4 conflict, 5 internal error.
package cli

import (
	"context"
	"io"
	"log/slog"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/store"
)

// Env is the world the CLI runs in; tests pass buffers and a fixed clock.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Now            domain.Clock
	Version        string
	// OpenWindow runs the desktop window and blocks until it closes.
	OpenWindow func(Window) error
}

// Window is what the desktop window needs from the command line.
type Window struct {
	Store          *store.Store
	Demo           func(ctx context.Context) (*domain.Incident, error)
	Logger         *slog.Logger
	DBPath         string
	LogPath        string
	MeasureStartup bool
}

// Main runs the command line and returns the process exit code.
func Main(args []string, env Env) int {
	return 0 // TODO(cli helper)
}
