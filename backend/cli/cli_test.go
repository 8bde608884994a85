package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/store"
)

// testNow is the clock of every test: times before it are in the past.
var testNow = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

// world is one test's machine: a database and a log folder in a temp dir,
// the environment variables the CLI sees, and a window that is never shown.
type world struct {
	t      *testing.T
	dir    string
	env    map[string]string
	window func(Window) error
	// now is the clock, testNow unless a test moves it.
	now time.Time
}

func newWorld(t *testing.T) *world {
	t.Helper()
	dir := t.TempDir()
	return &world{t: t, dir: dir, env: map[string]string{
		"HINDSIGHT_DB":      filepath.Join(dir, "hindsight.db"),
		"HINDSIGHT_LOG_DIR": filepath.Join(dir, "logs"),
		"USER":              "tester",
	}}
}

type result struct {
	code           int
	stdout, stderr string
}

// run runs the CLI with stdin and args, as main would.
func (w *world) run(stdin string, args ...string) result {
	w.t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(args, Env{
		Stdin: strings.NewReader(stdin), Stdout: &stdout, Stderr: &stderr,
		Getenv: func(k string) string { return w.env[k] },
		Now: func() time.Time {
			if !w.now.IsZero() {
				return w.now
			}
			return testNow
		},
		Version:    "1.2.3-test",
		OpenWindow: w.window,
	})
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// ok runs the CLI and fails the test unless it succeeded silently on stderr.
func (w *world) ok(args ...string) string {
	w.t.Helper()
	r := w.run("", args...)
	if r.code != 0 || r.stderr != "" {
		w.t.Fatalf("%s: got exit %d, stderr %q; want 0 and nothing", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}

// fails runs the CLI, expects exit code want and one error line containing
// each of the given words, and returns that line.
func (w *world) fails(want int, words []string, args ...string) string {
	w.t.Helper()
	r := w.run("", args...)
	if r.code != want {
		w.t.Fatalf("%s: got exit %d (stderr %q), want %d", short(args), r.code, r.stderr, want)
	}
	checkOneErrorLine(w.t, r.stderr, words...)
	return r.stderr
}

func checkOneErrorLine(t *testing.T, stderr string, words ...string) {
	t.Helper()
	if !strings.HasPrefix(stderr, "hindsight: ") || strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") {
		t.Errorf("stderr: got %q, want one line starting with \"hindsight: \"", stderr)
	}
	for _, word := range words {
		if !strings.Contains(stderr, word) {
			t.Errorf("stderr: got %q, want it to mention %q", stderr, word)
		}
	}
}

// short keeps test failure messages readable when an argument is huge.
func short(args []string) string {
	s := strings.Join(args, " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// incident shows one incident as JSON and decodes it.
func (w *world) incident(ref string) map[string]any {
	w.t.Helper()
	var m map[string]any
	out := w.ok("incident", "show", ref, "--json")
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		w.t.Fatalf("show --json: %v in %q", err, out)
	}
	return m
}

// list runs incident list --json with args and returns the refs in order.
func (w *world) list(args ...string) []string {
	w.t.Helper()
	var items []map[string]any
	out := w.ok(append([]string{"incident", "list", "--json"}, args...)...)
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		w.t.Fatalf("list --json: %v in %q", err, out)
	}
	refs := make([]string, len(items))
	for k, it := range items {
		refs[k] = it["ref"].(string)
	}
	return refs
}

// seed creates incidents straight through the store, for tests about reading.
func (w *world) seed(ins ...domain.IncidentInput) {
	w.t.Helper()
	st, err := store.Open(w.env["HINDSIGHT_DB"], store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		w.t.Fatal(err)
	}
	defer st.Close()
	for _, in := range ins {
		if _, err := st.CreateIncident(context.Background(), in); err != nil {
			w.t.Fatalf("seed %q: %v", in.Title, err)
		}
	}
}

// seedUpdate changes an incident straight through the store.
func (w *world) seedUpdate(ref string, change func(*domain.IncidentInput)) {
	w.t.Helper()
	st, err := store.Open(w.env["HINDSIGHT_DB"], store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		w.t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	cur, err := st.GetIncident(ctx, ref)
	if err != nil {
		w.t.Fatal(err)
	}
	in := cur.Input()
	change(&in)
	if _, err := st.UpdateIncident(ctx, ref, in, cur.Version); err != nil {
		w.t.Fatalf("seed update %s: %v", ref, err)
	}
}

func TestNoArgumentsOpensTheWindowWithTheStoreAndTheLog(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		measure bool
	}{
		{"with no arguments at all", []string{}, false},
		{"with nil arguments", nil, false},
		{"with only the hidden --measure-startup flag", []string{"--measure-startup"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			var got Window
			var demoRef string
			w.window = func(win Window) error {
				got = win
				// The store is closed once Main returns: use it here.
				inc, err := win.Demo(context.Background())
				if err != nil {
					return err
				}
				demoRef = inc.Ref()
				win.Logger.Info("from the window")
				return nil
			}
			r := w.run("", tc.args...)
			if r.code != 0 || r.stderr != "" || r.stdout != "" {
				t.Fatalf("got exit %d, stdout %q, stderr %q; want 0 and no output", r.code, r.stdout, r.stderr)
			}
			if got.Store == nil || got.Logger == nil || got.Demo == nil {
				t.Fatalf("window: got %+v, want a store, a logger and a demo loader", got)
			}
			if got.DBPath != w.env["HINDSIGHT_DB"] {
				t.Errorf("DBPath: got %q, want %q", got.DBPath, w.env["HINDSIGHT_DB"])
			}
			if want := filepath.Join(w.env["HINDSIGHT_LOG_DIR"], "hindsight.log"); got.LogPath != want {
				t.Errorf("LogPath: got %q, want %q", got.LogPath, want)
			}
			if got.MeasureStartup != tc.measure {
				t.Errorf("MeasureStartup: got %v, want %v", got.MeasureStartup, tc.measure)
			}
			if demoRef != "INC-0001" {
				t.Errorf("Demo: got ref %q, want INC-0001", demoRef)
			}
			if b, _ := os.ReadFile(got.LogPath); !bytes.Contains(b, []byte("from the window")) {
				t.Errorf("log file: got %q, want the window's line", b)
			}
		})
	}
}

func TestADatabaseThatCannotBeOpenedIsExplainedInTheWindow(t *testing.T) {
	w := newWorld(t)
	// A file that is not a database at all.
	if err := os.WriteFile(w.env["HINDSIGHT_DB"], bytes.Repeat([]byte("not sqlite\n"), 100), 0o600); err != nil {
		t.Fatal(err)
	}
	var got *Window
	w.window = func(win Window) error { got = &win; return nil }
	r := w.run("")
	if r.code != 2 {
		t.Errorf("exit = %d, want 2 (bad input)", r.code)
	}
	checkOneErrorLine(t, r.stderr, "not a Hindsight database")
	if got == nil {
		t.Fatal("the window was not opened to explain the error")
	}
	if got.Store != nil || !strings.Contains(got.StartupError, "not a Hindsight database") || got.DBPath != w.env["HINDSIGHT_DB"] {
		t.Errorf("window = %+v; want no store, the reason and the path", got)
	}
}

func TestDBPathPrecedence(t *testing.T) {
	for _, tc := range []struct {
		name       string
		flag, env  string
		wantInFlag bool
	}{
		{"--db wins over HINDSIGHT_DB", "flag.db", "env.db", true},
		{"HINDSIGHT_DB is used without --db", "", "env.db", false},
		{"--db works without HINDSIGHT_DB", "flag.db", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			flagPath, envPath := filepath.Join(w.dir, "flag.db"), filepath.Join(w.dir, "env.db")
			w.env["HINDSIGHT_DB"] = ""
			if tc.env != "" {
				w.env["HINDSIGHT_DB"] = envPath
			}
			var args []string
			if tc.flag != "" {
				args = []string{"--db", flagPath}
			}
			var got string
			w.window = func(win Window) error { got = win.DBPath; return nil }
			w.ok(args...)
			want, other := envPath, flagPath
			if tc.wantInFlag {
				want, other = flagPath, envPath
			}
			if got != want {
				t.Errorf("window DBPath: got %q, want %q", got, want)
			}
			// A command uses the same database, and the other file is never made.
			w.ok(append([]string{"incident", "create", "--title", "x", "--severity", "SEV3"}, args...)...)
			if _, err := os.Stat(want); err != nil {
				t.Errorf("database %s: %v", want, err)
			}
			if _, err := os.Stat(other); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("database %s: got %v, want it not to exist", other, err)
			}
		})
	}
}

func TestAnEmptyDBFlagIsBadInput(t *testing.T) {
	w := newWorld(t)
	w.fails(2, []string{"--db"}, "incident", "list", "--db", "")
}

func TestAWindowThatFailsOrPanicsIsAnInternalErrorInTheLog(t *testing.T) {
	for _, tc := range []struct {
		name   string
		window func(Window) error
		inLog  string
	}{
		{"an error from the window", func(Window) error { return errors.New("gtk init failed") }, "gtk init failed"},
		{"a panic in the window", func(Window) error { panic("boom") }, "boom"},
		{"no window in this build", nil, "no window"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			w.window = tc.window
			r := w.run("")
			if r.code != 5 {
				t.Fatalf("exit: got %d, want 5", r.code)
			}
			checkOneErrorLine(t, r.stderr, "internal error", "hindsight.log")
			if strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, tc.inLog) {
				t.Errorf("stderr: got %q, want no details", r.stderr)
			}
			b, _ := os.ReadFile(filepath.Join(w.env["HINDSIGHT_LOG_DIR"], "hindsight.log"))
			if !bytes.Contains(b, []byte(tc.inLog)) {
				t.Errorf("log: got %q, want it to contain %q", b, tc.inLog)
			}
		})
	}
}

func TestVersionPrintsTheVersionAndGo(t *testing.T) {
	w := newWorld(t)
	out := w.ok("version")
	goVersion := strings.TrimPrefix(runtime.Version(), "go")
	if !strings.Contains(out, "1.2.3-test") || !strings.Contains(out, goVersion) {
		t.Errorf("version: got %q, want 1.2.3-test and Go %s", out, goVersion)
	}
	var v map[string]string
	if err := json.Unmarshal([]byte(w.ok("version", "--json")), &v); err != nil {
		t.Fatal(err)
	}
	if v["version"] != "1.2.3-test" || v["go"] != goVersion {
		t.Errorf("version --json: got %v", v)
	}
	if _, err := os.Stat(w.env["HINDSIGHT_DB"]); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("version opened the database: %v", err)
	}
}

func TestHelpIsPrintedAndIsNotAnError(t *testing.T) {
	for _, args := range [][]string{
		{"--help"}, {"-h"}, {"help"}, {"incident"}, {"incident", "--help"},
		{"incident", "create", "--help"}, {"inc", "list", "-h"}, {"help", "incident", "purge"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			w := newWorld(t)
			out := w.ok(args...)
			if !strings.Contains(out, "Usage:") {
				t.Errorf("stdout: got %q, want the usage", out)
			}
		})
	}
}

func TestBadCommandLinesAreExit2WithOneLine(t *testing.T) {
	for _, tc := range []struct {
		name  string
		args  []string
		words []string
	}{
		{"an unknown command", []string{"nope"}, []string{`unknown command "nope"`}},
		{"a misspelt command gets a suggestion", []string{"incdent"}, []string{`did you mean "incident"`}},
		{"an unknown subcommand", []string{"incident", "frobnicate"}, []string{`unknown command "frobnicate"`}},
		{"an unknown flag", []string{"incident", "create", "--bogus"}, []string{"--bogus"}},
		{"an unknown shorthand flag", []string{"incident", "list", "-z"}, []string{"-z"}},
		{"a flag without its value", []string{"incident", "list", "--limit"}, []string{"--limit"}},
		{"a number flag with letters", []string{"incident", "list", "--limit", "abc"}, []string{`--limit: "abc" is not a whole number`}},
		{"a missing incident argument", []string{"incident", "show"}, []string{"name the incident"}},
		{"two incident arguments", []string{"incident", "show", "1", "2"}, []string{"one incident"}},
		{"arguments to a command that takes none", []string{"version", "extra"}, []string{"takes no arguments"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			r := w.run("", tc.args...)
			if r.code != 2 {
				t.Fatalf("exit: got %d (stderr %q), want 2", r.code, r.stderr)
			}
			checkOneErrorLine(t, r.stderr, tc.words...)
			if strings.Contains(r.stdout+r.stderr, "Usage:") {
				t.Errorf("output: got the usage, want only the error line")
			}
		})
	}
}

func TestErrorsMapToExitCodes(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		code int
		line string
	}{
		{"no error is 0", nil, 0, ""},
		{"invalid is 2", domain.Errorf(domain.EINVALID, "bad"), 2, "hindsight: bad\n"},
		{"a field error names the field", domain.FieldErrors{"title": "is required"}.Err(), 2, "hindsight: title: is required\n"},
		{"not found is 3", domain.Errorf(domain.ENOTFOUND, "no incident \"9\""), 3, "hindsight: no incident \"9\"\n"},
		{"conflict is 4", domain.Errorf(domain.ECONFLICT, "changed\nelsewhere"), 4, "hindsight: changed elsewhere\n"},
		{"a domain internal error is 5", domain.Errorf(domain.EINTERNAL, "disk"), 5, "hindsight: disk\n"},
		{"an internal error is 5 and hides its details", internalError{errors.New("secret detail")}, 5, "hindsight: internal error; the details are in the log ("},
		{"an error from cobra is bad input", errors.New(`unknown command "x"`), 2, "hindsight: unknown command \"x\"\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			dir := t.TempDir()
			r := &runner{env: Env{Stderr: &stderr, Getenv: func(k string) string {
				if k == "HINDSIGHT_LOG_DIR" {
					return dir
				}
				return ""
			}}.withDefaults()}
			defer r.close()
			if got := r.report(tc.err); got != tc.code {
				t.Errorf("code: got %d, want %d", got, tc.code)
			}
			if got := stderr.String(); !strings.HasPrefix(got, tc.line) || (tc.line == "" && got != "") {
				t.Errorf("stderr: got %q, want it to start with %q", got, tc.line)
			}
			if strings.Contains(stderr.String(), "secret detail") {
				t.Errorf("stderr: got %q, want the details only in the log", stderr.String())
			}
		})
	}
}

func TestTheClockOffsetMovesNowForTheWholeProcess(t *testing.T) {
	var got time.Time
	env := Env{Stdout: io.Discard, Stderr: io.Discard, Now: func() time.Time { return time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC) },
		Getenv: func(k string) string {
			if k == ClockOffsetEnv {
				return "720h"
			}
			return ""
		},
		OpenWindow: func(w Window) error { got = w.Clock(); return nil },
	}
	if code := Main([]string{"--db", filepath.Join(t.TempDir(), "h.db")}, env); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if want := time.Date(2026, 12, 24, 12, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("window clock = %v, want %v", got, want)
	}
	var stderr bytes.Buffer
	env.Stderr = &stderr
	env.Getenv = func(k string) string {
		if k == ClockOffsetEnv {
			return "a month"
		}
		return ""
	}
	if code := Main([]string{"version"}, env); code != 2 || !strings.Contains(stderr.String(), ClockOffsetEnv) {
		t.Errorf("a bad offset: exit %d, %q", code, stderr.String())
	}
}
