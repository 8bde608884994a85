package metrics

import (
	"math"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func TestHashChangesWithTheData(t *testing.T) {
	base := func() *domain.Snapshot {
		return &domain.Snapshot{Query: "up", Start: time.UnixMilli(0), End: time.UnixMilli(60_000), Step: time.Second,
			Title: "t", Series: []domain.Series{{Key: "a", Labels: map[string]string{"x": "1", "y": "2"},
				Points: []domain.Point{{T: 0, V: 1}, {T: 1000, V: math.NaN()}}}}}
	}
	h := Hash(base())
	same := base()
	same.Title, same.FetchedAt, same.ID = "other", time.Now(), "id"
	if Hash(same) != h {
		t.Error("title, id or fetch time changed the hash")
	}
	changes := map[string]func(s *domain.Snapshot){
		"query": func(s *domain.Snapshot) { s.Query = "up " },
		"start": func(s *domain.Snapshot) { s.Start = s.Start.Add(time.Millisecond) },
		"step":  func(s *domain.Snapshot) { s.Step = 2 * time.Second },
		"key":   func(s *domain.Snapshot) { s.Series[0].Key = "b" },
		"label": func(s *domain.Snapshot) { s.Series[0].Labels["y"] = "3" },
		"value": func(s *domain.Snapshot) { s.Series[0].Points[0].V = 1.0000001 },
		"time":  func(s *domain.Snapshot) { s.Series[0].Points[1].T = 1001 },
		"point": func(s *domain.Snapshot) { s.Series[0].Points = s.Series[0].Points[:1] },
	}
	for name, change := range changes {
		s := base()
		change(s)
		if Hash(s) == h {
			t.Errorf("changing the %s kept the hash", name)
		}
	}
}
