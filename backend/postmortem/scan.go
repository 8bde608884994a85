package postmortem

import "github.com/hindsight-app/hindsight/backend/markdown"

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
// blocks (markdown.Lines: ``` or ~~~, closed by a fence of the same
// character at least as long) and inline code spans. Spans are found within
// one line only, and indented code blocks are not recognised: both are
// rare in documents people write and would only make a placeholder render
// where the author may have wanted it shown.
func scanLines(text string) []line {
	ls := markdown.Lines(text)
	out := make([]line, len(ls))
	for k, l := range ls {
		out[k] = line{n: k + 1, text: l.Text, fence: l.Fence}
		if !l.Fence {
			out[k].code = codeSpans(l.Text)
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
