package metrics

import (
	"context"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

const faultQuery = "rate(x[5m])"

// promError writes Prometheus's error envelope.
func promError(status int, typ, msg string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"status":"error","errorType":%q,"error":%q}`, typ, msg)
	}
}

// okMatrix answers one series with two points.
func okMatrix(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprint(w, `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"x","job":"a"},"values":[[1700000000,"1"],[1700000060,"2"]]}]}}`)
}

func fetchFrom(t *testing.T, src *domain.MetricSource, secret string, limit int64) error {
	t.Helper()
	c, err := NewClient(src, secret)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	if limit > 0 {
		c.MaxResponseBytes = limit
	}
	start := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	_, err = c.Fetch(context.Background(), Query{Expr: faultQuery, Start: start, End: start.Add(time.Hour), Step: time.Minute})
	return err
}

func TestFetchNamesEveryFailureForAPerson(t *testing.T) {
	const secret = "s3cr3t-t0ken-value"
	tests := []struct {
		name     string
		handler  http.HandlerFunc
		timeout  int
		limit    int64
		code     domain.Code
		contains string
	}{
		{"a syntax error is refused with the parser's words", promError(400, "bad_data", "parse error at char 6: unexpected end of input"), 0, 0,
			domain.EINVALID, "Prometheus refused the query (400 bad_data): parse error at char 6"},
		{"an execution error says the query could not run", promError(422, "execution", "query processing would load too many samples"), 0, 0,
			domain.EINVALID, "could not run the query (422 execution): query processing would load too many samples"},
		{"a server timeout suggests a narrower window", promError(503, "timeout", "query timed out in expression evaluation"), 0, 0,
			domain.EUNAVAILABLE, "the server timed out evaluating the query (503); narrow the window or raise the step"},
		{"401 says the credentials were refused", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "Unauthorized", 401) }, 0, 0,
			domain.EUNAVAILABLE, "the server refused the credentials (401 Unauthorized); check the token"},
		{"403 says the credentials were refused", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "Forbidden", 403) }, 0, 0,
			domain.EUNAVAILABLE, "the server refused the credentials (403 Forbidden)"},
		{"404 says there is no API at the URL", http.NotFound, 0, 0,
			domain.EUNAVAILABLE, "(404): check the URL and path prefix"},
		{"malformed JSON says so", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"status":"success","data":{"resultType":"matrix","result":[{`)
		}, 0, 0,
			domain.EUNAVAILABLE, "the answer is not valid Prometheus JSON"},
		{"HTML instead of JSON says so", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `<html>login</html>`) }, 0, 0,
			domain.EUNAVAILABLE, "the answer is not valid Prometheus JSON"},
		{"a response over the limit is refused", okMatrix, 0, 64,
			domain.EUNAVAILABLE, "the response is larger than 64 bytes; narrow the query or the window, or raise the step"},
		{"a server slower than the source's timeout", func(w http.ResponseWriter, r *http.Request) {
			r.ParseForm() // the server notices a closed connection only once the body is read
			select {
			case <-time.After(3 * time.Second):
			case <-r.Context().Done():
			}
			okMatrix(w, r)
		}, 1, 0, domain.EUNAVAILABLE, "no answer within 1 s"},
		{"a proxy's 502 names the status", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "upstream down", 502) }, 0, 0,
			domain.EUNAVAILABLE, "the server answered 502 Bad Gateway: upstream down"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			src := promSource(srv.URL)
			src.Auth, src.TimeoutSeconds = domain.AuthBearer, tt.timeout
			err := fetchFrom(t, src, secret, tt.limit)
			e := wantError(t, err, tt.code, "prod", faultQuery)
			if !strings.Contains(e.Message, tt.contains) {
				t.Errorf("message = %q, want it to contain %q", e.Message, tt.contains)
			}
			if strings.Contains(e.Error(), secret) {
				t.Errorf("message %q holds the secret", e.Error())
			}
			if tt.code == domain.EINVALID && e.Fields["query"] == "" {
				t.Errorf("fields = %v, want one on query", e.Fields)
			}
		})
	}
}

func TestFetchSendsTheCredentials(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Get("Authorization")
		okMatrix(w, r)
	}))
	defer srv.Close()
	src := promSource(srv.URL)
	src.Auth = domain.AuthBearer
	if err := fetchFrom(t, src, "tok", 0); err != nil {
		t.Fatal(err)
	}
	if got != "Bearer tok" {
		t.Errorf("Authorization = %q, want Bearer tok", got)
	}
	src.Auth, src.Username = domain.AuthBasic, "ann"
	if err := fetchFrom(t, src, "pw", 0); err != nil {
		t.Fatal(err)
	}
	if want := "Basic YW5uOnB3"; got != want {
		t.Errorf("Authorization = %q, want %q", got, want)
	}
}

func TestFetchConvertsAMatrix(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(okMatrix))
	defer srv.Close()
	c, _ := NewClient(promSource(srv.URL), "")
	series, err := c.Fetch(context.Background(), Query{Expr: "x", Start: time.Unix(1700000000, 0), End: time.Unix(1700000060, 0), Step: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	want := domain.Series{Key: `{__name__="x", job="a"}`, Points: []domain.Point{{T: 1700000000000, V: 1}, {T: 1700000060000, V: 2}}}
	if len(series) != 1 || series[0].Key != want.Key || fmt.Sprint(series[0].Points) != fmt.Sprint(want.Points) {
		t.Errorf("series = %+v, want %+v", series, want)
	}
}

func TestFetchRefusesTooManySeries(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		for i := 0; i <= domain.MaxSeriesPerSnapshot; i++ {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"metric":{"i":"%d"},"values":[[1700000000,"1"]]}`, i)
		}
		fmt.Fprintf(w, `{"status":"success","data":{"resultType":"matrix","result":[%s]}}`, b.String())
	}))
	defer srv.Close()
	e := wantError(t, fetchFrom(t, promSource(srv.URL), "", 0), domain.EINVALID, "prod", faultQuery)
	if !strings.Contains(e.Message, "sum by") || !strings.Contains(e.Message, "501 series") {
		t.Errorf("message = %q, want the count and a hint to aggregate", e.Message)
	}
}

func TestFetchWhenNothingAnswers(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + l.Addr().String()
	l.Close()
	e := wantError(t, fetchFrom(t, promSource(url), "", 0), domain.EUNAVAILABLE, "prod", faultQuery)
	if want := "nothing answered at " + url + " (connection refused)"; !strings.Contains(e.Message, want) {
		t.Errorf("message = %q, want %q", e.Message, want)
	}
}

func TestFetchWhenTheHostIsUnknown(t *testing.T) {
	e := wantError(t, fetchFrom(t, promSource("http://no-such-host.invalid:9090"), "", 0), domain.EUNAVAILABLE, "prod", faultQuery)
	if !strings.Contains(e.Message, "no-such-host.invalid could not be found") {
		t.Errorf("message = %q, want it to say the host was not found", e.Message)
	}
}

func TestFetchCancelled(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm() // the server notices a closed connection only once the body is read
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer srv.Close()
	c, _ := NewClient(promSource(srv.URL), "")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err := c.Fetch(ctx, Query{Expr: "x", Start: time.Unix(0, 0), End: time.Unix(60, 0), Step: time.Second})
	if !errors.Is(err, context.Canceled) || err.Error() != "cancelled" {
		t.Errorf("error = %v, want \"cancelled\" satisfying errors.Is(err, context.Canceled)", err)
	}
}

func TestFetchOverTLS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(okMatrix))
	defer srv.Close()

	t.Run("an unknown authority is named, with the fix", func(t *testing.T) {
		e := wantError(t, fetchFrom(t, promSource(srv.URL), "", 0), domain.EUNAVAILABLE, "prod", faultQuery)
		if !strings.Contains(e.Message, "unknown authority") || !strings.Contains(e.Message, "CA file") {
			t.Errorf("message = %q, want the TLS problem and a CA file suggested", e.Message)
		}
	})
	t.Run("the server's CA file makes it trusted", func(t *testing.T) {
		ca := filepath.Join(t.TempDir(), "ca.pem")
		pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
		if err := os.WriteFile(ca, pemBytes, 0o600); err != nil {
			t.Fatal(err)
		}
		src := promSource(srv.URL)
		src.CAFile = ca
		if err := fetchFrom(t, src, "", 0); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a host name the certificate does not name is refused", func(t *testing.T) {
		ca := filepath.Join(t.TempDir(), "ca.pem")
		os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600)
		src := promSource(strings.Replace(srv.URL, "127.0.0.1", "localhost", 1))
		src.CAFile = ca
		e := wantError(t, fetchFrom(t, src, "", 0), domain.EUNAVAILABLE, "prod", faultQuery)
		if !strings.Contains(e.Message, "not valid for this host") {
			t.Errorf("message = %q, want a host name mismatch", e.Message)
		}
	})
	t.Run("skipping verification connects", func(t *testing.T) {
		src := promSource(srv.URL)
		src.SkipVerify = true
		if err := fetchFrom(t, src, "", 0); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a CA file that is not PEM is EINVALID on caFile", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "ca.pem")
		os.WriteFile(bad, []byte("hello"), 0o600)
		for _, path := range []string{bad, filepath.Join(t.TempDir(), "missing.pem")} {
			src := promSource(srv.URL)
			src.CAFile = path
			_, err := NewClient(src, "")
			var e *domain.Error
			if !errors.As(err, &e) || e.Code != domain.EINVALID || e.Fields["caFile"] == "" {
				t.Errorf("NewClient with CA file %s: %v, want EINVALID on caFile", filepath.Base(path), err)
			}
		}
	})
}

func TestTestFallsBackWithoutBuildinfo(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/status/buildinfo") {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, `{"status":"success","data":{"resultType":"scalar","result":[1700000000,"1"]}}`)
	}))
	defer srv.Close()
	c, _ := NewClient(promSource(srv.URL), "")
	res, err := c.Test(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.Version != "" || !strings.HasPrefix(res.Message, "Prometheus answered in ") {
		t.Errorf("result = %+v, want no version and \"Prometheus answered in …\"", res)
	}
}

func TestAlertsAreForPrometheusOnly(t *testing.T) {
	src := promSource("http://127.0.0.1:1")
	src.Kind = domain.SourceGraphite
	c, _ := NewClient(src, "")
	_, err := c.Alerts(context.Background(), time.Unix(0, 0), time.Unix(3600, 0), time.Minute)
	if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(err.Error(), "alerts are read from Prometheus sources only") {
		t.Errorf("error = %v, want EINVALID: alerts are read from Prometheus sources only", err)
	}
}
