package store

import (
	"context"
	"fmt"
	"gorm.io/gorm"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/metrics"
)

func promSource(name string) domain.SourceInput {
	return domain.SourceInput{Name: name, Kind: "prometheus", URL: "http://localhost:9090/", Auth: "bearer", SecretEnv: "PROM_TOKEN"}
}

func mustSource(tb testing.TB, s *Store, in domain.SourceInput) *domain.MetricSource {
	tb.Helper()
	src, err := s.CreateSource(context.Background(), in)
	if err != nil {
		tb.Fatalf("CreateSource(%q): %v", in.Name, err)
	}
	return src
}

// testSnapshot is a snapshot of n series of m points each, one a second
// from the incident's start (2026-11-20 09:00 UTC), as the fetcher would
// hand it to the store.
func testSnapshot(src *domain.MetricSource, query string, n, m int) domain.Snapshot {
	start := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	snap := domain.Snapshot{
		SourceID: src.ID, SourceName: src.Name, SourceKind: src.Kind, SourceURL: src.URL,
		Title: "p99 latency", Query: query, Start: start, End: start.Add(time.Duration(m) * time.Second), Step: time.Second,
		FetchedAt: fixedNow,
	}
	for k := range n {
		se := domain.Series{
			Key:    fmt.Sprintf(`{instance="web-%d", job="api"}`, k),
			Labels: map[string]string{"instance": fmt.Sprintf("web-%d", k), "job": "api"},
			Points: make([]domain.Point, m),
			Stats:  domain.SeriesStats{Count: m, Min: 0, Max: float64(m - 1), Mean: float64(m-1) / 2, DepartedAt: start.UnixMilli() + 5000},
		}
		for j := range m {
			se.Points[j] = domain.Point{T: start.UnixMilli() + int64(j)*1000, V: float64(j) + float64(k)/10}
		}
		snap.Series = append(snap.Series, se)
	}
	return snap
}

func mustSave(tb testing.TB, s *Store, inc string, snaps ...domain.Snapshot) []domain.Snapshot {
	tb.Helper()
	out, err := s.SaveSnapshots(context.Background(), inc, snaps)
	if err != nil {
		tb.Fatalf("SaveSnapshots: %v", err)
	}
	return out
}

func TestSourcesAreFoundByIDOrNameInAnyCase(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	src := mustSource(t, s, promSource("prod-prom"))
	if src.ID == "" || src.URL != "http://localhost:9090" || src.Auth != domain.AuthBearer || !src.CreatedAt.Equal(fixedNow) {
		t.Errorf("created source = %+v; want an id, the URL without its trailing slash, bearer auth, created now", src)
	}
	for _, name := range []string{src.ID, "prod-prom", "PROD-Prom", " prod-prom "} {
		got, err := s.GetSource(ctx, name)
		if err != nil || got.ID != src.ID || got.SecretEnv != "PROM_TOKEN" {
			t.Errorf("GetSource(%q) = %+v, %v; want the source", name, got, err)
		}
	}
	_, err := s.GetSource(ctx, "staging")
	if de := wantCode(t, err, domain.ENOTFOUND); !strings.Contains(de.Message, `"staging"`) {
		t.Errorf("message %q does not name the source", de.Message)
	}

	mustSource(t, s, domain.SourceInput{Name: "graphite", Kind: "graphite", URL: "https://graphite.example.com"})
	list, err := s.ListSources(ctx)
	if err != nil || len(list) != 2 || list[0].Name != "graphite" || list[1].Name != "prod-prom" {
		t.Fatalf("ListSources = %+v, %v; want graphite then prod-prom", list, err)
	}

	in := promSource("Prod-Prom2")
	in.Auth, in.Username, in.SkipVerify, in.TimeoutSeconds = "basic", "ops", true, 10
	up, err := s.UpdateSource(ctx, "PROD-PROM", in)
	if err != nil {
		t.Fatal(err)
	}
	if up.ID != src.ID || up.Name != "Prod-Prom2" || up.Username != "ops" || !up.SkipVerify || up.Timeout() != 10*time.Second {
		t.Errorf("updated = %+v", up)
	}
	if got, _ := s.GetSource(ctx, "prod-prom2"); got == nil || !got.SkipVerify || got.Auth != domain.AuthBasic {
		t.Errorf("stored after update = %+v", got)
	}
	// Renaming to its own name in another case is not a clash.
	in.Name = "PROD-PROM2"
	if _, err := s.UpdateSource(ctx, src.ID, in); err != nil {
		t.Errorf("renaming a source to its own name in capitals: %v", err)
	}
}

func TestBadSourcesAreRefusedByField(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	mustSource(t, s, promSource("prod"))
	other := mustSource(t, s, promSource("staging"))
	cases := []struct {
		name  string
		in    domain.SourceInput
		field string
	}{
		{"a name in use in another case is refused", promSource("PROD"), "name"},
		{"a name with a space is refused", promSource("prod prom"), "name"},
		{"an unknown kind is refused", domain.SourceInput{Name: "x", Kind: "influx", URL: "http://h"}, "kind"},
		{"a URL holding a password is refused", domain.SourceInput{Name: "x", Kind: "prometheus", URL: "http://u:p@h"}, "url"},
		{"basic auth without a user is refused", domain.SourceInput{Name: "x", Kind: "prometheus", URL: "http://h", Auth: "basic"}, "username"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.CreateSource(ctx, c.in)
			de := wantCode(t, err, domain.EINVALID)
			if de.Fields[c.field] == "" {
				t.Errorf("fields = %v; want one on %q", de.Fields, c.field)
			}
		})
	}
	_, err := s.UpdateSource(ctx, other.ID, promSource("Prod"))
	if de := wantCode(t, err, domain.EINVALID); !strings.Contains(de.Fields["name"], "prod") {
		t.Errorf("renaming onto another source: fields %v; want name naming prod", de.Fields)
	}
	if n := count(t, s, "SELECT count(*) FROM metric_sources"); n != 2 {
		t.Errorf("%d sources stored, want 2", n)
	}
}

func TestTheSourcesTableHasNoPlaceForASecret(t *testing.T) {
	s := mustOpen(t)
	var cols []string
	if err := s.db.Raw("SELECT name FROM pragma_table_info('metric_sources')").Scan(&cols).Error; err != nil {
		t.Fatal(err)
	}
	if len(cols) == 0 {
		t.Fatal("metric_sources has no columns")
	}
	for _, c := range cols {
		l := strings.ToLower(c)
		if l == "secret_env" {
			continue
		}
		for _, bad := range []string{"secret", "token", "password", "passwd", "credential"} {
			if strings.Contains(l, bad) {
				t.Errorf("metric_sources has a column %q: secrets belong in the OS keyring", c)
			}
		}
	}
}

func TestSavedQueriesAreKeptPerServiceAndGoWithTheirSource(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	prom := mustSource(t, s, promSource("prom"))
	q1, err := s.SaveQuery(ctx, domain.SavedQueryInput{Service: "checkout", Name: "p99 latency", SourceID: "PROM",
		Query: "histogram_quantile(0.99, rate(x[5m]))", Unit: "s"})
	if err != nil {
		t.Fatal(err)
	}
	if q1.SourceID != prom.ID {
		t.Errorf("saved query source = %q, want the source's id %q", q1.SourceID, prom.ID)
	}
	// The same service and name (in any case) replaces it.
	q2, err := s.SaveQuery(ctx, domain.SavedQueryInput{Service: "Checkout", Name: "P99 latency", SourceID: prom.ID, Query: "up"})
	if err != nil {
		t.Fatal(err)
	}
	if q2.ID != q1.ID || q2.Query != "up" {
		t.Errorf("re-saved = %+v; want the same id with the new query", q2)
	}
	if _, err := s.SaveQuery(ctx, domain.SavedQueryInput{Service: "payments", Name: "errors", SourceID: prom.ID, Query: "rate(e[1m])"}); err != nil {
		t.Fatal(err)
	}
	all, _ := s.ListSavedQueries(ctx, nil)
	if len(all) != 2 || all[0].Service != "Checkout" || all[1].Service != "payments" {
		t.Errorf("all saved = %+v; want Checkout then payments", all)
	}
	some, _ := s.ListSavedQueries(ctx, []string{"CHECKOUT"})
	if len(some) != 1 || some[0].ID != q1.ID {
		t.Errorf("saved for checkout = %+v", some)
	}

	_, err = s.SaveQuery(ctx, domain.SavedQueryInput{Service: "checkout", Name: "x", SourceID: "nope", Query: "up"})
	if de := wantCode(t, err, domain.EINVALID); de.Fields["sourceId"] == "" {
		t.Errorf("unknown source: fields %v; want sourceId", de.Fields)
	}
	_, err = s.SaveQuery(ctx, domain.SavedQueryInput{Service: "", Name: "", SourceID: prom.ID, Query: " "})
	if de := wantCode(t, err, domain.EINVALID); de.Fields["service"] == "" || de.Fields["name"] == "" || de.Fields["query"] == "" {
		t.Errorf("empty input: fields %v; want service, name and query", de.Fields)
	}

	if err := s.DeleteSavedQuery(ctx, q1.ID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.DeleteSavedQuery(ctx, q1.ID), domain.ENOTFOUND)
	if err := s.DeleteSource(ctx, "prom"); err != nil {
		t.Fatal(err)
	}
	if left, _ := s.ListSavedQueries(ctx, nil); len(left) != 0 {
		t.Errorf("saved queries after removing their source: %+v; want none", left)
	}
	wantCode(t, s.DeleteSource(ctx, "prom"), domain.ENOTFOUND)
}

func TestSnapshotsAreStoredAsVersionsOfAGroup(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput())
	src := mustSource(t, s, promSource("prom"))

	first := testSnapshot(src, "rate(http_errors[5m])", 3, 100)
	saved := mustSave(t, s, inc.Ref(), first, testSnapshot(src, "up", 1, 10))
	a := saved[0]
	// Sync compares a fresh fetch's metrics.Hash with the stored one.
	if want := metrics.Hash(&first); a.Hash != want {
		t.Errorf("stored hash %s, want metrics.Hash %s", a.Hash, want)
	}
	if a.ID == "" || a.GroupID == "" || a.Version != 1 || a.IncidentID != inc.ID || a.SeriesCount != 3 || a.PointCount != 300 ||
		len(a.Hash) != 64 || a.Versions != 1 || a.Series != nil || len(a.SeriesStats) != 3 {
		t.Fatalf("saved = %+v; want ids, version 1, counts 3/300, a hash, stats without points", a)
	}
	if st := a.SeriesStats[1]; st.Key != `{instance="web-1", job="api"}` || st.Labels["instance"] != "web-1" ||
		st.Points != nil || st.Stats.Max != 99 || st.Stats.DepartedAt == 0 {
		t.Errorf("series stats = %+v", st)
	}

	// The same data again is a new version with the same hash.
	again := testSnapshot(src, "rate(http_errors[5m])", 3, 100)
	again.GroupID = a.GroupID
	v2 := mustSave(t, s, inc.ID, again)[0]
	if v2.GroupID != a.GroupID || v2.Version != 2 || v2.Hash != a.Hash || v2.Versions != 2 {
		t.Errorf("second version = group %q v%d hash %q versions %d; want the group, v2, the same hash, 2 versions",
			v2.GroupID, v2.Version, v2.Hash, v2.Versions)
	}
	changed := testSnapshot(src, "rate(http_errors[5m])", 3, 100)
	changed.GroupID = a.GroupID
	changed.Series[0].Points[7].V = 42
	v3 := mustSave(t, s, inc.ID, changed)[0]
	if v3.Version != 3 || v3.Hash == a.Hash {
		t.Errorf("third version = v%d, hash %q; want v3 with another hash", v3.Version, v3.Hash)
	}

	list, err := s.ListSnapshots(ctx, inc.Ref())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != v3.ID || list[0].Versions != 3 || list[1].Query != "up" || list[1].Versions != 1 {
		t.Fatalf("list = %d items (%+v); want the latest of the first group (3 versions), then up", len(list), list)
	}
	if len(list[0].SeriesStats) != 3 || list[0].Series != nil {
		t.Errorf("listed snapshot has %d series stats and series %v; want 3 and none", len(list[0].SeriesStats), list[0].Series)
	}

	versions, err := s.SnapshotVersions(ctx, a.GroupID)
	if err != nil || len(versions) != 3 || versions[0].Version != 3 || versions[2].Version != 1 {
		t.Fatalf("versions = %+v, %v; want 3, newest first", versions, err)
	}

	got, err := s.GetSnapshot(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := testSnapshot(src, "rate(http_errors[5m])", 3, 100)
	if got.Title != "p99 latency" || got.SourceName != "prom" || got.SourceKind != domain.SourcePrometheus ||
		got.SourceURL != "http://localhost:9090" || !got.Start.Equal(want.Start) || !got.End.Equal(want.End) ||
		got.Step != time.Second || !got.FetchedAt.Equal(fixedNow) || len(got.Series) != 3 {
		t.Fatalf("GetSnapshot = %+v", got)
	}
	for k := range want.Series {
		if g, w := got.Series[k].Points, want.Series[k].Points; len(g) != len(w) || g[50] != w[50] || g[99] != w[99] {
			t.Errorf("series %d points differ: got %d points, [50]=%v; want %d, [50]=%v", k, len(g), g[50], len(w), w[50])
		}
	}
	_, err = s.GetSnapshot(ctx, "no-such-id")
	wantCode(t, err, domain.ENOTFOUND)
}

func TestNaNGapsAndExtremeValuesSurviveExactly(t *testing.T) {
	s := mustOpen(t)
	inc := mustCreate(t, s, validInput())
	src := mustSource(t, s, promSource("prom"))
	snap := testSnapshot(src, "up", 1, 6)
	vals := []float64{math.NaN(), math.Inf(1), math.Inf(-1), -0.0, math.SmallestNonzeroFloat64, math.MaxFloat64}
	for k, v := range vals {
		snap.Series[0].Points[k].V = v
	}
	snap.Series[0].Points[0].T = -1 // before 1970 is still a time
	// A series of gaps has no statistics to speak of.
	snap.Series[0].Stats = domain.SeriesStats{Count: 0, Min: math.NaN(), Max: math.Inf(1), Mean: math.NaN()}
	saved := mustSave(t, s, inc.Ref(), snap)[0]
	if st := saved.SeriesStats[0].Stats; !math.IsNaN(st.Min) || !math.IsInf(st.Max, 1) {
		t.Errorf("stats after the round trip = %+v; want NaN min and +Inf max", st)
	}
	got, err := s.GetSnapshot(context.Background(), saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	for k, p := range got.Series[0].Points {
		if math.Float64bits(p.V) != math.Float64bits(vals[k]) || p.T != snap.Series[0].Points[k].T {
			t.Errorf("point %d = %v at %d; want %v at %d", k, p.V, p.T, vals[k], snap.Series[0].Points[k].T)
		}
	}
}

func TestSaveSnapshotsIsAllOrNothing(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput())
	other := mustCreate(t, s, validInput())
	src := mustSource(t, s, promSource("prom"))
	otherGroup := mustSave(t, s, other.Ref(), testSnapshot(src, "up", 1, 5))[0].GroupID

	bad := func(f func(*domain.Snapshot)) []domain.Snapshot {
		b := testSnapshot(src, "bad", 2, 5)
		f(&b)
		return []domain.Snapshot{testSnapshot(src, "one", 2, 5), b, testSnapshot(src, "three", 2, 5)}
	}
	cases := []struct {
		name  string
		snaps []domain.Snapshot
		field string
	}{
		{"an empty query is refused", bad(func(b *domain.Snapshot) { b.Query = "  " }), "query"},
		{"an end before the start is refused", bad(func(b *domain.Snapshot) { b.End = b.Start.Add(-time.Minute) }), "end"},
		{"a window longer than the limit is refused", bad(func(b *domain.Snapshot) { b.End = b.Start.Add(100 * 24 * time.Hour); b.Step = time.Hour }), "end"},
		{"a title too long is refused", bad(func(b *domain.Snapshot) { b.Title = strings.Repeat("t", domain.MaxQueryTitle+1) }), "title"},
		{"too many series are refused", bad(func(b *domain.Snapshot) {
			b.Series = make([]domain.Series, domain.MaxSeriesPerSnapshot+1)
		}), "series"},
		{"too many points are refused", bad(func(b *domain.Snapshot) {
			b.Series[0].Points = make([]domain.Point, domain.MaxPointsPerSeries+1)
		}), "series"},
		{"an unknown group is refused", bad(func(b *domain.Snapshot) { b.GroupID = "nope" }), "groupId"},
		{"another incident's group is refused", bad(func(b *domain.Snapshot) { b.GroupID = otherGroup }), "groupId"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.SaveSnapshots(ctx, inc.Ref(), c.snaps)
			de := wantCode(t, err, domain.EINVALID)
			if de.Fields[c.field] == "" {
				t.Fatalf("fields = %v; want one on %q", de.Fields, c.field)
			}
			if c.field != "groupId" && !strings.Contains(de.Fields[c.field], "snapshot 2 of 3") {
				t.Errorf("message %q does not say which snapshot", de.Fields[c.field])
			}
			if list, _ := s.ListSnapshots(ctx, inc.Ref()); len(list) != 0 {
				t.Errorf("%d snapshots stored; want none", len(list))
			}
		})
	}
	if n := count(t, s, "SELECT count(*) FROM snapshot_series"); n != 1 {
		t.Errorf("%d series rows in the database; want only the other incident's 1", n)
	}
}

func TestSignalsBelongToTheGroup(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput())
	src := mustSource(t, s, promSource("prom"))
	v1 := mustSave(t, s, inc.Ref(), testSnapshot(src, "up", 2, 5))[0]
	key := v1.SeriesStats[1].Key

	_, err := s.SetSignal(ctx, v1.ID, domain.Signal{SeriesKey: `{job="nope"}`})
	if de := wantCode(t, err, domain.EINVALID); de.Fields["seriesKey"] == "" {
		t.Errorf("unknown key: fields %v; want seriesKey", de.Fields)
	}
	_, err = s.SetSignal(ctx, v1.ID, domain.Signal{SeriesKey: key, Threshold: ptr(math.NaN())})
	wantCode(t, err, domain.EINVALID)

	got, err := s.SetSignal(ctx, v1.ID, domain.Signal{SeriesKey: key, Threshold: ptr(0.5), Below: true})
	if err != nil {
		t.Fatal(err)
	}
	if got.Signal.SeriesKey != key || got.Signal.Threshold == nil || *got.Signal.Threshold != 0.5 || !got.Signal.Below {
		t.Errorf("signal = %+v", got.Signal)
	}
	// A re-sync keeps it.
	next := testSnapshot(src, "up", 2, 5)
	next.GroupID = v1.GroupID
	v2 := mustSave(t, s, inc.Ref(), next)[0]
	if v2.Signal.SeriesKey != key || *v2.Signal.Threshold != 0.5 {
		t.Errorf("signal of version 2 = %+v; want the group's", v2.Signal)
	}
	list, _ := s.ListSnapshots(ctx, inc.Ref())
	if list[0].Signal.SeriesKey != key {
		t.Errorf("listed signal = %+v", list[0].Signal)
	}
	// An empty key clears it, threshold and all.
	got, err = s.SetSignal(ctx, v2.ID, domain.Signal{Threshold: ptr(3.0)})
	if err != nil || got.Signal.SeriesKey != "" || got.Signal.Threshold != nil || got.Signal.Below {
		t.Errorf("cleared signal = %+v, %v", got.Signal, err)
	}
}

func TestSnapshotsGoToTheTrashWithTheirIncident(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput())
	src := mustSource(t, s, promSource("prom"))
	snap := mustSave(t, s, inc.Ref(), testSnapshot(src, "up", 2, 5))[0]

	if err := s.DeleteIncident(ctx, inc.Ref()); err != nil {
		t.Fatal(err)
	}
	_, err := s.ListSnapshots(ctx, inc.Ref())
	wantCode(t, err, domain.ENOTFOUND)
	_, err = s.GetSnapshot(ctx, snap.ID)
	if de := wantCode(t, err, domain.ENOTFOUND); !strings.Contains(de.Message, "trash") {
		t.Errorf("message %q does not say the incident is in the trash", de.Message)
	}
	_, err = s.SnapshotVersions(ctx, snap.GroupID)
	wantCode(t, err, domain.ENOTFOUND)
	_, err = s.SaveSnapshots(ctx, inc.Ref(), []domain.Snapshot{testSnapshot(src, "up", 1, 5)})
	wantCode(t, err, domain.ENOTFOUND)
	_, err = s.SetSignal(ctx, snap.ID, domain.Signal{})
	wantCode(t, err, domain.ENOTFOUND)
	wantCode(t, s.DeleteSnapshotGroup(ctx, snap.ID), domain.ENOTFOUND)

	if _, err := s.RestoreIncident(ctx, inc.Ref()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetSnapshot(ctx, snap.ID); err != nil {
		t.Errorf("after restoring the incident: %v", err)
	}
	// Purging the incident deletes its snapshots, series and all.
	if err := s.DeleteIncident(ctx, inc.Ref()); err != nil {
		t.Fatal(err)
	}
	if err := s.PurgeIncident(ctx, inc.Ref()); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"snapshot_groups", "snapshots", "snapshot_series"} {
		if n := count(t, s, "SELECT count(*) FROM "+table); n != 0 {
			t.Errorf("%d rows left in %s after the purge", n, table)
		}
	}
}

func TestDeletingAGroupDeletesEveryVersionButDeletingTheSourceDoesNot(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput())
	src := mustSource(t, s, promSource("prom"))
	saved := mustSave(t, s, inc.Ref(), testSnapshot(src, "up", 2, 5), testSnapshot(src, "errors", 3, 5))
	again := testSnapshot(src, "up", 2, 5)
	again.GroupID = saved[0].GroupID
	mustSave(t, s, inc.Ref(), again)

	if err := s.DeleteSource(ctx, src.ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetSnapshot(ctx, saved[0].ID)
	if err != nil || got.SourceName != "prom" || got.SourceID != src.ID {
		t.Fatalf("snapshot after its source was removed = %+v, %v; want it kept with the source's name", got, err)
	}

	if err := s.DeleteSnapshotGroup(ctx, saved[0].ID); err != nil {
		t.Fatal(err)
	}
	list, _ := s.ListSnapshots(ctx, inc.Ref())
	if len(list) != 1 || list[0].Query != "errors" {
		t.Errorf("left = %+v; want the errors snapshot only", list)
	}
	if n := count(t, s, "SELECT count(*) FROM snapshots"); n != 1 {
		t.Errorf("%d snapshot rows; want 1", n)
	}
	if n := count(t, s, "SELECT count(*) FROM snapshot_series"); n != 3 {
		t.Errorf("%d series rows; want the 3 of the errors snapshot", n)
	}
	wantCode(t, s.DeleteSnapshotGroup(ctx, saved[0].ID), domain.ENOTFOUND)
}

func TestPointsEncodingIsTheDocumentedLayout(t *testing.T) {
	b := encodePoints([]domain.Point{{T: 1, V: 1}})
	want := []byte{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f}
	if string(b) != string(want) {
		t.Errorf("encodePoints = % x, want % x", b, want)
	}
	if _, err := decodePoints(b[:15]); err == nil {
		t.Error("decodePoints accepted 15 bytes")
	}
}

// BenchmarkSaveSnapshot stores one snapshot of 20 series × 11,000 points,
// the largest a Prometheus range query gives per series.
func BenchmarkSaveSnapshot(b *testing.B) {
	s := mustOpen(b)
	inc := mustCreate(b, s, validInput())
	src := mustSource(b, s, promSource("prom"))
	snap := testSnapshot(src, "rate(http_requests_total[1m])", 20, domain.MaxPointsPerSeries)
	snap.End = snap.Start.Add(time.Duration(domain.MaxPointsPerSeries-1) * time.Second)
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.SaveSnapshots(ctx, inc.Ref(), []domain.Snapshot{snap}); err != nil {
			b.Fatal(err)
		}
	}
	points := float64(b.N) * 20 * domain.MaxPointsPerSeries
	b.ReportMetric(points/b.Elapsed().Seconds(), "points/s")
}

func TestASnapshotIsFoundByTheStartOfItsID(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput())
	src := mustSource(t, s, promSource("prom"))
	a := mustSave(t, s, inc.Ref(), testSnapshot(src, "up", 1, 10))[0]

	got, err := s.GetSnapshot(ctx, strings.ToUpper(a.ID[:8]))
	if err != nil || got.ID != a.ID {
		t.Fatalf("GetSnapshot(first 8 of the id) = %v, %v; want the snapshot", got, err)
	}
	if _, err := s.GetSnapshot(ctx, a.ID[:7]); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("7 characters = %v, want not found: too short to mean one", err)
	}
	if _, err := s.GetSnapshot(ctx, a.ID[:8]+"%"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("a LIKE wildcard = %v, want not found", err)
	}
	// Two snapshots whose ids share a start: the start is ambiguous.
	b := mustSave(t, s, inc.Ref(), testSnapshot(src, "down", 1, 10))[0]
	twin := a.ID[:8] + "-ffff-4fff-8fff-ffffffffffff"
	err = s.db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("PRAGMA defer_foreign_keys = ON").Error; err != nil {
			return err
		}
		if err := tx.Exec("UPDATE snapshots SET id = ? WHERE id = ?", twin, b.ID).Error; err != nil {
			return err
		}
		return tx.Exec("UPDATE snapshot_series SET snapshot_id = ? WHERE snapshot_id = ?", twin, b.ID).Error
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetSnapshot(ctx, a.ID[:8]); domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(err.Error(), "more than one") {
		t.Errorf("an ambiguous start = %v, want EINVALID saying it names more than one", err)
	}
}
