package postmortem

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/hindsight-app/hindsight/backend/causes"
	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/metrics"
)

// MaxImportBytes bounds the markdown file Parse reads, and MaxAssetBytes
// each data file it reads beside it.
const (
	MaxImportBytes = 8 << 20
	MaxAssetBytes  = 64 << 20
)

// Bundle is what a markdown export says, read back by Parse: the incident,
// the parts of it the document showed, and the postmortem with its body
// turned back into a template. A part the document did not show (its
// placeholder is not in the template) is left unset, and its Has… flag
// false, so an import leaves that part as it is.
type Bundle struct {
	Incident domain.Incident
	// Zone is the zone the document showed its times in.
	Zone *time.Location

	HasSummary, HasImpact bool
	HasTimeline           bool
	Events                []domain.TimelineEvent
	HasCauses             bool
	Causes                []domain.CauseOutline
	HasActions            bool
	Actions               []domain.ActionItem
	HasMetrics            bool
	Snapshots             []domain.Snapshot

	Postmortem domain.Postmortem
}

// CauseCount is how many cause nodes the bundle holds.
func (b *Bundle) CauseCount() int {
	n, _ := domain.CountOutline(b.Causes)
	return n
}

// frontMatter is the YAML front matter as Export writes it (WriteYAML).
type frontMatter struct {
	ID               string          `yaml:"id"`
	Ref              string          `yaml:"ref"`
	IncidentTitle    string          `yaml:"incident_title"`
	DocumentTitle    string          `yaml:"document_title"`
	Template         string          `yaml:"template"`
	Severity         string          `yaml:"severity"`
	Status           string          `yaml:"status"`
	Commander        string          `yaml:"commander"`
	Started          *string         `yaml:"started"`
	Detected         *string         `yaml:"detected"`
	Mitigated        *string         `yaml:"mitigated"`
	Resolved         *string         `yaml:"resolved"`
	Services         []string        `yaml:"services"`
	Tags             []string        `yaml:"tags"`
	Authors          []string        `yaml:"authors"`
	Reviewers        []string        `yaml:"reviewers"`
	PostmortemStatus string          `yaml:"postmortem_status"`
	UpdatedAt        *string         `yaml:"updated_at"`
	Zone             string          `yaml:"zone"`
	Snapshots        []frontSnapshot `yaml:"snapshots"`
}

type frontSnapshot struct {
	File            string   `yaml:"file"`
	Start           string   `yaml:"start"`
	End             string   `yaml:"end"`
	StepMs          int64    `yaml:"step_ms"`
	SourceURL       string   `yaml:"source_url"`
	FetchedAt       *string  `yaml:"fetched_at"`
	SignalSeries    string   `yaml:"signal_series"`
	SignalThreshold *float64 `yaml:"signal_threshold"`
	SignalBelow     bool     `yaml:"signal_below"`
}

// parseError is the EINVALID error of a problem at a line of the file (0:
// the whole file).
func parseError(line int, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if line > 0 {
		msg = fmt.Sprintf("line %d: %s", line, msg)
	}
	return domain.Errorf(domain.EINVALID, "%s", msg)
}

// mdLine is one line of the file with its 1-based number.
type mdLine struct {
	n    int
	text string
}

// Parse reads a markdown export (Export, format md) back: the front matter,
// and the parts between marker comments (see renderMarked), each turned
// back into the data it was rendered from. Metric data files are read from
// assets, the folder the document is in (nil: the metrics are read without
// their points, and a snapshot that names a data file is an error). The
// body becomes a template again: every marked part its placeholder, and in
// the lines before the first "##" heading the rendered reference, title,
// severity, status, services, commander and moments their placeholders.
//
// Errors are EINVALID and name the line. Parse never panics, whatever md
// holds.
func Parse(md []byte, assets fs.FS) (*Bundle, error) {
	if len(md) > MaxImportBytes {
		return nil, parseError(0, "the file is %d MB; the limit is %d MB", len(md)>>20, MaxImportBytes>>20)
	}
	if !utf8.Valid(md) {
		return nil, parseError(0, "the file is not UTF-8 text")
	}
	text := strings.TrimPrefix(string(md), "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	raw := strings.Split(text, "\n")
	lines := make([]mdLine, len(raw))
	for k, s := range raw {
		lines[k] = mdLine{k + 1, s}
	}
	if len(lines) == 0 || strings.TrimRight(lines[0].text, " \t") != "---" {
		return nil, parseError(1, "the file does not start with YAML front matter (a line ---); is it a Hindsight markdown export?")
	}
	end := -1
	for k := 1; k < len(lines); k++ {
		if t := strings.TrimRight(lines[k].text, " \t"); t == "---" || t == "..." {
			end = k
			break
		}
	}
	if end < 0 {
		return nil, parseError(1, "the front matter has no closing --- line")
	}
	var fm frontMatter
	yml := strings.Join(raw[1:end], "\n")
	if err := yaml.Unmarshal([]byte(yml), &fm); err != nil {
		return nil, yamlError(err)
	}
	b := &Bundle{}
	if err := b.readFront(&fm, end+1); err != nil {
		return nil, err
	}
	body := lines[end+1:]
	// What Export puts between the front matter and the body.
	for len(body) > 0 && (strings.TrimSpace(body[0].text) == "" || isLintConfig(body[0].text)) {
		body = body[1:]
	}
	tpl, err := b.readBody(body, &fm, assets)
	if err != nil {
		return nil, err
	}
	b.Postmortem.Body = tpl
	return b, nil
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlError words a YAML error with the line in the file (the front matter
// starts on line 2).
func yamlError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLine.FindStringSubmatchIndex(msg); m != nil {
		n, _ := strconv.Atoi(msg[m[2]:m[3]])
		line = n + 1
		msg = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(msg[:m[0]]+msg[m[1]:]), ":"))
	}
	msg = strings.TrimPrefix(strings.TrimSpace(strings.ReplaceAll(msg, "unmarshal errors:\n", "")), ": ")
	return parseError(line, "the front matter is not valid: %s", truncate(oneLineText(msg), 200))
}

func oneLineText(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func parseMoment(key string, s *string, line int) (*time.Time, error) {
	if s == nil || strings.TrimSpace(*s) == "" {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(*s))
	if err != nil {
		return nil, parseError(line, "front matter: %s %q is not an RFC 3339 time (2026-03-14T13:02:00Z)", key, truncate(*s, 40))
	}
	t = t.UTC()
	return &t, nil
}

// readFront fills the incident and the postmortem from the front matter;
// line is the line of its closing ---, which errors name.
func (b *Bundle) readFront(fm *frontMatter, line int) error {
	inc := &b.Incident
	inc.ID = strings.TrimSpace(fm.ID)
	if ref := strings.TrimSpace(fm.Ref); ref != "" {
		m := refNumber.FindStringSubmatch(ref)
		if m == nil {
			return parseError(line, "front matter: ref %q is not an incident reference such as INC-0042", truncate(ref, 20))
		}
		inc.Number, _ = strconv.Atoi(m[1])
	}
	if inc.ID == "" && inc.Number == 0 {
		return parseError(line, "front matter: neither id nor ref is set; the file does not say which incident it is about")
	}
	inc.Title = strings.TrimSpace(fm.IncidentTitle)
	if inc.Title == "" {
		return parseError(line, "front matter: incident_title is empty")
	}
	sev, err := domain.ParseSeverity(fm.Severity)
	if err != nil {
		return parseError(line, "front matter: severity: %s", err)
	}
	st, err := domain.ParseStatus(fm.Status)
	if err != nil {
		return parseError(line, "front matter: status: %s", err)
	}
	inc.Severity, inc.Status, inc.Commander = sev, st, strings.TrimSpace(fm.Commander)
	inc.Services, inc.Tags = nonNil(fm.Services), nonNil(fm.Tags)
	for _, m := range []struct {
		key string
		s   *string
		dst **time.Time
	}{{"started", fm.Started, &inc.StartedAt}, {"detected", fm.Detected, &inc.DetectedAt},
		{"mitigated", fm.Mitigated, &inc.MitigatedAt}, {"resolved", fm.Resolved, &inc.ResolvedAt}} {
		if *m.dst, err = parseMoment(m.key, m.s, line); err != nil {
			return err
		}
	}
	if inc.StartedAt == nil {
		return parseError(line, "front matter: started is not set; an incident has a start")
	}
	zone := strings.TrimSpace(fm.Zone)
	switch zone {
	case "", "UTC":
		b.Zone = time.UTC
	case "Local":
		b.Zone = time.Local
	default:
		if b.Zone, err = time.LoadLocation(zone); err != nil {
			return parseError(line, "front matter: zone %q is not a time zone this machine knows", truncate(zone, 40))
		}
	}
	pm := &b.Postmortem
	pm.Title, pm.Template = strings.TrimSpace(fm.DocumentTitle), strings.TrimSpace(fm.Template)
	pm.Authors, pm.Reviewers = nonNil(fm.Authors), nonNil(fm.Reviewers)
	if fm.PostmortemStatus == "" {
		pm.Status = domain.PostmortemDraft
	} else if pm.Status, err = domain.ParsePostmortemStatus(fm.PostmortemStatus); err != nil {
		return parseError(line, "front matter: postmortem_status: %s", err)
	}
	up, err := parseMoment("updated_at", fm.UpdatedAt, line)
	if err != nil {
		return err
	}
	if up != nil {
		pm.UpdatedAt = *up
	}
	for k, s := range fm.Snapshots {
		if _, err := parseMoment("snapshots start", &s.Start, line); err != nil {
			return err
		}
		if _, err := parseMoment("snapshots end", &s.End, line); err != nil {
			return err
		}
		if s.StepMs < 0 || s.StepMs > int64(domain.MaxWindow/time.Millisecond) {
			return parseError(line, "front matter: snapshot %d: step_ms %d is out of range", k+1, s.StepMs)
		}
	}
	return nil
}

func nonNil(s []string) []string {
	out := make([]string, 0, len(s))
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

var refNumber = regexp.MustCompile(`(?i)^(?:INC-?)?0*(\d{1,9})$`)

// block is a marked part of the body: its placeholder, the line of its
// begin marker and the lines between the markers, blank lines at either
// end trimmed.
type block struct {
	name  string
	line  int
	lines []mdLine
}

func (bl *block) text() string {
	parts := make([]string, len(bl.lines))
	for k, l := range bl.lines {
		parts[k] = l.text
	}
	return strings.Join(parts, "\n")
}

var markerRE = regexp.MustCompile(`^<!-- hindsight:(begin|end) ([a-z_.]{1,40}) -->$`)

// readBody finds the marked parts, reads each, and returns the body as a
// template.
func (b *Bundle) readBody(body []mdLine, fm *frontMatter, assets fs.FS) (string, error) {
	texts := make([]string, len(body))
	for k, l := range body {
		texts[k] = l.text
	}
	scanned := scanLines(strings.Join(texts, "\n"))
	var out []string
	heading := -1 // index in out of the first "## " line outside code
	placeholderLines := map[int]bool{}
	seen := map[string]int{}
	for k := 0; k < len(body); k++ {
		l := body[k]
		if k < len(scanned) && scanned[k].fence {
			out = append(out, l.text)
			continue
		}
		m := markerRE.FindStringSubmatch(strings.TrimSpace(l.text))
		if m == nil {
			if heading < 0 && strings.HasPrefix(l.text, "## ") {
				heading = len(out)
			}
			out = append(out, l.text)
			continue
		}
		if m[1] == "end" {
			return "", parseError(l.n, "%s has no begin marker above it", strings.TrimSpace(l.text))
		}
		p, ok := lookup(m[2])
		if !ok {
			return "", parseError(l.n, "%q in the marker is not a placeholder", m[2])
		}
		endAt := -1
		closing := markEnd + p.Name + markClose
		for j := k + 1; j < len(body); j++ {
			if strings.TrimSpace(body[j].text) == closing {
				endAt = j
				break
			}
		}
		if endAt < 0 {
			return "", parseError(l.n, "the %s part has no end marker (%s)", p.Name, closing)
		}
		inner := body[k+1 : endAt]
		for len(inner) > 0 && strings.TrimSpace(inner[0].text) == "" {
			inner = inner[1:]
		}
		for len(inner) > 0 && strings.TrimSpace(inner[len(inner)-1].text) == "" {
			inner = inner[:len(inner)-1]
		}
		seen[p.Name]++
		if err := b.readBlock(&block{name: p.Name, line: l.n, lines: inner}, seen[p.Name], fm, assets); err != nil {
			return "", err
		}
		placeholderLines[len(out)] = true
		out = append(out, "{{"+p.Name+"}}")
		k = endAt
	}
	if heading < 0 {
		heading = len(out)
	}
	b.restoreInline(out[:heading], placeholderLines)
	return strings.Join(out, "\n"), nil
}

// readBlock reads one marked part into the bundle; n counts the parts of
// that name so far (a placeholder used twice shows the same data twice:
// only the first is read).
func (b *Bundle) readBlock(bl *block, n int, fm *frontMatter, assets fs.FS) error {
	if n > 1 {
		return nil
	}
	text := bl.text()
	var err error
	switch bl.name {
	case "incident.summary":
		b.HasSummary = true
		if text != "_No summary written yet._" {
			b.Incident.Summary = text
		}
	case "incident.impact":
		b.HasImpact = true
		if text != "_No customer impact written yet._" {
			b.Incident.CustomerImpact = text
		}
	case "timeline":
		b.HasTimeline = true
		if text != "_No timeline events yet._" {
			b.Events, err = b.readTimeline(bl)
		}
	case "root_causes":
		b.HasCauses = true
		if text != "_No cause tree yet._" {
			b.Causes, err = readCauses(bl)
		}
	case "actions":
		b.HasActions = true
		if text != "_No action items yet._" {
			b.Actions, err = readActions(bl)
		}
	case "metrics":
		b.HasMetrics = true
		if text != "_No metric snapshots._" {
			b.Snapshots, err = b.readMetrics(bl, fm, assets)
		}
	}
	// The durations, the detection lag and the inline placeholders are
	// derived from the rest; their text is not read.
	return err
}

// splitRow splits a markdown table row into its cells, undoing mdtable's
// escapes (\\ and \|, <br> for a line break). ok is false when the line is
// not a row (it does not start and end with a pipe).
func splitRow(s string) (cells []string, ok bool) {
	s = strings.TrimSpace(s)
	if len(s) < 2 || s[0] != '|' || s[len(s)-1] != '|' || strings.HasSuffix(s, `\|`) && !strings.HasSuffix(s, `\\|`) {
		return nil, false
	}
	s = s[1:]
	var cur strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && (s[i+1] == '\\' || s[i+1] == '|'):
			cur.WriteByte(s[i+1])
			i++
		case c == '|':
			cells = append(cells, strings.ReplaceAll(strings.TrimSpace(cur.String()), "<br>", "\n"))
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	if strings.TrimSpace(cur.String()) != "" {
		return nil, false
	}
	return cells, true
}

// readTable reads a table with the given headers (the first may carry a
// suffix, read by the caller from the returned header cells) and returns
// its rows, each with its line.
func readTable(bl *block, what string, headers []string) (head []string, rows [][]string, lines []int, err error) {
	expect := fmt.Sprintf("%d (%s)", len(headers), strings.Join(headers, ", "))
	if len(bl.lines) < 2 {
		return nil, nil, nil, parseError(bl.line, "the %s part holds no table", what)
	}
	head, ok := splitRow(bl.lines[0].text)
	if !ok || len(head) != len(headers) {
		return nil, nil, nil, parseError(bl.lines[0].n, "the %s table's header has %d cells; expected %s", what, len(head), expect)
	}
	for k, h := range headers {
		if !strings.HasPrefix(head[k], h) {
			return nil, nil, nil, parseError(bl.lines[0].n, "the %s table's column %d is %q; expected %q", what, k+1, truncate(head[k], 40), h)
		}
	}
	if sep, ok := splitRow(bl.lines[1].text); !ok || len(sep) != len(headers) {
		return nil, nil, nil, parseError(bl.lines[1].n, "the %s table's second line is not its | --- | line", what)
	}
	for _, l := range bl.lines[2:] {
		cells, ok := splitRow(l.text)
		if !ok {
			return nil, nil, nil, parseError(l.n, "%s row is not a table row (| … |)", what)
		}
		if len(cells) != len(headers) {
			return nil, nil, nil, parseError(l.n, "%s row has %d cells; expected %s", what, len(cells), expect)
		}
		rows, lines = append(rows, cells), append(lines, l.n)
	}
	return head, rows, lines, nil
}

var keyMomentPrefix = regexp.MustCompile(`^\*\*(Started|Detected|Mitigated|Resolved):\*\*(?: |$)`)

func (b *Bundle) readTimeline(bl *block) ([]domain.TimelineEvent, error) {
	head, rows, lines, err := readTable(bl, "timeline", []string{"Time", "T+", "Kind", "Who", "What"})
	if err != nil {
		return nil, err
	}
	loc := b.Zone
	if z := strings.TrimSuffix(strings.TrimPrefix(head[0], "Time ("), ")"); z != head[0] && z != "" && z != "Local" {
		if l, err := time.LoadLocation(z); err == nil {
			loc = l
		}
	}
	out := make([]domain.TimelineEvent, 0, len(rows))
	for k, r := range rows {
		at, err := time.ParseInLocation("2006-01-02 15:04:05", r[0], loc)
		if err != nil {
			return nil, parseError(lines[k], "timeline time %q is not a date and time (2026-03-14 14:02:00)", truncate(r[0], 30))
		}
		kind, err := domain.ParseEventKind(r[2])
		if err != nil {
			return nil, parseError(lines[k], "timeline kind: %s", err)
		}
		ev := domain.TimelineEvent{At: at.UTC(), Kind: kind, Author: r[3], Body: r[4]}
		if m := keyMomentPrefix.FindStringSubmatch(ev.Body); m != nil {
			ev.KeyMoment = domain.KeyMoment(strings.ToLower(m[1]))
			ev.Body = ev.Body[len(m[0]):]
		}
		if strings.TrimSpace(ev.Body) == "" {
			return nil, parseError(lines[k], "timeline event has no text")
		}
		out = append(out, ev)
	}
	return out, nil
}

// readCauses reads the nested list after the Mermaid chart (which says the
// same, and is skipped).
func readCauses(bl *block) ([]domain.CauseOutline, error) {
	ls := bl.lines
	if len(ls) > 0 && strings.HasPrefix(ls[0].text, "```mermaid") {
		end := -1
		for k := 1; k < len(ls); k++ {
			if strings.TrimSpace(ls[k].text) == "```" {
				end = k
				break
			}
		}
		if end < 0 {
			return nil, parseError(ls[0].n, "the cause chart's code block is not closed")
		}
		ls = ls[end+1:]
	}
	if len(ls) == 0 {
		return nil, parseError(bl.line, "the root_causes part holds no list of causes")
	}
	texts := make([]string, len(ls))
	for k, l := range ls {
		if t := strings.TrimLeft(l.text, " "); t != "" && !strings.HasPrefix(t, "- ") {
			return nil, parseError(l.n, "a cause is a list item \"- [kind] statement\"")
		}
		texts[k] = l.text
	}
	first := ls[0].n
	trees, err := causes.ParseOutline(strings.Join(texts, "\n"))
	if err != nil {
		msg := domain.ErrorMessage(err)
		msg = strings.TrimPrefix(msg, "file: ")
		if m := outlineLine.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			return nil, parseError(n+first-1, "cause: %s", msg[len(m[0]):])
		}
		return nil, parseError(first, "cause: %s", msg)
	}
	var shift func([]domain.CauseOutline)
	shift = func(ts []domain.CauseOutline) {
		for k := range ts {
			ts[k].Line += first - 1
			shift(ts[k].Children)
		}
	}
	shift(trees)
	return trees, nil
}

var outlineLine = regexp.MustCompile(`^line (\d+): `)

var (
	actionRef = regexp.MustCompile(`^ACT-0*(\d{1,9})$`)
	overdue   = regexp.MustCompile(` \(\d+ days? overdue\)$`)
)

func readActions(bl *block) ([]domain.ActionItem, error) {
	_, rows, lines, err := readTable(bl, "action", []string{"Ref", "Action", "Owner", "Due", "Priority", "Type", "Status", "Incident"})
	if err != nil {
		return nil, err
	}
	out := make([]domain.ActionItem, 0, len(rows))
	seen := map[int]bool{}
	for k, r := range rows {
		fail := func(format string, args ...any) error {
			return parseError(lines[k], "action "+format, args...)
		}
		m := actionRef.FindStringSubmatch(r[0])
		if m == nil {
			return nil, fail("reference %q is not ACT-0042", truncate(r[0], 20))
		}
		a := domain.ActionItem{Owner: r[2]}
		a.Number, _ = strconv.Atoi(m[1])
		if a.Number == 0 || seen[a.Number] {
			return nil, fail("%s appears twice or is not a valid reference", r[0])
		}
		seen[a.Number] = true
		a.Title = r[1]
		if strings.HasPrefix(a.Title, "[") && strings.HasSuffix(a.Title, ">)") {
			if i := strings.LastIndex(a.Title, "](<"); i > 0 {
				a.Link = a.Title[i+3 : len(a.Title)-2]
				a.Title = unescapeLinkText(a.Title[1:i])
			}
		}
		if a.Due = overdue.ReplaceAllString(r[3], ""); a.Due != "" {
			if _, err := domain.ParseDate(a.Due); err != nil {
				return nil, fail("due date: %s", err)
			}
		}
		if a.Priority, err = domain.ParsePriority(r[4]); err != nil {
			return nil, fail("priority: %s", err)
		}
		if a.Type, err = domain.ParseActionType(r[5]); err != nil {
			return nil, fail("type: %s", err)
		}
		status, reason, _ := strings.Cut(r[6], ": ")
		found := false
		for _, s := range domain.ActionStatuses {
			if strings.EqualFold(s.Label, status) || strings.EqualFold(string(s.Name), status) {
				a.Status, found = s.Name, true
			}
		}
		if !found {
			return nil, fail("status %q is not one of Open, In progress, Blocked, Done, Won't do", truncate(r[6], 30))
		}
		if a.Status == domain.ActionWontDo {
			if a.Reason = strings.TrimSpace(reason); a.Reason == "" {
				return nil, fail("is Won't do without a reason (\"Won't do: why\")")
			}
		} else if reason != "" {
			return nil, fail("status %q: only Won't do carries a reason", truncate(r[6], 30))
		}
		out = append(out, a)
	}
	return out, nil
}

func unescapeLinkText(s string) string {
	return strings.NewReplacer(`\[`, "[", `\]`, "]").Replace(s)
}

var (
	imageRE  = regexp.MustCompile(`^!\[((?:[^\]\\]|\\.)*)\]\(([^()\s]+)\)$`)
	fromRE   = regexp.MustCompile(`^From (.+), (\d{4}-\d\d-\d\d \d\d:\d\d \S+) to (\d{4}-\d\d-\d\d \d\d:\d\d \S+),$`)
	csvRE    = regexp.MustCompile(`^\[Download the data \(CSV\)\]\(([^()\s]+)\)$`)
	fenceRE  = regexp.MustCompile("^(`{3,})(promql|text)$")
	labelsRE = regexp.MustCompile(`^\{(.*)\}$`)
)

// readMetrics reads each "### title" section: the chart's alt text is the
// title, the "From …" line the source and window, the code block the query
// (its language the source kind), the CSV link the data file.
func (b *Bundle) readMetrics(bl *block, fm *frontMatter, assets fs.FS) ([]domain.Snapshot, error) {
	var sections [][]mdLine
	for _, l := range bl.lines {
		if strings.HasPrefix(l.text, "### ") {
			sections = append(sections, nil)
		}
		if len(sections) == 0 {
			if strings.TrimSpace(l.text) != "" {
				return nil, parseError(l.n, "the metrics part should start with a \"### \" heading per snapshot")
			}
			continue
		}
		sections[len(sections)-1] = append(sections[len(sections)-1], l)
	}
	fronts := map[string]*frontSnapshot{}
	for k := range fm.Snapshots {
		fronts[fm.Snapshots[k].File] = &fm.Snapshots[k]
	}
	out := make([]domain.Snapshot, 0, len(sections))
	for _, sec := range sections {
		s, err := b.readSnapshot(sec, fronts, assets)
		if err != nil {
			return nil, err
		}
		out = append(out, *s)
	}
	return out, nil
}

func (b *Bundle) readSnapshot(sec []mdLine, fronts map[string]*frontSnapshot, assets fs.FS) (*domain.Snapshot, error) {
	s := &domain.Snapshot{}
	var csvPath string
	var csvLine int
	haveFrom, haveQuery := false, false
	var windowErr error // the front matter's exact window makes it moot
	for k := 1; k < len(sec); k++ {
		l := sec[k]
		t := strings.TrimSpace(l.text)
		switch {
		case imageRE.MatchString(t):
			m := imageRE.FindStringSubmatch(t)
			s.Title = unescapeBrackets(m[1])
		case fromRE.MatchString(t):
			m := fromRE.FindStringSubmatch(t)
			if m[1] != "the metric source" {
				s.SourceName = m[1]
			}
			var err error
			if s.Start, err = time.ParseInLocation(timeLayout, m[2], b.Zone); err != nil {
				windowErr = parseError(l.n, "snapshot window start %q is not a time (2026-03-14 13:30 CET)", m[2])
			}
			if s.End, err = time.ParseInLocation(timeLayout, m[3], b.Zone); err != nil && windowErr == nil {
				windowErr = parseError(l.n, "snapshot window end %q is not a time (2026-03-14 15:40 CET)", m[3])
			}
			haveFrom = true
		case fenceRE.MatchString(t) && !haveQuery:
			m := fenceRE.FindStringSubmatch(t)
			s.SourceKind = domain.SourcePrometheus
			if m[2] == "text" {
				s.SourceKind = domain.SourceGraphite
			}
			end := -1
			for j := k + 1; j < len(sec); j++ {
				if strings.TrimSpace(sec[j].text) == m[1] {
					end = j
					break
				}
			}
			if end < 0 {
				return nil, parseError(l.n, "the query's code block is not closed")
			}
			q := make([]string, 0, end-k-1)
			for _, ql := range sec[k+1 : end] {
				q = append(q, ql.text)
			}
			s.Query, haveQuery = strings.Join(q, "\n"), true
			k = end
		case csvRE.MatchString(t):
			csvPath, csvLine = csvRE.FindStringSubmatch(t)[1], l.n
		}
	}
	head := sec[0]
	switch {
	case s.Title == "":
		s.Title = strings.TrimSpace(strings.TrimPrefix(head.text, "### "))
		if s.Title == "Snapshot" {
			s.Title = ""
		}
	case s.Title == "Snapshot" && strings.TrimSpace(strings.TrimPrefix(head.text, "### ")) == "Snapshot":
		s.Title = ""
	}
	if !haveFrom {
		return nil, parseError(head.n, "the snapshot %q has no \"From <source>, <start> to <end>,\" line", truncate(s.Title, 40))
	}
	if !haveQuery {
		return nil, parseError(head.n, "the snapshot %q has no query (a ```promql or ```text code block)", truncate(s.Title, 40))
	}
	if csvPath == "" {
		return nil, parseError(head.n, "the snapshot %q has no link to its data (CSV)", truncate(s.Title, 40))
	}
	stem := strings.TrimSuffix(path.Base(csvPath), ".csv")
	if f := fronts[stem]; f != nil {
		// The front matter has the exact window, to the millisecond.
		start, _ := time.Parse(time.RFC3339Nano, f.Start)
		end, _ := time.Parse(time.RFC3339Nano, f.End)
		if !start.IsZero() && !end.IsZero() {
			s.Start, s.End, windowErr = start, end, nil
		}
		s.Step = time.Duration(f.StepMs) * time.Millisecond
		s.SourceURL = f.SourceURL
		if at, _ := parseMoment("fetched_at", f.FetchedAt, 0); at != nil {
			s.FetchedAt = *at
		}
		s.Signal = domain.Signal{SeriesKey: f.SignalSeries, Threshold: f.SignalThreshold, Below: f.SignalBelow}
	}
	if windowErr != nil {
		return nil, windowErr
	}
	s.Start, s.End = s.Start.UTC(), s.End.UTC()
	if assets == nil {
		return s, nil
	}
	series, err := readCSV(assets, csvPath, csvLine, s.SourceKind)
	if err != nil {
		return nil, err
	}
	var baseline time.Time
	if b.Incident.StartedAt != nil {
		baseline = *b.Incident.StartedAt
	}
	for k := range series {
		series[k].Stats = metrics.ComputeStats(series[k].Points, baseline)
	}
	s.Series = series
	return s, nil
}

func unescapeBrackets(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(`\[]`, s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// readCSV reads a snapshot's data file (metrics.WriteCSV): one column per
// series, named by its key; an empty cell is no point.
func readCSV(assets fs.FS, name string, line int, kind domain.SourceKind) ([]domain.Series, error) {
	clean := path.Clean(name)
	if !fs.ValidPath(clean) {
		return nil, parseError(line, "the data file %s is not a path inside the document's folder", truncate(name, 80))
	}
	f, err := assets.Open(clean)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, parseError(line, "the data file %s is missing; keep the assets folder beside the document", clean)
		}
		return nil, parseError(line, "cannot read the data file %s: %v", clean, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxAssetBytes+1))
	if err != nil {
		return nil, parseError(line, "cannot read the data file %s: %v", clean, err)
	}
	if len(data) > MaxAssetBytes {
		return nil, parseError(line, "the data file %s is larger than %d MB", clean, MaxAssetBytes>>20)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	header, err := r.Read()
	if err != nil {
		return nil, parseError(line, "the data file %s has no header: %v", clean, err)
	}
	if len(header) < 2 || header[0] != "time_utc" || header[1] != "unix_ms" {
		return nil, parseError(line, "the data file %s does not start with time_utc,unix_ms", clean)
	}
	if len(header)-2 > domain.MaxSeriesPerSnapshot {
		return nil, parseError(line, "the data file %s has %d series; a snapshot holds at most %d", clean, len(header)-2, domain.MaxSeriesPerSnapshot)
	}
	series := make([]domain.Series, len(header)-2)
	for k, key := range header[2:] {
		if len(key) > 1 && key[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(key[1])) {
			key = key[1:]
		}
		series[k] = domain.Series{Key: key, Labels: labelsOf(key, kind), Points: []domain.Point{}}
	}
	row := 1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		row++
		if err != nil {
			return nil, parseError(line, "the data file %s, row %d: %v", clean, row, err)
		}
		if len(rec) != len(header) {
			return nil, parseError(line, "the data file %s, row %d has %d cells; expected %d", clean, row, len(rec), len(header))
		}
		t, err := strconv.ParseInt(rec[1], 10, 64)
		if err != nil {
			return nil, parseError(line, "the data file %s, row %d: unix_ms %q is not a number", clean, row, truncate(rec[1], 20))
		}
		for k, cell := range rec[2:] {
			if cell == "" {
				continue
			}
			v, err := strconv.ParseFloat(cell, 64)
			if err != nil && !errors.Is(err, strconv.ErrRange) {
				return nil, parseError(line, "the data file %s, row %d: %q is not a number", clean, row, truncate(cell, 20))
			}
			if n := len(series[k].Points); n > 0 && series[k].Points[n-1].T >= t {
				return nil, parseError(line, "the data file %s, row %d: times must increase", clean, row)
			}
			if len(series[k].Points) >= domain.MaxPointsPerSeries {
				return nil, parseError(line, "the data file %s: a series has more than %d points", clean, domain.MaxPointsPerSeries)
			}
			series[k].Points = append(series[k].Points, domain.Point{T: t, V: v})
		}
	}
	return series, nil
}

// labelsOf rebuilds a series' labels from its key: Prometheus keys are
// {a="x", b="y"} (metrics.SeriesKey); a Graphite key is its target, kept
// as the "name" tag.
func labelsOf(key string, kind domain.SourceKind) map[string]string {
	out := map[string]string{}
	if m := labelsRE.FindStringSubmatch(key); m != nil && kind == domain.SourcePrometheus {
		rest := m[1]
		for rest != "" {
			name, after, ok := strings.Cut(rest, "=")
			if !ok || name == "" || !strings.HasPrefix(after, `"`) {
				return map[string]string{"name": key}
			}
			q, err := strconv.QuotedPrefix(after)
			if err != nil {
				return map[string]string{"name": key}
			}
			v, _ := strconv.Unquote(q)
			out[name] = v
			rest = strings.TrimPrefix(after[len(q):], ", ")
		}
		return out
	}
	if kind == domain.SourceGraphite {
		out["name"] = key
	}
	return out
}

// restoreInline puts the inline placeholders back into the lines before
// the first "##" heading (the title and the status block): each rendered
// value, longest first, becomes its placeholder where it stands as whole
// words. Of placeholders that render the same text ("—", "not yet"), the
// first not yet restored is used, in the order of the list of
// placeholders, which is the order of the built-in templates.
func (b *Bundle) restoreInline(lines []string, skip map[int]bool) {
	d := Data{Incident: &b.Incident, Zone: b.Zone}
	type cand struct {
		name, value string
		order       int
	}
	var cands []cand
	for k, p := range placeholders {
		if p.Block || p.Name == "incident.summary" || p.Name == "incident.impact" || p.Name == "detection_lag" {
			continue
		}
		if v := p.render(d); strings.TrimSpace(v) != "" && !strings.ContainsAny(v, "\n{}`") {
			cands = append(cands, cand{p.Name, v, k})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return len(cands[i].value) > len(cands[j].value) })
	used := map[string]bool{}
	scanned := scanLines(strings.Join(lines, "\n"))
	for k := range lines {
		if skip[k] || k >= len(scanned) || scanned[k].fence {
			continue
		}
		s := lines[k]
		var out strings.Builder
		for i := 0; i < len(s); {
			best := -1
			for c, cd := range cands {
				if !strings.HasPrefix(s[i:], cd.value) || !wordEdge(s, i, i+len(cd.value)) || scanned[k].inCode(i) {
					continue
				}
				switch {
				case best < 0:
					best = c
				case len(cd.value) == len(cands[best].value) && used[cands[best].name] && !used[cd.name]:
					best = c
				}
				if len(cd.value) < len(cands[best].value) {
					break
				}
			}
			if best < 0 {
				_, n := utf8.DecodeRuneInString(s[i:])
				out.WriteString(s[i : i+n])
				i += n
				continue
			}
			used[cands[best].name] = true
			out.WriteString("{{" + cands[best].name + "}}")
			i += len(cands[best].value)
		}
		lines[k] = out.String()
	}
}

// wordEdge reports whether s[i:j] is not part of a longer word.
func wordEdge(s string, i, j int) bool {
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		f, _ := utf8.DecodeRuneInString(s[i:])
		if isWord(r) && isWord(f) {
			return false
		}
	}
	if j < len(s) {
		r, _ := utf8.DecodeRuneInString(s[j:])
		l, _ := utf8.DecodeLastRuneInString(s[:j])
		if isWord(r) && isWord(l) {
			return false
		}
	}
	return true
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }
