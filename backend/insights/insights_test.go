package insights

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func f64(v float64) *float64 { return &v }

// sample is a small Insights with a name that needs escaping.
func sample() *domain.Insights {
	return &domain.Insights{
		Zone:   "Europe/Berlin",
		Months: []string{"2026-01", "2026-02"},
		BySeverity: []domain.MonthCounts{
			{Month: "2026-01", SEV1: 1, SEV2: 2, Total: 3},
			{Month: "2026-02"},
		},
		Detect:        []domain.MonthStats{{Month: "2026-01", N: 2, Median: f64(90), P90: f64(120)}, {Month: "2026-02"}},
		Resolve:       []domain.MonthStats{{Month: "2026-01", N: 1, Median: f64(7200), P90: f64(7200)}, {Month: "2026-02"}},
		DetectionLag:  []domain.MonthStats{{Month: "2026-01"}, {Month: "2026-02", N: 1, Median: f64(-30), P90: f64(-30)}},
		ActionsOnTime: []domain.MonthShare{{Month: "2026-01", Due: 4, OnTime: 1, Share: f64(0.25)}, {Month: "2026-02"}},
		Services:      []domain.Recurring{{Name: "checkout", Incidents: 2, Refs: []string{"INC-0002", "INC-0001"}}},
		Themes:        []domain.Recurring{{Name: `Pool <exhausted>, "again" & again`, Incidents: 2, Refs: []string{"INC-0002", "INC-0001"}}},
	}
}

type fakeSource struct {
	in  *domain.Insights
	lag []domain.LagIncident
}

func (f fakeSource) Insights(context.Context, domain.InsightsQuery) (*domain.Insights, error) {
	return f.in, nil
}

func (f fakeSource) LagIncidents(context.Context, domain.InsightsQuery) ([]domain.LagIncident, error) {
	return f.lag, nil
}

func TestComputeAddsTheDetectionLagByMonth(t *testing.T) {
	in := sample()
	in.DetectionLag = []domain.MonthStats{{Month: "2026-01"}, {Month: "2026-02"}}
	src := fakeSource{in: in, lag: []domain.LagIncident{{ID: "a", Month: 0}, {ID: "b", Month: 0}, {ID: "c", Month: 0},
		{ID: "none", Month: 1}, {ID: "undetected", Month: 1}}}
	det := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
	lags := map[string]time.Duration{"a": time.Minute, "b": 3 * time.Minute, "c": 2 * time.Minute}
	lag := func(_ context.Context, id string) (*domain.DetectionLag, error) {
		switch id {
		case "none":
			return nil, nil
		case "undetected": // impact seen, no detection time: no lag
			return &domain.DetectionLag{VisibleAt: det}, nil
		}
		return &domain.DetectionLag{VisibleAt: det.Add(-lags[id]), DetectedAt: det, Lag: lags[id]}, nil
	}
	got, err := Compute(context.Background(), src, lag, domain.InsightsQuery{})
	if err != nil {
		t.Fatal(err)
	}
	// 60, 120, 180 s: median 120, p90 rank ⌈2.7⌉ = 3.
	want := []domain.MonthStats{{Month: "2026-01", N: 3, Median: f64(120), P90: f64(180)}, {Month: "2026-02"}}
	if !reflect.DeepEqual(got.DetectionLag, want) {
		t.Errorf("got %+v, want %+v", got.DetectionLag, want)
	}

	t.Run("a failing lag fails the whole", func(t *testing.T) {
		boom := errors.New("boom")
		_, err := Compute(context.Background(), src, func(context.Context, string) (*domain.DetectionLag, error) { return nil, boom }, domain.InsightsQuery{})
		if !errors.Is(err, boom) {
			t.Errorf("got %v, want boom", err)
		}
	})
}

func TestCSV(t *testing.T) {
	for _, c := range []struct {
		chart  string
		header []string
		row    []string // the first data row
	}{
		{"severity", []string{"month", "SEV1", "SEV2", "SEV3", "SEV4", "total"}, []string{"2026-01", "1", "2", "0", "0", "3"}},
		{"detect", []string{"month", "n", "median_seconds", "p90_seconds"}, []string{"2026-01", "2", "90", "120"}},
		{"resolve", []string{"month", "n", "median_seconds", "p90_seconds"}, []string{"2026-01", "1", "7200", "7200"}},
		{"lag", []string{"month", "n", "median_seconds", "p90_seconds"}, []string{"2026-01", "0", "", ""}},
		{"actions", []string{"month", "due", "on_time", "share"}, []string{"2026-01", "4", "1", "0.25"}},
		{"services", []string{"name", "incidents", "refs"}, []string{"checkout", "2", "INC-0002 INC-0001"}},
		{"themes", []string{"name", "incidents", "refs"}, []string{`Pool <exhausted>, "again" & again`, "2", "INC-0002 INC-0001"}},
	} {
		t.Run(c.chart+" has a header and a row per entry", func(t *testing.T) {
			var b bytes.Buffer
			if err := CSV(&b, sample(), c.chart); err != nil {
				t.Fatal(err)
			}
			rows, err := csv.NewReader(&b).ReadAll()
			if err != nil {
				t.Fatalf("not RFC 4180: %v", err)
			}
			if !reflect.DeepEqual(rows[0], c.header) || !reflect.DeepEqual(rows[1], c.row) {
				t.Errorf("got %q, %q; want %q, %q", rows[0], rows[1], c.header, c.row)
			}
		})
	}
	t.Run("quotes are doubled", func(t *testing.T) {
		var b bytes.Buffer
		_ = CSV(&b, sample(), "themes")
		if !strings.Contains(b.String(), `"Pool <exhausted>, ""again"" & again",2,`) {
			t.Errorf("got %q", b.String())
		}
	})
	t.Run("an unknown chart names the field", func(t *testing.T) {
		err := CSV(io.Discard, sample(), "pie")
		var e *domain.Error
		if !errors.As(err, &e) || e.Fields["chart"] == "" {
			t.Errorf("got %v, want EINVALID naming chart", err)
		}
	})
}

func TestSVGIsWellFormedWithItsTitle(t *testing.T) {
	empty := &domain.Insights{Zone: "UTC"}
	for _, chart := range Charts {
		for name, in := range map[string]*domain.Insights{"sample": sample(), "empty": empty} {
			t.Run(chart+" "+name, func(t *testing.T) {
				var b bytes.Buffer
				if err := SVG(&b, in, chart); err != nil {
					t.Fatal(err)
				}
				var doc struct {
					XMLName xml.Name
					Width   string `xml:"width,attr"`
					Height  string `xml:"height,attr"`
					Title   string `xml:"title"`
				}
				if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
					t.Fatalf("not well-formed: %v\n%s", err, b.String())
				}
				if doc.XMLName.Local != "svg" || doc.Width == "" || doc.Height == "" || doc.Title != chartTitles[chart] {
					t.Errorf("got <%s width=%q height=%q> title %q; want svg with a size and title %q",
						doc.XMLName.Local, doc.Width, doc.Height, doc.Title, chartTitles[chart])
				}
				if strings.Contains(b.String(), "<script") {
					t.Error("has a script")
				}
				if chart != "services" && chart != "themes" && !strings.Contains(b.String(), "("+in.Zone+")") {
					t.Error("the month axis does not name the zone")
				}
				// Every number drawn is finite.
				if strings.Contains(b.String(), "NaN") || strings.Contains(b.String(), "Inf") {
					t.Errorf("has NaN or Inf:\n%s", b.String())
				}
			})
		}
	}
}

// The actions chart shows a month with actions due and none on time (a
// whole late bar, nothing on time) apart from a month with nothing due
// (no bar), and counts by the month due.
func TestSVGActionsShowZeroOnTimeApartFromNothingDue(t *testing.T) {
	in := sample()
	in.ActionsOnTime[1] = domain.MonthShare{Month: "2026-02", Due: 2, OnTime: 0, Share: f64(0)}
	in.Months = append(in.Months, "2026-03")
	in.ActionsOnTime = append(in.ActionsOnTime, domain.MonthShare{Month: "2026-03"})
	var b bytes.Buffer
	if err := SVG(&b, in, "actions"); err != nil {
		t.Fatal(err)
	}
	svg := b.String()
	count := func(s string) int { return strings.Count(svg, s) }
	if n := count("<title>2026-01: 1 of 4 on time</title>"); n != 2 {
		t.Errorf("2026-01 (1 of 4): %d bars, want the late bar and the on-time bar", n)
	}
	if n := count("<title>2026-02: 0 of 2 on time</title>"); n != 1 {
		t.Errorf("2026-02 (0 of 2): %d bars, want the late bar alone", n)
	}
	if count("2026-03: ") != 0 {
		t.Error("2026-03 has nothing due but has a bar")
	}
	if !strings.Contains(svg, "month due (Europe/Berlin)") || !strings.Contains(svg, "late or open") {
		t.Errorf("the axis or the legend is missing:\n%s", svg)
	}
}
