// Package cli is Hindsight's command line: the same binary as the window.
// Main parses arguments, runs one command, and returns the exit code:
// 0 ok, 1 the command's own "yes" answer (e.g. overdue found), 2 bad input,
// 3 not found, 4 conflict, 5 internal error, 6 a monitoring API or the OS
// keyring failed.
//
// Every failure is one line on stderr, "hindsight: <message>"; the details of
// an internal error go to the log file, never a stack trace to the user.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/hindsight-app/hindsight/backend/applog"
	"github.com/hindsight-app/hindsight/backend/demo"
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
	// StartupError is set, and Store is nil, when the database could not be
	// opened: the window then says why instead of the app vanishing
	// without a word (a launcher shows no stderr).
	StartupError string
	// Clock is "now" for the window: the process clock, moved by
	// HINDSIGHT_CLOCK_OFFSET when set.
	Clock domain.Clock
}

// ClockOffsetEnv moves the clock of the whole process (store, window, CLI) by
// a Go duration such as 720h or -48h. It exists so end-to-end tests can let
// due dates pass; a person has no reason to set it.
const ClockOffsetEnv = "HINDSIGHT_CLOCK_OFFSET"

// Exit codes.
const (
	exitOK       = 0
	exitAnswer   = 1
	exitInvalid  = 2
	exitNotFound = 3
	exitConflict = 4
	exitInternal = 5
	// exitUnavailable: a monitoring API or the OS keyring failed.
	exitUnavailable = 6
)

func init() {
	// On Windows cobra refuses to run when started from Explorer ("This is a
	// command line tool"); double-clicking Hindsight must open the window.
	cobra.MousetrapHelpText = ""
}

// Main runs the command line and returns the process exit code.
func Main(args []string, env Env) (code int) {
	r := &runner{env: env.withDefaults()}
	defer r.close()
	defer func() {
		if p := recover(); p != nil {
			code = r.report(internalError{err: fmt.Errorf("panic: %v\n%s", p, debug.Stack())})
		}
	}()
	if v := r.env.Getenv(ClockOffsetEnv); v != "" {
		off, err := time.ParseDuration(v)
		if err != nil {
			return r.report(domain.Errorf(domain.EINVALID, "%s: %q is not a duration such as 720h or -48h", ClockOffsetEnv, v))
		}
		now := r.env.Now
		r.env.Now = func() time.Time { return now().Add(off) }
	}
	if args == nil {
		args = []string{} // nil makes cobra read os.Args
	}
	root := r.rootCmd()
	root.SetArgs(args)
	root.SetIn(r.env.Stdin)
	root.SetOut(r.env.Stdout)
	root.SetErr(r.env.Stderr)
	ctx := domain.WithActor(context.Background(), r.user())
	return r.report(root.ExecuteContext(ctx))
}

func (e Env) withDefaults() Env {
	if e.Stdin == nil {
		e.Stdin = strings.NewReader("")
	}
	if e.Stdout == nil {
		e.Stdout = io.Discard
	}
	if e.Stderr == nil {
		e.Stderr = io.Discard
	}
	if e.Getenv == nil {
		e.Getenv = os.Getenv
	}
	if e.Now == nil {
		e.Now = time.Now
	}
	if e.Version == "" {
		e.Version = "dev"
	}
	return e
}

// runner holds one run's flags and what it opened, so Main can close them.
type runner struct {
	env            Env
	dbFlag         string
	measureStartup bool

	log      *slog.Logger
	logPath  string
	closeLog func() error
	st       *store.Store
}

// internalError marks a failure that is not the user's to fix: it is logged
// with its details and shown as one line pointing at the log.
type internalError struct{ err error }

func (e internalError) Error() string { return e.err.Error() }
func (e internalError) Unwrap() error { return e.err }

// answerError is a command's own "yes" answer: the command did its work, and
// exits 1 so a script can act on it (e.g. overdue actions found). Its
// message is the one line on stderr.
type answerError struct{ msg string }

func (e answerError) Error() string { return e.msg }

// run adapts a command body: domain errors pass through with their code;
// anything else is an internal error. Errors that reach report without going
// through run come from cobra itself (unknown command, bad arguments) and are
// bad input.
func run(fn func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		err := fn(cmd, args)
		var (
			de *domain.Error
			ae answerError
		)
		if err == nil || errors.As(err, &de) || errors.As(err, &ae) {
			return err
		}
		return internalError{err: err}
	}
}

// report prints err as one line on stderr and returns its exit code.
func (r *runner) report(err error) int {
	if err == nil {
		return exitOK
	}
	var (
		de   *domain.Error
		ie   internalError
		ae   answerError
		code int
		msg  string
	)
	switch {
	case errors.As(err, &ae):
		code, msg = exitAnswer, ae.msg
	case errors.As(err, &ie):
		r.logger().Error("internal error", "err", ie.err.Error())
		code, msg = exitInternal, "internal error; the details are in the log"
		if r.logPath != "" {
			msg += " (" + r.logPath + ")"
		}
	case errors.As(err, &de):
		msg = domain.ErrorMessage(err)
		switch de.Code {
		case domain.EINVALID:
			code = exitInvalid
		case domain.ENOTFOUND:
			code = exitNotFound
		case domain.ECONFLICT:
			code = exitConflict
		case domain.EUNAVAILABLE:
			code = exitUnavailable
		default:
			r.logger().Error("internal error", "err", err.Error())
			code = exitInternal
		}
	default:
		// cobra's own errors: unknown commands, flags and arguments.
		code, msg = exitInvalid, err.Error()
	}
	fmt.Fprintf(r.env.Stderr, "hindsight: %s\n", oneLine(msg))
	return code
}

// close releases the store and the log file; errors here cannot change what
// the command already did, so they are only logged.
func (r *runner) close() {
	if r.st != nil {
		if err := r.st.Close(); err != nil {
			r.logger().Warn("close database", "err", err.Error())
		}
		r.st = nil
	}
	if r.closeLog != nil {
		_ = r.closeLog()
		r.closeLog = nil
	}
}

// logger opens the log file on first use. It never fails (see applog.Open).
func (r *runner) logger() *slog.Logger {
	if r.log == nil {
		dir, err := applog.Dir(r.env.Getenv)
		if err != nil {
			dir = "" // applog.Open falls back to stderr and says why
		}
		r.log, r.logPath, r.closeLog, _ = applog.Open(dir)
	}
	return r.log
}

// user names the person running the command, for the histories.
func (r *runner) user() string {
	for _, k := range []string{"USER", "USERNAME"} {
		if v := r.env.Getenv(k); v != "" {
			return v
		}
	}
	return ""
}

// dbPath is --db if given, else $HINDSIGHT_DB, else the default location.
func (r *runner) dbPath(cmd *cobra.Command) (string, error) {
	if cmd.Flags().Changed("db") {
		if strings.TrimSpace(r.dbFlag) == "" {
			return "", domain.Errorf(domain.EINVALID, "--db is empty; give the path of a database file")
		}
		return r.dbFlag, nil
	}
	if p := r.env.Getenv("HINDSIGHT_DB"); p != "" {
		return p, nil
	}
	p, err := store.DefaultPath()
	if err != nil {
		return "", domain.Errorf(domain.EINVALID, "%v", err)
	}
	return p, nil
}

// store opens the database once per run.
func (r *runner) store(cmd *cobra.Command) (*store.Store, error) {
	if r.st != nil {
		return r.st, nil
	}
	path, err := r.dbPath(cmd)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(path, store.Options{Now: r.env.Now, Logger: r.logger()})
	if err != nil {
		var de *domain.Error
		if errors.As(err, &de) {
			return nil, err
		}
		return nil, internalError{err: fmt.Errorf("open the database %s: %w", path, err)}
	}
	r.st = st
	return st, nil
}

// incident opens the store and finds one live incident by id or reference.
func (r *runner) incident(cmd *cobra.Command, ref string) (*store.Store, *domain.Incident, error) {
	st, err := r.store(cmd)
	if err != nil {
		return nil, nil, err
	}
	inc, err := st.GetIncident(cmd.Context(), ref)
	if err != nil {
		return nil, nil, err
	}
	return st, inc, nil
}

func (r *runner) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "hindsight",
		Short: "Incidents and postmortems, local-first",
		Long: `Hindsight keeps incidents and postmortems in a local database.

With no command it opens the window; with a command it works from the terminal.

The database is --db PATH, else $HINDSIGHT_DB, else hindsight.db in your
config folder. The log is in $HINDSIGHT_LOG_DIR, else in your config folder.

Exit codes: 0 ok, 1 the command's own "yes" answer (action list --overdue
found overdue actions), 2 bad input, 3 not found, 4 conflict (changed
elsewhere), 5 internal error (the details are in the log), 6 a monitoring
API or the OS keyring failed (the message names the source and query).`,
		Args: noArgs,
		RunE: run(r.openWindow),
		// Errors are printed once, by report, as one line.
		SilenceErrors:     true,
		SilenceUsage:      true,
		CompletionOptions: cobra.CompletionOptions{HiddenDefaultCmd: true},
	}
	root.SetFlagErrorFunc(flagError)
	root.PersistentFlags().StringVar(&r.dbFlag, "db", "", "database file (default $HINDSIGHT_DB, else in your config folder)")
	root.Flags().BoolVar(&r.measureStartup, "measure-startup", false, "print the time to first paint and quit")
	_ = root.Flags().MarkHidden("measure-startup")
	root.AddCommand(r.incidentCmd(), r.timelineCmd(), r.actionCmd(), r.causesCmd(), r.sourceCmd(), r.snapshotCmd(), r.postmortemCmd(), r.meetingCmd(), r.searchCmd(), r.insightsCmd(), r.exportCmd(), r.importCmd(), r.demoCmd(), r.versionCmd())
	return root
}

// noArgs refuses arguments on a command that takes none; on the root that
// is an unknown command.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if cmd.HasSubCommands() {
		hint := ""
		if cmd.SuggestionsMinimumDistance <= 0 {
			cmd.SuggestionsMinimumDistance = 2 // what cobra uses for its own suggestions
		}
		if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
			hint = fmt.Sprintf("; did you mean %q?", s[0])
		}
		return domain.Errorf(domain.EINVALID, "unknown command %q for %q%s (see '%s --help')", args[0], cmd.CommandPath(), hint, cmd.CommandPath())
	}
	return domain.Errorf(domain.EINVALID, "%s takes no arguments; got %q", cmd.CommandPath(), args[0])
}

// flagError words a flag that could not be parsed as bad input.
func flagError(cmd *cobra.Command, err error) error {
	var bad *pflag.InvalidValueError
	if errors.As(err, &bad) {
		switch f := bad.GetFlag(); f.Value.Type() {
		case "int":
			err = fmt.Errorf("--%s: %q is not a whole number", f.Name, bad.GetValue())
		case "bool":
			err = fmt.Errorf("--%s: %q is not true or false", f.Name, bad.GetValue())
		}
	}
	return domain.Errorf(domain.EINVALID, "%v (see '%s --help')", err, cmd.CommandPath())
}

// oneRef requires exactly one incident argument.
func oneRef(cmd *cobra.Command, args []string) error {
	switch {
	case len(args) == 0:
		return domain.Errorf(domain.EINVALID, "name the incident, e.g. '%s INC-0042'", cmd.CommandPath())
	case len(args) > 1:
		return domain.Errorf(domain.EINVALID, "%s takes one incident; got %d arguments", cmd.CommandPath(), len(args))
	}
	return nil
}

// exactArgs requires n arguments, named by usage in the message.
func exactArgs(n int, usage string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return domain.Errorf(domain.EINVALID, "%s takes %s; got %d arguments", cmd.CommandPath(), usage, len(args))
		}
		return nil
	}
}

func (r *runner) openWindow(cmd *cobra.Command, _ []string) error {
	if r.env.OpenWindow == nil {
		return errors.New("this build has no window")
	}
	st, err := r.store(cmd)
	if err != nil {
		// Still open the window, to say why there is nothing in it; the
		// exit code and the one line on stderr stay as for any command.
		path, _ := r.dbPath(cmd)
		w := Window{Logger: r.logger(), DBPath: path, LogPath: r.logPath, StartupError: domain.ErrorMessage(err)}
		if domain.ErrorCode(err) == domain.EINTERNAL {
			w.StartupError = "Internal error while opening the database; the details are in the log."
		}
		r.logger().Error("database not opened", "db", path, "err", err)
		if werr := r.env.OpenWindow(w); werr != nil {
			r.logger().Error("window", "err", werr)
		}
		return err
	}
	log := r.logger()
	w := Window{
		Store: st,
		Demo: func(ctx context.Context) (*domain.Incident, error) {
			if domain.Actor(ctx) == "" {
				ctx = domain.WithActor(ctx, r.user())
			}
			return demo.Load(ctx, st, r.env.Now())
		},
		Logger:         log,
		Clock:          r.env.Now,
		DBPath:         st.Path(),
		LogPath:        r.logPath,
		MeasureStartup: r.measureStartup,
	}
	log.Info("window opening", "version", r.env.Version, "db", w.DBPath)
	if err := r.env.OpenWindow(w); err != nil {
		return fmt.Errorf("window: %w", err)
	}
	return nil
}

func (r *runner) demoCmd() *cobra.Command {
	var asJSON bool
	var bulk int
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Load the sample incident and print its reference",
		Long: `Load the sample incident and print its reference.

With --bulk N, load N generated incidents instead (all or none, in one
transaction), to try the list, filters and search at scale.`,
		Args: noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("bulk") && (bulk < 1 || bulk > demo.MaxBulk) {
				return domain.Errorf(domain.EINVALID, "bulk: must be between 1 and %d", demo.MaxBulk)
			}
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			if bulk > 0 {
				n, err := st.CreateIncidents(cmd.Context(), demo.Generate(bulk, r.env.Now()))
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(cmd.OutOrStdout(), "Loaded %d generated incidents\n", n)
				return err
			}
			inc, err := demo.Load(cmd.Context(), st, r.env.Now())
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), toJSON(inc, true))
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), inc.Ref())
			return err
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the incident as JSON")
	cmd.Flags().IntVar(&bulk, "bulk", 0, "load this many generated incidents instead of the sample")
	return cmd
}

func (r *runner) versionCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			goVersion := strings.TrimPrefix(runtime.Version(), "go")
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), map[string]string{"version": r.env.Version, "go": goVersion})
			}
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "hindsight %s (Go %s, %s/%s)\n", r.env.Version, goVersion, runtime.GOOS, runtime.GOARCH)
			return err
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `print {"version": ..., "go": ...}`)
	return cmd
}

// oneLine keeps a message on one line whatever it quotes.
func oneLine(s string) string {
	s = strings.TrimSpace(s)
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\r", " ")), " ")
}
