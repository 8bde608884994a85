package store

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/hindsight-app/hindsight/backend/domain"
)

var _ domain.SimilarService = (*Store)(nil)

// Similar incidents: four signals, each a part in [0, 1] with a reason a
// person reads, combined with these weights. A signal this incident has
// nothing for (no services, no cause statements, no words, no tags) is
// left out and the others share its weight, so an incident without a
// root-cause analysis is still matched by its words.
const (
	similarWeightServices = 0.30
	similarWeightCauses   = 0.35
	similarWeightWords    = 0.25
	similarWeightTags     = 0.10
	// similarMinScore keeps out incidents alike in one small way only
	// (one of many services, a word or two).
	similarMinScore = 0.10
	// similarTitleBoost: a word of the title counts this many times one
	// of the summary's; the title is what the incident was about.
	similarTitleBoost = 2
	// similarMaxTerms bounds the words taken from a long summary or many
	// statements: the title's and the first ones.
	similarMaxTerms = 32
	// similarPool is how many best-matching documents a word signal
	// reads; enough that the answer's few are among them.
	similarPool = 300
	// similarCommonDocs: a word in more documents than this is left out
	// of the queries (see queryTerms).
	similarCommonDocs = 2000
	// similarReasonWords is how many shared words a reason names.
	similarReasonWords = 5
	// similarQuoteLen bounds a statement quoted in a reason, in characters.
	similarQuoteLen = 60
)

// similarStopwords are words too common to say two incidents are alike.
// Words of one or two letters are dropped anyway.
var similarStopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the and for are but not you all any can had her was one our out has have
		him his how its may new now old see two who did get got let put say she too use via this that these those
		with from into onto over under than then them they their there what when where which while who whom why
		will would should could been being were also just only very more most some such each other about after
		before again still against between during because until upon off own same both few nor yet ever every here
		incident incidents issue issues problem problems cause caused causes due`) {
		similarStopwords[w] = true
	}
}

// similarSuffixes are stripped (longest first) to match a word's other
// forms: "exhausted" and "exhaustion" both look for "exhaust…". The index
// has no stemmer; the stem becomes a prefix query.
var similarSuffixes = []string{"ations", "ation", "ings", "ions", "ing", "ion", "ed", "es", "ly", "s"}

// similarTerm is one word of this incident as the queries use it.
type similarTerm struct {
	word   string // as first written, lower-cased: what a reason shows
	stem   string // what is looked for
	prefix bool   // stem matches as the start of a word
	boost  float64
}

// similarStem lower-cases a word and cuts a common suffix, keeping at
// least four letters; a stem of four letters or more matches as a prefix.
func similarStem(w string) similarTerm {
	w = strings.ToLower(w)
	t := similarTerm{word: w, stem: w, boost: 1}
	n := utf8.RuneCountInString(w)
	for _, suf := range similarSuffixes {
		if strings.HasSuffix(w, suf) && n-len(suf) >= 4 && len(suf) < len(w) {
			t.stem = strings.TrimSuffix(w, suf)
			break
		}
	}
	t.prefix = utf8.RuneCountInString(t.stem) >= 4
	return t
}

// matches says whether a lower-cased word of another incident is this term.
func (t similarTerm) matches(w string) bool {
	if t.prefix {
		return strings.HasPrefix(w, t.stem)
	}
	return w == t.stem
}

// similarWords splits text into lower-cased words as unicode61 does.
func similarWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !isWordRune(r) })
}

// similarTerms takes the distinct words worth matching from texts, in
// order, at most similarMaxTerms: no stopwords, nothing under three
// letters.
func similarTerms(texts ...string) []similarTerm {
	var out []similarTerm
	seen := map[string]bool{}
	for _, text := range texts {
		for _, w := range similarWords(text) {
			if utf8.RuneCountInString(w) < 3 || similarStopwords[w] {
				continue
			}
			t := similarStem(w)
			if seen[t.stem] {
				continue
			}
			seen[t.stem] = true
			out = append(out, t)
			if len(out) == similarMaxTerms {
				return out
			}
		}
	}
	return out
}

// similarMatch is the FTS5 query for any of the terms in documents of one
// kind, in the given column (or all when column is ""). Words are only
// letters and digits, so quoting them is all the escaping needed.
func similarMatch(terms []similarTerm, column, kind string) string {
	parts := make([]string, len(terms))
	for k, t := range terms {
		parts[k] = `"` + t.stem + `"`
		if t.prefix {
			parts[k] += "*"
		}
	}
	m := "(" + strings.Join(parts, " OR ") + ")"
	if column != "" {
		m = column + " : " + m
	}
	return m + ` AND "` + kindKeyPrefix + kind + `"`
}

// similarIDF weighs each term by its rarity in the whole index,
// ln(1 + N/df): N documents (the highest id stands in for the count,
// which would cost a scan), df those holding the word, or for a prefix
// the sum over the words it starts. Read from an fts5vocab table over
// search_fts, made in the connection's temp schema (nothing stored);
// bm25's own weights are not used because they fall to nothing in a
// small database, where every word is in half the documents.
func similarIDF(db *gorm.DB, terms []similarTerm) (idf, df map[string]float64, err error) {
	w := make(map[string]float64, len(terms))
	counts := make(map[string]float64, len(terms))
	if len(terms) == 0 {
		return w, counts, nil
	}
	err = db.Connection(func(c *gorm.DB) error {
		if err := c.Exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.similar_vocab USING fts5vocab(main, search_fts, 'row')`).Error; err != nil {
			return err
		}
		var n float64
		if err := c.Raw(`SELECT coalesce(max(id), 0) FROM search_docs`).Row().Scan(&n); err != nil {
			return err
		}
		for _, t := range terms {
			if _, ok := w[t.stem]; ok {
				continue
			}
			var df float64
			var err error
			if t.prefix {
				err = c.Raw(`SELECT coalesce(sum(doc), 0) FROM temp.similar_vocab WHERE term >= ? AND term < ?`,
					t.stem, t.stem+"\U0010FFFF").Row().Scan(&df)
			} else {
				err = c.Raw(`SELECT coalesce(sum(doc), 0) FROM temp.similar_vocab WHERE term = ?`, t.stem).Row().Scan(&df)
			}
			if err != nil {
				return err
			}
			w[t.stem] = math.Log(1 + max(n, 1)/max(df, 1))
			counts[t.stem] = df
		}
		return nil
	})
	return w, counts, wrap(err, "weigh words")
}

// queryTerms are the terms a signal's query looks for: those in at most
// similarCommonDocs documents. A word in tens of thousands of timeline
// events makes the query read all their entries, and says little: it
// still counts in the part (similarCoverage), for the documents the rare
// words find. When every word is that common, the rarest alone.
func queryTerms(terms []similarTerm, df map[string]float64) []similarTerm {
	var out []similarTerm
	rarest := terms[0]
	for _, t := range terms {
		if df[t.stem] <= similarCommonDocs {
			out = append(out, t)
		}
		if df[t.stem] < df[rarest.stem] {
			rarest = t
		}
	}
	if len(out) == 0 {
		out = []similarTerm{rarest}
	}
	return out
}

// similarText is another document's text split once: its words and its
// terms.
type similarText struct {
	words []string
	terms []similarTerm
}

func splitSimilar(text string) similarText {
	return similarText{words: similarWords(text), terms: similarTerms(text)}
}

// similarCoverage is how alike text is to the terms: a cosine over
// words present, each weighed by its rarity (and the title's boost),
// found / sqrt(mine × theirs). The other text's words that none of the
// terms match count at the terms' mean weight (looking up each would
// cost a query): so a short text saying what this one says comes close
// to 1, and a long one mentioning a word of it in passing stays low.
// It also returns the words found, rarest first, at most
// similarReasonWords.
func similarCoverage(terms []similarTerm, idf map[string]float64, text similarText) (float64, []string) {
	words := text.words
	var all, found, mean float64
	var hit []similarTerm
	for _, t := range terms {
		all += t.boost * idf[t.stem]
		mean += idf[t.stem]
		for _, w := range words {
			if t.matches(w) {
				found += t.boost * idf[t.stem]
				hit = append(hit, t)
				break
			}
		}
	}
	if all == 0 || len(hit) == 0 {
		return 0, nil
	}
	mean /= float64(len(terms))
	theirs := found
	for _, o := range text.terms {
		matched := false
		for _, t := range terms {
			if t.matches(o.word) {
				matched = true
				break
			}
		}
		if !matched {
			theirs += mean
		}
	}
	sort.SliceStable(hit, func(a, b int) bool { return idf[hit[a].stem] > idf[hit[b].stem] })
	if len(hit) > similarReasonWords {
		hit = hit[:similarReasonWords]
	}
	out := make([]string, len(hit))
	for k, t := range hit {
		out[k] = t.word
	}
	return min(1, found/math.Sqrt(all*theirs)), out
}

// similarCand is another incident and what each signal gave it.
type similarCand struct {
	seq     int64
	started int64
	parts   [4]float64 // services, causes, words, tags: each in [0, 1]
	score   float64
	// The other's cause statement that matched best, its kind, and this
	// incident's statement it is most alike.
	statement, causeKind, mine string
	// The words in common, rarest first, at most similarReasonWords.
	words []string
}

const (
	partServices = iota
	partCauses
	partWords
	partTags
)

var similarWeights = [4]float64{similarWeightServices, similarWeightCauses, similarWeightWords, similarWeightTags}

type similarLabel struct {
	ID, Name string
}

// SimilarIncidents implements domain.SimilarService.
//
// Services and tags count by Jaccard similarity (shared over all names
// of either). Cause statements and words go through the search index,
// which only finds the candidates: this incident's statements (not its
// problem statement) as any of their words against other incidents'
// statements; its title, summary and customer impact against other
// incidents' same text; the best similarPool of each by bm25. Their part
// is computed here (similarCoverage): how much of what this incident says
// they say too, every word weighed by its rarity in the whole index.
func (s *Store) SimilarIncidents(ctx context.Context, idOrRef string, limit int) ([]domain.SimilarIncident, error) {
	limit, err := domain.CheckSimilarLimit(limit)
	if err != nil {
		return nil, err
	}
	db := s.db.WithContext(ctx)
	me, err := findRow(db, idOrRef, false)
	if err != nil {
		return nil, err
	}
	cands := map[int64]*similarCand{}
	cand := func(seq, started int64) *similarCand {
		c := cands[seq]
		if c == nil {
			c = &similarCand{seq: seq, started: started}
			cands[seq] = c
		}
		return c
	}
	var have [4]bool

	// Services and tags.
	labels := [2][]similarLabel{}
	for k, l := range []struct{ join, table, col string }{
		{"incident_services", "services", "service_id"}, {"incident_tags", "tags", "tag_id"},
	} {
		if err := db.Raw(fmt.Sprintf(`SELECT t.id, t.name FROM %s j JOIN %s t ON t.id = j.%s
			WHERE j.incident_seq = ? ORDER BY j.position`, l.join, l.table, l.col), me.Seq).Scan(&labels[k]).Error; err != nil {
			return nil, wrap(err, "read %s", l.table)
		}
		mine := labels[k]
		if len(mine) == 0 {
			continue
		}
		part := []int{partServices, partTags}[k]
		have[part] = true
		ids := make([]string, len(mine))
		for n, m := range mine {
			ids[n] = m.ID
		}
		var rows []struct {
			Seq, Started  int64
			Shared, Total int
		}
		q := fmt.Sprintf(`SELECT j.incident_seq AS seq, i.started_at AS started, count(*) AS shared,
			(SELECT count(*) FROM %[1]s k WHERE k.incident_seq = j.incident_seq) AS total
			FROM %[1]s j JOIN incidents i ON i.seq = j.incident_seq
			WHERE j.%[2]s IN ? AND j.incident_seq != ? AND i.deleted_at IS NULL
			GROUP BY j.incident_seq`, l.join, l.col)
		if err := db.Raw(q, ids, me.Seq).Scan(&rows).Error; err != nil {
			return nil, wrap(err, "match %s", l.table)
		}
		for _, r := range rows {
			cand(r.Seq, r.Started).parts[part] = float64(r.Shared) / float64(len(mine)+r.Total-r.Shared)
		}
	}

	// Cause statements and words: the index finds the documents with any
	// of this incident's words (best first by bm25, similarPool of them);
	// the part is how much of what this incident says each one covers,
	// every word weighed by its rarity (similarIDF).
	var myCauses []struct{ Statement string }
	if err := db.Raw(`SELECT statement FROM cause_nodes WHERE incident_seq = ? AND kind != 'problem'
		ORDER BY kind = 'root' DESC, created_at`, me.Seq).Scan(&myCauses).Error; err != nil {
		return nil, wrap(err, "read causes")
	}
	statementTerms := make([][]similarTerm, len(myCauses))
	causeTexts := make([]string, len(myCauses))
	for k, c := range myCauses {
		causeTexts[k] = c.Statement
		statementTerms[k] = similarTerms(c.Statement)
	}
	causeTerms := similarTerms(causeTexts...)
	textTerms := similarTerms(me.Title, me.Summary, me.CustomerImpact)
	for k, n := 0, len(similarTerms(me.Title)); k < n && k < len(textTerms); k++ {
		textTerms[k].boost = similarTitleBoost
	}
	idf, df, err := similarIDF(db, append(append([]similarTerm(nil), causeTerms...), textTerms...))
	if err != nil {
		return nil, err
	}
	if len(causeTerms) > 0 {
		have[partCauses] = true
		var rows []struct {
			Seq, Started    int64
			Statement, Kind string
		}
		// The statement is the title column; notes are left out, they
		// wander. Problem statements say what happened, not why.
		err := db.Raw(`SELECT d.incident_seq AS seq, i.started_at AS started, c.statement, c.kind
			FROM (SELECT rowid AS id, bm25(search_fts, 1, 0, 0) AS score FROM search_fts
				WHERE search_fts MATCH ? ORDER BY score LIMIT ?) m
			JOIN search_docs d ON d.id = m.id
			JOIN incidents i ON i.seq = d.incident_seq
			JOIN cause_nodes c ON c.id = d.entity_id
			WHERE d.incident_seq != ? AND i.deleted_at IS NULL AND c.kind != 'problem'`,
			similarMatch(queryTerms(causeTerms, df), "title", domain.SearchCause), similarPool, me.Seq).Scan(&rows).Error
		if err != nil {
			return nil, searchError(err)
		}
		for _, r := range rows {
			c := cand(r.Seq, r.Started)
			text := splitSimilar(r.Statement)
			for k, terms := range statementTerms {
				if p, _ := similarCoverage(terms, idf, text); p > c.parts[partCauses] {
					c.parts[partCauses], c.statement, c.causeKind, c.mine = p, r.Statement, r.Kind, myCauses[k].Statement
				}
			}
		}
	}
	if len(textTerms) > 0 {
		have[partWords] = true
		var rows []struct {
			Seq, Started int64
			Title, Body  string
		}
		rank := fmt.Sprintf("bm25(search_fts, %g, %g, 0)", searchWeightTitle, searchWeightBody)
		err := db.Raw(`SELECT d.incident_seq AS seq, i.started_at AS started, d.title, d.body
			FROM (SELECT rowid AS id, `+rank+` AS score FROM search_fts
				WHERE search_fts MATCH ? ORDER BY score LIMIT ?) m
			JOIN search_docs d ON d.id = m.id
			JOIN incidents i ON i.seq = d.incident_seq
			WHERE d.incident_seq != ? AND i.deleted_at IS NULL`,
			similarMatch(queryTerms(textTerms, df), "", domain.SearchIncident), similarPool, me.Seq).Scan(&rows).Error
		if err != nil {
			return nil, searchError(err)
		}
		for _, r := range rows {
			c := cand(r.Seq, r.Started)
			c.parts[partWords], c.words = similarCoverage(textTerms, idf, splitSimilar(r.Title+"\n"+r.Body))
		}
	}

	// Combine, over the signals this incident has.
	var total float64
	for k, h := range have {
		if h {
			total += similarWeights[k]
		}
	}
	ranked := make([]*similarCand, 0, len(cands))
	for _, c := range cands {
		for k, p := range c.parts {
			c.score += similarWeights[k] * p
		}
		c.score /= total
		if c.score >= similarMinScore {
			ranked = append(ranked, c)
		}
	}
	sort.Slice(ranked, func(a, b int) bool {
		if ranked[a].score != ranked[b].score {
			return ranked[a].score > ranked[b].score
		}
		if ranked[a].started != ranked[b].started {
			return ranked[a].started > ranked[b].started
		}
		return ranked[a].seq > ranked[b].seq
	})
	if len(ranked) > limit {
		ranked = ranked[:limit]
	}
	if len(ranked) == 0 {
		return []domain.SimilarIncident{}, nil
	}
	return similarResults(db, ranked, total, labels)
}

// similarResults reads what the answer shows of the chosen incidents and
// words each one's reasons.
func similarResults(db *gorm.DB, ranked []*similarCand, total float64, labels [2][]similarLabel) ([]domain.SimilarIncident, error) {
	seqs := make([]int64, len(ranked))
	for k, c := range ranked {
		seqs[k] = c.seq
	}
	rows, err := queryRows(db, "SELECT "+incidentColumns+incidentFrom+" WHERE i.seq IN ?", seqs)
	if err != nil {
		return nil, wrap(err, "read similar incidents")
	}
	bySeq := make(map[int64]*incidentRow, len(rows))
	for k := range rows {
		bySeq[rows[k].Seq] = &rows[k]
	}
	// Their services and tags, by id, to name the shared ones in this
	// incident's order.
	theirs := [2]map[int64]map[string]bool{{}, {}}
	for k, l := range []struct{ join, col string }{{"incident_services", "service_id"}, {"incident_tags", "tag_id"}} {
		if len(labels[k]) == 0 {
			continue
		}
		var pairs []struct {
			Seq int64
			ID  string
		}
		if err := db.Raw(fmt.Sprintf("SELECT incident_seq AS seq, %s AS id FROM %s WHERE incident_seq IN ?", l.col, l.join), seqs).Scan(&pairs).Error; err != nil {
			return nil, wrap(err, "read labels")
		}
		for _, p := range pairs {
			if theirs[k][p.Seq] == nil {
				theirs[k][p.Seq] = map[string]bool{}
			}
			theirs[k][p.Seq][p.ID] = true
		}
	}
	out := make([]domain.SimilarIncident, 0, len(ranked))
	for _, c := range ranked {
		r := bySeq[c.seq]
		if r == nil {
			continue
		}
		si := domain.SimilarIncident{
			ID: r.ID, Ref: domain.IncidentRef(r.Number), Title: r.Title,
			Severity: domain.Severity(r.Severity), Status: domain.Status(r.Status),
			StartedAt: *fromMs(&r.StartedAt), Score: c.score, Reasons: []domain.SimilarReason{},
		}
		part := func(k int) float64 { return similarWeights[k] * c.parts[k] / total }
		for k, kind := range []string{domain.SimilarServices, domain.SimilarTags} {
			p := []int{partServices, partTags}[k]
			if c.parts[p] == 0 {
				continue
			}
			var shared []string
			for _, l := range labels[k] {
				if theirs[k][c.seq][l.ID] {
					shared = append(shared, l.Name)
				}
			}
			what := []string{"service", "tag"}[k]
			if len(shared) > 1 {
				what += "s"
			}
			si.Reasons = append(si.Reasons, domain.SimilarReason{Kind: kind, Items: shared, Score: part(p),
				Text: fmt.Sprintf("Same %s: %s", what, strings.Join(shared, ", "))})
		}
		if c.parts[partCauses] > 0 {
			mine := c.mine
			label := "Cause alike"
			if c.causeKind == string(domain.CauseRoot) {
				label = "Root cause alike"
			}
			si.Reasons = append(si.Reasons, domain.SimilarReason{Kind: domain.SimilarCauses,
				Items: []string{mine, c.statement}, Score: part(partCauses),
				Text: fmt.Sprintf("%s: “%s” ~ “%s”", label, quoteShort(mine), quoteShort(c.statement))})
		}
		if c.parts[partWords] > 0 {
			if words := c.words; len(words) > 0 {
				si.Reasons = append(si.Reasons, domain.SimilarReason{Kind: domain.SimilarWords, Items: words, Score: part(partWords),
					Text: "Words in common: " + strings.Join(words, ", ")})
			}
		}
		sort.SliceStable(si.Reasons, func(a, b int) bool { return si.Reasons[a].Score > si.Reasons[b].Score })
		out = append(out, si)
	}
	return out, nil
}

// quoteShort is a statement on one line, cut to similarQuoteLen.
func quoteShort(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= similarQuoteLen {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:similarQuoteLen-1])) + "…"
}
