package domain

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

// TimeInputHint is shown to people whenever a time they typed is not understood.
const TimeInputHint = "use YYYY-MM-DD HH:MM or RFC 3339 (2026-11-23T14:05:00Z)"

// LoadZone resolves a zone name as people type it: "" and "Local" are the
// machine's zone (SystemZone), "UTC"/"Z" is UTC, anything else an IANA name
// ("Europe/Berlin").
func LoadZone(name string) (*time.Location, error) {
	switch strings.TrimSpace(name) {
	case "", "Local", "local":
		return SystemZone(), nil
	case "UTC", "utc", "Z", "z":
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(strings.TrimSpace(name))
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q; use an IANA name such as Europe/Berlin, or UTC", name)
	}
	return loc, nil
}

// localLayouts are the wall-clock forms accepted; they are read in the zone
// the caller names. RFC 3339 forms carry their own offset and win over it.
var localLayouts = []string{
	"2006-01-02 15:04",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
}

// ParseTime reads a time typed by a person or a script. RFC 3339 strings keep
// their own offset; "YYYY-MM-DD HH:MM[:SS]" is read as a wall-clock time in
// loc, and a wall-clock time that does not exist there (skipped by a
// daylight-saving change) is refused rather than silently moved.
// The result is in UTC.
func ParseTime(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fmt.Errorf("is empty; %s", TimeInputHint)
	}
	if loc == nil {
		loc = time.UTC
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	for _, layout := range localLayouts {
		t, err := time.ParseInLocation(layout, s, loc)
		if err != nil {
			continue
		}
		// time.ParseInLocation moves a wall time that does not exist (a DST
		// gap) by an hour; detect that by comparing the wall clocks.
		wall, _ := time.Parse(layout, s)
		if !sameWallClock(t, wall) {
			return time.Time{}, fmt.Errorf("%q does not exist in %s (the clocks skip it for daylight saving)", s, loc)
		}
		return t.UTC(), nil
	}
	if _, err := time.Parse("2006-01-02", s); err == nil {
		return time.Time{}, fmt.Errorf("%q has no time of day; %s", s, TimeInputHint)
	}
	return time.Time{}, fmt.Errorf("%q is not a date and time; %s", truncate(s, 40), TimeInputHint)
}

func sameWallClock(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd && a.Hour() == b.Hour() && a.Minute() == b.Minute()
}

// truncate shortens s for quoting in a message.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

var (
	systemZoneOnce sync.Once
	systemZone     *time.Location
)

// SystemZone is the machine's zone under its IANA name when it can be
// found ($TZ, the /etc/localtime link, /etc/timezone), so that files and
// exports say "Europe/Berlin" rather than Go's "Local", which means
// nothing on another machine. It falls back to time.Local.
func SystemZone() *time.Location {
	systemZoneOnce.Do(func() {
		systemZone = time.Local
		var candidates []string
		if tz, ok := os.LookupEnv("TZ"); ok {
			if tz == "" { // Go, like libc, reads an empty TZ as UTC
				systemZone = time.UTC
				return
			}
			candidates = append(candidates, strings.TrimPrefix(tz, ":"))
		} else {
			if target, err := os.Readlink("/etc/localtime"); err == nil {
				if _, name, ok := strings.Cut(target, "zoneinfo/"); ok {
					candidates = append(candidates, name)
				}
			}
			if b, err := os.ReadFile("/etc/timezone"); err == nil {
				candidates = append(candidates, strings.TrimSpace(string(b)))
			}
		}
		for _, name := range candidates {
			if name == "" || name == "Local" {
				continue
			}
			if loc, err := time.LoadLocation(name); err == nil && sameZone(loc, time.Local) {
				systemZone = loc
				return
			}
		}
	})
	return systemZone
}

// sameZone reports whether a and b agree on the offset over the coming
// year (a check that the name found really is the machine's zone).
func sameZone(a, b *time.Location) bool {
	now := time.Now()
	for d := 0; d < 366; d += 15 {
		t := now.AddDate(0, 0, d)
		_, oa := t.In(a).Zone()
		_, ob := t.In(b).Zone()
		if oa != ob {
			return false
		}
	}
	return true
}
