package markdown

import (
	"hash/maphash"
	"runtime"
	"strings"
	"sync"
)

// Sections renders a long document section by section and remembers each
// section's HTML, so a preview that follows typing renders only the
// section that changed: a 200 KB postmortem re-renders in about a
// millisecond instead of tens. Sections not yet seen are rendered in
// parallel.
//
// A section starts at an ATX heading ("## Impact") in the first column
// outside fenced code. Markdown cannot carry a block across such a
// heading (it ends any paragraph, list, quote or table), so the HTML is
// the same as ToHTML's. What can reach across one (a link reference
// definition, an HTML block, a fence inside a list) makes Sections render
// the whole text as one (wholeOnly).
//
// A Sections is safe for concurrent use. It keeps only the sections of
// the latest call, so its memory is bounded by one document's HTML.
type Sections struct {
	mu   sync.Mutex
	seed maphash.Seed
	last map[uint64]string
}

// NewSections returns an empty cache.
func NewSections() *Sections {
	return &Sections{seed: maphash.MakeSeed(), last: map[uint64]string{}}
}

// ToHTML renders src as markdown.ToHTML does.
func (s *Sections) ToHTML(src string) string {
	if len(src) > MaxInput {
		src = src[:MaxInput]
	}
	parts, ok := splitSections(src)
	if !ok {
		parts = []string{src}
	}
	keys := make([]uint64, len(parts))
	out := make([]string, len(parts))
	var todo []int
	s.mu.Lock()
	for k, p := range parts {
		keys[k] = maphash.String(s.seed, p)
		if h, ok := s.last[keys[k]]; ok {
			out[k] = h
		} else {
			todo = append(todo, k)
		}
	}
	s.mu.Unlock()

	workers := min(runtime.GOMAXPROCS(0), len(todo))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				out[k] = ToHTML(parts[k])
			}
		}()
	}
	for _, k := range todo {
		next <- k
	}
	close(next)
	wg.Wait()

	fresh := make(map[uint64]string, len(parts))
	for k := range parts {
		fresh[keys[k]] = out[k]
	}
	s.mu.Lock()
	s.last = fresh
	s.mu.Unlock()
	return strings.Join(out, "")
}

// splitSections cuts src before each ATX heading that starts a line
// outside a fenced code block or an HTML block; joined, the parts are src.
// ok is false when something could reach across a heading (wholeOnly):
// the document is then rendered as one, which is always right.
func splitSections(src string) (parts []string, ok bool) {
	start := 0
	var fence string // the opening fence's run of ` or ~, "" outside one
	// html is set from a line that may open an HTML block (one starting
	// with "<") to the next blank line, which is where such a block ends:
	// a heading inside it is not a heading.
	html := false
	for pos := 0; pos < len(src); {
		end := strings.IndexByte(src[pos:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += pos + 1
		}
		line := src[pos:end]
		if wholeOnly(line) {
			return nil, false
		}
		trimmed := strings.TrimLeft(line, " ")
		indent := len(line) - len(trimmed)
		if strings.TrimSpace(line) == "" {
			html = false
		}
		switch {
		case indent > 3:
		case fence != "":
			if strings.HasPrefix(trimmed, fence) && strings.TrimSpace(strings.TrimLeft(trimmed, fence[:1])) == "" {
				fence = ""
			}
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			n := len(trimmed) - len(strings.TrimLeft(trimmed, trimmed[:1]))
			fence = trimmed[:n]
		case strings.HasPrefix(trimmed, "<"):
			html = true
		case indent == 0 && !html && isATXHeading(line) && pos > start:
			parts = append(parts, src[start:pos])
			start = pos
		}
		pos = end
	}
	return append(parts, src[start:]), true
}

// wholeOnly finds, in one line, what makes a document render as one: a
// link reference definition (links anywhere may use it), a fence opened
// inside a container (indented: where it ends depends on the container),
// and the start of an HTML block that runs past blank lines to its end
// tag (and so could hold a heading).
func wholeOnly(line string) bool {
	t := strings.TrimLeft(line, " \t")
	if t == "" {
		return false
	}
	switch t[0] {
	case '[':
		return strings.Contains(t, "]:")
	case '`', '~':
		return len(t) != len(line) && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"))
	case '<':
		l := strings.ToLower(t[:min(len(t), 10)])
		for _, p := range []string{"<pre", "<script", "<style", "<textarea", "<!", "<?"} {
			if strings.HasPrefix(l, p) {
				return true
			}
		}
	}
	return false
}

// isATXHeading reports whether line (without its indent) opens an ATX
// heading: one to six # followed by a space, a tab or the line's end.
func isATXHeading(line string) bool {
	n := 0
	for n < len(line) && n < 7 && line[n] == '#' {
		n++
	}
	if n == 0 || n > 6 {
		return false
	}
	return n == len(line) || line[n] == ' ' || line[n] == '\t' || line[n] == '\n' || line[n] == '\r'
}
