package svgtext

import "testing"

func TestEscapeMakesLabelsInertText(t *testing.T) {
	for in, want := range map[string]string{
		`<script>alert("x")</script>`: `&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;`,
		"a\x00b\x1fc\uFFFEd":          "abcd",
		"tab\tand & amp":              "tab\tand &amp; amp",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
	var b Builder
	b.F(`<text>%s</text>`, Escape("p99 > 2s"))
	if got := b.String(); got != `<text>p99 &gt; 2s</text>` {
		t.Errorf("Builder = %q", got)
	}
}
