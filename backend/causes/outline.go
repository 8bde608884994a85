// Package causes reads and writes root-cause trees as text: an indented
// outline as people write it in a doc (ParseOutline), the same outline as a
// markdown nested list (Markdown), and a Mermaid flowchart (Mermaid).
// Markdown writes what ParseOutline reads, so a tree round-trips.
package causes

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// MaxOutlineBytes bounds what ParseOutline reads.
const MaxOutlineBytes = 1 << 20

// bullet matches a list marker at the start of a (de-indented) line: -, *,
// + or a number with . or ), followed by a space or the end of the line.
var bullet = regexp.MustCompile(`^(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)`)

// bracketKind matches a kind in brackets: [root], [Root cause], [contributing factor].
var bracketKind = regexp.MustCompile(`^\[([A-Za-z][A-Za-z _-]{0,29})\][ \t]*`)

// wordKind matches a kind written as a label: "Root cause:", "Trigger -".
var wordKind = regexp.MustCompile(`(?i)^(problem statement|problem|root[ -]cause|contributing factor|contributing|trigger|cause|why)[ \t]*(?::|[-–—][ \t])[ \t]*`)

// ParseOutline reads an indented outline: two spaces or a tab per level,
// optional bullets (-, *, + or 1.), optional kind prefixes ([root],
// [cause], [contributing], [trigger], [problem], in any case, or "Root
// cause:" style labels). Blank lines are ignored. A line without a kind is
// a problem at the top level and a cause below it. The first problem is
// returned as EINVALID naming its line.
func ParseOutline(text string) ([]domain.CauseOutline, error) {
	if len(text) > MaxOutlineBytes {
		return nil, lineError(0, "the outline is %d KB; the limit is %d KB", len(text)/1000, MaxOutlineBytes/1000)
	}
	if !utf8.ValidString(text) {
		return nil, lineError(0, "the outline is not UTF-8 text")
	}
	text = strings.TrimPrefix(text, "\ufeff")
	var roots []domain.CauseOutline
	// path holds the indexes, level by level, of the last node written at
	// each level: the place the next deeper line goes under.
	var path []int
	base := -1 // the first line's indentation, in levels
	nodes := 0
	for k, line := range strings.Split(text, "\n") {
		n := k + 1
		line = strings.TrimRight(line, " \t\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		level, rest, err := indent(line)
		if err != nil {
			return nil, lineError(n, "%s", err)
		}
		if base < 0 {
			base = level
		}
		if level < base {
			return nil, lineError(n, "indented less than the first line")
		}
		level -= base
		if level > len(path) {
			return nil, lineError(n, "indented %d levels deeper than the line above; go one level (two spaces or a tab) at a time", level-len(path)+1)
		}
		if level >= domain.MaxCauseDepth {
			return nil, lineError(n, "level %d; a tree is at most %d levels deep", level+1, domain.MaxCauseDepth)
		}
		if nodes++; nodes > domain.MaxCauseNodes {
			return nil, lineError(n, "the outline has more than %d causes; an incident holds at most that many", domain.MaxCauseNodes)
		}
		kind, statement, err := parseItem(rest, level > 0)
		if err != nil {
			return nil, lineError(n, "%s", err)
		}
		node := domain.CauseOutline{Line: n, Kind: kind, Statement: statement}
		path = path[:level]
		list := &roots
		for _, i := range path {
			list = &(*list)[i].Children
		}
		*list = append(*list, node)
		path = append(path, len(*list)-1)
	}
	if len(roots) == 0 {
		return nil, lineError(0, "the outline is empty; write one cause per line, indented under the one it explains")
	}
	return roots, nil
}

// indent splits a line into its level (a tab or two spaces each) and the
// rest.
func indent(line string) (int, string, error) {
	cols := 0
	i := 0
	for ; i < len(line); i++ {
		switch line[i] {
		case '\t':
			if cols%2 != 0 {
				return 0, "", fmt.Errorf("an odd number of spaces before a tab; use two spaces or a tab per level")
			}
			cols += 2
		case ' ':
			cols++
		default:
			if cols%2 != 0 {
				return 0, "", fmt.Errorf("indented by an odd number of spaces (%d); use two spaces or a tab per level", cols)
			}
			return cols / 2, line[i:], nil
		}
	}
	return cols / 2, "", nil
}

// parseItem reads the bullet, the kind prefix and the statement.
func parseItem(s string, nested bool) (domain.CauseKind, string, error) {
	if m := bullet.FindString(s); m != "" {
		s = s[len(m):]
	}
	kind := domain.DefaultCauseKind(nested)
	if m := bracketKind.FindStringSubmatch(s); m != nil {
		k, err := domain.ParseCauseKind(m[1])
		if err != nil {
			return "", "", err
		}
		kind, s = k, s[len(m[0]):]
	} else if m := wordKind.FindStringSubmatch(s); m != nil {
		k, err := domain.ParseCauseKind(m[1])
		if err != nil {
			return "", "", err
		}
		kind, s = k, s[len(m[0]):]
	}
	s = strings.TrimSpace(s)
	if msg := domain.CheckStatement(s); msg != "" {
		return "", "", fmt.Errorf("the statement %s", msg)
	}
	return kind, s, nil
}

// lineError is EINVALID on "file", naming the line (0: the whole text).
func lineError(line int, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if line > 0 {
		msg = fmt.Sprintf("line %d: %s", line, msg)
	}
	fe := domain.FieldErrors{}
	fe.Add("file", "%s", msg)
	return fe.Err()
}
