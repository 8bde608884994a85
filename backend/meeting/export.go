package meeting

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/exportdir"
	"github.com/hindsight-app/hindsight/backend/markdown"
	"github.com/hindsight-app/hindsight/backend/mdtable"
	"github.com/hindsight-app/hindsight/backend/postmortem"
)

// Doc is what an agenda or minutes document shows: the meeting with its
// items (GetMeeting), the actions created in it, and when it was written.
type Doc struct {
	Meeting *domain.Meeting
	Actions []domain.ActionItem
	Now     time.Time
	Version string
}

// IsMinutes: a held meeting is written as minutes (notes, decisions,
// actions, reviews), a planned one as an agenda.
func (d Doc) IsMinutes() bool { return d.Meeting.Status == domain.MeetingHeld }

// FileName is the file an export writes: MTG-0001-<slug>-agenda.md, or
// -minutes.md.
func FileName(d Doc) string {
	kind := "agenda"
	if d.IsMinutes() {
		kind = "minutes"
	}
	return d.Meeting.Ref() + "-" + postmortem.Slug(d.Meeting.Title, "meeting") + "-" + kind + ".md"
}

// Export writes the document into dir (exportdir.Write: nothing is
// overwritten without force) and returns the names written.
func Export(dir string, d Doc, force bool) ([]string, error) {
	var b bytes.Buffer
	if err := Markdown(&b, d); err != nil {
		return nil, err
	}
	return exportdir.Write(dir, []exportdir.File{{Name: FileName(d), Data: b.Bytes()}}, force)
}

// lineLengthOff: tables and generated lists cannot wrap at 80 columns,
// which markdownlint's MD013 asks by default; the file turns the one rule
// off itself, as the postmortem export does.
const lineLengthOff = "<!-- markdownlint-disable-file MD013 -->"

// Markdown writes the agenda (a planned meeting) or the minutes (a held
// one): YAML front matter, then the items section by section, dismissed
// ones left out. The output passes markdownlint's default rules for any
// text the items hold (headings are escaped and lose trailing
// punctuation). Notes, and the bodies of items added by hand, are written
// as they were typed but for their headings, which become bold lead-ins
// (markdown.HeadingsToLeadIns): "# Follow-up" in an item's notes would
// otherwise be a second top-level heading and break the outline.
func Markdown(w io.Writer, d Doc) error {
	m := d.Meeting
	loc := m.Location()
	var b strings.Builder
	writeFront(&b, d)
	kind := "agenda"
	if d.IsMinutes() {
		kind = "minutes"
	}
	fmt.Fprintf(&b, "\n%s\n\n# %s: %s\n\n", lineLengthOff, heading(m.Title), kind)
	fmt.Fprintf(&b, "- Meeting: %s, %s (%s)\n", m.Ref(), Escape(m.SeriesName), m.Cadence)
	fmt.Fprintf(&b, "- When: %s (%s)\n", m.At.In(loc).Format(whenLayout), m.Zone)
	fmt.Fprintf(&b, "- Period reviewed: %s to %s\n", m.PeriodStart.In(loc).Format(whenLayout), m.PeriodEnd.In(loc).Format(whenLayout))
	if m.Facilitator != "" {
		fmt.Fprintf(&b, "- Facilitator: %s\n", Escape(m.Facilitator))
	}
	if len(m.Attendees) > 0 {
		fmt.Fprintf(&b, "- Attendees: %s\n", Escape(strings.Join(m.Attendees, ", ")))
	}
	if m.HeldAt != nil && d.IsMinutes() {
		fmt.Fprintf(&b, "- Held: %s\n", m.HeldAt.In(loc).Format(whenLayout))
	}
	if notes := typed(m.Notes); d.IsMinutes() && notes != "" {
		fmt.Fprintf(&b, "\n## Notes\n\n%s\n", notes)
	}
	for _, sec := range domain.AgendaSections {
		var items []domain.AgendaItem
		for _, it := range m.Items {
			if it.Section == sec.Name && !it.Dismissed {
				items = append(items, it)
			}
		}
		if len(items) == 0 && sec.Name == domain.SectionOther {
			continue
		}
		fmt.Fprintf(&b, "\n## %s\n", sec.Label)
		if len(items) == 0 {
			b.WriteString("\n_Nothing in this period._\n")
		}
		for _, it := range items {
			writeItem(&b, it, d.IsMinutes())
		}
	}
	if d.IsMinutes() {
		writeSummary(&b, d)
	}
	_, err := io.WriteString(w, tidy(b.String()))
	return err
}

func writeFront(b *strings.Builder, d Doc) {
	m := d.Meeting
	q := exportdir.YAMLString
	t := func(v time.Time) string { return q(v.UTC().Format(time.RFC3339)) }
	b.WriteString("---\n")
	// meeting_title, not title: markdownlint reads a front matter title as
	// the document's heading (MD025).
	fmt.Fprintf(b, "meeting: %s\nid: %s\nseries: %s\ncadence: %s\nmeeting_title: %s\nstatus: %s\n", q(m.Ref()), q(m.ID),
		q(m.SeriesName), q(string(m.Cadence)), q(m.Title), q(string(m.Status)))
	fmt.Fprintf(b, "at: %s\nzone: %s\nperiod_start: %s\nperiod_end: %s\n", t(m.At), q(m.Zone), t(m.PeriodStart), t(m.PeriodEnd))
	if m.HeldAt != nil {
		fmt.Fprintf(b, "held_at: %s\n", t(*m.HeldAt))
	}
	fmt.Fprintf(b, "facilitator: %s\n", q(m.Facilitator))
	if len(m.Attendees) == 0 {
		b.WriteString("attendees: []\n")
	} else {
		b.WriteString("attendees:\n")
		for _, a := range m.Attendees {
			fmt.Fprintf(b, "  - %s\n", q(a))
		}
	}
	if !d.Now.IsZero() {
		fmt.Fprintf(b, "generated_at: %s\n", t(d.Now))
	}
	if d.Version != "" {
		fmt.Fprintf(b, "hindsight_version: %s\n", q(d.Version))
	}
	b.WriteString("---\n")
}

func writeItem(b *strings.Builder, it domain.AgendaItem, minutes bool) {
	fmt.Fprintf(b, "\n### %d. %s\n", it.Position, heading(it.Title))
	body := it.Body
	if it.Manual {
		body = typed(body)
	}
	if body := strings.TrimSpace(body); body != "" {
		fmt.Fprintf(b, "\n%s\n", body)
	}
	if !minutes {
		return
	}
	if notes := typed(it.Notes); notes != "" {
		fmt.Fprintf(b, "\nNotes:\n\n%s\n", notes)
	}
	if len(it.Decisions) > 0 {
		b.WriteString("\nDecided:\n\n")
		for _, d := range it.Decisions {
			fmt.Fprintf(b, "- %s%s\n", Escape(oneLine(d.Text)), by(d.Author))
		}
	}
	if len(it.Actions) > 0 {
		fmt.Fprintf(b, "\nActions: %s.\n", strings.Join(it.Actions, ", "))
	}
	if it.Reviewed {
		b.WriteString("\nReviewed in the meeting.\n")
	}
}

// typed is markdown someone typed, set into the document: headings turned
// into lead-ins, trimmed.
func typed(text string) string {
	return strings.TrimSpace(markdown.HeadingsToLeadIns(text))
}

func by(author string) string {
	if author == "" {
		return ""
	}
	return " (" + Escape(author) + ")"
}

// writeSummary ends the minutes with every decision, the actions created
// and the postmortems reviewed, for readers who skip the items.
func writeSummary(b *strings.Builder, d Doc) {
	var rows [][]string
	var reviewed []string
	for _, it := range d.Meeting.Items {
		for _, dec := range it.Decisions {
			rows = append(rows, []string{fmt.Sprint(it.Position), oneLine(dec.Text), dec.Author})
		}
		if it.Reviewed && it.PostmortemID != "" && it.Section == domain.SectionPostmortems {
			reviewed = append(reviewed, fmt.Sprintf("- Item %d: %s", it.Position, Escape(it.Title)))
		}
	}
	b.WriteString("\n## Decisions\n\n")
	if len(rows) == 0 {
		b.WriteString("_No decisions were recorded._\n")
	} else {
		_ = mdtable.Write(b, []mdtable.Column{{Header: "Item", Align: mdtable.Right}, {Header: "Decision"}, {Header: "By"}}, rows)
	}
	b.WriteString("\n## Actions created\n\n")
	if len(d.Actions) == 0 {
		b.WriteString("_No actions were created._\n")
	} else {
		rows = nil
		for _, a := range d.Actions {
			rows = append(rows, []string{a.Ref(), a.Title, a.Owner, a.Due, string(a.Priority), a.IncidentRef()})
		}
		_ = mdtable.Write(b, []mdtable.Column{{Header: "Action"}, {Header: "Title"}, {Header: "Owner"}, {Header: "Due"},
			{Header: "Priority"}, {Header: "Incident"}}, rows)
	}
	b.WriteString("\n## Postmortems reviewed\n\n")
	if len(reviewed) == 0 {
		b.WriteString("_No postmortem was marked reviewed._\n")
	} else {
		b.WriteString(strings.Join(reviewed, "\n") + "\n")
	}
}

// Escape makes text typed elsewhere (a title, a name, a statement) literal
// inline markdown: the characters that would start emphasis, code, links
// or HTML are backslash-escaped.
func Escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|#", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// heading escapes a title for a heading and drops the trailing punctuation
// markdownlint (MD026) refuses there.
func heading(s string) string {
	s = strings.TrimRight(oneLine(s), ".,;:!。，；：！ ")
	if s == "" {
		s = "Untitled"
	}
	return Escape(s)
}

// tidy ends the text with one line break, no trailing spaces and no runs
// of blank lines outside fenced code (markdownlint's MD009, MD012, MD047).
func tidy(text string) string {
	lines := strings.Split(text, "\n")
	out := make([]string, 0, len(lines))
	blank, fence := false, false
	for _, l := range lines {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
		}
		if !fence {
			l = strings.TrimRight(l, " \t")
			if l == "" && blank {
				continue
			}
			blank = l == ""
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n")) + "\n"
}
