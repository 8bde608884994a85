package store

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/meeting"
)

var _ domain.MeetingService = (*Store)(nil)

// ---- series ----

const seriesColumns = `id, name, cadence, zone, facilitator, attendees_json, created_at, updated_at, version`

func querySeries(tx *gorm.DB, q string, args ...any) ([]domain.MeetingSeries, error) {
	rs, err := tx.Raw("SELECT "+seriesColumns+" FROM meeting_series "+q, args...).Rows()
	if err != nil {
		return nil, wrap(err, "read meeting series")
	}
	defer rs.Close()
	out := []domain.MeetingSeries{}
	for rs.Next() {
		var v domain.MeetingSeries
		var cadence, attendees string
		var created, updated int64
		if err := rs.Scan(&v.ID, &v.Name, &cadence, &v.Zone, &v.Facilitator, &attendees, &created, &updated, &v.Version); err != nil {
			return nil, wrap(err, "read meeting series")
		}
		v.Cadence = domain.Cadence(cadence)
		v.CreatedAt, v.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
		if v.Attendees, err = decodeNames(attendees); err != nil {
			return nil, wrap(err, "read meeting series")
		}
		out = append(out, v)
	}
	return out, wrap(rs.Err(), "read meeting series")
}

func findSeries(tx *gorm.DB, idOrName string) (*domain.MeetingSeries, error) {
	v := strings.TrimSpace(idOrName)
	rows, err := querySeries(tx, "WHERE id = ? OR name = ? COLLATE NOCASE", v, v)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "no meeting series %q; 'hindsight meeting series list' shows them", v)
	}
	return &rows[0], nil
}

// checkSeries validates the input and resolves its zone to the name to
// store: "" is the user's zone setting, else the machine's.
func (s *Store) checkSeries(ctx context.Context, in *domain.SeriesInput) (domain.Cadence, string, error) {
	cadence, err := in.Validate()
	if err != nil {
		return "", "", err
	}
	loc, err := s.UserZone(ctx, in.Zone)
	if err != nil {
		return "", "", err
	}
	return cadence, loc.String(), nil
}

func nameTaken(tx *gorm.DB, name, exceptID string) error {
	var n int
	if err := tx.Raw("SELECT count(*) FROM meeting_series WHERE name = ? COLLATE NOCASE AND id != ?", name, exceptID).Row().Scan(&n); err != nil {
		return wrap(err, "check series name")
	}
	if n > 0 {
		return domain.Errorf(domain.ECONFLICT, "a meeting series named %q already exists", name)
	}
	return nil
}

// CreateSeries implements domain.MeetingService.
func (s *Store) CreateSeries(ctx context.Context, in domain.SeriesInput) (*domain.MeetingSeries, error) {
	cadence, zone, err := s.checkSeries(ctx, &in)
	if err != nil {
		return nil, err
	}
	var out *domain.MeetingSeries
	err = s.tx(ctx, func(tx *gorm.DB) error {
		if err := nameTaken(tx, in.Name, ""); err != nil {
			return err
		}
		now := s.stamp().UnixMilli()
		id := uuid.NewString()
		if err := tx.Exec(`INSERT INTO meeting_series (id, name, cadence, zone, facilitator, attendees_json, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, in.Name, string(cadence), zone, in.Facilitator, encodeNames(in.Attendees), now, now).Error; err != nil {
			return wrap(err, "insert series")
		}
		out, err = findSeries(tx, id)
		return err
	})
	return out, err
}

// GetSeries implements domain.MeetingService.
func (s *Store) GetSeries(ctx context.Context, idOrName string) (*domain.MeetingSeries, error) {
	return findSeries(s.db.WithContext(ctx), idOrName)
}

// ListSeries implements domain.MeetingService: by name.
func (s *Store) ListSeries(ctx context.Context) ([]domain.MeetingSeries, error) {
	return querySeries(s.db.WithContext(ctx), "ORDER BY name COLLATE NOCASE")
}

// UpdateSeries implements domain.MeetingService.
func (s *Store) UpdateSeries(ctx context.Context, idOrName string, in domain.SeriesInput, expectedVersion int) (*domain.MeetingSeries, error) {
	cadence, zone, err := s.checkSeries(ctx, &in)
	if err != nil {
		return nil, err
	}
	var out *domain.MeetingSeries
	err = s.tx(ctx, func(tx *gorm.DB) error {
		cur, err := findSeries(tx, idOrName)
		if err != nil {
			return err
		}
		if err := checkVersion("series "+cur.Name, cur.Version, expectedVersion); err != nil {
			return err
		}
		if err := nameTaken(tx, in.Name, cur.ID); err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE meeting_series SET name = ?, cadence = ?, zone = ?, facilitator = ?, attendees_json = ?,
			updated_at = ?, version = version + 1 WHERE id = ?`, in.Name, string(cadence), zone, in.Facilitator,
			encodeNames(in.Attendees), s.stamp().UnixMilli(), cur.ID).Error; err != nil {
			return wrap(err, "update series")
		}
		out, err = findSeries(tx, cur.ID)
		return err
	})
	return out, err
}

func checkVersion(what string, stored, expected int) error {
	if expected != 0 && expected != stored {
		return domain.Errorf(domain.ECONFLICT, "%s was changed elsewhere (version %d, you had %d); reload and try again", what, stored, expected)
	}
	return nil
}

// DefaultPeriod implements domain.MeetingService.
func (s *Store) DefaultPeriod(ctx context.Context, series string, at time.Time) (time.Time, time.Time, error) {
	db := s.db.WithContext(ctx)
	sr, err := findSeries(db, series)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	start, err := defaultStart(db, sr, at)
	return start, at.UTC(), err
}

func seriesLoc(sr *domain.MeetingSeries) *time.Location {
	loc, err := domain.LoadZone(sr.Zone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// defaultStart: the end of the period of the series' latest meeting before
// at, else the cadence's default (domain.DefaultPeriodStart).
func defaultStart(db *gorm.DB, sr *domain.MeetingSeries, at time.Time) (time.Time, error) {
	var prev []int64
	if err := db.Raw("SELECT period_end FROM meetings WHERE series_id = ? AND at < ? ORDER BY at DESC LIMIT 1",
		sr.ID, at.UnixMilli()).Scan(&prev).Error; err != nil {
		return time.Time{}, wrap(err, "read previous meeting")
	}
	var prevEnd *time.Time
	if len(prev) > 0 {
		prevEnd = fromMs(&prev[0])
	}
	return domain.DefaultPeriodStart(sr.Cadence, at, seriesLoc(sr), prevEnd), nil
}

// ---- meetings ----

const meetingColumns = `m.id, m.number, m.series_id, s.name, s.cadence, s.zone, m.title, m.at, m.period_start, m.period_end,
	m.facilitator, m.attendees_json, m.status, m.held_at, m.created_at, m.updated_at, m.version, m.notes`

const meetingFrom = ` FROM meetings m JOIN meeting_series s ON s.id = m.series_id`

var meetingRefPattern = regexp.MustCompile(`(?i)^\s*(?:mtg-?)?0*(\d{1,9})\s*$`)

func queryMeetings(tx *gorm.DB, q string, args ...any) ([]domain.Meeting, error) {
	rs, err := tx.Raw("SELECT "+meetingColumns+meetingFrom+" "+q, args...).Rows()
	if err != nil {
		return nil, wrap(err, "read meetings")
	}
	defer rs.Close()
	out := []domain.Meeting{}
	for rs.Next() {
		var m domain.Meeting
		var cadence, attendees, status string
		var at, ps, pe, created, updated int64
		var held *int64
		if err := rs.Scan(&m.ID, &m.Number, &m.SeriesID, &m.SeriesName, &cadence, &m.Zone, &m.Title, &at, &ps, &pe,
			&m.Facilitator, &attendees, &status, &held, &created, &updated, &m.Version, &m.Notes); err != nil {
			return nil, wrap(err, "read meetings")
		}
		m.Cadence, m.Status = domain.Cadence(cadence), domain.MeetingStatus(status)
		m.At, m.PeriodStart, m.PeriodEnd = time.UnixMilli(at).UTC(), time.UnixMilli(ps).UTC(), time.UnixMilli(pe).UTC()
		m.CreatedAt, m.UpdatedAt, m.HeldAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC(), fromMs(held)
		if m.Attendees, err = decodeNames(attendees); err != nil {
			return nil, wrap(err, "read meetings")
		}
		out = append(out, m)
	}
	return out, wrap(rs.Err(), "read meetings")
}

func findMeeting(tx *gorm.DB, idOrRef string) (*domain.Meeting, error) {
	where, arg := byIDOrRef(idOrRef, meetingRefPattern, "m")
	rows, err := queryMeetings(tx, "WHERE "+where, arg)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		what := strconv.Quote(strings.TrimSpace(idOrRef))
		if m := meetingRefPattern.FindStringSubmatch(idOrRef); m != nil {
			n, _ := strconv.Atoi(m[1])
			what = domain.MeetingRef(n)
		}
		return nil, domain.Errorf(domain.ENOTFOUND, "no meeting %s", what)
	}
	return &rows[0], nil
}

// CreateMeeting implements domain.MeetingService.
func (s *Store) CreateMeeting(ctx context.Context, in domain.MeetingInput) (*domain.Meeting, error) {
	db := s.db.WithContext(ctx)
	var loc *time.Location = time.UTC
	sr, serr := (*domain.MeetingSeries)(nil), error(nil)
	if strings.TrimSpace(in.Series) != "" {
		if sr, serr = findSeries(db, in.Series); serr == nil {
			loc = seriesLoc(sr)
		} else if domain.ErrorCode(serr) != domain.ENOTFOUND {
			return nil, serr
		}
	}
	d, err := in.Validate(loc)
	fe := domain.FieldErrors{}
	if de, ok := err.(*domain.Error); ok {
		for k, v := range de.Fields {
			fe[k] = v
		}
	}
	if serr != nil {
		fe.Add("series", "%s", domain.ErrorMessage(serr))
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	var id string
	err = s.tx(ctx, func(tx *gorm.DB) error {
		start, end := d.PeriodStart, d.PeriodEnd
		if start == nil {
			st, err := defaultStart(tx, sr, d.At)
			if err != nil {
				return err
			}
			at := d.At
			start, end = &st, &at
		}
		title := d.Title
		if title == "" {
			title = sr.Name + " " + domain.Today(d.At, loc)
		}
		facilitator, attendees := d.Facilitator, d.Attendees
		if facilitator == "" {
			facilitator = sr.Facilitator
		}
		if len(attendees) == 0 {
			attendees = sr.Attendees
		}
		var number int
		if err := tx.Raw("UPDATE counters SET value = value + 1 WHERE name = 'meeting' RETURNING value").Row().Scan(&number); err != nil {
			return wrap(err, "next meeting number")
		}
		id = uuid.NewString()
		now := s.stamp().UnixMilli()
		if err := tx.Exec(`INSERT INTO meetings (id, number, series_id, title, at, period_start, period_end, facilitator,
			attendees_json, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'planned', ?, ?)`,
			id, number, sr.ID, title, d.At.UnixMilli(), start.UnixMilli(), end.UnixMilli(), facilitator,
			encodeNames(attendees), now, now).Error; err != nil {
			return wrap(err, "insert meeting")
		}
		m, err := findMeeting(tx, id)
		if err != nil {
			return err
		}
		return s.regenerate(tx, m)
	})
	if err != nil {
		return nil, err
	}
	return s.GetMeeting(ctx, id)
}

// GetMeeting implements domain.MeetingService.
func (s *Store) GetMeeting(ctx context.Context, idOrRef string) (*domain.Meeting, error) {
	db := s.db.WithContext(ctx)
	m, err := findMeeting(db, idOrRef)
	if err != nil {
		return nil, err
	}
	if m.Items, err = loadItems(db, m.ID); err != nil {
		return nil, err
	}
	return m, nil
}

// ListMeetings implements domain.MeetingService.
func (s *Store) ListMeetings(ctx context.Context, series string) ([]domain.Meeting, error) {
	db := s.db.WithContext(ctx)
	if strings.TrimSpace(series) == "" {
		return queryMeetings(db, "ORDER BY m.at DESC, m.number DESC")
	}
	sr, err := findSeries(db, series)
	if err != nil {
		return nil, err
	}
	return queryMeetings(db, "WHERE m.series_id = ? ORDER BY m.at DESC, m.number DESC", sr.ID)
}

// UpdateMeeting implements domain.MeetingService.
func (s *Store) UpdateMeeting(ctx context.Context, idOrRef string, e domain.MeetingEdit, expectedVersion int) (*domain.Meeting, error) {
	if err := e.Validate(); err != nil {
		return nil, err
	}
	var id string
	err := s.tx(ctx, func(tx *gorm.DB) error {
		m, err := findMeeting(tx, idOrRef)
		if err != nil {
			return err
		}
		id = m.ID
		if err := checkVersion(m.Ref(), m.Version, expectedVersion); err != nil {
			return err
		}
		if e.Title != nil {
			m.Title = *e.Title
		}
		if e.Facilitator != nil {
			m.Facilitator = *e.Facilitator
		}
		if e.Attendees != nil {
			m.Attendees = e.Attendees
		}
		if e.Notes != nil {
			m.Notes = *e.Notes
		}
		return wrap(tx.Exec(`UPDATE meetings SET title = ?, facilitator = ?, attendees_json = ?, notes = ?, updated_at = ?,
			version = version + 1 WHERE id = ?`, m.Title, m.Facilitator, encodeNames(m.Attendees), m.Notes,
			s.stamp().UnixMilli(), m.ID).Error, "update meeting")
	})
	if err != nil {
		return nil, err
	}
	return s.GetMeeting(ctx, id)
}

// SetMeetingStatus implements domain.MeetingService.
func (s *Store) SetMeetingStatus(ctx context.Context, idOrRef string, to domain.MeetingStatus) (*domain.Meeting, error) {
	if _, err := domain.ParseMeetingStatus(string(to)); err != nil {
		return nil, fieldError("status", "%s", err)
	}
	var id string
	err := s.tx(ctx, func(tx *gorm.DB) error {
		m, err := findMeeting(tx, idOrRef)
		if err != nil {
			return err
		}
		id = m.ID
		if m.Status == to {
			return fieldError("status", "%s is already %s", m.Ref(), to)
		}
		now := s.stamp().UnixMilli()
		var held *int64
		if to == domain.MeetingHeld {
			held = &now
		}
		return wrap(tx.Exec("UPDATE meetings SET status = ?, held_at = ?, updated_at = ?, version = version + 1 WHERE id = ?",
			string(to), held, now, m.ID).Error, "set meeting status")
	})
	if err != nil {
		return nil, err
	}
	return s.GetMeeting(ctx, id)
}

// ---- agenda items ----

const itemColumns = `t.id, t.meeting_id, t.position, t.section, t.kind, t.key, t.title, t.body, t.incident_id, i.number,
	t.action_id, a.number, t.postmortem_id, t.data, t.manual, t.dismissed, t.notes, t.reviewed_at, t.created_at,
	t.updated_at, t.version`

const itemFrom = ` FROM agenda_items t LEFT JOIN incidents i ON i.id = t.incident_id LEFT JOIN actions a ON a.id = t.action_id`

func queryItems(tx *gorm.DB, q string, args ...any) ([]domain.AgendaItem, error) {
	rs, err := tx.Raw("SELECT "+itemColumns+itemFrom+" "+q, args...).Rows()
	if err != nil {
		return nil, wrap(err, "read agenda")
	}
	defer rs.Close()
	out := []domain.AgendaItem{}
	for rs.Next() {
		var it domain.AgendaItem
		var section string
		var key, incID, actID, pmID *string
		var incNum, actNum, reviewed *int64
		var created, updated int64
		if err := rs.Scan(&it.ID, &it.MeetingID, &it.Position, &section, &it.Kind, &key, &it.Title, &it.Body, &incID, &incNum,
			&actID, &actNum, &pmID, &it.Data, &it.Manual, &it.Dismissed, &it.Notes, &reviewed, &created, &updated, &it.Version); err != nil {
			return nil, wrap(err, "read agenda")
		}
		it.Position++
		it.Section = domain.AgendaSection(section)
		it.CreatedAt, it.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
		it.ReviewedAt, it.Reviewed = fromMs(reviewed), reviewed != nil
		if key != nil {
			it.Key = *key
		}
		if incID != nil && incNum != nil {
			it.IncidentID, it.IncidentRef = *incID, domain.IncidentRef(int(*incNum))
		}
		if actID != nil && actNum != nil {
			it.ActionID, it.ActionRef = *actID, domain.ActionRef(int(*actNum))
		}
		if pmID != nil {
			it.PostmortemID = *pmID
		}
		it.Decisions, it.Actions = []domain.Decision{}, []string{}
		out = append(out, it)
	}
	return out, wrap(rs.Err(), "read agenda")
}

// loadItems reads a meeting's items in order with their decisions and the
// references of the actions created from them: three queries.
func loadItems(tx *gorm.DB, meetingID string) ([]domain.AgendaItem, error) {
	items, err := queryItems(tx, "WHERE t.meeting_id = ? ORDER BY t.position", meetingID)
	if err != nil {
		return nil, err
	}
	pos := make(map[string]int, len(items))
	for k, it := range items {
		pos[it.ID] = k
	}
	rs, err := tx.Raw(`SELECT d.id, d.item_id, d.text, d.author, d.created_at FROM meeting_decisions d
		JOIN agenda_items t ON t.id = d.item_id WHERE t.meeting_id = ? ORDER BY d.created_at, d.id`, meetingID).Rows()
	if err != nil {
		return nil, wrap(err, "read decisions")
	}
	defer rs.Close()
	for rs.Next() {
		var d domain.Decision
		var created int64
		if err := rs.Scan(&d.ID, &d.ItemID, &d.Text, &d.Author, &created); err != nil {
			return nil, wrap(err, "read decisions")
		}
		d.CreatedAt = time.UnixMilli(created).UTC()
		it := &items[pos[d.ItemID]]
		it.Decisions = append(it.Decisions, d)
	}
	if err := rs.Err(); err != nil {
		return nil, wrap(err, "read decisions")
	}
	var acts []struct {
		AgendaItemID string
		Number       int
	}
	if err := tx.Raw("SELECT agenda_item_id, number FROM actions WHERE meeting_id = ? AND agenda_item_id IS NOT NULL ORDER BY number",
		meetingID).Scan(&acts).Error; err != nil {
		return nil, wrap(err, "read meeting actions")
	}
	for _, a := range acts {
		if k, ok := pos[a.AgendaItemID]; ok {
			items[k].Actions = append(items[k].Actions, domain.ActionRef(a.Number))
		}
	}
	return items, nil
}

// findItem resolves an item of a meeting by id or 1-based position.
func findItem(tx *gorm.DB, m *domain.Meeting, item string) (*domain.AgendaItem, error) {
	v := strings.TrimSpace(item)
	var rows []domain.AgendaItem
	var err error
	if n, aerr := strconv.Atoi(strings.TrimPrefix(v, "#")); aerr == nil {
		rows, err = queryItems(tx, "WHERE t.meeting_id = ? AND t.position = ?", m.ID, n-1)
	} else {
		rows, err = queryItems(tx, "WHERE t.meeting_id = ? AND t.id = ?", m.ID, v)
	}
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "%s has no agenda item %q; 'hindsight meeting show %s' numbers them", m.Ref(), v, m.Ref())
	}
	return &rows[0], nil
}

// meetingItem finds the meeting and one of its items.
func meetingItem(tx *gorm.DB, meetingRef, item string) (*domain.Meeting, *domain.AgendaItem, error) {
	m, err := findMeeting(tx, meetingRef)
	if err != nil {
		return nil, nil, err
	}
	it, err := findItem(tx, m, item)
	return m, it, err
}

// linkMeeting links a new action to the meeting it was created in, and the
// item of its agenda ("" for none). Unknown ones are field errors.
func linkMeeting(tx *gorm.DB, actionID, meetingRef, itemRef string) error {
	if strings.TrimSpace(meetingRef) == "" {
		if strings.TrimSpace(itemRef) != "" {
			return fieldError("agendaItemId", "name the meeting of the agenda item")
		}
		return nil
	}
	m, err := findMeeting(tx, meetingRef)
	if err != nil {
		return fieldError("meetingId", "%s", domain.ErrorMessage(err))
	}
	var item *string
	if strings.TrimSpace(itemRef) != "" {
		it, err := findItem(tx, m, itemRef)
		if err != nil {
			return fieldError("agendaItemId", "%s", domain.ErrorMessage(err))
		}
		item = &it.ID
	}
	return wrap(tx.Exec("UPDATE actions SET meeting_id = ?, agenda_item_id = ? WHERE id = ?", m.ID, item, actionID).Error, "link action to meeting")
}

func nullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// renumber writes positions 0..n-1 in the order of ids, only where they
// changed (before[id] is the stored 0-based position, -1 for new).
func renumber(tx *gorm.DB, ids []string, before map[string]int) error {
	for k, id := range ids {
		if p, ok := before[id]; ok && p == k {
			continue
		}
		if err := tx.Exec("UPDATE agenda_items SET position = ? WHERE id = ?", k, id).Error; err != nil {
			return wrap(err, "renumber agenda")
		}
	}
	return nil
}

// insertAt returns order with id inserted after the last item whose
// section comes no later than sec: the end of its section.
func insertAt(order []string, sections map[string]domain.AgendaSection, id string, sec domain.AgendaSection) []string {
	at := 0
	for k, o := range order {
		if sections[o].Order() <= sec.Order() {
			at = k + 1
		}
	}
	order = append(order, "")
	copy(order[at+1:], order[at:])
	order[at] = id
	return order
}

// regenerate merges freshly built items into the meeting's agenda (see
// MeetingService.RegenerateAgenda).
func (s *Store) regenerate(tx *gorm.DB, m *domain.Meeting) error {
	facts, err := agendaFacts(tx, m.Query())
	if err != nil {
		return err
	}
	fresh := meeting.Build(facts)
	existing, err := loadItems(tx, m.ID)
	if err != nil {
		return err
	}
	byKey := map[string]*domain.AgendaItem{}
	before := map[string]int{}
	sections := map[string]domain.AgendaSection{}
	var order []string
	for k := range existing {
		it := &existing[k]
		if it.Key != "" {
			byKey[it.Key] = it
		}
		before[it.ID] = it.Position - 1
		sections[it.ID] = it.Section
		order = append(order, it.ID)
	}
	now := s.stamp().UnixMilli()
	seen := map[string]bool{}
	for _, g := range fresh {
		seen[g.Key] = true
		if old := byKey[g.Key]; old != nil {
			if old.Title == g.Title && old.Body == g.Body && old.Data == g.Data && old.Kind == g.Kind {
				continue
			}
			if err := tx.Exec(`UPDATE agenda_items SET kind = ?, title = ?, body = ?, data = ?, incident_id = ?, action_id = ?,
				postmortem_id = ?, updated_at = ?, version = version + 1 WHERE id = ?`, g.Kind, g.Title, g.Body, g.Data,
				nullString(g.IncidentID), nullString(g.ActionID), nullString(g.PostmortemID), now, old.ID).Error; err != nil {
				return wrap(err, "update agenda item")
			}
			continue
		}
		id := uuid.NewString()
		if err := tx.Exec(`INSERT INTO agenda_items (id, meeting_id, position, section, kind, key, title, body, incident_id,
			action_id, postmortem_id, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, m.ID, len(order), string(g.Section), g.Kind, g.Key, g.Title, g.Body, nullString(g.IncidentID),
			nullString(g.ActionID), nullString(g.PostmortemID), g.Data, now, now).Error; err != nil {
			return wrap(err, "insert agenda item")
		}
		sections[id] = g.Section
		order = insertAt(order, sections, id, g.Section)
	}
	// Generated items that no longer apply go, unless the meeting has put
	// something on them.
	for _, it := range existing {
		if it.Manual || seen[it.Key] || it.Notes != "" || len(it.Decisions) > 0 || len(it.Actions) > 0 || it.Reviewed {
			continue
		}
		if err := tx.Exec("DELETE FROM agenda_items WHERE id = ?", it.ID).Error; err != nil {
			return wrap(err, "remove agenda item")
		}
		order = remove(order, it.ID)
	}
	return renumber(tx, order, before)
}

func remove(order []string, id string) []string {
	for k, o := range order {
		if o == id {
			return append(order[:k], order[k+1:]...)
		}
	}
	return order
}

// RegenerateAgenda implements domain.MeetingService.
func (s *Store) RegenerateAgenda(ctx context.Context, idOrRef string) (*domain.Meeting, error) {
	var id string
	err := s.tx(ctx, func(tx *gorm.DB) error {
		m, err := findMeeting(tx, idOrRef)
		if err != nil {
			return err
		}
		id = m.ID
		if m.Status == domain.MeetingHeld {
			return fieldError("status", "%s was held; its agenda is part of the minutes and is not regenerated", m.Ref())
		}
		return s.regenerate(tx, m)
	})
	if err != nil {
		return nil, err
	}
	return s.GetMeeting(ctx, id)
}

// itemOrder reads the meeting's item ids in order, with their sections.
func itemOrder(tx *gorm.DB, meetingID string) ([]string, map[string]int, map[string]domain.AgendaSection, error) {
	var rows []struct {
		ID       string
		Position int
		Section  string
	}
	if err := tx.Raw("SELECT id, position, section FROM agenda_items WHERE meeting_id = ? ORDER BY position", meetingID).Scan(&rows).Error; err != nil {
		return nil, nil, nil, wrap(err, "read agenda order")
	}
	order := make([]string, len(rows))
	before := map[string]int{}
	sections := map[string]domain.AgendaSection{}
	for k, r := range rows {
		order[k], before[r.ID], sections[r.ID] = r.ID, r.Position, domain.AgendaSection(r.Section)
	}
	return order, before, sections, nil
}

// AddItem implements domain.MeetingService.
func (s *Store) AddItem(ctx context.Context, meetingRef string, in domain.ItemInput) (*domain.AgendaItem, error) {
	sec, err := in.Validate(true)
	if err != nil {
		return nil, err
	}
	body := ""
	if in.Body != nil {
		body = *in.Body
	}
	notes := ""
	if in.Notes != nil {
		notes = *in.Notes
	}
	var out *domain.AgendaItem
	err = s.tx(ctx, func(tx *gorm.DB) error {
		m, err := findMeeting(tx, meetingRef)
		if err != nil {
			return err
		}
		order, before, sections, err := itemOrder(tx, m.ID)
		if err != nil {
			return err
		}
		id := uuid.NewString()
		now := s.stamp().UnixMilli()
		if err := tx.Exec(`INSERT INTO agenda_items (id, meeting_id, position, section, kind, key, title, body, manual,
			notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, 1, ?, ?, ?)`,
			id, m.ID, len(order), string(sec), domain.KindManual, *in.Title, body, notes, now, now).Error; err != nil {
			return wrap(err, "insert agenda item")
		}
		sections[id] = sec
		if err := renumber(tx, insertAt(order, sections, id, sec), before); err != nil {
			return err
		}
		out, err = findItem(tx, m, id)
		return err
	})
	return out, err
}

// UpdateItem implements domain.MeetingService.
func (s *Store) UpdateItem(ctx context.Context, meetingRef, item string, in domain.ItemInput, expectedVersion int) (*domain.AgendaItem, error) {
	if _, err := in.Validate(false); err != nil {
		return nil, err
	}
	var out *domain.AgendaItem
	err := s.tx(ctx, func(tx *gorm.DB) error {
		m, it, err := meetingItem(tx, meetingRef, item)
		if err != nil {
			return err
		}
		if err := checkVersion("agenda item "+strconv.Itoa(it.Position), it.Version, expectedVersion); err != nil {
			return err
		}
		fe := domain.FieldErrors{}
		if !it.Manual && in.Title != nil && *in.Title != it.Title {
			fe.Add("title", "is generated from the data; add notes instead, or add an item by hand")
		}
		if !it.Manual && in.Body != nil && *in.Body != it.Body {
			fe.Add("body", "is generated from the data; add notes instead, or add an item by hand")
		}
		if err := fe.Err(); err != nil {
			return err
		}
		if in.Title != nil {
			it.Title = *in.Title
		}
		if in.Body != nil {
			it.Body = *in.Body
		}
		if in.Notes != nil {
			it.Notes = *in.Notes
		}
		if err := tx.Exec("UPDATE agenda_items SET title = ?, body = ?, notes = ?, updated_at = ?, version = version + 1 WHERE id = ?",
			it.Title, it.Body, it.Notes, s.stamp().UnixMilli(), it.ID).Error; err != nil {
			return wrap(err, "update agenda item")
		}
		out, err = findItem(tx, m, it.ID)
		return err
	})
	return out, err
}

// MoveItem implements domain.MeetingService.
func (s *Store) MoveItem(ctx context.Context, meetingRef, item string, position int) (*domain.Meeting, error) {
	var id string
	err := s.tx(ctx, func(tx *gorm.DB) error {
		m, it, err := meetingItem(tx, meetingRef, item)
		if err != nil {
			return err
		}
		id = m.ID
		order, before, _, err := itemOrder(tx, m.ID)
		if err != nil {
			return err
		}
		order = remove(order, it.ID)
		at := min(max(position, 1), len(order)+1) - 1
		order = append(order, "")
		copy(order[at+1:], order[at:])
		order[at] = it.ID
		return renumber(tx, order, before)
	})
	if err != nil {
		return nil, err
	}
	return s.GetMeeting(ctx, id)
}

// DismissItem implements domain.MeetingService.
func (s *Store) DismissItem(ctx context.Context, meetingRef, item string, dismiss bool) (*domain.Meeting, error) {
	var id string
	err := s.tx(ctx, func(tx *gorm.DB) error {
		m, it, err := meetingItem(tx, meetingRef, item)
		if err != nil {
			return err
		}
		id = m.ID
		if it.Manual && dismiss {
			if err := tx.Exec("DELETE FROM agenda_items WHERE id = ?", it.ID).Error; err != nil {
				return wrap(err, "remove agenda item")
			}
			order, before, _, err := itemOrder(tx, m.ID)
			if err != nil {
				return err
			}
			return renumber(tx, order, before)
		}
		return wrap(tx.Exec("UPDATE agenda_items SET dismissed = ?, updated_at = ?, version = version + 1 WHERE id = ?",
			dismiss, s.stamp().UnixMilli(), it.ID).Error, "dismiss agenda item")
	})
	if err != nil {
		return nil, err
	}
	return s.GetMeeting(ctx, id)
}

// AddDecision implements domain.MeetingService.
func (s *Store) AddDecision(ctx context.Context, meetingRef, item, text string) (*domain.Decision, error) {
	t, err := domain.CheckDecision(text)
	if err != nil {
		return nil, err
	}
	var out *domain.Decision
	err = s.tx(ctx, func(tx *gorm.DB) error {
		_, it, err := meetingItem(tx, meetingRef, item)
		if err != nil {
			return err
		}
		now := s.stamp()
		d := domain.Decision{ID: eventID(), ItemID: it.ID, Text: t, Author: domain.Actor(ctx), CreatedAt: now}
		if err := tx.Exec("INSERT INTO meeting_decisions (id, item_id, text, author, created_at) VALUES (?, ?, ?, ?, ?)",
			d.ID, d.ItemID, d.Text, d.Author, now.UnixMilli()).Error; err != nil {
			return wrap(err, "insert decision")
		}
		out = &d
		return nil
	})
	return out, err
}

// RemoveDecision implements domain.MeetingService.
func (s *Store) RemoveDecision(ctx context.Context, id string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Exec("DELETE FROM meeting_decisions WHERE id = ?", strings.TrimSpace(id))
		if res.Error != nil {
			return wrap(res.Error, "remove decision")
		}
		if res.RowsAffected == 0 {
			return domain.Errorf(domain.ENOTFOUND, "no decision %q", strings.TrimSpace(id))
		}
		return nil
	})
}

// MarkReviewed implements domain.MeetingService.
func (s *Store) MarkReviewed(ctx context.Context, meetingRef, item string, reviewed bool) (*domain.AgendaItem, error) {
	var out *domain.AgendaItem
	err := s.tx(ctx, func(tx *gorm.DB) error {
		m, it, err := meetingItem(tx, meetingRef, item)
		if err != nil {
			return err
		}
		now := s.stamp().UnixMilli()
		var at *int64
		if reviewed {
			at = &now
			if it.ReviewedAt != nil {
				at = toMs(it.ReviewedAt) // the first mark stands
			}
		}
		if err := tx.Exec("UPDATE agenda_items SET reviewed_at = ?, updated_at = ?, version = version + 1 WHERE id = ?",
			at, now, it.ID).Error; err != nil {
			return wrap(err, "mark reviewed")
		}
		out, err = findItem(tx, m, it.ID)
		return err
	})
	return out, err
}

// CreateActionFromItem implements domain.MeetingService.
func (s *Store) CreateActionFromItem(ctx context.Context, meetingRef, item string, in domain.ActionInput) (*domain.ActionItem, error) {
	m, it, err := meetingItem(s.db.WithContext(ctx), meetingRef, item)
	if err != nil {
		return nil, err
	}
	in.MeetingID, in.AgendaItemID = m.ID, it.ID
	if strings.TrimSpace(in.Incident) == "" {
		in.Incident = it.IncidentID
	}
	if strings.TrimSpace(in.Zone) == "" {
		in.Zone = m.Zone
	}
	return s.CreateAction(ctx, in)
}

// MeetingActions implements domain.MeetingService.
func (s *Store) MeetingActions(ctx context.Context, idOrRef string) ([]domain.ActionItem, error) {
	db := s.db.WithContext(ctx)
	m, err := findMeeting(db, idOrRef)
	if err != nil {
		return nil, err
	}
	rows, err := queryActions(db, "SELECT "+actionListColumns+actionFrom+" WHERE a.meeting_id = ? AND "+actionLive+" ORDER BY a.number", m.ID)
	if err != nil {
		return nil, wrap(err, "read meeting actions")
	}
	out := make([]domain.ActionItem, len(rows))
	for k := range rows {
		out[k] = rows[k].toDomain()
	}
	return out, nil
}
