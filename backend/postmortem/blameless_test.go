package postmortem

import (
	"reflect"
	"testing"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func TestHints(t *testing.T) {
	people := []string{"Ana Lima", "Žofia Novák"}
	tests := []struct {
		name   string
		text   string
		phrase string // "" for no hint
		line   int
		col    int
	}{
		{"a listed phrase is found in any case", "It was Human Error.", "Human Error", 1, 8},
		{"a phrase may span several spaces", "We should   have paged.", "should   have", 1, 4},
		{"either apostrophe matches", "They didn’t bother to check.", "didn’t bother", 1, 6},
		{"fault is found as a word", "Whose fault was it?", "fault", 1, 7},
		{"default is not fault", "The default pool size is 10.", "", 0, 0},
		{"faulty is not fault", "A faulty disk.", "", 0, 0},
		{"blameless is not blame", "This is a blameless review.", "", 0, 0},
		{"a phrase in inline code is skipped", "Grep for `human error` in logs.", "", 0, 0},
		{"a phrase in a fenced block is skipped", "```text\nhuman error\n```", "", 0, 0},
		{"the column counts runes", "Ünïcödé: careless", "careless", 1, 10},
		{"a phrase on a later line has that line", "ok\n\nso careless", "careless", 3, 4},
		{"a person followed by a failure verb is found", "Yesterday Ana Lima forgot the flag.", "Ana Lima forgot", 1, 11},
		{"a first name is enough", "Ana quickly broke it.", "Ana quickly broke", 1, 1},
		{"up to three words may come between", "Ana, at noon sharp, missed it", "Ana, at noon sharp, missed", 1, 1},
		{"did not counts as a failure verb", "Žofia did not page anyone.", "Žofia did not", 1, 1},
		{"a name in a sentence without failure is fine", "Ana Lima rolled back the push and it recovered.", "", 0, 0},
		{"a failure verb in the next sentence does not count", "Ana paged. The alert failed.", "", 0, 0},
		{"more than three words between do not count", "Ana looked at the dashboard and missed nothing", "", 0, 0},
		{"a name inside another word is not the person", "Banana forgot", "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Hints(tt.text, DefaultPhrases, people)
			if tt.phrase == "" {
				if len(got) > 0 {
					t.Errorf("got %+v, want no hint", got)
				}
				return
			}
			if len(got) != 1 || got[0].Phrase != tt.phrase || got[0].Line != tt.line || got[0].Col != tt.col || got[0].Suggestion == "" {
				t.Fatalf("got %+v, want one hint %q at %d:%d", got, tt.phrase, tt.line, tt.col)
			}
			if n := len([]rune(tt.phrase)); got[0].Len != n {
				t.Errorf("got length %d, want %d", got[0].Len, n)
			}
		})
	}
}

func TestHintsOrderAndOverlap(t *testing.T) {
	got := Hints("Ana failed to page.\nIt was human error.", DefaultPhrases, []string{"Ana"})
	want := []struct{ line, col int }{{1, 1}, {1, 5}, {2, 8}}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %d hints", got, len(want))
	}
	for k, w := range want {
		if got[k].Line != w.line || got[k].Col != w.col {
			t.Errorf("hint %d: got %d:%d, want %d:%d", k, got[k].Line, got[k].Col, w.line, w.col)
		}
	}
}

func TestParsePhrases(t *testing.T) {
	got, err := ParsePhrases("# our list\n\nhuman error => describe the conditions\n  Root   cause=>\nHUMAN ERROR => again\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != (Phrase{"human error", "describe the conditions"}) || got[1].Text != "Root cause" || got[1].Suggestion == "" {
		t.Errorf("got %+v", got)
	}
	if _, err := ParsePhrases("ok => fine\n => no phrase"); domain.ErrorCode(err) != domain.EINVALID || err.Error() != "line 2 has no phrase before \"=>\"; write \"phrase => suggestion\"" {
		t.Errorf("got %v, want EINVALID naming line 2", err)
	}
	if h := Hints("a root  cause", got, nil); len(h) != 1 {
		t.Errorf("a parsed phrase: got %+v, want one hint", h)
	}
}

func TestHintCacheFindsWhatHintsFinds(t *testing.T) {
	c := NewHintCache()
	people := []string{"Ana Lima"}
	texts := []string{
		"Ana forgot the canary.\n\nIt was human error.\n",
		"Ana forgot the canary.\n\nIt was human error, twice: human error.\n```\nhuman error in code\n```\n",
		"It was human error.\n\nAna forgot the canary.\n",
		"",
	}
	for _, text := range texts {
		got, want := c.Hints(text, DefaultPhrases, people), Hints(text, DefaultPhrases, people)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\ncache %+v\nwant  %+v", text, got, want)
		}
	}
	// Other phrases or people are not answered from the old ones.
	mine := []Phrase{{Text: "canary", Suggestion: "x"}}
	if got := c.Hints(texts[0], mine, nil); len(got) != 1 || got[0].Phrase != "canary" {
		t.Errorf("after the phrase list changed: %+v", got)
	}
}
