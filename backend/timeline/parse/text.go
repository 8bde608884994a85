package parse

import (
	"bytes"
	"fmt"
	"strings"
	"time"
)

// textParser holds the state of a written timeline as it is read line by line.
type textParser struct {
	c        *collector
	day      ymd  // the current date heading, or Options.Date
	hasDay   bool // day is set
	badDay   int  // line of a date heading that was not understood, else 0
	cur      *Event
	more     []string // continuation lines of cur, joined when it closes
	rejected int      // line of the last timed line that was a Problem, until a blank line
}

func parseText(data []byte, c *collector) {
	p := &textParser{c: c}
	if !c.opts.Date.IsZero() {
		y, m, d := c.opts.Date.Date()
		p.day, p.hasDay = ymd{y, int(m), d}, true
	}
	// Reserve room for the likely events at once: growing a slice of large
	// structs step by step was most of the time spent on big inputs.
	c.res.Events = make([]Event, 0, min(bytes.Count(data, []byte("\n"))+1, 1<<18))
	s := string(data)
	for n := 1; len(s) > 0; n++ {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		p.line(n, line)
	}
	p.close()
}

func (p *textParser) close() {
	if p.cur != nil {
		if len(p.more) > 0 {
			p.cur.Body += "\n" + strings.Join(p.more, "\n")
			p.more = p.more[:0]
		}
		p.cur.Body = strings.TrimSpace(p.cur.Body)
		classify(p.cur)
		p.c.event(*p.cur)
		p.cur = nil
	}
}

func (p *textParser) line(n int, raw string) {
	t := strings.TrimSpace(raw)
	if t == "" || isRule(t) {
		p.close()
		p.rejected = 0
		return
	}
	core, heading, tableHeader := stripMarks(t)
	if d, ok, reason := parseDateLine(core); ok || reason != "" {
		p.close()
		p.rejected = 0
		if reason != "" {
			p.c.problem(n, t, reason)
			p.hasDay, p.badDay = false, n
			return
		}
		p.day, p.hasDay, p.badDay = d, true, 0
		return
	}
	if heading || tableHeader {
		p.close()
		p.rejected = 0
		return
	}
	ev, timed, reason := p.eventLine(n, core)
	switch {
	case reason != "":
		p.close()
		p.c.problem(n, t, reason)
		p.rejected = n
	case timed:
		p.close()
		p.rejected = 0
		p.cur = &ev
	case p.cur != nil:
		p.more = append(p.more, t)
	case p.rejected > 0:
		p.c.problem(n, t, fmt.Sprintf("continues line %d, which was not understood", p.rejected))
	case looksLikeMDY(core):
		p.c.problem(n, t, "dates like 11/23/2026 are ambiguous; write 2026-11-23")
	default:
		p.c.problem(n, t, "no time at the start of the line; expected a time such as 14:05 or 2026-11-23 14:05")
	}
}

// eventLine reads a line that starts with a time. timed is false when it
// does not; reason is set when it does but the time cannot be used.
func (p *textParser) eventLine(n int, s string) (ev Event, timed bool, reason string) {
	var st stamp
	var rest string
	bracket := false
	if strings.HasPrefix(s, "[") {
		j := strings.IndexByte(s, ']')
		if j < 0 {
			return ev, false, ""
		}
		inner := strings.TrimSpace(s[1:j])
		bst, bn, r := scanStamp(inner)
		if r != "" {
			return ev, false, r
		}
		if bn == 0 || bn != len(inner) || !bst.hasTime {
			return ev, false, ""
		}
		st, rest, bracket = bst, s[j+1:], true
	} else {
		var k int
		st, k, reason = scanStamp(s)
		if reason != "" {
			return ev, false, reason
		}
		if k == 0 {
			return ev, false, ""
		}
		if !st.hasTime {
			return ev, false, fmt.Sprintf("%04d-%02d-%02d has no time of day; %s", st.year, st.month, st.day, "write it as 2026-11-23 14:05 or put the date on a line of its own")
		}
		rest = s[k:]
	}
	day := p.day
	if !st.hasDate && !p.hasDay {
		if p.badDay > 0 {
			return ev, false, fmt.Sprintf("no date: the date heading on line %d was not understood", p.badDay)
		}
		return ev, false, "no date: add a date heading or --date"
	}
	at, noZone, r := st.instant(day, p.c.zone, &p.c.offsets)
	if r != "" {
		return ev, false, r
	}
	if noZone {
		p.c.noZone++
	}
	rest = strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(rest), "**"), "__")
	rest = skipSeparator(rest)
	ev = Event{Line: n, At: at}
	switch {
	case strings.HasPrefix(rest, "<"):
		if j := strings.IndexByte(rest, '>'); j > 1 && j <= 64 {
			ev.Author, rest = strings.TrimSpace(rest[1:j]), strings.TrimSpace(rest[j+1:])
		}
	case bracket:
		ev.Author, rest = chatAuthor(rest)
	}
	ev.Body = rest
	return ev, true, ""
}

// skipSeparator drops the spaces and one separator (— – - : | >) between a
// time and its text.
func skipSeparator(s string) string {
	s = strings.TrimLeft(s, " \t")
	for _, sep := range []string{"—", "–", "-", ":", "|", ">", "."} {
		if strings.HasPrefix(s, sep) {
			return strings.TrimLeft(s[len(sep):], " \t")
		}
	}
	return s
}

// chatAuthor splits "name: text" when the name is short and is not a kind or
// a key-moment word ("Detected: ..." is text, not a person).
func chatAuthor(s string) (author, rest string) {
	j := strings.Index(s, ": ")
	if j < 1 || j > 40 {
		if strings.HasSuffix(s, ":") && len(s) <= 41 && !strings.Contains(s[:len(s)-1], ":") {
			j = len(s) - 1
		} else {
			return "", s
		}
	}
	name := strings.TrimSpace(s[:j])
	if name == "" || strings.Count(name, " ") > 3 || strings.ContainsAny(name, "[]()") {
		return "", s
	}
	low := strings.ToLower(name)
	if isKind(low) || keyMoment(name) != "" {
		return "", s
	}
	return name, strings.TrimSpace(s[j+1:])
}

// isRule reports lines that only separate: ---, ***, ===, ``` and the like.
func isRule(t string) bool {
	if len(t) < 3 {
		return false
	}
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '-', '=', '*', '_', '`', '~', ' ':
		default:
			return false
		}
	}
	return true
}

// stripMarks removes Markdown around a line: heading marks (heading is then
// true), a quote mark, a list bullet, a bold opener, and table pipes (the
// first cell is then read as the time; a header row sets tableHeader).
func stripMarks(t string) (core string, heading, tableHeader bool) {
	if strings.HasPrefix(t, "#") {
		i := strings.IndexFunc(t, func(r rune) bool { return r != '#' })
		if i < 0 || t[i] == ' ' {
			heading = true
			if i < 0 {
				return "", true, false
			}
			t = strings.TrimSpace(t[i:])
		}
	}
	if strings.HasPrefix(t, "|") {
		cells := strings.Split(strings.Trim(t, "|"), "|")
		kept := cells[:0]
		sep := true
		for _, c := range cells {
			c = strings.TrimSpace(c)
			if strings.Trim(c, "-: ") != "" {
				sep = false
			}
			if c != "" {
				kept = append(kept, c)
			}
		}
		if sep || len(kept) == 0 {
			return "", false, true
		}
		if isTimeColumn(normHeader(kept[0])) {
			return "", false, true
		}
		return kept[0] + " — " + strings.Join(kept[1:], " | "), heading, false
	}
	t = strings.TrimPrefix(t, "> ")
	for _, b := range []string{"- ", "* ", "+ ", "• "} {
		if strings.HasPrefix(t, b) {
			t = strings.TrimSpace(t[len(b):])
			break
		}
	}
	// A numbered list item: "1. 14:05 ..." or "2) ...".
	if _, q, ok := digits(t, 0, 1, 3); ok && q+1 < len(t) && (t[q] == '.' || t[q] == ')') && t[q+1] == ' ' {
		t = strings.TrimSpace(t[q+2:])
	}
	for _, b := range []string{"**", "__"} {
		if strings.HasPrefix(t, b) {
			t = t[len(b):]
			if j := strings.Index(t, b); j >= 0 {
				t = t[:j] + t[j+len(b):]
			}
			break
		}
	}
	return strings.TrimSpace(t), heading, false
}

var monthNames = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
	"sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
	"dec": 12, "december": 12,
}

var weekdayNames = map[string]bool{
	"mon": true, "monday": true, "tue": true, "tues": true, "tuesday": true, "wed": true, "wednesday": true,
	"thu": true, "thur": true, "thurs": true, "thursday": true, "fri": true, "friday": true,
	"sat": true, "saturday": true, "sun": true, "sunday": true,
}

// parseDateLine reads a line that is only a date: 2026-11-23, 2026/11/23,
// Nov 23, 2026, 23 November 2026, Monday, 23 November 2026 (a trailing colon
// is allowed). ok is false when the line is not a date; reason is set when it
// is one that does not exist.
func parseDateLine(s string) (d ymd, ok bool, reason string) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ":"))
	if s == "" || len(s) > 40 || !hasYear(s) {
		return d, false, ""
	}
	if isDigit(s[0]) {
		if d, end, ok := scanNumDate(s, 0); ok && end == len(s) {
			if r := checkDate(d); r != "" {
				return d, false, r
			}
			return d, true, ""
		}
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
	if len(words) > 0 && weekdayNames[strings.ToLower(strings.TrimSuffix(words[0], "."))] {
		words = words[1:]
	}
	if len(words) != 3 {
		return d, false, ""
	}
	var day, mon, yr int
	if m, ok := monthNames[strings.ToLower(strings.TrimSuffix(words[0], "."))]; ok {
		mon, day, yr = m, dayNumber(words[1]), yearNumber(words[2])
	} else if m, ok := monthNames[strings.ToLower(strings.TrimSuffix(words[1], "."))]; ok {
		mon, day, yr = m, dayNumber(words[0]), yearNumber(words[2])
	} else {
		return d, false, ""
	}
	if day == 0 || yr == 0 {
		return d, false, ""
	}
	d = ymd{yr, mon, day}
	if day > daysIn(yr, mon) || yr < 1970 {
		return d, false, fmt.Sprintf("%s %d, %d is not a real date", time.Month(mon), day, yr)
	}
	return d, true, ""
}

// hasYear reports whether s has a run of four digits, which every date
// heading has; it keeps the common case of ordinary text cheap.
func hasYear(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			if run++; run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// dayNumber reads 1..31 with an optional ordinal suffix; 0 when it is not one.
func dayNumber(w string) int {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		w = strings.TrimSuffix(strings.ToLower(w), suf)
	}
	v, end, ok := digits(w, 0, 1, 2)
	if !ok || end != len(w) || v < 1 || v > 31 {
		return 0
	}
	return v
}

func yearNumber(w string) int {
	v, end, ok := digits(w, 0, 4, 4)
	if !ok || end != len(w) {
		return 0
	}
	return v
}

// looksLikeMDY reports a line that starts with an ambiguous NN/NN/NNNN date.
func looksLikeMDY(s string) bool {
	_, q, ok := digits(s, 0, 1, 2)
	if !ok || q >= len(s) || s[q] != '/' {
		return false
	}
	_, q, ok = digits(s, q+1, 1, 2)
	if !ok || q >= len(s) || s[q] != '/' {
		return false
	}
	_, _, ok = digits(s, q+1, 4, 4)
	return ok
}
