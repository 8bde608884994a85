package postmortem

import "strings"

// line is one line of markdown as the placeholder and hint scanners see it.
type line struct {
	n    int    // 1-based
	text string // without the line break
	// fence: the line is inside a fenced code block, or is its fence.
	fence bool
	// code are the byte ranges [start, end) of inline code spans, their
	// backticks included.
	code [][2]int
}

// scanLines splits markdown into lines and marks what is code: fenced
// blocks (``` or ~~~, closed by a fence of the same character at least as
// long) and inline code spans. Spans are found within one line only, and
// indented code blocks are not recognised: both are rare in documents
// people write and would only make a placeholder render where the author
// may have wanted it shown.
func scanLines(text string) []line {
	raw := strings.Split(text, "\n")
	out := make([]line, len(raw))
	var fenceChar byte
	fenceLen := 0
	for k, s := range raw {
		s = strings.TrimSuffix(s, "\r")
		out[k] = line{n: k + 1, text: s}
		t := strings.TrimLeft(s, " ")
		indent := len(s) - len(t)
		if fenceLen > 0 {
			out[k].fence = true
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
				out[k].fence = true
				continue
			}
		}
		out[k].code = codeSpans(s)
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

// codeSpans finds inline code: a run of n backticks up to the next run of
// exactly n. An unclosed run is literal text.
func codeSpans(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		n := runLen(s[i:], '`')
		closed := false
		for j := i + n; j < len(s); {
			if s[j] != '`' {
				j++
				continue
			}
			m := runLen(s[j:], '`')
			if m == n {
				out = append(out, [2]int{i, j + m})
				i, closed = j+m, true
				break
			}
			j += m
		}
		if !closed {
			i += n
		}
	}
	return out
}

// inCode reports whether byte offset at of the line is inside inline code.
func (l line) inCode(at int) bool {
	for _, c := range l.code {
		if at >= c[0] && at < c[1] {
			return true
		}
	}
	return false
}
