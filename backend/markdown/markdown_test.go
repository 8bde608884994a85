package markdown

import (
	"strings"
	"testing"
)

func TestToHTML(t *testing.T) {
	tests := []struct {
		name, in    string
		want, never []string
	}{
		{name: "headings and emphasis render", in: "# Impact\n\n**all** checkouts failed", want: []string{"<h1", "Impact</h1>", "<strong>all</strong>"}},
		{name: "tables from GFM render", in: "| a | b |\n|---|---|\n| 1 | 2 |", want: []string{"<table>", "<td>1</td>"}},
		{name: "raw script tags are dropped", in: "hi <script>alert(1)</script>", never: []string{"<script", "alert(1)</script>"}},
		{name: "event handlers are dropped", in: `<img src=x onerror="alert(1)">`, never: []string{"onerror"}},
		{name: "javascript links are neutralised", in: "[x](javascript:alert(1))", never: []string{"javascript:"}},
		{name: "links carry noreferrer", in: "[docs](https://example.com)", want: []string{`href="https://example.com"`, "noreferrer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ToHTML(tt.in)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("ToHTML(%q) = %q; want it to contain %q", tt.in, got, w)
				}
			}
			for _, n := range tt.never {
				if strings.Contains(got, n) {
					t.Errorf("ToHTML(%q) = %q; must not contain %q", tt.in, got, n)
				}
			}
		})
	}
}
