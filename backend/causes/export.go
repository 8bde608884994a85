package causes

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// Formats lists the output formats of 'causes show'.
var Formats = []string{"markdown", "mermaid", "json"}

// Markdown writes the trees as a nested list, two spaces per level, each
// item "- [kind] statement": what ParseOutline reads back. nodes are in
// outline order with their depth (domain.CauseTree).
func Markdown(w io.Writer, nodes []domain.CauseNode) error {
	bw := bufio.NewWriter(w)
	for k := range nodes {
		n := &nodes[k]
		fmt.Fprintf(bw, "%s- [%s] %s\n", strings.Repeat("  ", n.Depth), n.Kind, oneLine(n.Statement))
	}
	return bw.Flush()
}

// oneLine keeps a statement on its list item (statements are one line;
// this guards the output all the same).
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ").Replace(s)
}

// kindClass is the Mermaid class of each kind, and its style: kinds by
// colour, root causes emphasised with a heavy border and bold text. Class
// names are prefixed so none can clash with a Mermaid keyword.
var kindClass = []struct {
	kind  domain.CauseKind
	class string
	style string
}{
	{domain.CauseProblem, "kindProblem", "fill:#e0e7ff,stroke:#4338ca,color:#1e1b4b"},
	{domain.CauseCause, "kindCause", "fill:#f1f5f9,stroke:#475569,color:#0f172a"},
	{domain.CauseContributing, "kindContributing", "fill:#fef9c3,stroke:#a16207,color:#422006"},
	{domain.CauseRoot, "kindRoot", "fill:#fee2e2,stroke:#b91c1c,stroke-width:4px,color:#450a0a,font-weight:bold"},
	{domain.CauseTrigger, "kindTrigger", "fill:#ffedd5,stroke:#c2410c,color:#431407"},
}

func classOf(k domain.CauseKind) string {
	for _, c := range kindClass {
		if c.kind == k {
			return c.class
		}
	}
	return "kindCause"
}

// Mermaid writes the trees as a left-to-right flowchart. Nodes are n1..nN
// in outline order; every label is quoted and escaped (MermaidLabel), so
// the chart is valid whatever the statements hold. Styles follow the nodes
// on lines without a trailing semicolon (Mermaid reads "#...;" in a
// classDef line as an entity code).
func Mermaid(w io.Writer, nodes []domain.CauseNode) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("flowchart LR\n")
	ids := make(map[string]string, len(nodes))
	for k := range nodes {
		n := &nodes[k]
		id := "n" + strconv.Itoa(k+1)
		ids[n.ID] = id
		fmt.Fprintf(bw, "  %s[\"%s\"]:::%s\n", id, MermaidLabel(n.Statement), classOf(n.Kind))
	}
	for k := range nodes {
		n := &nodes[k]
		if p, ok := ids[n.ParentID]; ok && n.ParentID != "" {
			fmt.Fprintf(bw, "  %s --> %s\n", p, ids[n.ID])
		}
	}
	for _, c := range kindClass {
		fmt.Fprintf(bw, "  classDef %s %s\n", c.class, c.style)
	}
	return bw.Flush()
}

// MermaidLabel escapes text for a double-quoted Mermaid label. Letters,
// digits, spaces and a few plain punctuation marks stay as they are; every
// other ASCII character (quotes, brackets, pipes, #, ;, :, %, backticks,
// $, & and the rest), line breaks and control characters become Mermaid
// entity codes, #NN; with the decimal code point (#quot; for a double
// quote). Other Unicode (accents, CJK, emoji) stays as it is.
func MermaidLabel(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(empty)"
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString("#quot;")
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(" .,-_'?!/+", r)):
			b.WriteRune(r)
		case r < 0x80, unicode.IsControl(r), r == '\u2028', r == '\u2029', r == '\ufeff', unicode.Is(unicode.Cf, r) && r != '\u200d':
			b.WriteString("#" + strconv.Itoa(int(r)) + ";")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
