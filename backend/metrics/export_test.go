package metrics

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"io"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func TestWriteCSV(t *testing.T) {
	snap := &domain.Snapshot{Series: []domain.Series{
		{Key: `{service="a,b"}`, Points: []domain.Point{{T: 1000, V: 1.5}, {T: 2000, V: math.NaN()}}},
		{Key: "=HYPERLINK(\"x\")", Points: []domain.Point{{T: 2000, V: -3}, {T: 3000, V: 1e-7}}},
	}}
	var b bytes.Buffer
	if err := WriteCSV(&b, snap); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v", err)
	}
	want := [][]string{
		{"time_utc", "unix_ms", `{service="a,b"}`, `'=HYPERLINK("x")`},
		{"1970-01-01T00:00:01.000Z", "1000", "1.5", ""},
		{"1970-01-01T00:00:02.000Z", "2000", "", "-3"},
		{"1970-01-01T00:00:03.000Z", "3000", "", "1e-07"},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows = %q, want %q", rows, want)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q, want %q", i, rows[i], want[i])
		}
	}
}

func TestWriteSVGIsValidAndEscaped(t *testing.T) {
	pts := make([]domain.Point, 200)
	for i := range pts {
		pts[i] = domain.Point{T: int64(i) * 60_000, V: float64(i % 17)}
	}
	pts[50].V = math.NaN()
	series := []domain.Series{
		{Key: `<script>alert(1)</script>`, Labels: map[string]string{"job": `<script>alert("x")</script>&`}, Points: pts},
		{Key: "b", Labels: map[string]string{"job": "b"}, Points: pts[:100]},
	}
	c := Decimate(series, 0, 0, 200) // raw: the NaN stays a gap
	zone, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	err = WriteSVG(&b, c, SVGOptions{Title: "p99 <latency> & errors", Unit: "s", Zone: zone,
		Markers: []Marker{{Label: "detected <now>", At: 60 * 60_000}},
		Events:  []EventTick{{At: 30 * 60_000, Kind: "alert", Text: "<script>FIRING</script>"}}})
	if err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(strings.ToLower(out), "<script") {
		t.Errorf("output holds a raw <script")
	}
	dec := xml.NewDecoder(strings.NewReader(out))
	var texts []string
	elems := map[string]int{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("output is not XML: %v\n%s", err, out)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			elems[tok.Name.Local]++
			for _, a := range tok.Attr {
				if a.Name.Local == "href" {
					t.Errorf("output refers outside itself: %v", a)
				}
			}
		case xml.CharData:
			texts = append(texts, string(tok))
		}
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"p99 <latency> & errors", `job=<script>alert("x")</script>&`, "detected <now>", "Asia/Kolkata, IST", "<script>FIRING</script>"} {
		if !strings.Contains(all, want) {
			t.Errorf("text %q missing from the SVG", want)
		}
	}
	if elems["polyline"] < 3 { // the NaN splits the first series in two
		t.Errorf("got %d polylines, want at least 3", elems["polyline"])
	}
	if elems["svg"] != 1 || elems["title"] < 3 {
		t.Errorf("elements = %v", elems)
	}
}

func TestWriteSVGStaggersMarkerLabelsThatWouldOverlap(t *testing.T) {
	pts := []domain.Point{{T: 0, V: 1}, {T: 3_600_000, V: 2}}
	c := Decimate([]domain.Series{{Key: "a", Points: pts}}, 0, 0, 100)
	var b bytes.Buffer
	// Started and detected a minute apart, resolved far away.
	err := WriteSVG(&b, c, SVGOptions{Width: 600, Height: 300, Markers: []Marker{
		{Label: "started", At: 600_000}, {Label: "detected", At: 660_000}, {Label: "resolved", At: 3_000_000}}})
	if err != nil {
		t.Fatal(err)
	}
	y := map[string]string{}
	re := regexp.MustCompile(`<text x="[0-9.]+" y="([0-9.]+)" fill="#7a1f1f"[^>]*>([a-z]+)</text>`)
	for _, m := range re.FindAllStringSubmatch(b.String(), -1) {
		y[m[2]] = m[1]
	}
	if len(y) != 3 {
		t.Fatalf("marker labels = %v, want three", y)
	}
	if y["started"] == y["detected"] {
		t.Errorf("started and detected share the row y=%s: their labels overlap", y["started"])
	}
	if y["resolved"] != y["started"] {
		t.Errorf("resolved is at y=%s, want the first row (%s): nothing is near it", y["resolved"], y["started"])
	}
}

func TestWriteSVGNamesTheLocalZoneByItsAbbreviation(t *testing.T) {
	c := Decimate([]domain.Series{{Key: "a", Points: []domain.Point{{T: 0, V: 1}, {T: 60_000, V: 2}}}}, 0, 0, 10)
	var b bytes.Buffer
	if err := WriteSVG(&b, c, SVGOptions{Zone: time.FixedZone("CET", 3600)}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "time (CET)") || strings.Contains(b.String(), "Local") {
		t.Errorf("the axis should read time (CET):\n%s", b.String())
	}
}
