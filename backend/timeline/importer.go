// Package timeline joins the timeline parsers to the store: what the CLI's
// `timeline import` and the window's paste-and-preview share, so the same
// text gives the same events either way.
package timeline

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/timeline/parse"
)

// Unparsed says what to do with lines the parser did not understand.
type Unparsed string

const (
	// UnparsedRefuse refuses the import while any line is not understood
	// (unless Join or Skip names it): nothing is dropped silently.
	UnparsedRefuse Unparsed = ""
	// UnparsedSkip leaves every line not understood out.
	UnparsedSkip Unparsed = "skip"
	// UnparsedJoin appends every line not understood to the event above it.
	UnparsedJoin Unparsed = "join"
)

// Request is an import as a person asks for it.
type Request struct {
	Data   []byte
	Format string // auto, text, slack, csv, json
	Zone   string // zone for times without one; "" is the machine's
	Date   string // YYYY-MM-DD for time-only lines before any date heading
	// Join and Skip name problem lines (Problem.Line) to join to the event
	// above or to leave out; Unparsed applies to the ones named by neither.
	Join     []int
	Skip     []int
	Unparsed Unparsed
}

// Prepared is a parsed import, ready to preview or to save.
type Prepared struct {
	Result *parse.Result
	// Events are what will be saved: Result.Events (in input order) with
	// the joins applied, so Events[k] comes from Result.Events[k].
	Events []domain.ImportedEvent
	// Pending are the problems neither joined nor skipped: an import with
	// any is refused (the preview shows them).
	Pending []parse.Problem
}

// Options turns the request's strings into parser options, naming the
// field of any bad value.
func (r Request) Options() (parse.Options, error) {
	fe := domain.FieldErrors{}
	opts := parse.Options{Format: parse.Format(strings.ToLower(strings.TrimSpace(r.Format)))}
	loc, err := domain.LoadZone(r.Zone)
	if err != nil {
		fe.Add("zone", "%s", err)
	}
	opts.Zone = loc
	if d := strings.TrimSpace(r.Date); d != "" {
		in := loc
		if in == nil {
			in = time.UTC // the zone is already reported; still check the date
		}
		t, err := time.ParseInLocation("2006-01-02", d, in)
		if err != nil {
			fe.Add("date", "%q is not a date; use YYYY-MM-DD", d)
		} else {
			opts.Date = t
		}
	}
	switch r.Unparsed {
	case UnparsedRefuse, UnparsedSkip, UnparsedJoin:
	default:
		fe.Add("unparsed", "must be skip or join, or empty to refuse")
	}
	return opts, fe.Err()
}

// Prepare parses the request's data and applies its choices for the lines
// not understood.
func Prepare(r Request) (*Prepared, error) {
	opts, err := r.Options()
	if err != nil {
		return nil, err
	}
	res, err := parse.Parse(r.Data, opts)
	if err != nil {
		return nil, err
	}
	return apply(res, r), nil
}

// PrepareDir is Prepare for a Slack export's channel folder.
func PrepareDir(fsys fs.FS, r Request) (*Prepared, error) {
	opts, err := r.Options()
	if err != nil {
		return nil, err
	}
	res, err := parse.ParseDir(fsys, opts)
	if err != nil {
		return nil, err
	}
	return apply(res, r), nil
}

// apply joins, skips or keeps pending each problem line, and converts the
// events.
func apply(res *parse.Result, r Request) *Prepared {
	join, skip := set(r.Join), set(r.Skip)
	// In input order, so Events[k] is Result.Events[k] with its joins.
	sort.SliceStable(res.Events, func(a, b int) bool { return res.Events[a].Line < res.Events[b].Line })
	evs := append([]parse.Event(nil), res.Events...)
	p := &Prepared{Result: res}
	for _, pr := range res.Problems {
		switch {
		case join[pr.Line] || (r.Unparsed == UnparsedJoin && !skip[pr.Line]):
			// The event above is the last one starting before this line.
			k := sort.Search(len(evs), func(i int) bool { return evs[i].Line > pr.Line }) - 1
			if k < 0 {
				p.Pending = append(p.Pending, parse.Problem{Line: pr.Line, Text: pr.Text,
					Reason: pr.Reason + "; there is no event above it to join it to"})
				continue
			}
			evs[k].Body += "\n" + strings.TrimSpace(pr.Text)
		case skip[pr.Line] || r.Unparsed == UnparsedSkip:
		default:
			p.Pending = append(p.Pending, pr)
		}
	}
	p.Events = make([]domain.ImportedEvent, len(evs))
	for k, e := range evs {
		p.Events[k] = domain.ImportedEvent{At: e.At, Kind: e.Kind, Author: e.Author, Body: e.Body, KeyMoment: e.KeyMoment}
	}
	return p
}

// Err is nil when the prepared import may be saved, or an EINVALID error
// listing the lines still not understood.
func (p *Prepared) Err() error {
	if len(p.Pending) == 0 {
		if len(p.Events) == 0 {
			return domain.Errorf(domain.EINVALID, "nothing to import: no line with a time was found")
		}
		return nil
	}
	lines := make([]string, 0, 3)
	for k, pr := range p.Pending {
		if k == 3 {
			lines = append(lines, fmt.Sprintf("and %d more", len(p.Pending)-3))
			break
		}
		lines = append(lines, fmt.Sprintf("line %d (%s)", pr.Line, pr.Reason))
	}
	return domain.Errorf(domain.EINVALID, "%d lines not understood: %s; join them to the event above or skip them",
		len(p.Pending), strings.Join(lines, "; "))
}

func set(xs []int) map[int]bool {
	m := make(map[int]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}
