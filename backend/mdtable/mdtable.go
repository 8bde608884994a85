// Package mdtable writes markdown (GitHub-flavoured) tables. Every export
// that puts a list in a document uses it, so cells are escaped one way.
package mdtable

import (
	"bufio"
	"io"
	"strings"
)

// Align is a column's alignment.
type Align int

const (
	Left Align = iota
	Right
	Center
)

// Column is a table column.
type Column struct {
	Header string
	Align  Align
	// Code shows the column's cells as code (CodeCell): for names such as
	// metric labels, whose underscores and asterisks are not emphasis.
	Code bool
}

// Write writes a table with the given columns and rows. A row with fewer
// cells than columns is padded; extra cells are dropped. Cells are escaped
// with Cell, so any text is safe.
func Write(w io.Writer, cols []Column, rows [][]string) error {
	bw := bufio.NewWriter(w)
	line := func(cells []string, header bool) {
		bw.WriteString("|")
		for k := range cols {
			c := ""
			switch {
			case k >= len(cells):
			case cols[k].Code && !header:
				c = CodeCell(cells[k])
			default:
				c = Cell(cells[k])
			}
			if c == "" {
				bw.WriteString(" |") // one space, as in every other cell
			} else {
				bw.WriteString(" " + c + " |")
			}
		}
		bw.WriteString("\n")
	}
	heads := make([]string, len(cols))
	for k, c := range cols {
		heads[k] = c.Header
	}
	line(heads, true)
	// Spaced like the cells ("compact" style), which markdownlint's MD060
	// wants consistent through the table.
	bw.WriteString("|")
	for _, c := range cols {
		switch c.Align {
		case Right:
			bw.WriteString(" ---: |")
		case Center:
			bw.WriteString(" :---: |")
		default:
			bw.WriteString(" --- |")
		}
	}
	bw.WriteString("\n")
	for _, r := range rows {
		line(r, false)
	}
	return bw.Flush()
}

// Cell makes text safe inside a table cell: backslashes and pipes escaped,
// line breaks as <br>, surrounding space trimmed. An empty cell stays empty.
func Cell(s string) string {
	s = strings.TrimSpace(s)
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, "|", `\|`)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\n", "<br>")
}

// CodeCell shows text as code inside a table cell: in a code span long
// enough for any backticks in it, pipes escaped (GFM reads "\|" as a pipe
// even in code), line breaks as spaces. An empty cell stays empty.
func CodeCell(s string) string {
	s = strings.TrimSpace(strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ").Replace(s))
	if s == "" {
		return ""
	}
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if longest > 0 || strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + strings.ReplaceAll(s, "|", `\|`) + fence
}
