package postmortem

import (
	"fmt"
	"math"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	actionexport "github.com/hindsight-app/hindsight/backend/action/export"
	"github.com/hindsight-app/hindsight/backend/causes"
	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/markdown"
	"github.com/hindsight-app/hindsight/backend/mdtable"
	"github.com/hindsight-app/hindsight/backend/metrics"
	timelineexport "github.com/hindsight-app/hindsight/backend/timeline/export"
)

// Data is everything a document may show about one incident. Slices are in
// the order they are shown: events by time, cause nodes in outline order
// with their depth, snapshots with their series' points.
type Data struct {
	Incident  *domain.Incident
	Events    []domain.TimelineEvent
	Causes    []domain.CauseNode
	Actions   []domain.ActionItem
	Snapshots []domain.Snapshot
	// Lag is the detection lag of the chosen metric signal, nil if none.
	Lag *domain.DetectionLag
	// Zone is the zone times are shown in; nil is UTC.
	Zone *time.Location
	// Now is the clock (overdue actions, generated_at); zero is time.Now().
	Now time.Time
	// AssetDir prefixes the links to chart and data files, relative to the
	// document, e.g. "assets/INC-0042"; "" puts them beside it.
	AssetDir string
}

func (d Data) zone() *time.Location {
	if d.Zone == nil {
		return time.UTC
	}
	return d.Zone
}

func (d Data) now() time.Time {
	if d.Now.IsZero() {
		return time.Now()
	}
	return d.Now
}

// Problem is something wrong with a template, found while rendering it.
type Problem struct {
	Line        int    `json:"line"` // 1-based line of the template
	Placeholder string `json:"placeholder"`
	Message     string `json:"message"`
}

// PlaceholderInfo names a placeholder for the editor's help.
type PlaceholderInfo struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	// Block placeholders render several lines (a table, a list, a chart)
	// and must stand on a line of their own.
	Block bool `json:"block"`
}

type placeholder struct {
	PlaceholderInfo
	render func(d Data) string
}

// NoSignal is what {{detection_lag}} says when no metric signal is chosen.
const NoSignal = "No metric signal chosen."

// notSet stands for a value that is not known yet.
const notSet = "—"

// timeLayout shows key moments: date, time and the zone's abbreviation.
const timeLayout = "2006-01-02 15:04 MST"

var placeholders = []placeholder{
	{PlaceholderInfo{"incident.ref", "The incident's reference, e.g. INC-0042.", false},
		func(d Data) string { return d.Incident.Ref() }},
	{PlaceholderInfo{"incident.title", "The incident's title.", false},
		func(d Data) string { return d.Incident.Title }},
	{PlaceholderInfo{"incident.severity", "The severity with its label, e.g. SEV2 (Major).", false}, severity},
	{PlaceholderInfo{"incident.status", "The incident's status, e.g. Resolved.", false}, status},
	{PlaceholderInfo{"incident.services", "The affected services, comma-separated.", false},
		func(d Data) string { return orNotSet(strings.Join(d.Incident.Services, ", ")) }},
	{PlaceholderInfo{"incident.commander", "The incident commander.", false},
		func(d Data) string { return orNotSet(d.Incident.Commander) }},
	{PlaceholderInfo{"incident.started", "When the incident started: date, time and zone.", false},
		func(d Data) string { return moment(d.Incident.StartedAt, d.zone()) }},
	{PlaceholderInfo{"incident.detected", "When it was detected.", false},
		func(d Data) string { return moment(d.Incident.DetectedAt, d.zone()) }},
	{PlaceholderInfo{"incident.mitigated", "When the impact was mitigated.", false},
		func(d Data) string { return moment(d.Incident.MitigatedAt, d.zone()) }},
	{PlaceholderInfo{"incident.resolved", "When it was resolved.", false},
		func(d Data) string { return moment(d.Incident.ResolvedAt, d.zone()) }},
	{PlaceholderInfo{"incident.summary", "The incident's summary (markdown).", false},
		func(d Data) string {
			return orPrompt(markdown.HeadingsToLeadIns(d.Incident.Summary), "_No summary written yet._")
		}},
	{PlaceholderInfo{"incident.impact", "The customer impact (markdown).", false},
		func(d Data) string {
			return orPrompt(markdown.HeadingsToLeadIns(d.Incident.CustomerImpact), "_No customer impact written yet._")
		}},
	{PlaceholderInfo{"durations", "A table of time to detect, mitigate and resolve.", true}, durations},
	{PlaceholderInfo{"detection_lag", "How long the impact showed in metrics before detection.", false}, detectionLag},
	{PlaceholderInfo{"timeline", "The timeline as a table.", true}, timeline},
	{PlaceholderInfo{"root_causes", "The cause tree: a Mermaid chart and a nested list.", true}, rootCauses},
	{PlaceholderInfo{"actions", "The action items as a table.", true}, actions},
	{PlaceholderInfo{"metrics", "Each metric snapshot: chart, data file and statistics.", true}, metricsSection},
}

// Placeholders lists the placeholders a template may use, for the help.
func Placeholders() []PlaceholderInfo {
	out := make([]PlaceholderInfo, len(placeholders))
	for k, p := range placeholders {
		out[k] = p.PlaceholderInfo
	}
	return out
}

func lookup(name string) (placeholder, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, p := range placeholders {
		if p.Name == name {
			return p, true
		}
	}
	return placeholder{}, false
}

// placeholderRE finds {{ anything on one line }}; what is inside is checked
// against the known names, so a misspelt or malformed placeholder is found
// too.
var placeholderRE = regexp.MustCompile(`\{\{([^{}\n]*)\}\}`)

// Render fills the placeholders of a template body from d. Names are
// case-insensitive and may have spaces inside the braces ({{ timeline }}).
// Placeholders inside fenced code blocks and inline code are left as they
// are, so a template can document them.
//
// A placeholder that is unknown, or a block placeholder (a table, a list)
// that does not stand on a line of its own, is reported as a Problem with
// its line and rendered as its own text in inline code: the document still
// renders, and the mistake shows plainly in it instead of passing for
// template syntax or breaking the surrounding paragraph.
func Render(body string, d Data) (string, []Problem) {
	return expand(body, d, "", false)
}

// Marker comments set off what a placeholder rendered in the markdown
// export, so that Parse can find each part again and put the placeholder
// back: "<!-- hindsight:begin timeline -->" … "<!-- hindsight:end
// timeline -->". GitHub and GitLab show no HTML comment, and markdownlint
// accepts them.
const (
	markBegin = "<!-- hindsight:begin "
	markEnd   = "<!-- hindsight:end "
	markClose = " -->"
)

// renderMarked is Render for the markdown export: every block placeholder,
// and every other placeholder that stands alone as a paragraph, is wrapped
// in marker comments.
func renderMarked(body string, d Data) (string, []Problem) {
	return expand(body, d, "", true)
}

// Freeze replaces every live occurrence of one placeholder in body by its
// current rendering, so that the text no longer changes with the data and
// can be edited by hand. Other placeholders are left as they are. It
// returns EINVALID for an unknown name.
func Freeze(body, name string, d Data) (string, error) {
	p, ok := lookup(name)
	if !ok {
		return "", domain.Errorf(domain.EINVALID, "%q is not a placeholder; see the list of placeholders", truncate(name, 40))
	}
	out, problems := expand(body, d, p.Name, false)
	if len(problems) > 0 {
		return "", domain.Errorf(domain.EINVALID, "line %d: %s", problems[0].Line, problems[0].Message)
	}
	return out, nil
}

// expand does Render's work; with only set, it replaces that placeholder
// alone and leaves every other one untouched (and unreported); with mark,
// it wraps what placeholders standing alone render in marker comments.
func expand(body string, d Data, only string, mark bool) (string, []Problem) {
	if d.Incident == nil {
		d.Incident = &domain.Incident{}
	}
	var problems []Problem
	lines := scanLines(body)
	var b strings.Builder
	b.Grow(len(body) * 2)
	for k, l := range lines {
		if k > 0 {
			b.WriteByte('\n')
		}
		if l.fence {
			b.WriteString(l.text)
			continue
		}
		last := 0
		for _, m := range placeholderRE.FindAllStringSubmatchIndex(l.text, -1) {
			if l.inCode(m[0]) {
				continue
			}
			raw := l.text[m[0]:m[1]]
			p, ok := lookup(l.text[m[2]:m[3]])
			if only != "" && (!ok || p.Name != only) {
				continue
			}
			b.WriteString(l.text[last:m[0]])
			last = m[1]
			alone := strings.TrimSpace(l.text) == raw
			switch {
			case !ok:
				problems = append(problems, Problem{Line: l.n, Placeholder: raw,
					Message: fmt.Sprintf("%s is not a placeholder; check the spelling against the list of placeholders", raw)})
				b.WriteString(codeSpan(raw))
			case p.Block && !alone:
				problems = append(problems, Problem{Line: l.n, Placeholder: raw,
					Message: fmt.Sprintf("%s renders a block (a table, a list or a chart); put it on a line of its own", raw)})
				b.WriteString(codeSpan(raw))
			case p.Block:
				// A table or a fence must be set off by blank lines, or
				// markdown reads it as part of the paragraph around it.
				if k > 0 && strings.TrimSpace(lines[k-1].text) != "" {
					b.WriteByte('\n')
				}
				b.WriteString(marked(p, d, mark))
				if k+1 < len(lines) && strings.TrimSpace(lines[k+1].text) != "" {
					b.WriteByte('\n')
				}
			case mark && alone && (k == 0 || strings.TrimSpace(lines[k-1].text) == "") &&
				(k+1 == len(lines) || strings.TrimSpace(lines[k+1].text) == ""):
				// A paragraph of its own (a summary, the detection lag):
				// marked too, so import finds where it ends.
				b.WriteString(marked(p, d, true))
			default:
				b.WriteString(p.render(d))
			}
		}
		b.WriteString(l.text[last:])
	}
	return b.String(), problems
}

// marked renders p, between marker comments when mark is set.
func marked(p placeholder, d Data, mark bool) string {
	out := p.render(d)
	if !mark {
		return out
	}
	return markBegin + p.Name + markClose + "\n\n" + out + "\n\n" + markEnd + p.Name + markClose
}

// codeSpan writes s as inline code, with a backtick run longer than any
// inside it.
func codeSpan(s string) string {
	longest := longestRun(s, '`')
	fence := strings.Repeat("`", longest+1)
	if longest > 0 {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

func orNotSet(s string) string {
	if strings.TrimSpace(s) == "" {
		return notSet
	}
	return s
}

func orPrompt(s, prompt string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return prompt
	}
	return s
}

func moment(t *time.Time, loc *time.Location) string {
	if t == nil {
		return "not yet"
	}
	return t.In(loc).Format(timeLayout)
}

func severity(d Data) string {
	for _, l := range domain.SeverityLevels {
		if l.Name == d.Incident.Severity {
			return fmt.Sprintf("%s (%s)", l.Name, l.Label)
		}
	}
	return orNotSet(string(d.Incident.Severity))
}

func status(d Data) string {
	for _, l := range domain.StatusLevels {
		if l.Name == d.Incident.Status {
			return l.Label
		}
	}
	return orNotSet(string(d.Incident.Status))
}

func durations(d Data) string {
	ds := d.Incident.Durations()
	show := func(p *time.Duration) string {
		if p == nil {
			return "not yet known"
		}
		return domain.FormatMinutes(*p)
	}
	var b strings.Builder
	mdtable.Write(&b, []mdtable.Column{{Header: "Measure"}, {Header: "From the start", Align: mdtable.Right}}, [][]string{
		{"Time to detect", show(ds.ToDetect)},
		{"Time to mitigate", show(ds.ToMitigate)},
		{"Time to resolve", show(ds.ToResolve)},
	})
	return strings.TrimRight(b.String(), "\n")
}

func detectionLag(d Data) string {
	s := d.Lag.Sentence()
	if s == "" {
		return NoSignal
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if d.Lag.Title != "" {
		s += " (" + d.Lag.Title + ")"
	}
	return s + "."
}

func timeline(d Data) string {
	if len(d.Events) == 0 {
		return "_No timeline events yet._"
	}
	var b strings.Builder
	timelineexport.Markdown(&b, d.Incident, d.Events, d.zone())
	return strings.TrimRight(b.String(), "\n")
}

func rootCauses(d Data) string {
	if len(d.Causes) == 0 {
		return "_No cause tree yet._"
	}
	var chart, list strings.Builder
	causes.Mermaid(&chart, d.Causes)
	causes.Markdown(&list, d.Causes)
	return "```mermaid\n" + chart.String() + "```\n\n" + strings.TrimRight(list.String(), "\n")
}

func actions(d Data) string {
	if len(d.Actions) == 0 {
		return "_No action items yet._"
	}
	var b strings.Builder
	actionexport.Markdown(&b, d.Actions, d.now(), d.zone())
	return strings.TrimRight(b.String(), "\n")
}

// assetNames gives each snapshot a file name stem, unique within the
// document: its title as a slug, with -2, -3… for repeats. Render links to
// these names and Export writes them, so the two always agree.
func assetNames(snaps []domain.Snapshot) []string {
	out := make([]string, len(snaps))
	seen := map[string]int{}
	for k := range snaps {
		s := Slug(snaps[k].Title, "snapshot")
		seen[s]++
		if n := seen[s]; n > 1 {
			s += "-" + strconv.Itoa(n)
		}
		out[k] = s
	}
	return out
}

func assetLink(d Data, file string) string {
	if d.AssetDir == "" {
		return file
	}
	return path.Join(d.AssetDir, file)
}

func metricsSection(d Data) string {
	if len(d.Snapshots) == 0 {
		return "_No metric snapshots._"
	}
	names := assetNames(d.Snapshots)
	headings := map[string]int{}
	var parts []string
	for k := range d.Snapshots {
		s := &d.Snapshots[k]
		title := orPrompt(s.Title, "Snapshot")
		// Two snapshots with one title would make duplicate headings.
		heading := title
		headings[strings.ToLower(title)]++
		if n := headings[strings.ToLower(title)]; n > 1 {
			heading = fmt.Sprintf("%s (%d)", title, n)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "### %s\n\n", heading)
		fmt.Fprintf(&b, "![%s](%s)\n\n", escapeBrackets(title), assetLink(d, names[k]+".svg"))
		src := s.SourceName
		if src == "" {
			src = "the metric source"
		}
		fmt.Fprintf(&b, "From %s, %s to %s,\nwith this query:\n\n", src,
			s.Start.In(d.zone()).Format(timeLayout), s.End.In(d.zone()).Format(timeLayout))
		lang := "promql"
		if s.SourceKind == domain.SourceGraphite {
			lang = "text"
		}
		fence := strings.Repeat("`", max(3, longestRun(s.Query, '`')+1))
		fmt.Fprintf(&b, "%s%s\n%s\n%s\n\n", fence, lang, strings.TrimRight(s.Query, "\n"), fence)
		fmt.Fprintf(&b, "[Download the data (CSV)](%s)\n\n", assetLink(d, names[k]+".csv"))
		b.WriteString(statsTable(d, s))
		parts = append(parts, strings.TrimRight(b.String(), "\n"))
	}
	return strings.Join(parts, "\n\n")
}

func statsTable(d Data, s *domain.Snapshot) string {
	if len(s.Series) == 0 {
		return "_The snapshot holds no series._"
	}
	labels := metrics.Labels(s.Series)
	order := make([]int, len(s.Series))
	for k := range order {
		order[k] = k
	}
	sort.SliceStable(order, func(i, j int) bool { return labels[order[i]] < labels[order[j]] })
	baseline := s.Start
	if d.Incident.StartedAt != nil {
		baseline = *d.Incident.StartedAt
	}
	cols := []mdtable.Column{{Header: "Series", Code: true}, {Header: "Min", Align: mdtable.Right}, {Header: "Mean", Align: mdtable.Right},
		{Header: "p50", Align: mdtable.Right}, {Header: "p99", Align: mdtable.Right}, {Header: "Max", Align: mdtable.Right}}
	rows := make([][]string, 0, len(order))
	for _, k := range order {
		st := s.Series[k].Stats
		if st.Count == 0 && len(s.Series[k].Points) > 0 {
			st = metrics.ComputeStats(s.Series[k].Points, baseline)
		}
		rows = append(rows, []string{labels[k], num(st.Min), num(st.Mean), num(st.P50), num(st.P99), num(st.Max)})
	}
	var b strings.Builder
	mdtable.Write(&b, cols, rows)
	return b.String()
}

// num shows a statistic with up to four significant digits.
func num(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return notSet
	case v == 0:
		return "0"
	case math.Abs(v) >= 1e6 || math.Abs(v) < 1e-3:
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
	s := strconv.FormatFloat(v, 'f', max(0, 3-int(math.Floor(math.Log10(math.Abs(v))))), 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

func longestRun(s string, c rune) int {
	longest, run := 0, 0
	for _, r := range s {
		if r == c {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

func escapeBrackets(s string) string {
	return strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`).Replace(s)
}

// maxSlug is the longest slug, in bytes.
const maxSlug = 60

// Slug makes a file-name-safe stem: lower-case ASCII letters and digits
// with single hyphens between words, at most 60 bytes; fallback when
// nothing is left. It can hold neither a path separator nor "..". Exports
// and the window's save dialogs name files with it.
func Slug(s, fallback string) string {
	// Letters lose their accents first (é → e, ü → u), so a title in any
	// Latin script keeps its words.
	if t, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn))), s); err == nil {
		s = t
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() > maxSlug {
			break
		}
	}
	out := b.String()
	if len(out) > maxSlug {
		// Cut at the last whole word, or at the limit if one word is longer.
		out = out[:maxSlug+1]
		if k := strings.LastIndexByte(out, '-'); k > 0 {
			out = out[:k]
		} else {
			out = out[:maxSlug]
		}
	}
	out = strings.TrimRight(out, "-")
	if out == "" {
		return fallback
	}
	return out
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
