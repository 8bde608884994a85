package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// sectionDocs are documents whose sections must render exactly as the
// whole does.
var sectionDocs = []string{
	"",
	"no heading at all\n",
	"# One\n\ntext\n\n## Two\n\n- a\n- b\n## Three\n| a | b |\n| - | - |\n| 1 | 2 |\n",
	"intro\n## After a paragraph\n",
	"```md\n## not a heading\n```\n## a heading\n",
	"~~~~\n## not\n~~~\n## still not\n~~~~\n#not a heading\n####### nor this\n## yes\n",
	"    ## indented code\n## heading\n",
	"- item\n  ## heading in a list item\n## top\n",
	"> quote\n## after quote\n",
	"see [the doc][d]\n\n## later\n\n[d]: https://example.com/doc\n",
	"<script>alert(1)</script>\n## x\n<img src=x onerror=alert(1)>\n",
	"# a\r\n\r\ntext\r\n## b\r\n",
}

func TestSectionsRenderAsTheWhole(t *testing.T) {
	s := NewSections()
	for _, doc := range sectionDocs {
		for round := 0; round < 2; round++ { // cold, then from the cache
			if got, want := s.ToHTML(doc), ToHTML(doc); got != want {
				t.Errorf("round %d of %q:\ngot  %q\nwant %q", round, doc, got, want)
			}
		}
	}
	if parts, _ := splitSections(sectionDocs[2]); strings.Join(parts, "") != sectionDocs[2] {
		t.Errorf("splitSections lost text: %q", parts)
	}
	if parts, _ := splitSections(sectionDocs[5]); len(parts) != 2 {
		t.Errorf("fences: got %d sections, want 2", len(parts))
	}
}

func TestSectionsKeepOnlyTheLatestDocument(t *testing.T) {
	s := NewSections()
	s.ToHTML("# a\n## b\n## c\n")
	s.ToHTML("# d\n")
	if len(s.last) != 1 {
		t.Errorf("cache holds %d sections after a one-section document, want 1", len(s.last))
	}
}

func bigDoc() string {
	var b strings.Builder
	for k := 0; b.Len() < 200<<10; k++ {
		fmt.Fprintf(&b, "## Finding %d\n\nThe pool was set to %d by the push; requests queued and timed out.\n\n- a\n- b\n\n| x | y |\n| --- | --- |\n| 1 | %d |\n\n```sh\nkubectl rollout undo\n```\n\n", k, k, k)
	}
	return b.String()
}

func BenchmarkToHTML200KB(b *testing.B) {
	doc := bigDoc()
	for i := 0; i < b.N; i++ {
		ToHTML(doc)
	}
}

// BenchmarkSectionsKeystroke200KB is a preview after one character typed
// in a 200 KB document.
func BenchmarkSectionsKeystroke200KB(b *testing.B) {
	doc := bigDoc()
	s := NewSections()
	s.ToHTML(doc)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := len(doc) / 2
		doc = doc[:k] + "x" + doc[k:]
		s.ToHTML(doc)
	}
}

func TestSectionsRenderWholeWhenABlockCanSpanAHeading(t *testing.T) {
	for _, doc := range []string{
		"see [x][d]\n## h\n[d]: https://example.com\n",
		"- item\n  ```\n## inside?\n```\n## after\n",
		"<!--\n## hidden\n-->\n## shown\n",
		"<pre>\n## in pre\n</pre>\n## out\n",
		"<!-- hindsight:begin timeline -->\n## h\n",
	} {
		if _, ok := splitSections(doc); ok {
			t.Errorf("%q: want it rendered whole", doc)
		}
		if got, want := NewSections().ToHTML(doc), ToHTML(doc); got != want {
			t.Errorf("%q:\ngot  %q\nwant %q", doc, got, want)
		}
	}
	if _, ok := splitSections(sectionDocs[2]); !ok {
		t.Error("a plain document is rendered whole")
	}
}

func FuzzSections(f *testing.F) {
	for _, d := range sectionDocs {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		if got, want := NewSections().ToHTML(doc), ToHTML(doc); got != want {
			t.Errorf("%q:\ngot  %q\nwant %q", doc, got, want)
		}
	})
}
