package mdtable

import (
	"strings"
	"testing"
)

func TestWriteEscapesEveryCell(t *testing.T) {
	var b strings.Builder
	err := Write(&b, []Column{{Header: "Ref"}, {Header: "Days", Align: Right}, {Header: "What | why", Align: Center}},
		[][]string{
			{"ACT-1", "3", "a | b\nsecond line"},
			{"ACT-2"}, // short rows are padded
			{"ACT-3", "1", `back\slash`, "extra cell dropped"},
		})
	if err != nil {
		t.Fatal(err)
	}
	want := "| Ref | Days | What \\| why |\n" +
		"| --- | ---: | :---: |\n" +
		"| ACT-1 | 3 | a \\| b<br>second line |\n" +
		"| ACT-2 | | |\n" +
		"| ACT-3 | 1 | back\\\\slash |\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"plain":          "plain",
		"a|b":            `a\|b`,
		"line\r\nbreak":  "line<br>break",
		"old\rmac":       "old<br>mac",
		"  padded \n":    "padded",
		`already \| esc`: `already \\\| esc`,
	} {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}
