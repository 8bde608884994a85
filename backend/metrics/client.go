// Package metrics fetches time series from monitoring APIs (Prometheus and
// Graphite) into snapshots an incident keeps as evidence, and computes what
// the UI and the CLI show of them: statistics, the baseline departure,
// detection lag, a decimated chart, CSV and SVG.
//
// It depends on the domain and on the HTTP client libraries only; the
// store is reached through domain.MetricService, so the app layer and the
// CLI share one Service.
package metrics

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/prometheus/client_golang/api"
	v1 "github.com/prometheus/client_golang/api/prometheus/v1"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// MaxResponseBytes is the default limit on one answer's body: a query
// that returns more is refused rather than filling memory.
const MaxResponseBytes = 256 << 20

// Client talks to one monitoring source. It is safe for concurrent use.
type Client struct {
	// MaxResponseBytes limits one answer's body (MaxResponseBytes unless a
	// test lowers it).
	MaxResponseBytes int64

	src     domain.MetricSource
	timeout time.Duration
	http    *http.Client
	prom    v1.API
}

// Query is what to fetch: an expression (PromQL, or a Graphite target)
// over a window at a step.
type Query struct {
	Expr       string
	Start, End time.Time
	Step       time.Duration
}

// TestResult is what a connection test found.
type TestResult struct {
	// Version is the server's version when it says ("2.42.0"), else "".
	Version string        `json:"version"`
	Elapsed time.Duration `json:"elapsed"`
	// Message is one sentence for the UI: "Prometheus 2.42.0 answered in 12 ms".
	Message string `json:"message"`
}

// NewClient returns a client for src using secret (the bearer token or the
// basic password; "" for none). TLS is verified unless src.SkipVerify;
// src.CAFile's certificates are trusted besides the system's. A CA file
// that cannot be read or holds no certificate is EINVALID on "caFile".
func NewClient(src *domain.MetricSource, secret string) (*Client, error) {
	tlsConf := &tls.Config{MinVersion: tls.VersionTLS12}
	if src.CAFile != "" {
		pem, err := os.ReadFile(src.CAFile)
		if err != nil {
			return nil, fieldError("caFile", "cannot read the CA file %s: %s", src.CAFile, osReason(err))
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fieldError("caFile", "%s holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)", src.CAFile)
		}
		tlsConf.RootCAs = pool
	}
	if src.SkipVerify {
		tlsConf.InsecureSkipVerify = true
	}
	base := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSClientConfig:       tlsConf,
		TLSHandshakeTimeout:   10 * time.Second,
		ForceAttemptHTTP2:     true,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
		ResponseHeaderTimeout: src.Timeout(),
		// gzip saves a remote source two thirds of the download but costs
		// more than it saves on this machine (Prometheus compresses 7 MB
		// in about 0.5 s): ask a loopback source for plain JSON.
		DisableCompression: isLoopback(src.URL),
	}
	c := &Client{MaxResponseBytes: MaxResponseBytes, src: *src, timeout: src.Timeout()}
	c.http = &http.Client{Transport: &transport{c: c, base: base, secret: secret}}
	if src.Kind == domain.SourcePrometheus {
		ac, err := api.NewClient(api.Config{Address: src.URL, Client: c.http})
		if err != nil {
			return nil, fieldError("url", "is not a usable address: %s", clip(err.Error(), 100))
		}
		c.prom = v1.NewAPI(ac)
	}
	return c, nil
}

// Source returns the source the client was made for.
func (c *Client) Source() domain.MetricSource { return c.src }

func osReason(err error) string {
	switch {
	case os.IsNotExist(err):
		return "no such file"
	case os.IsPermission(err):
		return "permission denied"
	}
	return err.Error()
}

// transport adds the credentials, records the status for error messages
// and limits the body.
type transport struct {
	c      *Client
	base   http.RoundTripper
	secret string
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	switch t.c.src.Auth {
	case domain.AuthBearer:
		req.Header.Set("Authorization", "Bearer "+t.secret)
	case domain.AuthBasic:
		req.SetBasicAuth(t.c.src.Username, t.secret)
	}
	req.Header.Set("User-Agent", "Hindsight")
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if ci := callInfoFrom(req.Context()); ci != nil {
		ci.status = resp.StatusCode
	}
	limit := t.c.limit()
	if resp.ContentLength > limit {
		resp.Body.Close()
		return nil, errTooLarge
	}
	resp.Body = &limitedBody{r: resp.Body, left: limit}
	return resp, nil
}

// limit is MaxResponseBytes, or the default when unset.
func (c *Client) limit() int64 {
	if c.MaxResponseBytes <= 0 {
		return MaxResponseBytes
	}
	return c.MaxResponseBytes
}

// limitedBody fails with errTooLarge once more than its limit is read, so
// a truncated answer is never parsed as if whole.
type limitedBody struct {
	r    io.ReadCloser
	left int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	if b.left < 0 {
		return n, errTooLarge
	}
	return n, err
}

func (b *limitedBody) Close() error { return b.r.Close() }

// call runs f with the source's timeout and maps its error.
func (c *Client) call(ctx context.Context, query string, f func(ctx context.Context) error) error {
	if err := ctx.Err(); err != nil {
		return c.failure(ctx, query, 0, err)
	}
	cctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	cctx, ci := withCallInfo(cctx)
	err := f(cctx)
	if err != nil && ctx.Err() == nil && cctx.Err() == context.DeadlineExceeded {
		err = context.DeadlineExceeded
	}
	return c.failure(ctx, query, ci.status, err)
}

func (c *Client) kindName() string {
	if c.src.Kind == domain.SourceGraphite {
		return "Graphite"
	}
	return "Prometheus"
}

// prefix starts every message: which source, which query.
func (c *Client) prefix(query string) string {
	return fmt.Sprintf("source %q query %q", c.src.Name, clip(query, 120))
}

// Test checks that the source answers and returns its version when it
// says: Prometheus's buildinfo (or, where that is missing, the query "1"),
// Graphite's render of constantLine(1). Its errors are those of Fetch,
// naming what was asked as the query.
func (c *Client) Test(ctx context.Context) (TestResult, error) {
	started := time.Now()
	var version, what string
	var err error
	if c.src.Kind == domain.SourceGraphite {
		what = "constantLine(1)"
		err = c.call(ctx, what, func(ctx context.Context) error {
			_, err := c.graphiteRender(ctx, what, started.Add(-5*time.Minute), started)
			return err
		})
	} else {
		what = "/api/v1/status/buildinfo"
		err = c.call(ctx, what, func(ctx context.Context) error {
			bi, err := c.prom.Buildinfo(ctx)
			if err == nil {
				version = bi.Version
				return nil
			}
			// Thanos, VictoriaMetrics and some proxies have no buildinfo;
			// a trivial query proves the API answers.
			if ci := callInfoFrom(ctx); ci != nil && ci.status == http.StatusNotFound {
				_, _, err = c.prom.Query(ctx, "1", time.Time{})
			}
			return err
		})
	}
	if err != nil {
		return TestResult{}, err
	}
	elapsed := time.Since(started)
	name := c.kindName()
	if version != "" {
		name += " " + version
	}
	return TestResult{Version: version, Elapsed: elapsed,
		Message: fmt.Sprintf("%s answered in %d ms", name, elapsed.Milliseconds())}, nil
}

// Fetch runs q and returns its series sorted by key, each with points
// sorted by time. More than domain.MaxSeriesPerSnapshot series is EINVALID
// on "query", suggesting aggregation. Every error is a *domain.Error naming
// the source and the query, or ErrCancelled.
func (c *Client) Fetch(ctx context.Context, q Query) ([]domain.Series, error) {
	var out []domain.Series
	err := c.call(ctx, q.Expr, func(ctx context.Context) error {
		var err error
		if c.src.Kind == domain.SourceGraphite {
			out, err = c.graphiteRender(ctx, q.Expr, q.Start, q.End)
		} else {
			out, err = c.promRange(ctx, q)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(out) > domain.MaxSeriesPerSnapshot {
		hint := "aggregate it, e.g. sum by (service) (...) or topk(20, ...)"
		if c.src.Kind == domain.SourceGraphite {
			hint = "aggregate it, e.g. sumSeriesWithWildcards(...) or highestMax(..., 20)"
		}
		return nil, fieldError("query", "%s: the query returned %d series; a snapshot holds at most %d: %s",
			c.prefix(q.Expr), len(out), domain.MaxSeriesPerSnapshot, hint)
	}
	return out, nil
}

// SeriesKey is how a series is named within its query: its labels sorted
// by name, `{a="x", b="y"}`, values quoted as in PromQL.
func SeriesKey(labels map[string]string) string {
	names := sortedKeys(labels)
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s=%q", k, labels[k])
	}
	b.WriteByte('}')
	return b.String()
}

// isLoopback reports whether the source's URL names this machine.
func isLoopback(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
