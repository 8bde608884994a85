package postmortem

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// Phrase is wording that tends to blame a person, with what to write
// instead.
type Phrase struct {
	Text       string `json:"text"`
	Suggestion string `json:"suggestion"`
}

// Hint points at blaming wording in a document. Line is 1-based; Col is the
// 1-based column in runes and Len the length in runes, so an editor can
// underline the text.
type Hint struct {
	Line       int    `json:"line"`
	Col        int    `json:"col"`
	Len        int    `json:"len"`
	Phrase     string `json:"phrase"`
	Suggestion string `json:"suggestion"`
}

// DefaultPhrases is the list used until someone configures their own.
var DefaultPhrases = []Phrase{
	{"human error", "describe the conditions that made the mistake easy"},
	{"should have", "describe what the person knew at the time, and what would have made the other choice obvious"},
	{"failed to", "describe what the system or process did not provide"},
	{"careless", "describe what made the step easy to get wrong"},
	{"fault", "describe the contributing conditions; incidents have many causes"},
	{"blame", "focus on the system and the process, not on who"},
	{"negligence", "describe the gap in tooling, training or process"},
	{"didn't bother", "describe what made the step seem unnecessary at the time"},
	{"forgot to", "describe what would have reminded anyone, e.g. a checklist or an automated check"},
	{"obviously", "what is obvious afterwards was not at the time; describe what was known then"},
}

// personSuggestion is the hint for a person named as the subject of a
// failure.
const personSuggestion = "describe what the system or process allowed, not who did it"

// failureVerbs follow a name within a sentence to make a person the subject
// of a failure.
const failureVerbs = `failed|forgot|broke|missed|didn['’]t|did\s+not|neglected|caused`

// Hints finds blaming wording in text: each phrase as whole words, in any
// case (so "fault" does not match "default" or "faulty"), and a person from
// people followed within three words of the same sentence by a failure verb
// ("Ana quickly forgot…"). A person is matched by full name and, for names
// of several words, by first name. Code blocks and inline code are skipped.
// Hints are ordered by position.
func Hints(text string, phrases []Phrase, people []string) []Hint {
	return newHinter(phrases, people).hints(text, nil)
}

// HintCache finds hints as Hints does and keeps each line's between calls,
// so an editor asking after every keystroke only searches the line that
// changed. It keeps only the lines of the latest text. Safe for concurrent
// use.
type HintCache struct {
	mu    sync.Mutex
	key   string
	h     *hinter
	lines map[string][]Hint // by line text; Line fields are 0
}

// NewHintCache returns an empty cache.
func NewHintCache() *HintCache { return &HintCache{} }

// Hints returns Hints(text, phrases, people).
func (c *HintCache) Hints(text string, phrases []Phrase, people []string) []Hint {
	var key strings.Builder
	for _, p := range phrases {
		key.WriteString(p.Text + "\x00" + p.Suggestion + "\x00")
	}
	key.WriteString("\x01" + strings.Join(people, "\x00"))
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.h == nil || key.String() != c.key {
		c.key, c.h, c.lines = key.String(), newHinter(phrases, people), nil
	}
	fresh := make(map[string][]Hint, len(c.lines))
	out := c.h.hints(text, func(l line) []Hint {
		hs, ok := fresh[l.text]
		if !ok {
			if hs, ok = c.lines[l.text]; !ok {
				hs = c.h.line(l)
			}
			fresh[l.text] = hs
		}
		return hs
	})
	c.lines = fresh
	return out
}

// hintRule is one thing to look for. Its needles are words that must be in
// a line (lower-cased) for its regular expression to be worth running: most
// lines hold none, and the expressions, which backtrack, are the slow part.
type hintRule struct {
	re         *regexp.Regexp
	suggestion string
	needles    [][]string // every group must have one of its words
}

type hinter struct{ rules []hintRule }

func newHinter(phrases []Phrase, people []string) *hinter {
	h := &hinter{}
	for _, p := range phrases {
		if re := phraseRE(p.Text); re != nil {
			h.rules = append(h.rules, hintRule{re, p.Suggestion, [][]string{{phraseNeedle(p.Text)}}})
		}
	}
	if names := personNames(people); len(names) > 0 {
		// Go's \b knows only ASCII letters, so a name is preceded by the
		// start of the line or by anything but a letter or digit.
		re := regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}_])((?:` + strings.Join(names, "|") + `)(?:[\s,]+[\p{L}\p{N}'’-]+){0,3}?[\s,]+(?:` + failureVerbs + `)\b)`)
		h.rules = append(h.rules, hintRule{re, personSuggestion, [][]string{personNeedles(people), failureNeedles}})
	}
	return h
}

// hints finds the hints of every line outside code blocks; lineHints, when
// not nil, answers for a line instead of h.line (a cache).
func (h *hinter) hints(text string, lineHints func(line) []Hint) []Hint {
	if lineHints == nil {
		lineHints = h.line
	}
	var out []Hint
	for _, l := range scanLines(text) {
		if l.fence {
			continue
		}
		for _, hint := range lineHints(l) {
			hint.Line = l.n
			out = append(out, hint)
		}
	}
	return out
}

// line finds the hints in one line, ordered by column; Line is left 0.
func (h *hinter) line(l line) []Hint {
	lower := strings.ToLower(l.text)
	var out []Hint
rules:
	for _, r := range h.rules {
		for _, group := range r.needles {
			found := false
			for _, w := range group {
				if strings.Contains(lower, w) {
					found = true
					break
				}
			}
			if !found {
				continue rules
			}
		}
		// Group 1 is the text to point at.
		for _, m := range r.re.FindAllStringSubmatchIndex(l.text, -1) {
			m = m[2:4]
			if l.inCode(m[0]) {
				continue
			}
			out = append(out, Hint{
				Col:        utf8.RuneCountInString(l.text[:m[0]]) + 1,
				Len:        utf8.RuneCountInString(l.text[m[0]:m[1]]),
				Phrase:     l.text[m[0]:m[1]],
				Suggestion: r.suggestion,
			})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Col < out[j].Col })
	return out
}

// failureNeedles are the failure verbs' stems, lower-case.
var failureNeedles = []string{"fail", "forgot", "broke", "missed", "didn", "did", "neglected", "caused"}

// phraseNeedle is the lower-cased start of a phrase's first word, up to an
// apostrophe (which may be written either way).
func phraseNeedle(text string) string {
	w := strings.ToLower(strings.Fields(text)[0])
	if k := strings.IndexAny(w, "'’"); k > 0 {
		w = w[:k]
	}
	return w
}

// personNeedles are the people's first names, lower-cased.
func personNeedles(people []string) []string {
	var out []string
	for _, p := range people {
		if f := strings.Fields(p); len(f) > 0 {
			out = append(out, strings.ToLower(f[0]))
		}
	}
	return out
}

// phraseRE matches a phrase as whole words, any case, with any run of
// spaces between words and either apostrophe. It returns nil for an empty
// phrase.
func phraseRE(text string) *regexp.Regexp {
	words := strings.Fields(text)
	if len(words) == 0 {
		return nil
	}
	for k, w := range words {
		w = regexp.QuoteMeta(w)
		words[k] = strings.NewReplacer("'", "['’]", "’", "['’]").Replace(w)
	}
	expr := strings.Join(words, `\s+`)
	// \b only works next to a word character; a phrase that starts or ends
	// with punctuation is matched as it is there.
	t := strings.TrimSpace(text)
	if isWordByte(t[0]) {
		expr = `\b` + expr
	}
	if isWordByte(t[len(t)-1]) {
		expr += `\b`
	}
	return regexp.MustCompile(`(?i)(` + expr + `)`)
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// personNames gives the quoted alternatives for people: each full name,
// and the first name of a name of several words, longest first so the
// full name wins.
func personNames(people []string) []string {
	seen := map[string]bool{}
	var names []string
	add := func(n string) {
		k := strings.ToLower(n)
		if utf8.RuneCountInString(n) < 2 || seen[k] {
			return
		}
		seen[k] = true
		names = append(names, n)
	}
	for _, p := range people {
		words := strings.Fields(p)
		if len(words) == 0 {
			continue
		}
		add(strings.Join(words, " "))
		if len(words) > 1 {
			add(words[0])
		}
	}
	sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	for k, n := range names {
		names[k] = strings.ReplaceAll(regexp.QuoteMeta(n), " ", `\s+`)
	}
	return names
}

// MaxPhrases bounds a configured phrase list.
const MaxPhrases = 200

// ParsePhrases reads a configured phrase list: one phrase a line, with its
// suggestion after "=>" ("human error => describe the conditions"). Blank
// lines and lines starting with # are skipped; a phrase without a
// suggestion gets a general one; repeats (in any case) are dropped. It
// returns EINVALID naming the line of the first mistake.
func ParsePhrases(s string) ([]Phrase, error) {
	var out []Phrase
	seen := map[string]bool{}
	for k, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		text, suggestion, _ := strings.Cut(l, "=>")
		text = strings.Join(strings.Fields(text), " ")
		suggestion = strings.TrimSpace(suggestion)
		switch {
		case !utf8.ValidString(l):
			return nil, domain.Errorf(domain.EINVALID, "line %d is not valid UTF-8 text", k+1)
		case text == "":
			return nil, domain.Errorf(domain.EINVALID, "line %d has no phrase before \"=>\"; write \"phrase => suggestion\"", k+1)
		case utf8.RuneCountInString(text) > 100:
			return nil, domain.Errorf(domain.EINVALID, "line %d: the phrase is longer than 100 characters", k+1)
		}
		if suggestion == "" {
			suggestion = "describe the conditions and the system, not the person"
		}
		if seen[strings.ToLower(text)] {
			continue
		}
		seen[strings.ToLower(text)] = true
		out = append(out, Phrase{Text: text, Suggestion: suggestion})
		if len(out) > MaxPhrases {
			return nil, domain.Errorf(domain.EINVALID, "the list has more than %d phrases", MaxPhrases)
		}
	}
	return out, nil
}
