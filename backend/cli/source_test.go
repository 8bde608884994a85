package cli

import (
	"bytes"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hindsight-app/hindsight/backend/metrics"
)

// fakeKeyring stands in for the OS keyring: tests never touch the real one.
type fakeKeyring struct {
	mu      sync.Mutex
	secrets map[string]string
}

func (k *fakeKeyring) Get(id string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.secrets[id], nil
}

func (k *fakeKeyring) Set(id, secret string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.secrets[id] = secret
	return nil
}

func (k *fakeKeyring) Delete(id string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.secrets, id)
	return nil
}

// useFakeKeyring makes the CLI keep secrets in a map for this test.
func useFakeKeyring(t *testing.T) *fakeKeyring {
	t.Helper()
	k := &fakeKeyring{secrets: map[string]string{}}
	prev := keyring
	keyring = func() metrics.Secrets { return k }
	t.Cleanup(func() { keyring = prev })
	return k
}

// closedPort is an address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func (w *world) sources() []sourceJSON {
	w.t.Helper()
	var out []sourceJSON
	if err := json.Unmarshal([]byte(w.ok("source", "list", "--json")), &out); err != nil {
		w.t.Fatal(err)
	}
	return out
}

func TestASecretFromStdinGoesToTheKeyringAndNeverIntoTheDatabase(t *testing.T) {
	w := newWorld(t)
	k := useFakeKeyring(t)
	const secret = "glpat-Zm9vYmFyYmF6cXV4-very-secret"
	r := w.run(secret+"\n", "source", "add", "prod-prom", "--kind", "prometheus", "--url", "https://prom.example.com/",
		"--auth", "bearer", "--secret-stdin")
	if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, "Added source prod-prom") || !strings.Contains(r.stdout, "OS keyring") {
		t.Fatalf("source add: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	list := w.sources()
	if len(list) != 1 || list[0].Secret != "keyring" || list[0].Auth != "bearer" || list[0].URL != "https://prom.example.com" {
		t.Fatalf("source list = %+v", list)
	}
	if got := k.secrets[list[0].ID]; got != secret {
		t.Errorf("keyring holds %q under the source's id, want the secret without its line end", got)
	}
	human := w.ok("source", "list")
	if !strings.Contains(human, "prod-prom") || !strings.Contains(human, "OS keyring") {
		t.Errorf("source list:\n%s", human)
	}
	// Nowhere in the database files (the WAL included), nor in any output.
	files, _ := filepath.Glob(w.env["HINDSIGHT_DB"] + "*")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(secret)) || bytes.Contains(b, []byte("Zm9vYmFyYmF6cXV4")) {
			t.Errorf("%s holds the secret", filepath.Base(f))
		}
	}
	if strings.Contains(human+r.stdout+w.ok("source", "list", "--json"), "Zm9vYmFyYmF6cXV4") {
		t.Error("the secret was printed")
	}

	if out := w.ok("source", "remove", "PROD-PROM"); out != "Removed source prod-prom\n" {
		t.Errorf("remove: %q", out)
	}
	if len(k.secrets) != 0 {
		t.Errorf("keyring after remove = %v; want the secret deleted", k.secrets)
	}
	if list := w.sources(); len(list) != 0 {
		t.Errorf("sources after remove = %+v", list)
	}
}

func TestSourceAddRefusesBadInputNamingTheFlag(t *testing.T) {
	useFakeKeyring(t)
	base := []string{"source", "add", "p", "--kind", "prometheus", "--url", "http://localhost:9090"}
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		words []string
	}{
		{"an unknown kind", "", []string{"source", "add", "p", "--kind", "influx", "--url", "http://h"}, []string{"kind:", "influx"}},
		{"no URL", "", []string{"source", "add", "p", "--kind", "prometheus"}, []string{"url:", "required"}},
		{"a URL with a password in it", "", []string{"source", "add", "p", "--kind", "prometheus", "--url", "http://u:pw@h"}, []string{"url:", "keyring"}},
		{"a name with a space", "", []string{"source", "add", "p q", "--kind", "prometheus", "--url", "http://h"}, []string{"name:"}},
		{"bearer without a secret", "", append(base, "--auth", "bearer"), []string{"auth:", "--secret-stdin", "--secret-env"}},
		{"basic without a user", "pw", append(base, "--auth", "basic", "--secret-stdin"), []string{"user:", "required"}},
		{"a secret for a source without auth", "tok", append(base, "--secret-stdin"), []string{"secret-stdin:", "--auth bearer"}},
		{"an empty stdin", "\n", append(base, "--auth", "bearer", "--secret-stdin"), []string{"secret-stdin:", "empty"}},
		{"both places for the secret", "tok", append(base, "--auth", "bearer", "--secret-stdin", "--secret-env", "TOK"), []string{"not both"}},
		{"a bad variable name", "", append(base, "--auth", "bearer", "--secret-env", "1TOK"), []string{"secret-env:"}},
		{"a timeout that is not whole seconds", "", append(base, "--timeout", "1500ms"), []string{"timeout:", "whole number of seconds"}},
		{"a timeout too long", "", append(base, "--timeout", "1h"), []string{"timeout:", "600"}},
		{"a timeout that is not a duration", "", append(base, "--timeout", "soon"), []string{"--timeout"}},
		{"a CA file that is not there", "", append(base, "--ca-file", "/nonexistent/ca.pem"), []string{"ca-file:", "ca.pem"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			r := w.run(tc.stdin, tc.args...)
			if r.code != 2 {
				t.Fatalf("exit %d (stderr %q), want 2", r.code, r.stderr)
			}
			checkOneErrorLine(t, r.stderr, tc.words...)
		})
	}
	w := newWorld(t)
	w.ok("source", "add", "p", "--kind", "prometheus", "--url", "http://h")
	w.fails(2, []string{"name:", "taken"}, "source", "add", "P", "--kind", "graphite", "--url", "http://g")
	w.fails(3, []string{"no monitoring source", "nope"}, "source", "test", "nope")
	w.fails(3, []string{"no monitoring source"}, "source", "remove", "nope")
}

func TestSkippingTLSVerificationWarnsAndShows(t *testing.T) {
	w := newWorld(t)
	useFakeKeyring(t)
	r := w.run("", "source", "add", "lab", "--kind", "graphite", "--url", "https://graphite.lab", "--insecure-skip-verify",
		"--auth", "basic", "--user", "ops", "--secret-env", "GRAPHITE_PW", "--timeout", "2m")
	if r.code != 0 || !strings.Contains(r.stderr, "warning") || !strings.Contains(r.stderr, "not verified") {
		t.Fatalf("exit %d, stderr %q; want 0 and a warning", r.code, r.stderr)
	}
	list := w.sources()
	if len(list) != 1 || !list[0].SkipVerify || list[0].Secret != "env" || list[0].SecretEnv != "GRAPHITE_PW" ||
		list[0].TimeoutSeconds != 120 || list[0].Username != "ops" {
		t.Errorf("list = %+v", list)
	}
	if out := w.ok("source", "list"); !strings.Contains(out, "NOT VERIFIED") || !strings.Contains(out, "env GRAPHITE_PW") || !strings.Contains(out, "basic (ops)") {
		t.Errorf("list:\n%s", out)
	}
	// The secret is read from the environment when it is needed; unset, the
	// test says so before connecting.
	w.fails(2, []string{"GRAPHITE_PW"}, "source", "test", "lab")
}

func TestSourceTestAgainstAClosedPortIsUnavailable(t *testing.T) {
	w := newWorld(t)
	useFakeKeyring(t)
	w.ok("source", "add", "down", "--kind", "prometheus", "--url", "http://"+closedPort(t), "--timeout", "2s")
	r := w.run("", "source", "test", "down")
	if r.code != 6 {
		t.Fatalf("exit %d (stderr %q), want 6", r.code, r.stderr)
	}
	checkOneErrorLine(t, r.stderr, "down")
}
