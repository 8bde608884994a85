package metrics

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strings"
	"syscall"
	"unicode/utf8"

	v1 "github.com/prometheus/client_golang/api/prometheus/v1"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// ErrCancelled is returned (wrapped) when the caller cancels a fetch. It
// satisfies errors.Is(err, context.Canceled) and says only "cancelled":
// the person who cancelled knows what they cancelled.
var ErrCancelled error = cancelledError{}

type cancelledError struct{}

func (cancelledError) Error() string        { return "cancelled" }
func (cancelledError) Is(target error) bool { return target == context.Canceled }

// errTooLarge is what the body reader returns past the client's limit.
var errTooLarge = errors.New("response too large")

// fieldError is EINVALID on one field, with the same sentence as message.
func fieldError(field, format string, args ...any) *domain.Error {
	msg := fmt.Sprintf(format, args...)
	return &domain.Error{Code: domain.EINVALID, Message: msg, Fields: map[string]string{field: msg}}
}

// clip shortens s to n runes for a message.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// callInfo records what the transport saw of one call's last HTTP answer;
// the Prometheus client library drops the response, and the status is
// what tells a 401 from a 404.
type callInfo struct {
	status int
}

type callInfoKey struct{}

func withCallInfo(ctx context.Context) (context.Context, *callInfo) {
	ci := &callInfo{}
	return context.WithValue(ctx, callInfoKey{}, ci), ci
}

func callInfoFrom(ctx context.Context) *callInfo {
	ci, _ := ctx.Value(callInfoKey{}).(*callInfo)
	return ci
}

// failure turns any error of one call into what a person can act on, named
// by source and query. parent is the caller's context (to tell their
// cancel from our timeout); status is the HTTP status seen (0: none).
func (c *Client) failure(parent context.Context, query string, status int, err error) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	if errors.Is(parent.Err(), context.Canceled) {
		return ErrCancelled
	}
	prefix := c.prefix(query)
	kind := c.kindName()
	unavailable := func(format string, args ...any) error {
		return domain.Errorf(domain.EUNAVAILABLE, "%s: %s", prefix, fmt.Sprintf(format, args...))
	}

	if errors.Is(err, errTooLarge) {
		return unavailable("the response is larger than %s; narrow the query or the window, or raise the step", fmtBytes(c.limit()))
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return unavailable("no answer within %s; narrow the window, raise the step, or raise the source's timeout", fmtSeconds(c.timeout))
	}
	if e, ok := tlsProblem(err); ok {
		return unavailable("%s", e)
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return unavailable("nothing answered at %s (connection refused); is the server running, and is the port right?", c.src.URL)
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return unavailable("the host %s could not be found (DNS: %s); check the URL", dns.Name, dns.Err)
	}
	var ae *v1.Error
	if errors.As(err, &ae) {
		return c.apiFailure(prefix, query, status, ae)
	}
	if status != 0 && (status < 200 || status > 299) {
		return c.statusFailure(prefix, status, "")
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	if errors.As(err, &se) || errors.As(err, &te) || status/100 == 2 {
		return unavailable("the answer is not valid %s JSON: %s", kind, jsonReason(err.Error()))
	}
	var oe *net.OpError
	if errors.As(err, &oe) {
		return unavailable("could not reach %s (%s)", c.src.URL, clip(oe.Err.Error(), 200))
	}
	return unavailable("the request to %s failed: %s", c.src.URL, clip(err.Error(), 200))
}

// apiFailure maps an error the Prometheus client library parsed.
func (c *Client) apiFailure(prefix, query string, status int, ae *v1.Error) error {
	switch ae.Type {
	case v1.ErrBadData:
		return fieldError("query", "%s: Prometheus refused the query (%s bad_data): %s", prefix, statusOr(status, 400), clip(ae.Msg, 300))
	case v1.ErrExec:
		if status == 0 || status == http.StatusUnprocessableEntity || status == http.StatusBadRequest {
			return fieldError("query", "%s: Prometheus could not run the query (%s execution): %s", prefix, statusOr(status, 422), clip(ae.Msg, 300))
		}
	case v1.ErrTimeout:
		return domain.Errorf(domain.EUNAVAILABLE, "%s: the server timed out evaluating the query (%s); narrow the window or raise the step", prefix, statusOr(status, 503))
	case v1.ErrCanceled:
		return domain.Errorf(domain.EUNAVAILABLE, "%s: the server cancelled the query (%s); try again", prefix, statusOr(status, 499))
	case v1.ErrBadResponse:
		if status/100 == 2 || status == 0 {
			return domain.Errorf(domain.EUNAVAILABLE, "%s: the answer is not valid %s JSON: %s", prefix, c.kindName(), jsonReason(ae.Msg))
		}
	}
	// ErrServer and ErrClient carry the raw body in Detail: it may be
	// Prometheus's JSON error (a 503 timeout) or a proxy's HTML page.
	var body struct {
		Status    string `json:"status"`
		ErrorType string `json:"errorType"`
		Error     string `json:"error"`
	}
	if json.Unmarshal([]byte(ae.Detail), &body) == nil && body.Status == "error" {
		switch v1.ErrorType(body.ErrorType) {
		case v1.ErrTimeout:
			return domain.Errorf(domain.EUNAVAILABLE, "%s: the server timed out evaluating the query (%s); narrow the window or raise the step", prefix, statusOr(status, 503))
		case v1.ErrBadData, v1.ErrExec:
			return c.apiFailure(prefix, query, status, &v1.Error{Type: v1.ErrorType(body.ErrorType), Msg: body.Error})
		}
		return c.statusFailure(prefix, status, body.Error)
	}
	if status == 0 {
		return domain.Errorf(domain.EUNAVAILABLE, "%s: the server answered with an error (%s): %s", prefix, ae.Type, clip(ae.Msg, 200))
	}
	return c.statusFailure(prefix, status, ae.Detail)
}

// statusFailure maps an HTTP status that is not success. detail is the
// body or the API's error message, shown shortened when it is text.
func (c *Client) statusFailure(prefix string, status int, detail string) error {
	st := fmt.Sprintf("%d %s", status, http.StatusText(status))
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		what := "the token"
		switch c.src.Auth {
		case domain.AuthBasic:
			what = "the user name and password"
		case domain.AuthNone, "":
			what = "whether the source needs authentication"
		}
		return domain.Errorf(domain.EUNAVAILABLE, "%s: the server refused the credentials (%s); check %s", prefix, st, what)
	case status == http.StatusNotFound:
		return domain.Errorf(domain.EUNAVAILABLE, "%s: no %s API at %s (404): check the URL and path prefix", prefix, c.kindName(), c.src.URL)
	case status == http.StatusServiceUnavailable && looksLikeTimeout(detail):
		return domain.Errorf(domain.EUNAVAILABLE, "%s: the server timed out evaluating the query (503); narrow the window or raise the step", prefix)
	}
	d := textDetail(detail)
	if d != "" {
		d = ": " + d
	}
	return domain.Errorf(domain.EUNAVAILABLE, "%s: the server answered %s%s", prefix, st, d)
}

func looksLikeTimeout(s string) bool {
	s = strings.ToLower(s)
	return strings.Contains(s, "timeout") || strings.Contains(s, "timed out")
}

// textDetail keeps a short plain-text body for a message, and drops HTML
// pages and binary noise.
func textDetail(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasPrefix(s, "<") || !utf8.ValidString(s) {
		return ""
	}
	return clip(s, 200)
}

func statusOr(status, def int) string {
	if status == 0 {
		status = def
	}
	return fmt.Sprint(status)
}

// tlsProblem names a certificate problem and what to do about it.
func tlsProblem(err error) (string, bool) {
	var ua x509.UnknownAuthorityError
	var he x509.HostnameError
	var ci x509.CertificateInvalidError
	var rec tls.RecordHeaderError
	switch {
	case errors.As(err, &ua):
		return "the server's TLS certificate is signed by an unknown authority; give the source a CA file (PEM) that includes it, or, only for a test server, turn certificate checks off", true
	case errors.As(err, &he):
		names := "no host names"
		if he.Certificate != nil {
			names = strings.Join(append(append([]string{}, he.Certificate.DNSNames...), ipStrings(he.Certificate.IPAddresses)...), ", ")
		}
		return fmt.Sprintf("the server's TLS certificate is not valid for this host (it names %s, not %s); use a host name the certificate names",
			clip(names, 200), clip(he.Host, 100)), true
	case errors.As(err, &ci):
		return fmt.Sprintf("the server's TLS certificate is not valid (%s); give the source a CA file (PEM) or fix the server's certificate",
			clip(strings.TrimPrefix(ci.Error(), "x509: "), 200)), true
	case errors.As(err, &rec):
		return "the server did not answer with TLS; use http:// instead of https://", true
	}
	var ve *tls.CertificateVerificationError
	if errors.As(err, &ve) {
		return fmt.Sprintf("the server's TLS certificate could not be verified (%s); give the source a CA file (PEM)",
			clip(strings.TrimPrefix(ve.Err.Error(), "x509: "), 200)), true
	}
	return "", false
}

func ipStrings(ips []net.IP) []string {
	out := make([]string, len(ips))
	for i, ip := range ips {
		out[i] = ip.String()
	}
	return out
}

var jsonOffsetRE = regexp.MustCompile(`error found in #(\d+) byte|offset (\d+)`)

// jsonReason says briefly where a JSON answer went wrong, without the
// decoder's internals (json-iterator's messages quote type names and raw
// bytes).
func jsonReason(msg string) string {
	if m := jsonOffsetRE.FindStringSubmatch(msg); m != nil {
		return "it is malformed near byte " + m[1] + m[2]
	}
	if strings.Contains(msg, "EOF") {
		return "it ends early"
	}
	if i := strings.LastIndex(msg, ": "); i >= 0 && strings.Contains(msg[:i], "ReadObject") {
		msg = msg[i+2:]
	}
	return clip(strings.TrimPrefix(msg, "json: "), 200)
}

// fmtBytes writes a size limit: "256 MB", or bytes below a megabyte.
func fmtBytes(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
