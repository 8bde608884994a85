package causes

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/backend/domain"
)

var update = flag.Bool("update", false, "rewrite frontend/src/lib/testdata/mermaid-cases.json")

// flatten turns parsed trees into nodes in outline order, as the store's
// CauseTree returns them.
func flatten(trees []domain.CauseOutline) []domain.CauseNode {
	var out []domain.CauseNode
	var walk func(ts []domain.CauseOutline, parent string, depth int)
	walk = func(ts []domain.CauseOutline, parent string, depth int) {
		for k, t := range ts {
			id := fmt.Sprintf("id%d", len(out)+1)
			out = append(out, domain.CauseNode{ID: id, ParentID: parent, Position: k, Depth: depth, Kind: t.Kind, Statement: t.Statement})
			walk(t.Children, id, depth+1)
		}
	}
	walk(trees, "", 0)
	return out
}

// show writes trees one line per node: depth, kind and statement.
func show(trees []domain.CauseOutline) string {
	var b strings.Builder
	for _, n := range flatten(trees) {
		fmt.Fprintf(&b, "%s%s %s\n", strings.Repeat(".", n.Depth), n.Kind, n.Statement)
	}
	return b.String()
}

func TestParseOutlineReadsOutlinesAsPeopleWriteThem(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"dashes and two spaces", "- Checkout returned 502s\n  - [cause] Pool exhausted\n    - [ROOT] Staging config in prod\n",
			"problem Checkout returned 502s\n.cause Pool exhausted\n..root Staging config in prod\n"},
		{"tabs, stars and numbers", "1. Outage\n\t* why one\n\t\t2) [Contributing factor] slow disk\n\t* [trigger] deploy 4412\n",
			"problem Outage\n.cause why one\n..contributing slow disk\n.trigger deploy 4412\n"},
		{"labels instead of brackets", "Problem: logins failed\n  Why: tokens expired\n    Root cause: clock skew\n  Contributing factor - no alert\n",
			"problem logins failed\n.cause tokens expired\n..root clock skew\n.contributing no alert\n"},
		{"blank lines, CRLF and a common indent", "\r\n    - A\r\n\r\n      - B\r\n    - C\r\n",
			"problem A\n.cause B\nproblem C\n"},
		{"going back several levels at once", "- P\n  - a\n    - b\n      - c\n  - d\n- Q\n",
			"problem P\n.cause a\n..cause b\n...cause c\n.cause d\nproblem Q\n"},
		{"brackets that are not kinds stay in the statement", "- P\n  - ([x] is fine) [root] later\n",
			"problem P\n.cause ([x] is fine) [root] later\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			trees, err := ParseOutline(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			if got := show(trees); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestParseOutlineNamesTheBadLine(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"a jump of two levels", "- P\n  - a\n      - too deep\n", "line 3: indented 2 levels deeper"},
		{"an odd indent", "- P\n   - a\n", "line 2: indented by an odd number of spaces"},
		{"a line left of the first", "  - P\n- Q\n", "line 2: indented less than the first line"},
		{"an unknown kind", "- P\n  - [vibes] x\n", `line 2: unknown kind "vibes"`},
		{"a bullet with no statement", "- P\n  - [root]\n", "line 2: the statement is required"},
		{"nothing at all", "\n \n\t\n", "the outline is empty"},
		{"a statement over the limit", "- " + strings.Repeat("x", domain.MaxCauseStatement+1), "line 1: the statement is 1001 characters"},
		{"more than 32 levels", deep(33), "line 33: level 33"},
	} {
		t.Run(tc.name+" is refused", func(t *testing.T) {
			_, err := ParseOutline(tc.text)
			if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(domain.ErrorMessage(err), tc.want) {
				t.Errorf("error = %v, want EINVALID containing %q", err, tc.want)
			}
		})
	}
	if _, err := ParseOutline(deep(32)); err != nil {
		t.Errorf("32 levels: %v", err)
	}
}

func deep(n int) string {
	var b strings.Builder
	for k := 0; k < n; k++ {
		fmt.Fprintf(&b, "%s- level %d\n", strings.Repeat("  ", k), k+1)
	}
	return b.String()
}

func TestMarkdownRoundTripsThroughParseOutline(t *testing.T) {
	text := "- [problem] Checkout returned 502s\n  - [cause] Pool exhausted | \"quoted\" #1\n    - [root] Staging config in prod 🔥\n  - [contributing] No alert on saturation\n  - [trigger] Deploy [4412]\n- [problem] Second tree\n"
	trees, err := ParseOutline(text)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := Markdown(&out, flatten(trees)); err != nil {
		t.Fatal(err)
	}
	if out.String() != text {
		t.Errorf("markdown:\n%s\nwant:\n%s", out.String(), text)
	}
}

// awkward are statements holding every character Mermaid treats specially.
var awkward = []string{
	`He said "it's fine" and it wasn't`,
	`Brackets [x] (y) {z} <b>tag</b> ((round)) [[sub]] >flag]`,
	`Pipes a | b || c |label|`,
	`Hashes #1 issue; C# & F#; #quot; #35; &amp; &lt; &#35;`,
	`Überlastung der Datenbank — 数据库过载 — ñandú — Ελληνικά — עברית`,
	`Emoji 🔥 deploy 🚀 went wrong 👩‍💻 ✅`,
	"Line one\nline two\r\nline three\ttabbed",
	"Backticks `code` and **bold** _it_ ~~gone~~",
	`end`,
	`graph TD; A-->B; click n1 call alert(1); style n1 fill:#f00; classDef x fill:#f00;`,
	`%% not a comment %%{init: {"theme": "dark"}}%%`,
	`A@{ shape: circle } :::kindRoot --> n2 -.-> n3 ==> n4`,
	`Math $$x^2$$ and $5 and 100% and 50%`,
	`Backslash C:\path\new \" \\ and ; semicolons; everywhere;`,
	"Controls \x00 \x07 \x1b[31m red \u2028 \u2029 \u202e reversed",
	strings.Repeat("Long statement with [brackets] and \"quotes\" | ", 20),
}

// awkwardCharts are the Mermaid charts of the awkward statements: one chart
// per statement (as the problem, with a root cause under it so both are
// styled), and one chart holding them all in one tree of every kind.
func awkwardCharts(t *testing.T) []string {
	t.Helper()
	var charts []string
	render := func(nodes []domain.CauseNode) string {
		var b bytes.Buffer
		if err := Mermaid(&b, nodes); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	kinds := []domain.CauseKind{domain.CauseCause, domain.CauseContributing, domain.CauseRoot, domain.CauseTrigger}
	all := []domain.CauseNode{{ID: "p", Kind: domain.CauseProblem, Statement: "All of them"}}
	for k, s := range awkward {
		charts = append(charts, render([]domain.CauseNode{
			{ID: "a", Kind: domain.CauseProblem, Statement: s},
			{ID: "b", ParentID: "a", Depth: 1, Kind: domain.CauseRoot, Statement: s},
		}))
		all = append(all, domain.CauseNode{ID: fmt.Sprint(k), ParentID: "p", Depth: 1, Kind: kinds[k%len(kinds)], Statement: s})
	}
	return append(charts, render(all))
}

// labelText is what may appear between the quotes of a label: no quote, no
// line break, and a # only as the start of an entity code.
var labelText = regexp.MustCompile(`^(?:[^"#\r\n\x00-\x1f]|#(?:quot|\d+);)+$`)

var nodeLine = regexp.MustCompile(`^  n\d+\["(.*)"\]:::kind(Problem|Cause|Contributing|Root|Trigger)$`)

func TestMermaidIsValidWhateverTheStatementsHold(t *testing.T) {
	for k, chart := range awkwardCharts(t) {
		lines := strings.Split(strings.TrimSuffix(chart, "\n"), "\n")
		if lines[0] != "flowchart LR" {
			t.Fatalf("chart %d starts %q", k, lines[0])
		}
		for _, l := range lines[1:] {
			switch {
			case strings.HasPrefix(l, "  classDef "):
				if strings.HasSuffix(l, ";") {
					t.Errorf("chart %d: classDef ends with ; (read as an entity code): %q", k, l)
				}
			case regexp.MustCompile(`^  n\d+ --> n\d+$`).MatchString(l):
			default:
				m := nodeLine.FindStringSubmatch(l)
				if m == nil || !labelText.MatchString(m[1]) {
					t.Errorf("chart %d: not a safe node line: %q", k, l)
				}
			}
		}
	}
}

func TestMermaidLabelEscapes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`say "hi"`, `say #quot;hi#quot;`},
		{"a#b", "a#35;b"},
		{"[x] | (y)", "#91;x#93; #124; #40;y#41;"},
		{"<b>&", "#60;b#62;#38;"},
		{"a\nb", "a#10;b"},
		{"ünï 数 🔥", "ünï 数 🔥"},
		{"  ", "(empty)"},
	} {
		if got := MermaidLabel(tc.in); got != tc.want {
			t.Errorf("MermaidLabel(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMermaidDrawsTheTree(t *testing.T) {
	trees, err := ParseOutline("- P\n  - [root] R\n  - [trigger] T\n- Q\n")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Mermaid(&b, flatten(trees)); err != nil {
		t.Fatal(err)
	}
	want := "flowchart LR\n" +
		"  n1[\"P\"]:::kindProblem\n  n2[\"R\"]:::kindRoot\n  n3[\"T\"]:::kindTrigger\n  n4[\"Q\"]:::kindProblem\n" +
		"  n1 --> n2\n  n1 --> n3\n"
	if !strings.HasPrefix(b.String(), want) || !strings.Contains(b.String(), "classDef kindRoot fill:#fee2e2,stroke:#b91c1c,stroke-width:4px") {
		t.Errorf("chart:\n%s", b.String())
	}
}

// The frontend's Vitest test runs these charts through mermaid's own
// parser; this keeps the file in step with the Go code. Run with -update
// to rewrite it.
func TestMermaidCasesFileIsUpToDate(t *testing.T) {
	path := filepath.Join("..", "..", "frontend", "src", "lib", "testdata", "mermaid-cases.json")
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(awkwardCharts(t)); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./backend/causes -update)", err)
	}
	if !bytes.Equal(got, b.Bytes()) {
		t.Errorf("%s is out of date; run go test ./backend/causes -update", path)
	}
}

func FuzzParseOutline(f *testing.F) {
	for _, s := range []string{
		"- P\n  - a\n    - [root] b\n",
		"1. x\n\t2) [Contributing factor] y\n\t\t* Root cause: z\n",
		"Problem: p\n  Why: w\n   odd\n",
		"- a\n      - jump\n",
		"\ufeff- bom\r\n  - crlf\r\n",
		"- [x] checkbox\n  - [ ] empty\n  - []\n",
		"- \"quotes\" | pipes # hash [b] {c} <d> 🔥\n",
		deep(33),
		"\t \t- mixed\n",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		trees, err := ParseOutline(text)
		if err != nil {
			if domain.ErrorCode(err) != domain.EINVALID {
				t.Fatalf("error %v is not EINVALID", err)
			}
			return
		}
		nodes, depth := domain.CountOutline(trees)
		if nodes == 0 || depth > domain.MaxCauseDepth {
			t.Fatalf("%d nodes, depth %d", nodes, depth)
		}
		flat := flatten(trees)
		for _, n := range flat {
			if msg := domain.CheckStatement(n.Statement); msg != "" {
				t.Fatalf("statement %q %s", n.Statement, msg)
			}
		}
		// What Markdown writes, ParseOutline reads back the same.
		var md bytes.Buffer
		if err := Markdown(&md, flat); err != nil {
			t.Fatal(err)
		}
		again, err := ParseOutline(md.String())
		if err != nil {
			t.Fatalf("re-parsing %q: %v", md.String(), err)
		}
		if !reflect.DeepEqual(show(again), show(trees)) {
			t.Fatalf("round trip:\n%s\nbecame:\n%s", show(trees), show(again))
		}
		var mm bytes.Buffer
		if err := Mermaid(&mm, flat); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(mm.String(), "\n") {
			if m := nodeLine.FindStringSubmatch(l); m != nil && !labelText.MatchString(m[1]) {
				t.Fatalf("unsafe label line %q", l)
			}
		}
	})
}

func BenchmarkParseOutline(b *testing.B) {
	var sb strings.Builder
	for k := 0; k < 2000; k++ {
		fmt.Fprintf(&sb, "%s- [cause] Because of reason number %d, which took a while to find\n", strings.Repeat("  ", k%8), k)
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := ParseOutline(text); err != nil {
			b.Fatal(err)
		}
	}
}
