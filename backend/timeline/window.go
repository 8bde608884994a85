package timeline

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/timeline/parse"
)

// windowSlack is how far outside an incident an event may fall before the
// preview warns: a timeline often starts with the deploy the day before, but
// an event days away usually means a wrong --date, zone or year.
const windowSlack = 24 * time.Hour

// CheckWindow warns about events more than a day outside the incident: before
// it started (or, with no start, was detected or recorded) or after it was
// resolved; and about events in the future, which the import will refuse.
// Each such event gets a warning and the result one summary line. Nothing
// else is refused: the person decides.
func (p *Prepared) CheckWindow(inc *domain.Incident, now time.Time, loc *time.Location) {
	if inc == nil || len(p.Events) == 0 {
		return
	}
	if loc == nil {
		loc = time.UTC
	}
	from, fromWhat := windowStart(inc)
	before, after, future := 0, 0, 0
	for k, e := range p.Events {
		var msg string
		switch {
		case e.At.After(now.Add(domain.FutureTolerance)):
			future++
			msg = "is in the future: it cannot be saved; check the date and the zone"
		case e.At.Before(from.Add(-windowSlack)):
			before++
			msg = fmt.Sprintf("%s before %s", days(from.Sub(e.At)), fromWhat)
		case inc.ResolvedAt != nil && e.At.After(inc.ResolvedAt.Add(windowSlack)):
			after++
			msg = fmt.Sprintf("%s after the incident was resolved", days(e.At.Sub(*inc.ResolvedAt)))
		default:
			continue
		}
		if k < len(p.Result.Events) {
			p.Result.Events[k].Warnings = append(p.Result.Events[k].Warnings, msg)
		}
	}
	if future > 0 {
		p.Result.Warnings = append(p.Result.Warnings, fmt.Sprintf(
			"%d events are in the future and cannot be saved; check the date, the year and the zone", future))
	}
	if before+after == 0 {
		return
	}
	span := fmt.Sprintf("%s (%s)", fromWhat, from.In(loc).Format("2006-01-02 15:04 MST"))
	if inc.ResolvedAt != nil {
		span = fmt.Sprintf("%s: from %s to its resolution (%s)", inc.Ref(), span, inc.ResolvedAt.In(loc).Format("2006-01-02 15:04 MST"))
	} else {
		span = fmt.Sprintf("%s: %s", inc.Ref(), span)
	}
	p.Result.Warnings = append(p.Result.Warnings, fmt.Sprintf(
		"%d of %d events are more than a day outside %s; %d before, %d after; check the date, the year and the zone",
		before+after, len(p.Events), span, before, after))
}

func windowStart(inc *domain.Incident) (time.Time, string) {
	switch {
	case inc.StartedAt != nil:
		return *inc.StartedAt, "the incident started"
	case inc.DetectedAt != nil:
		return *inc.DetectedAt, "the incident was detected"
	default:
		return inc.CreatedAt, "the incident was recorded"
	}
}

// days says a span of at least a day in whole days, rounded down.
func days(d time.Duration) string {
	n := int(d / (24 * time.Hour))
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// PreparePath reads a file, or a Slack export's channel folder, and parses
// it. A file over the parser's limit is refused with a message that says so;
// a path that cannot be read names the field "file".
func PreparePath(path string, r Request) (*Prepared, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	if fi.IsDir() {
		return PrepareDir(os.DirFS(path), r)
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	defer fh.Close()
	data, err := ReadLimited(fh)
	if err != nil {
		return nil, fileError(path, err)
	}
	r.Data = data
	return Prepare(r)
}

// ReadLimited reads at most one byte more than the parser accepts: enough
// for it to refuse an oversized input with its own message, without holding
// a huge file in memory.
func ReadLimited(in io.Reader) ([]byte, error) {
	return io.ReadAll(io.LimitReader(in, parse.DefaultMaxBytes+1))
}

func fileError(path string, err error) error {
	if pe, ok := err.(*os.PathError); ok {
		err = pe.Err
	}
	fe := domain.FieldErrors{}
	fe.Add("file", "cannot read %q: %v", path, err)
	return fe.Err()
}
