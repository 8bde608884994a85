package insights

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func TestRangeDefaultsToThirteenMonthsAndReadsBothEndsInclusive(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	// 23:30 UTC on 31 Oct is already November in Berlin.
	now := time.Date(2026, 10, 31, 23, 30, 0, 0, time.UTC)
	q, err := Range("", "", now, berlin)
	if err != nil {
		t.Fatal(err)
	}
	if got := q.From.Format(domain.MonthLayout) + ".." + LastMonth(q); got != "2025-11..2026-11" {
		t.Errorf("default range = %s, want 2025-11..2026-11", got)
	}
	q, err = Range(" 2026-01 ", "2026-03", now, berlin)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(q.MonthStarts()) - 1; n != 3 || LastMonth(q) != "2026-03" {
		t.Errorf("2026-01..2026-03 = %d months ending %s, want 3 ending 2026-03", n, LastMonth(q))
	}
	for _, c := range []struct{ from, to, field, says string }{
		{"2026-13", "", "from", "not a month"},
		{"", "March", "to", "not a month"},
		{"2026-05", "2026-03", "to", "must not be before the first month"},
		{"2010-01", "2026-03", "from", "at most 120"},
	} {
		_, err := Range(c.from, c.to, now, berlin)
		f := fieldsOf(err)
		if !strings.Contains(f[c.field], c.says) {
			t.Errorf("Range(%q, %q): fields %v, want %s to say %q", c.from, c.to, f, c.field, c.says)
		}
	}
}

func TestFilesDrawTheChosenChartsInEachFormat(t *testing.T) {
	in := sample()
	files, err := Files(in, nil, []string{"themes", "severity"}, []string{"csv", "svg"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
		if len(f.Data) == 0 {
			t.Errorf("%s is empty", f.Name)
		}
	}
	want := "insights-severity-2026-01-to-2026-02.svg insights-severity-2026-01-to-2026-02.csv " +
		"insights-themes-2026-01-to-2026-02.svg insights-themes-2026-01-to-2026-02.csv"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("files = %s\nwant %s", got, want)
	}
	if !strings.HasPrefix(string(files[1].Data), "month,SEV1,SEV2,SEV3,SEV4,total\n2026-01,1,2,0,0,3\n") {
		t.Errorf("severity CSV = %q", files[1].Data)
	}
	// Figures for some services only are named so.
	files, err = Files(in, []string{"Checkout API", "payments"}, []string{"detect"}, []string{"csv"})
	if err != nil || len(files) != 1 || files[0].Name != "insights-detect-checkout-api-payments-2026-01-to-2026-02.csv" {
		t.Errorf("with services: %+v, %v", files, err)
	}
	for _, c := range []struct {
		charts, formats []string
		field, says     string
	}{
		{nil, []string{"svg"}, "charts", "at least one"},
		{[]string{"pie"}, []string{"svg"}, "charts", `unknown chart "pie"`},
		{[]string{"detect"}, nil, "formats", "SVG, CSV"},
		{[]string{"detect"}, []string{"png"}, "formats", `unknown format "png"`},
	} {
		_, err := Files(in, nil, c.charts, c.formats)
		if f := fieldsOf(err); !strings.Contains(f[c.field], c.says) {
			t.Errorf("Files(%v, %v): fields %v, want %s to say %q", c.charts, c.formats, f, c.field, c.says)
		}
	}
}

// fieldsOf is the per-field messages of an EINVALID error; nil otherwise.
func fieldsOf(err error) map[string]string {
	var de *domain.Error
	if errors.As(err, &de) && de.Code == domain.EINVALID {
		return de.Fields
	}
	return nil
}
