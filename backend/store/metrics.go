package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/metrics"
)

var _ domain.MetricService = (*Store)(nil)

// ---- sources ----

const sourceColumns = `id, name, kind, url, auth, username, secret_env, ca_file, skip_verify, timeout_seconds, created_at, updated_at`

func querySources(tx *gorm.DB, q string, args ...any) ([]domain.MetricSource, error) {
	rs, err := tx.Raw(q, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	out := []domain.MetricSource{}
	for rs.Next() {
		var m domain.MetricSource
		var created, updated int64
		if err := rs.Scan(&m.ID, &m.Name, &m.Kind, &m.URL, &m.Auth, &m.Username, &m.SecretEnv, &m.CAFile,
			&m.SkipVerify, &m.TimeoutSeconds, &created, &updated); err != nil {
			return nil, err
		}
		m.CreatedAt, m.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
		out = append(out, m)
	}
	return out, rs.Err()
}

// findSource resolves a source by id or by name (names compare without
// case, as the column is NOCASE). Returns ENOTFOUND otherwise.
func findSource(tx *gorm.DB, idOrName string) (*domain.MetricSource, error) {
	v := strings.TrimSpace(idOrName)
	rows, err := querySources(tx, "SELECT "+sourceColumns+" FROM metric_sources WHERE id = ? OR name = ? LIMIT 1", v, v)
	if err != nil {
		return nil, wrap(err, "find source %q", idOrName)
	}
	if len(rows) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "no monitoring source %s", describeRef(idOrName))
	}
	return &rows[0], nil
}

// checkSourceName refuses a name another source (not except) has, in any
// case.
func checkSourceName(tx *gorm.DB, name, except string) error {
	var other string
	if err := tx.Raw("SELECT name FROM metric_sources WHERE name = ? AND id != ?", name, except).Scan(&other).Error; err != nil {
		return wrap(err, "check source name")
	}
	if other != "" {
		return fieldError("name", "is taken by the source %q; choose another name", other)
	}
	return nil
}

// CreateSource implements domain.MetricService.
func (s *Store) CreateSource(ctx context.Context, in domain.SourceInput) (*domain.MetricSource, error) {
	src, err := in.Validate()
	if err != nil {
		return nil, err
	}
	now := s.now().UTC().Truncate(time.Millisecond)
	src.ID, src.CreatedAt, src.UpdatedAt = uuid.NewString(), now, now
	err = s.tx(ctx, func(tx *gorm.DB) error {
		if err := checkSourceName(tx, src.Name, ""); err != nil {
			return err
		}
		return wrap(tx.Exec(`INSERT INTO metric_sources (`+sourceColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			src.ID, src.Name, string(src.Kind), src.URL, string(src.Auth), src.Username, src.SecretEnv, src.CAFile,
			src.SkipVerify, src.TimeoutSeconds, now.UnixMilli(), now.UnixMilli()).Error, "insert source")
	})
	if err != nil {
		return nil, err
	}
	return src, nil
}

// UpdateSource implements domain.MetricService.
func (s *Store) UpdateSource(ctx context.Context, idOrName string, in domain.SourceInput) (*domain.MetricSource, error) {
	src, err := in.Validate()
	if err != nil {
		return nil, err
	}
	now := s.now().UTC().Truncate(time.Millisecond)
	err = s.tx(ctx, func(tx *gorm.DB) error {
		prev, err := findSource(tx, idOrName)
		if err != nil {
			return err
		}
		if err := checkSourceName(tx, src.Name, prev.ID); err != nil {
			return err
		}
		src.ID, src.CreatedAt, src.UpdatedAt = prev.ID, prev.CreatedAt, now
		return wrap(tx.Exec(`UPDATE metric_sources SET name = ?, kind = ?, url = ?, auth = ?, username = ?, secret_env = ?,
			ca_file = ?, skip_verify = ?, timeout_seconds = ?, updated_at = ? WHERE id = ?`,
			src.Name, string(src.Kind), src.URL, string(src.Auth), src.Username, src.SecretEnv, src.CAFile,
			src.SkipVerify, src.TimeoutSeconds, now.UnixMilli(), src.ID).Error, "update source")
	})
	if err != nil {
		return nil, err
	}
	return src, nil
}

// GetSource implements domain.MetricService.
func (s *Store) GetSource(ctx context.Context, idOrName string) (*domain.MetricSource, error) {
	return findSource(s.db.WithContext(ctx), idOrName)
}

// ListSources implements domain.MetricService.
func (s *Store) ListSources(ctx context.Context) ([]domain.MetricSource, error) {
	out, err := querySources(s.db.WithContext(ctx), "SELECT "+sourceColumns+" FROM metric_sources ORDER BY name, id")
	return out, wrap(err, "list sources")
}

// DeleteSource implements domain.MetricService. Its saved queries go with
// it (foreign key); snapshots keep their copy of its name and URL.
func (s *Store) DeleteSource(ctx context.Context, idOrName string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		src, err := findSource(tx, idOrName)
		if err != nil {
			return err
		}
		return wrap(tx.Exec("DELETE FROM metric_sources WHERE id = ?", src.ID).Error, "delete source %q", src.Name)
	})
}

// ---- saved queries ----

const savedQueryColumns = `id, service, name, source_id, query, unit, created_at`

func querySaved(tx *gorm.DB, q string, args ...any) ([]domain.SavedQuery, error) {
	rs, err := tx.Raw(q, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	out := []domain.SavedQuery{}
	for rs.Next() {
		var sq domain.SavedQuery
		var created int64
		if err := rs.Scan(&sq.ID, &sq.Service, &sq.Name, &sq.SourceID, &sq.Query, &sq.Unit, &created); err != nil {
			return nil, err
		}
		sq.CreatedAt = time.UnixMilli(created).UTC()
		out = append(out, sq)
	}
	return out, rs.Err()
}

// SaveQuery implements domain.MetricService. The source may be named by id
// or name; the saved query holds its id. Replacing a query keeps its id and
// creation time.
func (s *Store) SaveQuery(ctx context.Context, in domain.SavedQueryInput) (*domain.SavedQuery, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	now := s.now().UTC().Truncate(time.Millisecond)
	var out *domain.SavedQuery
	err := s.tx(ctx, func(tx *gorm.DB) error {
		src, err := findSource(tx, in.SourceID)
		if err != nil {
			if domain.ErrorCode(err) == domain.ENOTFOUND {
				return fieldError("sourceId", "%s", domain.ErrorMessage(err))
			}
			return err
		}
		prev, err := querySaved(tx, "SELECT "+savedQueryColumns+" FROM saved_queries WHERE service = ? COLLATE NOCASE AND name = ? COLLATE NOCASE",
			in.Service, in.Name)
		if err != nil {
			return wrap(err, "find saved query")
		}
		sq := domain.SavedQuery{ID: uuid.NewString(), Service: in.Service, Name: in.Name, SourceID: src.ID,
			Query: in.Query, Unit: in.Unit, CreatedAt: now}
		if len(prev) > 0 {
			sq.ID, sq.CreatedAt = prev[0].ID, prev[0].CreatedAt
			err = tx.Exec("UPDATE saved_queries SET service = ?, name = ?, source_id = ?, query = ?, unit = ? WHERE id = ?",
				sq.Service, sq.Name, sq.SourceID, sq.Query, sq.Unit, sq.ID).Error
		} else {
			err = tx.Exec("INSERT INTO saved_queries ("+savedQueryColumns+") VALUES (?, ?, ?, ?, ?, ?, ?)",
				sq.ID, sq.Service, sq.Name, sq.SourceID, sq.Query, sq.Unit, now.UnixMilli()).Error
		}
		if err != nil {
			return wrap(err, "save query %q", in.Name)
		}
		out = &sq
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ListSavedQueries implements domain.MetricService. Services compare
// without case.
func (s *Store) ListSavedQueries(ctx context.Context, services []string) ([]domain.SavedQuery, error) {
	q := "SELECT " + savedQueryColumns + " FROM saved_queries"
	var args []any
	if len(services) > 0 {
		names := make([]string, len(services))
		for k, v := range services {
			names[k] = strings.TrimSpace(v)
		}
		q += " WHERE service COLLATE NOCASE IN ?"
		args = append(args, names)
	}
	out, err := querySaved(s.db.WithContext(ctx), q+" ORDER BY service COLLATE NOCASE, name COLLATE NOCASE, id", args...)
	return out, wrap(err, "list saved queries")
}

// DeleteSavedQuery implements domain.MetricService.
func (s *Store) DeleteSavedQuery(ctx context.Context, id string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Exec("DELETE FROM saved_queries WHERE id = ?", strings.TrimSpace(id))
		if res.Error != nil {
			return wrap(res.Error, "delete saved query")
		}
		if res.RowsAffected == 0 {
			return domain.Errorf(domain.ENOTFOUND, "no saved query %s", describeRef(id))
		}
		return nil
	})
}

// ---- snapshots ----

// pointSize is the bytes one point takes in snapshot_series.points: int64
// unix ms then float64 bits, both little-endian (see the migration).
const pointSize = 16

// encodePoints packs points as the points column holds them.
func encodePoints(ps []domain.Point) []byte {
	b := make([]byte, len(ps)*pointSize)
	for k, p := range ps {
		binary.LittleEndian.PutUint64(b[k*pointSize:], uint64(p.T))
		binary.LittleEndian.PutUint64(b[k*pointSize+8:], math.Float64bits(p.V))
	}
	return b
}

// decodePoints unpacks the points column; a trailing partial point (never
// written by this store) is an error.
func decodePoints(b []byte) ([]domain.Point, error) {
	if len(b)%pointSize != 0 {
		return nil, domain.Errorf(domain.EINTERNAL, "snapshot points are %d bytes, not a multiple of %d", len(b), pointSize)
	}
	ps := make([]domain.Point, len(b)/pointSize)
	for k := range ps {
		ps[k].T = int64(binary.LittleEndian.Uint64(b[k*pointSize:]))
		ps[k].V = math.Float64frombits(binary.LittleEndian.Uint64(b[k*pointSize+8:]))
	}
	return ps, nil
}

// jsonFloat writes NaN and the infinities as strings, which encoding/json
// refuses to write as numbers: a series of gaps has NaN statistics.
type jsonFloat float64

func (f jsonFloat) MarshalJSON() ([]byte, error) {
	v := float64(f)
	switch {
	case math.IsNaN(v):
		return []byte(`"NaN"`), nil
	case math.IsInf(v, 1):
		return []byte(`"+Inf"`), nil
	case math.IsInf(v, -1):
		return []byte(`"-Inf"`), nil
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64), nil
}

func (f *jsonFloat) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "null" {
		*f = jsonFloat(math.NaN())
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return err
	}
	*f = jsonFloat(v)
	return nil
}

// storedStats is domain.SeriesStats as stats_json holds it.
type storedStats struct {
	Count          int       `json:"count"`
	Min            jsonFloat `json:"min"`
	Max            jsonFloat `json:"max"`
	Mean           jsonFloat `json:"mean"`
	P50            jsonFloat `json:"p50"`
	P90            jsonFloat `json:"p90"`
	P99            jsonFloat `json:"p99"`
	P999           jsonFloat `json:"p999"`
	Baseline       jsonFloat `json:"baseline"`
	BaselineSpread jsonFloat `json:"baselineSpread"`
	BaselinePoints int       `json:"baselinePoints"`
	DepartedAt     int64     `json:"departedAt"`
}

func encodeStats(st domain.SeriesStats) (string, error) {
	b, err := json.Marshal(storedStats{st.Count, jsonFloat(st.Min), jsonFloat(st.Max), jsonFloat(st.Mean),
		jsonFloat(st.P50), jsonFloat(st.P90), jsonFloat(st.P99), jsonFloat(st.P999), jsonFloat(st.Baseline),
		jsonFloat(st.BaselineSpread), st.BaselinePoints, st.DepartedAt})
	return string(b), err
}

func decodeStats(s string) (domain.SeriesStats, error) {
	var st storedStats
	if err := json.Unmarshal([]byte(s), &st); err != nil {
		return domain.SeriesStats{}, err
	}
	return domain.SeriesStats{Count: st.Count, Min: float64(st.Min), Max: float64(st.Max), Mean: float64(st.Mean),
		P50: float64(st.P50), P90: float64(st.P90), P99: float64(st.P99), P999: float64(st.P999),
		Baseline: float64(st.Baseline), BaselineSpread: float64(st.BaselineSpread),
		BaselinePoints: st.BaselinePoints, DepartedAt: st.DepartedAt}, nil
}

// checkSnapshot trims snap and records what is wrong with it.
func checkSnapshot(fe domain.FieldErrors, snap *domain.Snapshot) {
	snap.Title, snap.GroupID = strings.TrimSpace(snap.Title), strings.TrimSpace(snap.GroupID)
	domain.CheckQuery(fe, "query", snap.Query)
	if utf8.RuneCountInString(snap.Title) > domain.MaxQueryTitle {
		fe.Add("title", "is longer than %d characters", domain.MaxQueryTitle)
	}
	switch snap.SourceKind {
	case domain.SourcePrometheus, domain.SourceGraphite:
	default:
		fe.Add("sourceKind", "unknown kind %q; use prometheus or graphite", snap.SourceKind)
	}
	domain.CheckWindow(fe, snap.Start, snap.End, snap.Step)
	if len(snap.Series) > domain.MaxSeriesPerSnapshot {
		fe.Add("series", "the query returned %d series; a snapshot holds at most %d (narrow the query, e.g. with sum by (...))",
			len(snap.Series), domain.MaxSeriesPerSnapshot)
	}
	for _, se := range snap.Series {
		if len(se.Points) > domain.MaxPointsPerSeries {
			fe.Add("series", "the series %s has %d points; a series holds at most %d (use a longer step)",
				clip(se.Key), len(se.Points), domain.MaxPointsPerSeries)
		}
	}
}

// snapshotRow is one row of snapshots with its group and incident.
type snapshotRow struct {
	domain.Snapshot
	IncidentDeletedAt *int64
	IncidentNumber    int
}

const snapshotColumns = `s.id, s.group_id, s.version, i.id, i.number, i.deleted_at, s.source_id, s.source_name,
	s.source_kind, s.source_url, s.title, s.query, s.start_ms, s.end_ms, s.step_ms, s.fetched_at, s.hash,
	s.series_count, s.point_count, g.signal_key, g.signal_threshold, g.signal_below,
	(SELECT count(*) FROM snapshots v WHERE v.group_id = s.group_id)`

const snapshotFrom = ` FROM snapshots s JOIN snapshot_groups g ON g.id = s.group_id JOIN incidents i ON i.seq = g.incident_seq`

func querySnapshots(tx *gorm.DB, q string, args ...any) ([]snapshotRow, error) {
	rs, err := tx.Raw(q, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []snapshotRow
	for rs.Next() {
		var r snapshotRow
		var start, end, step, fetched int64
		if err := rs.Scan(&r.ID, &r.GroupID, &r.Version, &r.IncidentID, &r.IncidentNumber, &r.IncidentDeletedAt,
			&r.SourceID, &r.SourceName, &r.SourceKind, &r.SourceURL, &r.Title, &r.Query, &start, &end, &step,
			&fetched, &r.Hash, &r.SeriesCount, &r.PointCount, &r.Signal.SeriesKey, &r.Signal.Threshold,
			&r.Signal.Below, &r.Versions); err != nil {
			return nil, err
		}
		r.Start, r.End, r.FetchedAt = time.UnixMilli(start).UTC(), time.UnixMilli(end).UTC(), time.UnixMilli(fetched).UTC()
		r.Step = time.Duration(step) * time.Millisecond
		out = append(out, r)
	}
	return out, rs.Err()
}

// findSnapshot resolves a snapshot id to a version whose incident is live.
// Returns ENOTFOUND otherwise.
// minSnapshotPrefix is the shortest start of an id findSnapshot accepts.
const minSnapshotPrefix = 8

var snapshotPrefix = regexp.MustCompile(`^[0-9a-f-]+$`)

func findSnapshot(tx *gorm.DB, id string) (*snapshotRow, error) {
	id = strings.ToLower(strings.TrimSpace(id))
	rows, err := querySnapshots(tx, "SELECT "+snapshotColumns+snapshotFrom+" WHERE s.id = ?", id)
	if err != nil {
		return nil, wrap(err, "find snapshot")
	}
	// Like git, a unique start of the id will do (8 characters or more):
	// nobody types a whole UUID.
	if len(rows) == 0 && len(id) >= minSnapshotPrefix && snapshotPrefix.MatchString(id) {
		if rows, err = querySnapshots(tx, "SELECT "+snapshotColumns+snapshotFrom+` WHERE s.id LIKE ? ESCAPE '\' LIMIT 2`, likeEscape(id)+"%"); err != nil {
			return nil, wrap(err, "find snapshot")
		}
		if len(rows) > 1 {
			return nil, fieldError("snapshot", "%q is the start of more than one snapshot's id; type more of it", id)
		}
	}
	if len(rows) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "no snapshot %s", describeRef(id))
	}
	if rows[0].IncidentDeletedAt != nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "the snapshot's incident %s is in the trash; restore it first",
			domain.IncidentRef(rows[0].IncidentNumber))
	}
	return &rows[0], nil
}

// loadSeries fills in each snapshot's series: with points into Series, or
// without into SeriesStats.
func loadSeries(tx *gorm.DB, snaps []domain.Snapshot, points bool) error {
	if len(snaps) == 0 {
		return nil
	}
	idx := make(map[string]int, len(snaps))
	ids := make([]string, len(snaps))
	for k := range snaps {
		idx[snaps[k].ID], ids[k] = k, snaps[k].ID
		if points {
			snaps[k].Series = []domain.Series{}
		} else {
			snaps[k].SeriesStats = []domain.Series{}
		}
	}
	cols := "snapshot_id, key, labels_json, stats_json"
	if points {
		cols += ", points"
	}
	rs, err := tx.Raw("SELECT "+cols+" FROM snapshot_series WHERE snapshot_id IN ? ORDER BY snapshot_id, idx", ids).Rows()
	if err != nil {
		return wrap(err, "read series")
	}
	defer rs.Close()
	for rs.Next() {
		var id, labels, stats string
		var se domain.Series
		var blob []byte
		dest := []any{&id, &se.Key, &labels, &stats}
		if points {
			dest = append(dest, &blob)
		}
		if err := rs.Scan(dest...); err != nil {
			return wrap(err, "read series")
		}
		if err := json.Unmarshal([]byte(labels), &se.Labels); err != nil {
			return wrap(err, "read labels of series %s", clip(se.Key))
		}
		if se.Labels == nil {
			se.Labels = map[string]string{}
		}
		if se.Stats, err = decodeStats(stats); err != nil {
			return wrap(err, "read stats of series %s", clip(se.Key))
		}
		k := idx[id]
		if points {
			if se.Points, err = decodePoints(blob); err != nil {
				return err
			}
			snaps[k].Series = append(snaps[k].Series, se)
		} else {
			snaps[k].SeriesStats = append(snaps[k].SeriesStats, se)
		}
	}
	return wrap(rs.Err(), "read series")
}

func rowsToSnapshots(rows []snapshotRow) []domain.Snapshot {
	out := make([]domain.Snapshot, len(rows))
	for k := range rows {
		out[k] = rows[k].Snapshot
	}
	return out
}

// snapshotWriter inserts snapshots with prepared statements, so a batch
// parses each statement once.
type snapshotWriter struct {
	ctx          context.Context
	snap, series *sql.Stmt
}

func newSnapshotWriter(ctx context.Context, tx *gorm.DB) (*snapshotWriter, error) {
	w := &snapshotWriter{ctx: ctx}
	var err error
	if w.snap, err = tx.Statement.ConnPool.PrepareContext(ctx, `INSERT INTO snapshots (id, group_id, version, source_id,
		source_name, source_kind, source_url, title, query, start_ms, end_ms, step_ms, fetched_at, hash, series_count, point_count)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`); err != nil {
		return nil, wrap(err, "prepare snapshot insert")
	}
	if w.series, err = tx.Statement.ConnPool.PrepareContext(ctx, `INSERT INTO snapshot_series
		(snapshot_id, idx, key, labels_json, stats_json, points) VALUES (?, ?, ?, ?, ?, ?)`); err != nil {
		w.snap.Close()
		return nil, wrap(err, "prepare series insert")
	}
	return w, nil
}

func (w *snapshotWriter) close() {
	w.snap.Close()
	w.series.Close()
}

func (w *snapshotWriter) write(snap *domain.Snapshot) error {
	if _, err := w.snap.ExecContext(w.ctx, snap.ID, snap.GroupID, snap.Version, snap.SourceID, snap.SourceName,
		string(snap.SourceKind), snap.SourceURL, snap.Title, snap.Query, snap.Start.UnixMilli(), snap.End.UnixMilli(),
		snap.Step.Milliseconds(), snap.FetchedAt.UnixMilli(), snap.Hash, snap.SeriesCount, snap.PointCount); err != nil {
		return wrap(err, "insert snapshot")
	}
	for k, se := range snap.Series {
		labels := se.Labels
		if labels == nil {
			labels = map[string]string{}
		}
		lj, err := json.Marshal(labels)
		if err != nil {
			return wrap(err, "encode labels")
		}
		sj, err := encodeStats(se.Stats)
		if err != nil {
			return wrap(err, "encode stats")
		}
		if _, err := w.series.ExecContext(w.ctx, snap.ID, k, se.Key, string(lj), sj, encodePoints(se.Points)); err != nil {
			return wrap(err, "insert series %s", clip(se.Key))
		}
	}
	return nil
}

// prepareSnapshot rounds a checked snapshot's times to what is stored
// (milliseconds, UTC), counts its series and points and hashes it.
func prepareSnapshot(snap *domain.Snapshot, now time.Time) {
	snap.Start, snap.End = snap.Start.UTC().Truncate(time.Millisecond), snap.End.UTC().Truncate(time.Millisecond)
	snap.Step = snap.Step.Truncate(time.Millisecond)
	if snap.FetchedAt.IsZero() {
		snap.FetchedAt = now
	}
	snap.FetchedAt = snap.FetchedAt.UTC().Truncate(time.Millisecond)
	snap.SeriesCount, snap.PointCount = len(snap.Series), 0
	for _, se := range snap.Series {
		snap.PointCount += len(se.Points)
	}
	snap.Hash = metrics.Hash(snap)
}

// SaveSnapshots implements domain.MetricService. Every snapshot is checked
// before the transaction opens; a bad one names its field and, in a batch,
// which snapshot it is.
func (s *Store) SaveSnapshots(ctx context.Context, incident string, snaps []domain.Snapshot) ([]domain.Snapshot, error) {
	now := s.now().UTC()
	work := make([]domain.Snapshot, len(snaps))
	for k := range snaps {
		work[k] = snaps[k]
		fe := domain.FieldErrors{}
		checkSnapshot(fe, &work[k])
		if len(snaps) > 1 {
			for f, msg := range fe {
				fe[f] = msg + " (snapshot " + strconv.Itoa(k+1) + " of " + strconv.Itoa(len(snaps)) + ")"
			}
		}
		if err := fe.Err(); err != nil {
			return nil, err
		}
		// What depends on the data alone is done before the write lock
		// is taken: hashing megabytes of points takes milliseconds.
		prepareSnapshot(&work[k], now)
	}
	ids := make([]string, len(work))
	var out []domain.Snapshot
	err := s.tx(ctx, func(tx *gorm.DB) error {
		inc, err := findRow(tx, incident, false)
		if err != nil {
			return err
		}
		w, err := newSnapshotWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		for k := range work {
			snap := &work[k]
			if snap.GroupID == "" {
				snap.GroupID, snap.Version = uuid.NewString(), 1
				if err := tx.Exec("INSERT INTO snapshot_groups (id, incident_seq, created_at) VALUES (?, ?, ?)",
					snap.GroupID, inc.Seq, now.UnixMilli()).Error; err != nil {
					return wrap(err, "insert snapshot group")
				}
			} else {
				var g struct {
					IncidentSeq int64
					Last        int
				}
				if err := tx.Raw(`SELECT g.incident_seq, coalesce((SELECT max(version) FROM snapshots WHERE group_id = g.id), 0) AS last
					FROM snapshot_groups g WHERE g.id = ?`, snap.GroupID).Scan(&g).Error; err != nil {
					return wrap(err, "find snapshot group")
				}
				switch {
				case g.IncidentSeq == 0:
					return fieldError("groupId", "no snapshot group %s", describeRef(snap.GroupID))
				case g.IncidentSeq != inc.Seq:
					return fieldError("groupId", "the snapshot group belongs to another incident, not %s", domain.IncidentRef(inc.Number))
				}
				snap.Version = g.Last + 1
			}
			snap.ID, snap.IncidentID = uuid.NewString(), inc.ID
			if err := w.write(snap); err != nil {
				return err
			}
			ids[k] = snap.ID
		}
		rows, err := querySnapshots(tx, "SELECT "+snapshotColumns+snapshotFrom+" WHERE s.id IN ?", ids)
		if err != nil {
			return wrap(err, "read saved snapshots")
		}
		byID := make(map[string]domain.Snapshot, len(rows))
		for _, r := range rows {
			byID[r.ID] = r.Snapshot
		}
		out = make([]domain.Snapshot, len(ids))
		for k, id := range ids {
			out[k] = byID[id]
		}
		return loadSeries(tx, out, false)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ListSnapshots implements domain.MetricService.
func (s *Store) ListSnapshots(ctx context.Context, incident string) ([]domain.Snapshot, error) {
	db := s.db.WithContext(ctx)
	inc, err := findRow(db, incident, false)
	if err != nil {
		return nil, err
	}
	rows, err := querySnapshots(db, "SELECT "+snapshotColumns+snapshotFrom+` WHERE g.incident_seq = ?
		AND s.version = (SELECT max(version) FROM snapshots v WHERE v.group_id = g.id)
		ORDER BY g.created_at, g.rowid`, inc.Seq)
	if err != nil {
		return nil, wrap(err, "list snapshots")
	}
	out := rowsToSnapshots(rows)
	return out, loadSeries(db, out, false)
}

// SnapshotVersions implements domain.MetricService. The versions come with
// SeriesStats filled.
func (s *Store) SnapshotVersions(ctx context.Context, groupID string) ([]domain.Snapshot, error) {
	db := s.db.WithContext(ctx)
	rows, err := querySnapshots(db, "SELECT "+snapshotColumns+snapshotFrom+" WHERE s.group_id = ? ORDER BY s.version DESC",
		strings.TrimSpace(groupID))
	if err != nil {
		return nil, wrap(err, "list snapshot versions")
	}
	if len(rows) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "no snapshot group %s", describeRef(groupID))
	}
	if rows[0].IncidentDeletedAt != nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "the snapshot's incident %s is in the trash; restore it first",
			domain.IncidentRef(rows[0].IncidentNumber))
	}
	out := rowsToSnapshots(rows)
	return out, loadSeries(db, out, false)
}

// GetSnapshot implements domain.MetricService.
func (s *Store) GetSnapshot(ctx context.Context, id string) (*domain.Snapshot, error) {
	db := s.db.WithContext(ctx)
	r, err := findSnapshot(db, id)
	if err != nil {
		return nil, err
	}
	out := []domain.Snapshot{r.Snapshot}
	if err := loadSeries(db, out, true); err != nil {
		return nil, err
	}
	return &out[0], nil
}

// SetSignal implements domain.MetricService. An empty key clears the
// signal, threshold and all.
func (s *Store) SetSignal(ctx context.Context, snapshotID string, sig domain.Signal) (*domain.Snapshot, error) {
	if sig.Threshold != nil && (math.IsNaN(*sig.Threshold) || math.IsInf(*sig.Threshold, 0)) {
		return nil, fieldError("threshold", "must be a finite number")
	}
	if sig.SeriesKey == "" {
		sig = domain.Signal{}
	}
	var out []domain.Snapshot
	err := s.tx(ctx, func(tx *gorm.DB) error {
		r, err := findSnapshot(tx, snapshotID)
		if err != nil {
			return err
		}
		if sig.SeriesKey != "" {
			var n int
			if err := tx.Raw("SELECT count(*) FROM snapshot_series WHERE snapshot_id = ? AND key = ?", r.ID, sig.SeriesKey).Row().Scan(&n); err != nil {
				return wrap(err, "find series")
			}
			if n == 0 {
				return fieldError("seriesKey", "the snapshot has no series %s", clip(sig.SeriesKey))
			}
		}
		if err := tx.Exec("UPDATE snapshot_groups SET signal_key = ?, signal_threshold = ?, signal_below = ? WHERE id = ?",
			sig.SeriesKey, sig.Threshold, sig.Below, r.GroupID).Error; err != nil {
			return wrap(err, "set signal")
		}
		r.Signal = sig
		out = []domain.Snapshot{r.Snapshot}
		return loadSeries(tx, out, false)
	})
	if err != nil {
		return nil, err
	}
	return &out[0], nil
}

// DeleteSnapshotGroup implements domain.MetricService. The versions and
// their series go with the group (foreign keys).
func (s *Store) DeleteSnapshotGroup(ctx context.Context, snapshotID string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		r, err := findSnapshot(tx, snapshotID)
		if err != nil {
			return err
		}
		return wrap(tx.Exec("DELETE FROM snapshot_groups WHERE id = ?", r.GroupID).Error, "delete snapshot group")
	})
}
