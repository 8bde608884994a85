package markdown

import (
	"regexp"
	"strings"
)

// Line is one line of markdown as Lines splits it.
type Line struct {
	// Text is the line without its line break (and without a "\r" before
	// it).
	Text string
	// Fence: the line is inside a fenced code block, or is its fence.
	Fence bool
}

// Lines splits markdown into lines and marks the fenced code blocks: ```
// or ~~~ (three or more, indented less than four spaces), closed by a
// fence of the same character at least as long; a backtick fence whose
// info string holds a backtick is not one. An unclosed fence runs to the
// end, as CommonMark says. Fences inside containers (lists, quotes) and
// indented code are not recognised: rare in what people type, and a line
// taken for prose is only ever rewritten, never lost.
func Lines(text string) []Line {
	raw := strings.Split(text, "\n")
	out := make([]Line, len(raw))
	var fenceChar byte
	fenceLen := 0
	for k, s := range raw {
		s = strings.TrimSuffix(s, "\r")
		out[k] = Line{Text: s}
		t := strings.TrimLeft(s, " ")
		indent := len(s) - len(t)
		if fenceLen > 0 {
			out[k].Fence = true
			if indent < 4 {
				if n := runLen(t, fenceChar); n >= fenceLen && strings.TrimSpace(t[n:]) == "" {
					fenceLen = 0
				}
			}
			continue
		}
		if indent < 4 && len(t) >= 3 && (t[0] == '`' || t[0] == '~') {
			if n := runLen(t, t[0]); n >= 3 && !(t[0] == '`' && strings.ContainsRune(t[n:], '`')) {
				fenceChar, fenceLen = t[0], n
				out[k].Fence = true
			}
		}
	}
	return out
}

func runLen(s string, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}

var atxHeading = regexp.MustCompile(`^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)

// HeadingsToLeadIns turns the ATX headings of text written elsewhere (an
// incident's summary, a meeting's notes: people type "## Impact" or
// "# Follow-up") into bold lead-in lines, for text set into a document
// that has its own outline. Kept as headings, they would break that
// outline and repeat its headings, which markdownlint refuses (MD001,
// MD024, MD025). The lead-in ends in punctuation (":" is added when the
// heading had none), so it reads as a lead-in and not as a heading in
// disguise (MD036). An empty heading ("##") becomes an empty line;
// headings inside fenced code stay as they are; lines lose a trailing
// "\r" (Lines). A heading is a block of its own, so a lead-in directly
// followed by text (a list, a fence) gets a blank line after it, as the
// heading was, and as markdownlint wants around lists and fences (MD031,
// MD032).
func HeadingsToLeadIns(text string) string {
	lines := Lines(text)
	out := make([]string, 0, len(lines))
	for k, l := range lines {
		if l.Fence {
			out = append(out, l.Text)
			continue
		}
		m := atxHeading.FindStringSubmatch(l.Text)
		if m == nil {
			out = append(out, l.Text)
			continue
		}
		t := strings.TrimSpace(m[1])
		if t == "" {
			out = append(out, "")
			continue
		}
		if !strings.ContainsAny(t[len(t)-1:], ".,;:!?") {
			t += ":"
		}
		out = append(out, "**"+t+"**")
		if k+1 < len(lines) && strings.TrimSpace(lines[k+1].Text) != "" {
			out = append(out, "")
		}
	}
	return strings.Join(out, "\n")
}
