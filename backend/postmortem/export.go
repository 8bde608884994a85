package postmortem

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"math"
	"path"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/exportdir"
	"github.com/hindsight-app/hindsight/backend/markdown"
	"github.com/hindsight-app/hindsight/backend/metrics"
)

// Document is a postmortem as written: its title, its body (a template
// with placeholders, or text frozen from one), and its review state.
type Document struct {
	Title     string
	Body      string
	Status    string // draft, in review, published…: the store's business
	Authors   []string
	Reviewers []string
	// Template is the name of the template the document was made from.
	Template  string
	UpdatedAt time.Time
}

// DocumentOf is the document of a stored postmortem, as every export
// (the CLI's and the window's) writes it.
func DocumentOf(pm *domain.Postmortem) Document {
	return Document{Title: pm.Title, Body: pm.Body, Status: string(pm.Status), Authors: pm.Authors,
		Reviewers: pm.Reviewers, Template: pm.Template, UpdatedAt: pm.UpdatedAt}
}

// Front is the YAML front matter of an exported document: what a tool
// reading the file needs without parsing the prose. Times are RFC 3339 in
// UTC; durations are in seconds and as h:mm.
type Front struct {
	ID               string
	Ref              string
	IncidentTitle    string
	DocumentTitle    string
	Severity         string
	Status           string
	Started          *time.Time
	Detected         *time.Time
	Mitigated        *time.Time
	Resolved         *time.Time
	TimeToDetect     *time.Duration
	TimeToMitigate   *time.Duration
	TimeToResolve    *time.Duration
	Services         []string
	Tags             []string
	Commander        string
	Template         string
	Authors          []string
	Reviewers        []string
	PostmortemStatus string
	UpdatedAt        time.Time
	GeneratedAt      time.Time
	// Zone names the zone the document's tables and moments are shown in.
	Zone string
	// Snapshots carry what the metrics section does not say exactly, for
	// import (Parse): one per snapshot, in the document's order.
	Snapshots []FrontSnapshot
	Version   string
}

// FrontSnapshot is what the front matter says of one metric snapshot: its
// asset file stem, the exact window and step, where it came from and the
// signal chosen for detection lag.
type FrontSnapshot struct {
	File            string
	Start, End      time.Time
	Step            time.Duration
	SourceURL       string
	FetchedAt       time.Time
	SignalSeries    string
	SignalThreshold *float64
	SignalBelow     bool
}

// NewFront collects the front matter of doc about d.Incident.
func NewFront(doc Document, d Data, version string) Front {
	inc := d.Incident
	if inc == nil {
		inc = &domain.Incident{}
	}
	ds := inc.Durations()
	return Front{
		ID: inc.ID, Ref: inc.Ref(), IncidentTitle: inc.Title, DocumentTitle: doc.Title,
		Severity: string(inc.Severity), Status: string(inc.Status),
		Started: inc.StartedAt, Detected: inc.DetectedAt, Mitigated: inc.MitigatedAt, Resolved: inc.ResolvedAt,
		TimeToDetect: ds.ToDetect, TimeToMitigate: ds.ToMitigate, TimeToResolve: ds.ToResolve,
		Services: inc.Services, Tags: inc.Tags, Commander: inc.Commander, Template: doc.Template,
		Authors: doc.Authors, Reviewers: doc.Reviewers, PostmortemStatus: doc.Status,
		UpdatedAt: doc.UpdatedAt, GeneratedAt: d.now(), Zone: d.zone().String(),
		Snapshots: frontSnapshots(d.Snapshots), Version: version,
	}
}

func frontSnapshots(snaps []domain.Snapshot) []FrontSnapshot {
	names := assetNames(snaps)
	out := make([]FrontSnapshot, len(snaps))
	for k := range snaps {
		s := &snaps[k]
		out[k] = FrontSnapshot{File: names[k], Start: s.Start, End: s.End, Step: s.Step, SourceURL: s.SourceURL,
			FetchedAt: s.FetchedAt, SignalSeries: s.Signal.SeriesKey, SignalThreshold: s.Signal.Threshold,
			SignalBelow: s.Signal.SeriesKey != "" && s.Signal.Below}
	}
	return out
}

// msLayout is RFC 3339 with milliseconds, always three digits.
const msLayout = "2006-01-02T15:04:05.000Z07:00"

// WriteYAML writes the front matter between --- lines. Keys are fixed;
// every string is double-quoted and escaped, so no value can end the block
// or change its structure. There is no "title" key: markdownlint reads one
// as the document's first heading (MD025), and the body has its own.
func (f Front) WriteYAML(w io.Writer) error {
	var b strings.Builder
	b.WriteString("---\n")
	str := func(k, v string) { fmt.Fprintf(&b, "%s: %s\n", k, exportdir.YAMLString(v)) }
	tm := func(k string, t *time.Time) {
		if t == nil || t.IsZero() {
			fmt.Fprintf(&b, "%s: null\n", k)
			return
		}
		str(k, t.UTC().Format(time.RFC3339))
	}
	dur := func(k string, d *time.Duration) {
		if d == nil {
			fmt.Fprintf(&b, "%s_seconds: null\n%s: null\n", k, k)
			return
		}
		fmt.Fprintf(&b, "%s_seconds: %d\n", k, int64(d.Seconds()))
		str(k, hmm(*d))
	}
	list := func(k string, vs []string) {
		if len(vs) == 0 {
			fmt.Fprintf(&b, "%s: []\n", k)
			return
		}
		fmt.Fprintf(&b, "%s:\n", k)
		for _, v := range vs {
			fmt.Fprintf(&b, "  - %s\n", exportdir.YAMLString(v))
		}
	}
	str("id", f.ID)
	str("ref", f.Ref)
	str("incident_title", f.IncidentTitle)
	str("document_title", f.DocumentTitle)
	str("template", f.Template)
	str("severity", f.Severity)
	str("status", f.Status)
	str("commander", f.Commander)
	tm("started", f.Started)
	tm("detected", f.Detected)
	tm("mitigated", f.Mitigated)
	tm("resolved", f.Resolved)
	dur("time_to_detect", f.TimeToDetect)
	dur("time_to_mitigate", f.TimeToMitigate)
	dur("time_to_resolve", f.TimeToResolve)
	list("services", f.Services)
	list("tags", f.Tags)
	list("authors", f.Authors)
	list("reviewers", f.Reviewers)
	str("postmortem_status", f.PostmortemStatus)
	tm("updated_at", &f.UpdatedAt)
	tm("generated_at", &f.GeneratedAt)
	str("zone", f.Zone)
	if len(f.Snapshots) == 0 {
		b.WriteString("snapshots: []\n")
	} else {
		b.WriteString("snapshots:\n")
	}
	for _, s := range f.Snapshots {
		fmt.Fprintf(&b, "  - file: %s\n", exportdir.YAMLString(s.File))
		for _, kv := range [][2]string{{"start", s.Start.UTC().Format(msLayout)}, {"end", s.End.UTC().Format(msLayout)}} {
			fmt.Fprintf(&b, "    %s: %s\n", kv[0], exportdir.YAMLString(kv[1]))
		}
		fmt.Fprintf(&b, "    step_ms: %d\n", s.Step.Milliseconds())
		fmt.Fprintf(&b, "    source_url: %s\n", exportdir.YAMLString(s.SourceURL))
		if s.FetchedAt.IsZero() {
			b.WriteString("    fetched_at: null\n")
		} else {
			fmt.Fprintf(&b, "    fetched_at: %s\n", exportdir.YAMLString(s.FetchedAt.UTC().Format(msLayout)))
		}
		fmt.Fprintf(&b, "    signal_series: %s\n", exportdir.YAMLString(s.SignalSeries))
		if t := s.SignalThreshold; t != nil && !math.IsNaN(*t) && !math.IsInf(*t, 0) {
			fmt.Fprintf(&b, "    signal_threshold: %s\n", strconv.FormatFloat(*t, 'g', -1, 64))
		} else {
			b.WriteString("    signal_threshold: null\n")
		}
		fmt.Fprintf(&b, "    signal_below: %t\n", s.SignalBelow)
	}
	if f.Version != "" {
		str("hindsight_version", f.Version)
	}
	b.WriteString("---\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// hmm formats a duration as h:mm, rounded down to the minute.
func hmm(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	m := int64(d / time.Minute)
	return fmt.Sprintf("%s%d:%02d", sign, m/60, m%60)
}

// Markdown writes doc as markdown: the front matter, then the body with
// its placeholders rendered. The problems are the template's.
func Markdown(w io.Writer, doc Document, d Data) ([]Problem, error) {
	return writeMarkdown(w, doc, d, "")
}

// lintConfig is markdownlint's own inline configuration, in comments that
// GitHub and GitLab do not show. Timeline, action and statistics tables
// cannot wrap at 80 columns, which MD013 asks of every line by default, so
// the rule is off for this file; a table cell's line break can only be
// <br>, which MD033 (no inline HTML) allows once told.
var lintConfig = []string{
	"<!-- markdownlint-disable-file MD013 -->",
	`<!-- markdownlint-configure-file { "MD033": { "allowed_elements": ["br"] } } -->`,
}

// isLintConfig reports whether line is one of lintConfig's.
func isLintConfig(line string) bool {
	line = strings.TrimSpace(line)
	for _, c := range lintConfig {
		if line == c {
			return true
		}
	}
	return false
}

func writeMarkdown(w io.Writer, doc Document, d Data, version string) ([]Problem, error) {
	if err := NewFront(doc, d, version).WriteYAML(w); err != nil {
		return nil, err
	}
	body, problems := renderMarked(doc.Body, d)
	// The configuration is in the file, so the export passes markdownlint
	// with its default configuration in any docs repo.
	_, err := io.WriteString(w, "\n"+strings.Join(lintConfig, "\n")+"\n\n"+tidy(body))
	return problems, err
}

// tidy ends text with exactly one line break and no trailing spaces on any
// line outside code, and collapses runs of blank lines: what markdownlint
// asks of a file (MD009, MD012, MD047), whatever the template held.
func tidy(text string) string {
	lines := scanLines(text)
	out := make([]string, 0, len(lines))
	blank := false
	for _, l := range lines {
		s := l.text
		if l.fence {
			blank = false
		} else {
			s = strings.TrimRight(s, " \t")
			if s == "" {
				if blank {
					continue
				}
				blank = true
			} else {
				blank = false
			}
		}
		out = append(out, s)
	}
	return strings.TrimSpace(strings.Join(out, "\n")) + "\n"
}

// Formats are the export formats.
var Formats = []string{"md", "html"}

// Options tune Export.
type Options struct {
	// Force overwrites files that exist.
	Force bool
	// Format is "md" (the default) or "html".
	Format string
	// Version is Hindsight's version, written in the front matter.
	Version string
}

// Result lists what Export wrote, relative to its folder, and the
// template's problems.
type Result struct {
	Files    []string  `json:"files"`
	Problems []Problem `json:"problems"`
}

// Export writes doc into dir: <ref>-<slug>.md (or .html), and for each
// metric snapshot a chart and its data, assets/<ref>/<name>.svg and .csv,
// which the document links to. Everything is rendered first and every
// target checked: if one exists and opt.Force is not set, it returns
// ECONFLICT naming it and writes nothing. Each file is written atomically
// (a temporary file renamed over the target), and all through an os.Root
// on dir, so no path (a symlink in dir included) can lead outside it.
//
// A failure part way leaves the files already written in place: each one
// is whole, but the set may be mixed old and new.
func Export(dir string, doc Document, d Data, opt Options) (Result, error) {
	if d.Incident == nil {
		return Result{}, domain.Errorf(domain.EINVALID, "there is no incident to export")
	}
	format := strings.ToLower(strings.TrimSpace(opt.Format))
	if format == "" || format == "markdown" {
		format = "md"
	}
	if format != "md" && format != "html" {
		return Result{}, domain.Errorf(domain.EINVALID, "unknown format %q; use md or html", truncate(opt.Format, 20))
	}
	ref := d.Incident.Ref()
	title := doc.Title
	if strings.TrimSpace(title) == "" {
		title = d.Incident.Title
	}
	// The file is the postmortem already: "Postmortem: Checkout errors"
	// is named INC-0042-checkout-errors.md.
	slug := Slug(title, "postmortem")
	if rest, ok := strings.CutPrefix(slug, "postmortem-"); ok {
		slug = rest
	}
	stem := ref + "-" + slug
	assetDir := path.Join("assets", ref)
	d.AssetDir = assetDir

	var files []outFile
	names := assetNames(d.Snapshots)
	drawn, err := drawAll(d)
	if err != nil {
		return Result{}, err
	}
	for k, f := range drawn {
		files = append(files, outFile{path.Join(assetDir, names[k]+".svg"), f.svg}, outFile{path.Join(assetDir, names[k]+".csv"), f.csv})
	}
	var doc0 bytes.Buffer
	var problems []Problem
	if format == "md" {
		problems, err = writeMarkdown(&doc0, doc, d, opt.Version)
	} else {
		problems, err = writeHTML(&doc0, doc, d, opt.Version)
	}
	if err != nil {
		return Result{}, fmt.Errorf("postmortem: unable to render: %w", err)
	}
	files = append([]outFile{{stem + "." + format, doc0.Bytes()}}, files...)

	out := make([]exportdir.File, len(files))
	for k, f := range files {
		out[k] = exportdir.File{Name: f.name, Data: f.data}
	}
	res := Result{Problems: problems}
	res.Files, err = exportdir.Write(dir, out, opt.Force)
	return res, err
}

type outFile struct {
	name string // slash-separated, relative to the export folder
	data []byte
}

type drawnSnapshot struct{ svg, csv []byte }

// drawAll draws every snapshot's chart and data (snapshotFiles), in
// parallel: the charts are most of an export's time.
func drawAll(d Data) ([]drawnSnapshot, error) {
	out := make([]drawnSnapshot, len(d.Snapshots))
	errs := make([]error, len(d.Snapshots))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for k := range d.Snapshots {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[k].svg, out[k].csv, errs[k] = snapshotFiles(&d.Snapshots[k], d)
		}()
	}
	wg.Wait()
	for k, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("postmortem: unable to draw snapshot %q: %w", d.Snapshots[k].Title, err)
		}
	}
	return out, nil
}

// snapshotFiles draws a snapshot's chart (at most 1000 buckets, the
// incident's key moments marked, timeline events as ticks) and writes its
// data as CSV.
func snapshotFiles(s *domain.Snapshot, d Data) (svg, csv []byte, err error) {
	chart := metrics.Decimate(s.Series, s.Start.UnixMilli(), s.End.UnixMilli(), 1000)
	opt := metrics.SVGOptions{Title: s.Title, Zone: d.zone()}
	opt.Markers, opt.Events = metrics.Marks(d.Incident, d.Events, s, 200)
	var a, b bytes.Buffer
	if err := metrics.WriteSVG(&a, chart, opt); err != nil {
		return nil, nil, err
	}
	if err := metrics.WriteCSV(&b, s); err != nil {
		return nil, nil, err
	}
	return a.Bytes(), b.Bytes(), nil
}

// csp forbids everything but the page's own inline style and images beside
// it: an exported page runs no script and loads nothing from the network.
// file: is listed because some browsers do not count a file opened from
// disk as 'self'.
const csp = "default-src 'none'; img-src 'self' file: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

const pageCSS = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
pre{background:#f5f5f5;padding:.75rem;overflow-x:auto}code{font-family:ui-monospace,monospace}
img{max-width:100%;height:auto}.meta{color:#555;font-size:.9rem}`

// writeHTML writes a standalone page: the rendered body through
// markdown.ToHTML (goldmark and bluemonday), inline CSS and a strict CSP.
// Charts stay image links to the SVG files beside the page; the Mermaid
// chart of the causes shows as its source (the list below it says the
// same).
func writeHTML(w io.Writer, doc Document, d Data, version string) ([]Problem, error) {
	body, problems := Render(doc.Body, d)
	title := doc.Title
	if strings.TrimSpace(title) == "" {
		title = d.Incident.Ref() + " " + d.Incident.Title
	}
	gen := "Hindsight"
	if version != "" {
		gen += " " + version
	}
	var meta []string
	if len(doc.Authors) > 0 {
		meta = append(meta, "Authors: "+strings.Join(doc.Authors, ", "))
	}
	if doc.Status != "" {
		meta = append(meta, "Status: "+doc.Status)
	}
	meta = append(meta, "Generated "+d.now().In(d.zone()).Format(timeLayout))
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	fmt.Fprintf(&b, "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">\n", html.EscapeString(csp))
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	fmt.Fprintf(&b, "<meta name=\"generator\" content=\"%s\">\n", html.EscapeString(gen))
	fmt.Fprintf(&b, "<title>%s</title>\n<style>\n%s\n</style>\n</head>\n<body>\n", html.EscapeString(title), pageCSS)
	fmt.Fprintf(&b, "<p class=\"meta\">%s</p>\n", html.EscapeString(strings.Join(meta, " · ")))
	b.WriteString(markdown.ToHTML(body))
	b.WriteString("\n</body>\n</html>\n")
	_, err := io.WriteString(w, b.String())
	return problems, err
}
