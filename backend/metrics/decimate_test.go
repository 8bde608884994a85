package metrics

import (
	"math"
	"testing"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func TestDecimateKeepsAOnePointSpike(t *testing.T) {
	const n = 11_000
	pts := make([]domain.Point, n)
	for i := range pts {
		pts[i] = domain.Point{T: int64(i) * 15_000, V: 1 + math.Sin(float64(i)/100)*0.1}
	}
	pts[7777].V = 42.5
	series := []domain.Series{{Key: "a", Labels: map[string]string{"__name__": "x"}, Points: pts}}
	c := Decimate(series, pts[0].T, pts[n-1].T, 800)
	if !c.Decimated || len(c.X) != 1600 || len(c.Series[0].Y) != 1600 {
		t.Fatalf("decimated = %v with %d times, want 1600", c.Decimated, len(c.X))
	}
	maxV, minV := math.Inf(-1), math.Inf(1)
	for _, y := range c.Series[0].Y {
		if y != nil {
			maxV, minV = math.Max(maxV, *y), math.Min(minV, *y)
		}
	}
	if maxV != 42.5 {
		t.Errorf("max after decimation = %v, want the spike's 42.5", maxV)
	}
	wantMin := math.Inf(1)
	for _, p := range pts {
		wantMin = math.Min(wantMin, p.V)
	}
	if minV != wantMin {
		t.Errorf("min after decimation = %v, want %v", minV, wantMin)
	}
	for i := 1; i < len(c.X); i++ {
		if c.X[i] <= c.X[i-1] {
			t.Fatalf("times not ascending at %d", i)
		}
	}
}

func TestDecimateKeepsMinAndMaxInTimeOrder(t *testing.T) {
	// One bucket: the max (9) comes before the min (1).
	pts := []domain.Point{{T: 0, V: 5}, {T: 1, V: 9}, {T: 2, V: 1}, {T: 3, V: 4}, {T: 4, V: 5}}
	c := Decimate([]domain.Series{{Key: "a", Points: pts}}, 0, 4, 1)
	y := c.Series[0].Y
	if len(y) != 2 || *y[0] != 9 || *y[1] != 1 {
		t.Errorf("bucket = %v, want max then min (9, 1)", derefAll(y))
	}
}

func TestDecimateReturnsFewPointsAsTheyAre(t *testing.T) {
	a := []domain.Point{{T: 10, V: 1}, {T: 20, V: math.NaN()}, {T: 30, V: 3}, {T: 99, V: 7}}
	b := []domain.Point{{T: 15, V: 2}, {T: 30, V: 4}}
	c := Decimate([]domain.Series{{Key: "a", Points: a}, {Key: "b", Points: b}}, 10, 30, 100)
	if c.Decimated {
		t.Fatal("decimated a handful of points")
	}
	if got, want := c.X, []int64{10, 15, 20, 30}; !equalInts(got, want) {
		t.Fatalf("X = %v, want %v (clipped to the window)", got, want)
	}
	if got := derefAll(c.Series[0].Y); got != "[1 nil nil 3]" {
		t.Errorf("a = %s, want [1 nil nil 3] (NaN is a gap)", got)
	}
	if got := derefAll(c.Series[1].Y); got != "[nil 2 nil 4]" {
		t.Errorf("b = %s, want [nil 2 nil 4]", got)
	}
	if c.Step.Milliseconds() != 5 {
		t.Errorf("step = %s, want the smallest gap 5ms", c.Step)
	}
}

func TestLabels(t *testing.T) {
	series := []domain.Series{
		{Key: "k1", Labels: map[string]string{"__name__": "http_errors", "service": "checkout", "code": "500"}},
		{Key: "k2", Labels: map[string]string{"__name__": "http_errors", "service": "cart", "code": "502"}},
	}
	if got := Labels(series); got[0] != "code=500, service=checkout" || got[1] != "code=502, service=cart" {
		t.Errorf("labels = %q", got)
	}
	series[1].Labels["__name__"] = "other"
	if got := Labels(series); got[0] != "__name__=http_errors, code=500, service=checkout" {
		t.Errorf("labels with different names = %q, want __name__ kept", got)
	}
	g := []domain.Series{{Key: "a.b.c", Labels: map[string]string{"name": "a.b.c"}}, {Key: "{}", Labels: map[string]string{}}}
	if got := Labels(g); got[0] != "a.b.c" || got[1] != "{}" {
		t.Errorf("labels = %q, want the target and the key", got)
	}
}

func derefAll(y []*float64) string {
	s := "["
	for i, v := range y {
		if i > 0 {
			s += " "
		}
		if v == nil {
			s += "nil"
		} else {
			s += formatValue(*v)
		}
	}
	return s + "]"
}

func equalInts(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func BenchmarkDecimate(b *testing.B) {
	series := make([]domain.Series, 10)
	for s := range series {
		pts := make([]domain.Point, 11_000)
		for i := range pts {
			pts[i] = domain.Point{T: int64(i) * 15_000, V: float64(s) + math.Sin(float64(i)/50)}
		}
		series[s] = domain.Series{Key: string(rune('a' + s)), Points: pts}
	}
	b.ReportAllocs()
	for b.Loop() {
		Decimate(series, 0, 10_999*15_000, 1000)
	}
	b.ReportMetric(float64(10*11_000*b.N)/b.Elapsed().Seconds(), "points/s")
}
