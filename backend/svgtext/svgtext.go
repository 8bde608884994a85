// Package svgtext holds what the SVG charts Hindsight writes share (metric
// snapshots in exports, the insights charts): a builder for the markup and
// the escaping of text put in it.
package svgtext

import (
	"fmt"
	"html"
	"strings"
)

// Builder accumulates SVG markup.
type Builder struct{ strings.Builder }

// F appends formatted markup.
func (b *Builder) F(format string, args ...any) { fmt.Fprintf(&b.Builder, format, args...) }

// Escape escapes text for XML and drops the characters XML 1.0 forbids,
// so any label (a title, a series name) is inert text in the chart.
func Escape(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r != 0xFFFE && r != 0xFFFF && !(r >= 0xD800 && r <= 0xDFFF)) {
			return r
		}
		return -1
	}, s)
	return html.EscapeString(s)
}
