package metrics

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// graphiteSeries is one element of Graphite's render JSON.
type graphiteSeries struct {
	Target     string            `json:"target"`
	Tags       map[string]string `json:"tags"`
	Datapoints [][2]*json.Number `json:"datapoints"`
}

// graphiteRender asks /render for target between from and until (both
// included). Graphite
// returns its own resolution (the archive's), so there is no step; a null
// value is kept as a NaN point, a gap. Series are keyed by target name
// (repeated names get " #2", " #3"); Labels are the series' tags when
// Graphite sends them, else {"name": target}.
func (c *Client) graphiteRender(ctx context.Context, target string, from, until time.Time) ([]domain.Series, error) {
	v := url.Values{}
	v.Set("target", target)
	// Whisper starts after from (the first interval is from's, plus one
	// step): one second earlier keeps a sample at from itself.
	v.Set("from", strconv.FormatInt(from.Unix()-1, 10))
	v.Set("until", strconv.FormatInt(until.Unix(), 10))
	v.Set("format", "json")
	v.Set("maxDataPoints", strconv.Itoa(domain.MaxPointsPerSeries))
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.src.URL+"/render?"+v.Encode(), nil)
	if err != nil {
		return nil, fieldError("url", "is not a usable address: %s", clip(err.Error(), 100))
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, rerr := io.ReadAll(io.LimitReader(resp.Body, 4096))
		if rerr != nil {
			return nil, rerr
		}
		if resp.StatusCode == http.StatusBadRequest {
			d := textDetail(string(body))
			if d != "" {
				d = ": " + d
			}
			return nil, fieldError("query", "%s: Graphite refused the target (400 Bad Request)%s", c.prefix(target), d)
		}
		if resp.StatusCode == http.StatusInternalServerError {
			// graphite-web answers an unknown function or a bad argument
			// with a 500 and a Python traceback.
			return nil, fieldError("query", "%s: Graphite failed to evaluate the target (500 Internal Server Error); check the function names and arguments", c.prefix(target))
		}
		return nil, c.statusFailure(c.prefix(target), resp.StatusCode, string(body))
	}
	var raw []graphiteSeries
	dec := json.NewDecoder(resp.Body)
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		var ne net.Error
		if errors.Is(err, errTooLarge) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) || errors.As(err, &ne) {
			return nil, err // the transport's: Client.failure names it
		}
		return nil, domain.Errorf(domain.EUNAVAILABLE, "%s: the answer is not valid Graphite JSON: %s", c.prefix(target), jsonReason(err.Error()))
	}
	out := make([]domain.Series, 0, len(raw))
	seen := map[string]int{}
	for _, r := range raw {
		key := r.Target
		seen[key]++
		if n := seen[key]; n > 1 {
			key = fmt.Sprintf("%s #%d", r.Target, n)
		}
		labels := r.Tags
		if len(labels) == 0 {
			labels = map[string]string{"name": r.Target}
		}
		pts := make([]domain.Point, 0, len(r.Datapoints))
		for _, dp := range r.Datapoints {
			if dp[1] == nil {
				continue
			}
			ts, err := dp[1].Float64()
			if err != nil {
				return nil, domain.Errorf(domain.EUNAVAILABLE, "%s: the answer is not valid Graphite JSON: timestamp %q is not a number", c.prefix(target), clip(dp[1].String(), 40))
			}
			val := math.NaN()
			if dp[0] != nil {
				if val, err = dp[0].Float64(); err != nil {
					return nil, domain.Errorf(domain.EUNAVAILABLE, "%s: the answer is not valid Graphite JSON: value %q is not a number", c.prefix(target), clip(dp[0].String(), 40))
				}
			}
			t := int64(ts * 1000)
			if t < from.UnixMilli() || t > until.UnixMilli() {
				continue
			}
			pts = append(pts, domain.Point{T: t, V: val})
		}
		sort.SliceStable(pts, func(i, j int) bool { return pts[i].T < pts[j].T })
		out = append(out, domain.Series{Key: key, Labels: labels, Points: pts})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}
