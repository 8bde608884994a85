package parse

import (
	"fmt"
	"strings"
	"time"
)

// zoneSpec is a zone written on a line: a fixed offset with the name used.
type zoneSpec struct {
	name   string
	offset int // seconds east of UTC
}

// zoneWords are the zone abbreviations understood, each as a fixed offset
// (so "EST" is UTC-5 even in July). UTC and GMT may be in any case, the
// rest only in capitals, so that ordinary words are not read as zones.
var zoneWords = map[string]int{
	"UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 3600, "BST": 3600,
	"CET": 3600, "CEST": 2 * 3600, "EET": 2 * 3600, "EEST": 3 * 3600,
	"EST": -5 * 3600, "EDT": -4 * 3600, "CDT": -5 * 3600,
	"MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
	"JST": 9 * 3600, "AEST": 10 * 3600, "AEDT": 11 * 3600,
}

// ambiguousZones name more than one zone; a time written with one is a
// Problem rather than a guess.
var ambiguousZones = map[string]string{
	"IST": "India, Ireland or Israel", "CST": "US Central, China or Cuba",
	"AST": "Atlantic or Arabia", "GST": "Gulf or South Georgia", "SST": "Samoa or Singapore",
}

// stamp is a date and/or time of day as written at the start of a line.
type stamp struct {
	hasDate, hasTime     bool
	year, month, day     int
	hour, min, sec, nsec int
	zone                 *zoneSpec
}

type ymd struct{ y, m, d int }

func isDigit(b byte) bool  { return b >= '0' && b <= '9' }
func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// digits reads a run of digits at s[p:] whose length is between min and max;
// a longer run fails.
func digits(s string, p, min, max int) (v, end int, ok bool) {
	q := p
	for q < len(s) && isDigit(s[q]) {
		if q-p >= max {
			return 0, p, false
		}
		v = v*10 + int(s[q]-'0')
		q++
	}
	if q-p < min {
		return 0, p, false
	}
	return v, q, true
}

// scanNumDate reads YYYY-MM-DD or YYYY/MM/DD at s[p:].
func scanNumDate(s string, p int) (d ymd, end int, ok bool) {
	y, q, ok := digits(s, p, 4, 4)
	if !ok || q >= len(s) || (s[q] != '-' && s[q] != '/') {
		return d, p, false
	}
	sep := s[q]
	m, q, ok := digits(s, q+1, 1, 2)
	if !ok || q >= len(s) || s[q] != sep {
		return d, p, false
	}
	dd, q, ok := digits(s, q+1, 1, 2)
	if !ok {
		return d, p, false
	}
	return ymd{y, m, dd}, q, true
}

func skipSpaces(s string, p int) int {
	for p < len(s) && (s[p] == ' ' || s[p] == '\t') {
		p++
	}
	return p
}

// boundary reports whether a stamp may end at s[p]: the end of the text or
// anything that is not a letter or digit.
func boundary(s string, p int) bool { return p >= len(s) || !isLetter(s[p]) && !isDigit(s[p]) }

// scanStamp reads a date and time, or a time of day, at the start of s.
// n is the number of bytes read: 0 when s does not start with something
// shaped like a time (hasTime false with hasDate true when it is a date
// alone). reason is set when it is shaped like a time but impossible.
func scanStamp(s string) (st stamp, n int, reason string) {
	p := 0
	if d, q, ok := scanNumDate(s, 0); ok {
		st.hasDate, st.year, st.month, st.day = true, d.y, d.m, d.d
		if r := checkDate(d); r != "" {
			return st, q, r
		}
		switch {
		case q < len(s) && (s[q] == 'T' || s[q] == 't') && q+1 < len(s) && isDigit(s[q+1]):
			p = q + 1
		case q < len(s) && (s[q] == ' ' || s[q] == '\t' || s[q] == ','):
			p = skipSpaces(s, q+1)
			if s[q] == ',' || p >= len(s) || !isDigit(s[p]) {
				return st, q, ""
			}
		default:
			if !boundary(s, q) {
				return stamp{}, 0, ""
			}
			return st, q, ""
		}
	}
	h, q, ok := digits(s, p, 1, 2)
	if !ok || q >= len(s) || s[q] != ':' {
		if st.hasDate {
			return st, p, ""
		}
		return stamp{}, 0, ""
	}
	mi, q, ok := digits(s, q+1, 2, 2)
	if !ok {
		if st.hasDate {
			return st, p, ""
		}
		return stamp{}, 0, ""
	}
	sec, nsec := 0, 0
	if q+1 < len(s) && s[q] == ':' && isDigit(s[q+1]) {
		if sec, q, ok = digits(s, q+1, 2, 2); !ok {
			return stamp{}, 0, ""
		}
		// Fractions: ".250", or ",250" as many loggers write it.
		if q+1 < len(s) && (s[q] == '.' || s[q] == ',') && isDigit(s[q+1]) {
			f, e, ok := digits(s, q+1, 1, 9)
			if !ok {
				return stamp{}, 0, ""
			}
			for i := e - (q + 1); i < 9; i++ {
				f *= 10
			}
			nsec, q = f, e
		}
	}
	written := s[p:q]
	// 12-hour clock: "2:51 PM", "2:51pm", "2:51 p.m.".
	if r := skipOneSpace(s, q); r < len(s) {
		if ampm, e := scanAMPM(s, r); ampm != 0 {
			written = s[p:e]
			if h < 1 || h > 12 {
				return st, e, fmt.Sprintf("%s is not a valid 12-hour time", written)
			}
			h %= 12
			if ampm == 'p' {
				h += 12
			}
			q = e
		}
	}
	if h > 23 || mi > 59 || sec > 59 {
		return st, q, fmt.Sprintf("%s is not a valid time of day", written)
	}
	st.hasTime, st.hour, st.min, st.sec, st.nsec = true, h, mi, sec, nsec
	// Up to two zones may follow; two that disagree are a Problem.
	var zones []zoneSpec
	for len(zones) < 2 {
		z, e, r := scanZone(s, q, len(zones) == 0)
		if r != "" {
			return st, e, r
		}
		if e == q {
			break
		}
		zones = append(zones, z)
		q = e
	}
	if !boundary(s, q) {
		return stamp{}, 0, ""
	}
	if len(zones) == 2 && zones[0].offset != zones[1].offset {
		return st, q, fmt.Sprintf("two time zones on one line (%s and %s)", zones[0].name, zones[1].name)
	}
	if len(zones) > 0 {
		st.zone = &zones[0]
	}
	return st, q, ""
}

func skipOneSpace(s string, p int) int {
	if p < len(s) && s[p] == ' ' {
		return p + 1
	}
	return p
}

// scanAMPM reads am, pm, a.m. or p.m. in any case; it returns 'a', 'p' or 0.
func scanAMPM(s string, p int) (byte, int) {
	if p >= len(s) {
		return 0, p
	}
	c := s[p] | 0x20
	if c != 'a' && c != 'p' {
		return 0, p
	}
	switch {
	case p+1 < len(s) && s[p+1]|0x20 == 'm' && boundary(s, p+2):
		return c, p + 2
	case p+3 < len(s) && s[p+1] == '.' && s[p+2]|0x20 == 'm' && s[p+3] == '.':
		return c, p + 4
	}
	return 0, p
}

// scanZone reads one zone at s[p:]: "Z" or an offset right after the time,
// or, after spaces, an offset like -0500, a zone word (UTC, CET, "(UTC)"),
// or UTC/GMT with an offset (UTC+2). It returns end == p when there is none.
func scanZone(s string, p int, attached bool) (z zoneSpec, end int, reason string) {
	if attached && p < len(s) {
		if (s[p] == 'Z' || s[p] == 'z') && boundary(s, p+1) {
			return zoneSpec{"Z", 0}, p + 1, ""
		}
		if s[p] == '+' || s[p] == '-' {
			if z, e, r := scanOffset(s, p, false); e > p {
				return z, e, r
			}
		}
	}
	q := skipSpaces(s, p)
	if q == p || q >= len(s) {
		return z, p, ""
	}
	if s[q] == '+' || s[q] == '-' {
		if z, e, r := scanOffset(s, q, true); e > q {
			return z, e, r
		}
		return z, p, ""
	}
	paren := s[q] == '('
	w := q
	if paren {
		w++
	}
	e := w
	for e < len(s) && isLetter(s[e]) {
		e++
	}
	word := s[w:e]
	if word == "" || e-w > 4 {
		return z, p, ""
	}
	up := strings.ToUpper(word)
	if why, ok := ambiguousZones[word]; ok && boundary(s, e) {
		return z, e, fmt.Sprintf("the zone %s is ambiguous (%s); write an offset such as +05:30 instead", word, why)
	}
	off, ok := zoneWords[word]
	if !ok && (up == "UTC" || up == "GMT") {
		off, ok = 0, true
	}
	if !ok {
		return z, p, ""
	}
	z = zoneSpec{up, off}
	if (up == "UTC" || up == "GMT") && e < len(s) && (s[e] == '+' || s[e] == '-') {
		if oz, oe, r := scanOffsetShort(s, e); oe > e {
			if r != "" {
				return z, oe, r
			}
			z, e = zoneSpec{up + s[e:oe], oz.offset}, oe
		}
	}
	if paren {
		if e >= len(s) || s[e] != ')' {
			return zoneSpec{}, p, ""
		}
		e++
	} else if !boundary(s, e) {
		return zoneSpec{}, p, ""
	}
	return z, e, ""
}

// scanOffset reads +HH:MM, +HHMM or (when not strict) +HH at s[p].
func scanOffset(s string, p int, strict bool) (z zoneSpec, end int, reason string) {
	h, q, ok := digits(s, p+1, 2, 2)
	if !ok {
		// +HHMM arrives here as a 4-digit run.
		v, q4, ok4 := digits(s, p+1, 4, 4)
		if !ok4 || !boundary(s, q4) {
			return z, p, ""
		}
		return makeOffset(s[p], v/100, v%100, s[p:q4], q4)
	}
	if q+2 < len(s) && s[q] == ':' && isDigit(s[q+1]) {
		m, e, ok := digits(s, q+1, 2, 2)
		if ok && boundary(s, e) {
			return makeOffset(s[p], h, m, s[p:e], e)
		}
		return z, p, ""
	}
	if strict || !boundary(s, q) {
		return z, p, ""
	}
	return makeOffset(s[p], h, 0, s[p:q], q)
}

// scanOffsetShort reads the offset after UTC/GMT: +2, +02, +0530, +05:30.
func scanOffsetShort(s string, p int) (z zoneSpec, end int, reason string) {
	if z, e, r := scanOffset(s, p, false); e > p {
		return z, e, r
	}
	h, q, ok := digits(s, p+1, 1, 1)
	if !ok || !boundary(s, q) {
		return z, p, ""
	}
	return makeOffset(s[p], h, 0, s[p:q], q)
}

func makeOffset(sign byte, h, m int, written string, end int) (zoneSpec, int, string) {
	if h > 14 || m > 59 {
		return zoneSpec{}, end, fmt.Sprintf("%s is not a valid UTC offset", written)
	}
	off := h*3600 + m*60
	if sign == '-' {
		off = -off
	}
	return zoneSpec{written, off}, end, ""
}

// checkDate names the value when d is not a real date.
func checkDate(d ymd) string {
	if d.y < 1970 || d.y > 9999 {
		return fmt.Sprintf("the year %d is out of range", d.y)
	}
	if d.m < 1 || d.m > 12 {
		return fmt.Sprintf("%04d-%02d-%02d is not a real date (there is no month %d)", d.y, d.m, d.d, d.m)
	}
	if d.d < 1 || d.d > daysIn(d.y, d.m) {
		return fmt.Sprintf("%04d-%02d-%02d is not a real date (%s has %d days)", d.y, d.m, d.d, time.Month(d.m), daysIn(d.y, d.m))
	}
	return ""
}

func daysIn(y, m int) int { return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() }

// instant turns a stamp into a UTC time. The day is the stamp's own date or
// day; a zone on the line wins over def. Wall-clock times in def follow its
// daylight-saving rules: a time the clocks skip is refused, and a time they
// show twice (the autumn change) is the earlier of the two instants.
func (st stamp) instant(day ymd, def *time.Location, cache *offsetCache) (time.Time, bool, string) {
	if st.hasDate {
		day = ymd{st.year, st.month, st.day}
	}
	if st.zone != nil {
		loc := time.FixedZone(st.zone.name, st.zone.offset)
		return time.Date(day.y, time.Month(day.m), day.d, st.hour, st.min, st.sec, st.nsec, loc).UTC(), false, ""
	}
	t, ok := wallClock(day, st, def, cache)
	if !ok {
		return time.Time{}, true, fmt.Sprintf("%04d-%02d-%02d %02d:%02d does not exist in %s (the clocks skip it for daylight saving)",
			day.y, day.m, day.d, st.hour, st.min, def)
	}
	return t, true, ""
}

// offsetCache holds a zone's offsets on either side of a day.
type offsetCache struct {
	loc           *time.Location
	day           ymd
	before, after int
}

// wallClock finds the instants at which loc shows the wall time and returns
// the earliest; ok is false when there is none (a daylight-saving gap).
func wallClock(day ymd, st stamp, loc *time.Location, cache *offsetCache) (time.Time, bool) {
	wall := time.Date(day.y, time.Month(day.m), day.d, st.hour, st.min, st.sec, st.nsec, time.UTC)
	if loc == time.UTC {
		return wall, true
	}
	// Most days have no change of offset: then the wall time has exactly
	// one instant. The offsets around a day are remembered, as lines
	// usually share their day with the line before.
	if cache == nil || cache.loc != loc || cache.day != day {
		noon := time.Date(day.y, time.Month(day.m), day.d, 12, 0, 0, 0, time.UTC)
		_, before := noon.Add(-36 * time.Hour).In(loc).Zone()
		_, after := noon.Add(36 * time.Hour).In(loc).Zone()
		if cache == nil {
			cache = &offsetCache{}
		}
		*cache = offsetCache{loc: loc, day: day, before: before, after: after}
	}
	if cache.before == cache.after {
		return wall.Add(-time.Duration(cache.before) * time.Second), true
	}
	var best time.Time
	found := false
	for _, probe := range []time.Time{wall.Add(-24 * time.Hour), wall, wall.Add(24 * time.Hour)} {
		_, off := probe.In(loc).Zone()
		u := wall.Add(-time.Duration(off) * time.Second)
		l := u.In(loc)
		if l.Year() == day.y && int(l.Month()) == day.m && l.Day() == day.d && l.Hour() == st.hour && l.Minute() == st.min && l.Second() == st.sec {
			if !found || u.Before(best) {
				best, found = u, true
			}
		}
	}
	return best.UTC(), found
}
