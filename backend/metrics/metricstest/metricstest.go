// Package metricstest starts real monitoring servers with known data for
// tests: Prometheus (from OpenMetrics text, through promtool) and
// graphite-web (from whisper files). Both listen on 127.0.0.1 and stop
// when the test ends. A missing program fails the test with "run make
// deps": these tests are never skipped silently.
package metricstest

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// Debian's python has Django and graphite-web; another python3 may be
// first on PATH.
const python = "/usr/bin/python3"

// readyTimeout bounds a server's start.
const readyTimeout = 30 * time.Second

func need(t testing.TB, prog string) string {
	t.Helper()
	p, err := exec.LookPath(prog)
	if err != nil {
		t.Fatalf("%s is not installed; run make deps (%v)", prog, err)
	}
	return p
}

// freePort asks the kernel for a free port on 127.0.0.1. Another process
// may take it before the server binds it; callers retry.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("find a free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// syncBuffer collects a process's output for failure messages.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.b.String()
	if len(out) > 4000 {
		out = "…" + out[len(out)-4000:]
	}
	return out
}

// server is a started process and how to tell it is ready.
type server struct {
	cmd    *exec.Cmd
	out    *syncBuffer
	exited chan struct{}
}

// start runs cmd, waits until ready answers true or readyTimeout passes,
// and stops it when the test ends. It returns false if the process exited
// early with "address already in use" (the caller retries on another
// port).
func start(t testing.TB, cmd *exec.Cmd, ready func() bool) bool {
	t.Helper()
	s := &server{cmd: cmd, out: &syncBuffer{}, exited: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = s.out, s.out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", cmd.Path, err)
	}
	go func() { cmd.Wait(); close(s.exited) }()
	stop := func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-s.exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-s.exited
		}
	}
	deadline := time.Now().Add(readyTimeout)
	for {
		select {
		case <-s.exited:
			if strings.Contains(s.out.String(), "address already in use") || strings.Contains(s.out.String(), "Address already in use") {
				return false
			}
			t.Fatalf("%s exited before it was ready:\n%s", filepath.Base(cmd.Path), s.out)
		default:
		}
		if ready() {
			t.Cleanup(stop)
			return true
		}
		if time.Now().After(deadline) {
			stop()
			t.Fatalf("%s was not ready within %s:\n%s", filepath.Base(cmd.Path), readyTimeout, s.out)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func get(url string) (int, string) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return resp.StatusCode, b.String()
}

// StartPrometheus loads openmetrics (OpenMetrics text with explicit
// timestamps, ending "# EOF") into a fresh TSDB with promtool, starts
// Prometheus on it and returns its base URL ("http://127.0.0.1:PORT").
// Retention is 100 years, so old timestamps are served.
func StartPrometheus(t testing.TB, openmetrics string) string {
	t.Helper()
	prom, promtool := need(t, "prometheus"), need(t, "promtool")
	dir := t.TempDir()
	data, tsdb := filepath.Join(dir, "data.om"), filepath.Join(dir, "tsdb")
	if err := os.WriteFile(data, []byte(openmetrics), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(promtool, "tsdb", "create-blocks-from", "openmetrics", data, tsdb).CombinedOutput(); err != nil {
		t.Fatalf("promtool tsdb create-blocks-from openmetrics: %v\n%s", err, out)
	}
	conf := filepath.Join(dir, "prometheus.yml")
	if err := os.WriteFile(conf, []byte("global: {scrape_interval: 15s}\nscrape_configs: []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for attempt := 0; attempt < 5; attempt++ {
		base := fmt.Sprintf("http://127.0.0.1:%d", freePort(t))
		cmd := exec.Command(prom, "--config.file="+conf, "--storage.tsdb.path="+tsdb,
			"--storage.tsdb.retention.time=100y", "--web.listen-address="+strings.TrimPrefix(base, "http://"),
			"--log.level=warn")
		if start(t, cmd, func() bool { code, _ := get(base + "/-/ready"); return code == http.StatusOK }) {
			return base
		}
	}
	t.Fatalf("prometheus could not bind a free port in 5 attempts")
	return ""
}

// StartGraphite writes each series (target name "a.b.c" → a/b/c.wsp) into
// whisper files at 15 s resolution with a retention reaching back to the
// oldest point, starts graphite-web (Django's runserver) on them and
// returns its base URL once /render answers.
func StartGraphite(t testing.TB, series map[string][]domain.Point) string {
	t.Helper()
	if _, err := os.Stat(python); err != nil {
		t.Fatalf("%s is not installed; run make deps", python)
	}
	if out, err := exec.Command(python, "-c", "import whisper, django, graphite").CombinedOutput(); err != nil {
		t.Fatalf("python3-whisper or graphite-web is not installed; run make deps (%v)\n%s", err, out)
	}
	dir := t.TempDir()
	whisperDir := filepath.Join(dir, "whisper")
	settings := fmt.Sprintf(`SECRET_KEY = 'hindsight-test'
STORAGE_DIR = %[1]q
WHISPER_DIR = %[2]q
LOG_DIR = %[1]q
INDEX_FILE = %[3]q
STANDARD_DIRS = [WHISPER_DIR]
DATABASES = {'default': {'NAME': %[4]q, 'ENGINE': 'django.db.backends.sqlite3'}}
`, dir, whisperDir, filepath.Join(dir, "index"), filepath.Join(dir, "graphite.db"))
	if err := os.WriteFile(filepath.Join(dir, "local_settings.py"), []byte(settings), 0o600); err != nil {
		t.Fatal(err)
	}

	// The whisper script: one file per series; retention counted back
	// from now must cover the oldest point.
	now := time.Now().Unix()
	var script strings.Builder
	script.WriteString("import os, whisper\n")
	names := make([]string, 0, len(series))
	for name := range series {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		pts := series[name]
		oldest := now
		for _, p := range pts {
			oldest = min(oldest, p.T/1000)
		}
		points := (now-oldest)/15 + 100
		path := filepath.Join(append([]string{whisperDir}, strings.Split(name, ".")...)...) + ".wsp"
		fmt.Fprintf(&script, "os.makedirs(%q, exist_ok=True)\n", filepath.Dir(path))
		fmt.Fprintf(&script, "whisper.create(%q, [(15, %d)])\n", path, points)
		script.WriteString("whisper.update_many(" + strconv.Quote(path) + ", [")
		for i, p := range pts {
			if math.IsNaN(p.V) {
				continue
			}
			if i > 0 {
				script.WriteString(",")
			}
			fmt.Fprintf(&script, "(%d,%s)", p.T/1000, strconv.FormatFloat(p.V, 'g', -1, 64))
		}
		script.WriteString("])\n")
	}
	scriptPath := filepath.Join(dir, "write_whisper.py")
	if err := os.WriteFile(scriptPath, []byte(script.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(python, scriptPath).CombinedOutput(); err != nil {
		t.Fatalf("write whisper files: %v\n%s", err, out)
	}

	env := append(os.Environ(), "PYTHONPATH="+dir+":/usr/share/graphite-web",
		"GRAPHITE_SETTINGS_MODULE=local_settings", "DJANGO_SETTINGS_MODULE=graphite.settings")
	mig := exec.Command(python, "-m", "django", "migrate", "--run-syncdb")
	mig.Env, mig.Dir = env, dir
	if out, err := mig.CombinedOutput(); err != nil {
		t.Fatalf("graphite-web: django migrate: %v\n%s", err, out)
	}
	probe := "constantLine(1)"
	if len(names) > 0 {
		probe = names[0]
	}
	for attempt := 0; attempt < 5; attempt++ {
		base := fmt.Sprintf("http://127.0.0.1:%d", freePort(t))
		cmd := exec.Command(python, "-m", "django", "runserver", strings.TrimPrefix(base, "http://"), "--noreload")
		cmd.Env, cmd.Dir = env, dir
		ready := func() bool {
			code, _ := get(base + "/render?format=json&target=" + probe)
			return code == http.StatusOK
		}
		if start(t, cmd, ready) {
			return base
		}
	}
	t.Fatalf("graphite-web could not bind a free port in 5 attempts")
	return ""
}

// Fixture times, relative to the start given to OpenMetricsFixture.
const (
	FixtureSpan       = 3 * time.Hour
	FixtureStep       = 15 * time.Second
	FixtureSpikeAt    = 70 * time.Minute // latency jumps to 2.5 for 10 min
	FixtureSpikeFor   = 10 * time.Minute
	FixtureErrorsAt   = 72 * time.Minute // error ratio steps to 0.08 for 30 min
	FixtureErrorsFor  = 30 * time.Minute
	FixtureLatencyAt  = 75 * time.Minute // HighLatency fires until 95 min
	FixtureLatencyEnd = 95 * time.Minute
	FixtureErrorAt    = 80 * time.Minute // ErrorRate fires until 100 min
	FixtureErrorEnd   = 100 * time.Minute
)

// FixtureLatency is the p99 latency series' value at offset from start:
// 0.12 with a small deterministic jitter, 2.5 during the spike.
func FixtureLatency(offset time.Duration) float64 {
	if offset >= FixtureSpikeAt && offset < FixtureSpikeAt+FixtureSpikeFor {
		return 2.5
	}
	i := int(offset / FixtureStep)
	return 0.12 + float64((i*7)%5-2)*0.001
}

// FixtureErrors is the error ratio's value at offset from start.
func FixtureErrors(offset time.Duration) float64 {
	if offset >= FixtureErrorsAt && offset < FixtureErrorsAt+FixtureErrorsFor {
		return 0.08
	}
	return 0.001
}

// OpenMetricsFixture is three hours of a checkout service's incident from
// start, a sample every 15 s:
//
//   - http_request_duration_seconds{quantile="0.99",service="checkout"}:
//     FixtureLatency, 2.5 from +70 min for 10 min;
//   - http_requests_errors_ratio{service="checkout"}: FixtureErrors, 0.08
//     from +72 min for 30 min;
//   - ALERTS (firing) HighLatency from +75 to +95 min and ErrorRate from +80
//     to +100 min, both with service="checkout", severity="page".
func OpenMetricsFixture(start time.Time) string {
	var b strings.Builder
	n := int(FixtureSpan / FixtureStep)
	at := func(i int) (time.Duration, int64) {
		off := time.Duration(i) * FixtureStep
		return off, start.Add(off).Unix()
	}
	b.WriteString("# TYPE http_request_duration_seconds gauge\n")
	for i := 0; i <= n; i++ {
		off, ts := at(i)
		fmt.Fprintf(&b, "http_request_duration_seconds{quantile=\"0.99\",service=\"checkout\"} %s %d\n", fmtFloat(FixtureLatency(off)), ts)
	}
	b.WriteString("# TYPE http_requests_errors_ratio gauge\n")
	for i := 0; i <= n; i++ {
		off, ts := at(i)
		fmt.Fprintf(&b, "http_requests_errors_ratio{service=\"checkout\"} %s %d\n", fmtFloat(FixtureErrors(off)), ts)
	}
	b.WriteString("# TYPE ALERTS gauge\n")
	alert := func(name string, from, to time.Duration) {
		for i := 0; i <= n; i++ {
			off, ts := at(i)
			if off >= from && off < to {
				fmt.Fprintf(&b, "ALERTS{alertname=%q,alertstate=\"firing\",service=\"checkout\",severity=\"page\"} 1 %d\n", name, ts)
			}
		}
	}
	alert("ErrorRate", FixtureErrorAt, FixtureErrorEnd)
	alert("HighLatency", FixtureLatencyAt, FixtureLatencyEnd)
	b.WriteString("# EOF\n")
	return b.String()
}

// OpenMetricsLoad is series gauges load_test{series="NN"} with points
// samples each, 15 s apart from start, for benchmarks.
func OpenMetricsLoad(start time.Time, series, points int) string {
	var b strings.Builder
	b.Grow(series * points * 48)
	b.WriteString("# TYPE load_test gauge\n")
	for s := 0; s < series; s++ {
		for i := 0; i < points; i++ {
			v := float64(s) + math.Sin(float64(i)/50)
			fmt.Fprintf(&b, "load_test{series=\"%02d\"} %s %d\n", s, fmtFloat(v), start.Add(time.Duration(i)*15*time.Second).Unix())
		}
	}
	b.WriteString("# EOF\n")
	return b.String()
}

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
