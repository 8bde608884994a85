package store

import (
	"context"
	"strconv"
	"strings"
	"unicode"

	"gorm.io/gorm"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// sortColumns maps a sort key to its ORDER BY expression (ascending).
var sortColumns = map[string]string{
	"ref":      "i.number",
	"title":    "i.title COLLATE NOCASE",
	"severity": "i.severity",
	"status":   "CASE i.status WHEN 'investigating' THEN 0 WHEN 'identified' THEN 1 WHEN 'monitoring' THEN 2 WHEN 'resolved' THEN 3 WHEN 'postmortem' THEN 4 ELSE 5 END",
	"started":  "i.started_at",
	"updated":  "i.updated_at",
	// Time to resolve; unresolved incidents sort last either way.
	"ttr": "(i.resolved_at IS NULL), (i.resolved_at - i.started_at)",
}

// checkFilter normalises a filter and names the first bad value.
func checkFilter(f *domain.IncidentFilter) (orderBy string, err error) {
	fe := domain.FieldErrors{}
	srt := parseSort(fe, f.Sort, "-started", sortColumns, domain.IncidentSortKeys)
	parseEach(fe, "status", f.Statuses, domain.ParseStatus)
	parseEach(fe, "severity", f.Severities, domain.ParseSeverity)
	checkPage(fe, &f.Limit, f.Offset, domain.MaxPageSize, f.Query)
	if err := fe.Err(); err != nil {
		return "", err
	}
	return srt.orderBy("i.number"), nil
}

// listSort is a parsed sort key: its SQL expression and direction.
type listSort struct {
	col  string
	desc bool
}

// parseSort reads "key" or "-key" (descending); "" is def. An unknown key
// is named with the keys there are.
func parseSort(fe domain.FieldErrors, key, def string, cols map[string]string, keys []string) listSort {
	given := key
	if key == "" {
		key = def
	}
	var s listSort
	if strings.HasPrefix(key, "-") {
		key, s.desc = key[1:], true
	}
	col, ok := cols[key]
	if !ok {
		fe.Add("sort", "unknown sort key %q; use one of %s (prefix - for descending)", given, strings.Join(keys, ", "))
	}
	s.col = col
	return s
}

// orderBy is the ORDER BY list: each comma-separated part of the sort
// expression takes the direction, except "(x IS NULL)" parts, which keep
// empty values last either way; tie (a column that grows with each new row
// and is in every index) breaks ties in the same direction.
func (s listSort) orderBy(tie string) string {
	dir := " ASC"
	if s.desc {
		dir = " DESC"
	}
	parts := strings.Split(s.col, ", ")
	for k := range parts {
		if strings.HasPrefix(parts[k], "(") && strings.HasSuffix(parts[k], "IS NULL)") {
			continue
		}
		parts[k] += dir
	}
	return strings.Join(parts, ", ") + ", " + tie + dir
}

// parseEach normalises each value in place with parse, naming field for the
// first bad one.
func parseEach[T ~string](fe domain.FieldErrors, field string, vals []T, parse func(string) (T, error)) {
	for k, v := range vals {
		p, err := parse(string(v))
		if err != nil {
			fe.Add(field, "%s", err)
		}
		vals[k] = p
	}
}

// checkPage checks a page request and the text filter; a zero limit takes
// the default page size.
func checkPage(fe domain.FieldErrors, limit *int, offset, max int, query string) {
	switch {
	case *limit < 0:
		fe.Add("limit", "must be positive")
	case *limit == 0:
		*limit = domain.DefaultPageSize
	case *limit > max:
		fe.Add("limit", "is %d; one page holds at most %d", *limit, max)
	}
	if offset < 0 {
		fe.Add("offset", "must be zero or positive")
	}
	if len(query) > 500 {
		fe.Add("query", "is longer than 500 characters")
	}
}

// ftsQuery turns what a person typed into an FTS5 query: every word must
// match as a prefix. Words are quoted, so FTS5 operators in the input are
// plain text.
func ftsQuery(q string) string {
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	terms := make([]string, 0, len(words))
	for _, w := range words {
		terms = append(terms, `"`+w+`"*`)
	}
	return strings.Join(terms, " AND ")
}

// ListIncidents implements domain.IncidentService.
func (s *Store) ListIncidents(ctx context.Context, f domain.IncidentFilter) (*domain.IncidentPage, error) {
	orderBy, err := checkFilter(&f)
	if err != nil {
		return nil, err
	}
	where := []string{"i.deleted_at IS NULL"}
	if f.Trashed {
		where[0] = "i.deleted_at IS NOT NULL"
	}
	var args []any
	if len(f.Statuses) > 0 {
		where = append(where, "i.status IN ?")
		args = append(args, f.Statuses)
	}
	if len(f.Severities) > 0 {
		where = append(where, "i.severity IN ?")
		args = append(args, f.Severities)
	}
	if len(f.Services) > 0 {
		where = append(where, `i.seq IN (SELECT j.incident_seq FROM incident_services j
			WHERE j.service_id IN (SELECT v.id FROM services v WHERE v.name IN ?))`)
		args = append(args, f.Services)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		cond := "i.seq IN (SELECT rowid FROM incident_fts WHERE incident_fts MATCH ?)"
		fts := ftsQuery(q)
		if fts == "" {
			// Only punctuation: match nothing rather than everything.
			fts = `""`
		}
		args = append(args, fts)
		// "42" or "inc-42" also finds INC-0042 itself.
		if m := refPattern.FindStringSubmatch(q); m != nil {
			n, _ := strconv.Atoi(m[1])
			cond = "(" + cond + " OR i.number = ?)"
			args = append(args, n)
		}
		where = append(where, cond)
	}
	cond := " WHERE " + strings.Join(where, " AND ")
	return incidentPage(s.db.WithContext(ctx), cond, orderBy, args, f.Limit, f.Offset)
}

// incidentPage reads one page of the incidents cond (" WHERE …", over
// incidents i) selects, in orderBy's order, with the total and their
// services and tags.
func incidentPage(db *gorm.DB, cond, orderBy string, args []any, limit, offset int) (*domain.IncidentPage, error) {
	page := &domain.IncidentPage{Offset: offset, Limit: limit, Items: []domain.Incident{}}
	if err := db.Raw("SELECT count(*) FROM incidents i"+cond, args...).Row().Scan(&page.Total); err != nil {
		return nil, wrap(err, "count incidents")
	}
	sql := "SELECT " + listColumns + incidentFrom + cond + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?"
	rows, err := queryRows(db, sql, append(args, limit, offset)...)
	if err != nil {
		return nil, wrap(err, "list incidents")
	}
	seqs := make([]int64, len(rows))
	for k := range rows {
		page.Items = append(page.Items, rows[k].toDomain())
		seqs[k] = rows[k].Seq
	}
	if err := loadLabels(db, page.Items, seqs); err != nil {
		return nil, err
	}
	return page, nil
}
