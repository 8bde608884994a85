package metrics

import (
	"errors"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// wantError checks err is a *domain.Error of code whose message names the
// source and the query, and returns it.
func wantError(t *testing.T, err error, code domain.Code, source, query string) *domain.Error {
	t.Helper()
	var e *domain.Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v (%T), want a *domain.Error", err, err)
	}
	if e.Code != code {
		t.Fatalf("code = %s (%s), want %s", e.Code, e.Message, code)
	}
	for _, want := range []string{`source "` + source + `"`, `query "` + query + `"`} {
		if !strings.Contains(e.Message, want) {
			t.Errorf("message %q does not name %s", e.Message, want)
		}
	}
	t.Log(e.Message)
	for _, raw := range []string{"dial tcp", "Get \"", "Post \"", "x509:", "context deadline exceeded", "json: ", "ReadObject", "client_error", "server_error"} {
		if strings.Contains(e.Message, raw) {
			t.Errorf("message %q holds a raw Go error (%q)", e.Message, raw)
		}
	}
	return e
}
