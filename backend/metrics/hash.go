package metrics

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"
	"sort"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// Hash is the SHA-256 (hex) of a snapshot's data: its query, window (Unix
// ms), step (ms) and, in order, each series' key, labels (sorted by name)
// and points (T and the bits of V). Numbers are 8 bytes little-endian and
// every string and list is preceded by its length, so no two different
// snapshots share an encoding. Title, source and times of fetching are not
// data and are left out: two fetches with the same hash hold the same
// numbers. The store sets Snapshot.Hash with it; Sync compares with it.
func Hash(s *domain.Snapshot) string {
	h := sha256.New()
	var n [8]byte
	num := func(v uint64) {
		binary.LittleEndian.PutUint64(n[:], v)
		h.Write(n[:])
	}
	str := func(s string) {
		num(uint64(len(s)))
		h.Write([]byte(s))
	}
	str(s.Query)
	num(uint64(s.Start.UnixMilli()))
	num(uint64(s.End.UnixMilli()))
	num(uint64(s.Step.Milliseconds()))
	num(uint64(len(s.Series)))
	buf := make([]byte, 0, 16*1024)
	for _, se := range s.Series {
		str(se.Key)
		names := make([]string, 0, len(se.Labels))
		for k := range se.Labels {
			names = append(names, k)
		}
		sort.Strings(names)
		num(uint64(len(names)))
		for _, k := range names {
			str(k)
			str(se.Labels[k])
		}
		num(uint64(len(se.Points)))
		for _, p := range se.Points {
			buf = binary.LittleEndian.AppendUint64(buf, uint64(p.T))
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(p.V))
			if len(buf) >= cap(buf)-16 {
				h.Write(buf)
				buf = buf[:0]
			}
		}
		h.Write(buf)
		buf = buf[:0]
	}
	return hex.EncodeToString(h.Sum(nil))
}
