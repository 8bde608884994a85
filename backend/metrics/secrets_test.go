package metrics

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// TestKeyringRoundTrip uses the real Secret Service. Run it inside
//
//	dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; go test ...'
//
// Without a D-Bus session it fails when HINDSIGHT_REQUIRE_KEYRING=1 (as
// make test sets it) and is skipped otherwise.
func TestKeyringRoundTrip(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		if os.Getenv("HINDSIGHT_REQUIRE_KEYRING") == "1" {
			t.Fatal("no D-Bus session (DBUS_SESSION_BUS_ADDRESS is unset) and HINDSIGHT_REQUIRE_KEYRING=1: run the tests under dbus-run-session with gnome-keyring-daemon, as make test does")
		}
		t.Skip("no D-Bus session; set HINDSIGHT_REQUIRE_KEYRING=1 to make this a failure")
	}
	ks := Keyring()
	id := "test-" + uuid.NewString()
	const secret = "tok-éñ-🔑-" + "x"
	if v, err := ks.Get(id); err != nil || v != "" {
		t.Fatalf("Get of a missing secret = %q, %v; want \"\", nil", v, err)
	}
	if err := ks.Set(id, secret); err != nil {
		t.Fatalf("Set: %v", err)
	}
	t.Cleanup(func() { ks.Delete(id) })
	if v, err := ks.Get(id); err != nil || v != secret {
		t.Fatalf("Get = %q, %v; want the secret back", v, err)
	}
	if err := ks.Set(id, "replaced"); err != nil {
		t.Fatal(err)
	}
	src := &domain.MetricSource{ID: id, Name: "prod", Auth: domain.AuthBearer}
	if v, err := SecretFor(src, ks, func(string) string { return "" }); err != nil || v != "replaced" {
		t.Fatalf("SecretFor = %q, %v; want the replaced secret", v, err)
	}
	if err := ks.Delete(id); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if err := ks.Delete(id); err != nil {
		t.Fatalf("Delete of a missing secret: %v, want nil", err)
	}
	if v, err := ks.Get(id); err != nil || v != "" {
		t.Fatalf("Get after Delete = %q, %v", v, err)
	}
}

// TestKeyringWithoutSecretService runs the check below in a child process
// whose D-Bus address leads nowhere (go-keyring keeps one bus connection
// per process).
func TestKeyringWithoutSecretService(t *testing.T) {
	if os.Getenv("HINDSIGHT_KEYRING_CHILD") == "1" {
		t.Skip("only in the parent")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestKeyringChild$", "-test.v")
	cmd.Env = append(os.Environ(), "HINDSIGHT_KEYRING_CHILD=1", "DBUS_SESSION_BUS_ADDRESS=unix:path="+t.TempDir()+"/no-bus")
	started := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: TestKeyringChild") {
		t.Fatalf("the child did not run its check:\n%s", out)
	}
	if d := time.Since(started); d > 20*time.Second {
		t.Errorf("took %s", d)
	}
}

func TestKeyringChild(t *testing.T) {
	if os.Getenv("HINDSIGHT_KEYRING_CHILD") != "1" {
		t.Skip("run by TestKeyringWithoutSecretService")
	}
	_, err := Keyring().Get("x")
	var e *domain.Error
	if !errors.As(err, &e) || e.Code != domain.EUNAVAILABLE {
		t.Fatalf("Get = %v, want EUNAVAILABLE", err)
	}
	for _, want := range []string{"the OS keyring is not available (", "name an environment variable for the secret instead"} {
		if !strings.Contains(e.Message, want) {
			t.Errorf("message %q lacks %q", e.Message, want)
		}
	}
	t.Log(e.Message)
}

func TestKeyringCallGivesUpOnAHang(t *testing.T) {
	k := osKeyring{timeout: 50 * time.Millisecond}
	block := make(chan struct{})
	defer close(block)
	started := time.Now()
	err := k.call(func() error { <-block; return nil })
	if domain.ErrorCode(err) != domain.EUNAVAILABLE || !strings.Contains(err.Error(), "did not answer within 50ms") {
		t.Errorf("error = %v, want EUNAVAILABLE saying it did not answer", err)
	}
	if time.Since(started) > time.Second {
		t.Errorf("waited %s", time.Since(started))
	}
}

// fakeSecrets is a keyring in memory.
type fakeSecrets struct {
	m   map[string]string
	err error
}

func (f *fakeSecrets) Get(id string) (string, error) { return f.m[id], f.err }
func (f *fakeSecrets) Set(id, s string) error        { f.m[id] = s; return f.err }
func (f *fakeSecrets) Delete(id string) error        { delete(f.m, id); return f.err }

func TestSecretForNeverLeaksASecret(t *testing.T) {
	const kept, env = "keyring-secret-123", "env-secret-456"
	ks := &fakeSecrets{m: map[string]string{"other": kept}}
	getenv := func(name string) string {
		if name == "PROM_TOKEN" {
			return env
		}
		return ""
	}
	tests := []struct {
		name  string
		src   domain.MetricSource
		ks    Secrets
		want  string
		code  domain.Code
		field string
		msg   string
	}{
		{"no authentication needs no secret", domain.MetricSource{ID: "x", Auth: domain.AuthNone}, ks, "", "", "", ""},
		{"the environment variable is read", domain.MetricSource{ID: "x", Auth: domain.AuthBearer, SecretEnv: "PROM_TOKEN"}, ks, env, "", "", ""},
		{"an unset environment variable is named", domain.MetricSource{ID: "x", Name: "prod", Auth: domain.AuthBearer, SecretEnv: "MISSING_TOKEN"}, ks, "",
			domain.EINVALID, "secretEnv", "environment variable MISSING_TOKEN is not set"},
		{"the keyring is read", domain.MetricSource{ID: "other", Auth: domain.AuthBasic}, ks, kept, "", "", ""},
		{"a missing keyring secret says to set one", domain.MetricSource{ID: "x", Name: "prod", Auth: domain.AuthBasic}, ks, "",
			domain.EINVALID, "secret", "no token/password stored in the OS keyring for source prod; set one"},
		{"an unavailable keyring passes its error on", domain.MetricSource{ID: "other", Name: "prod", Auth: domain.AuthBearer},
			&fakeSecrets{m: map[string]string{"other": kept}, err: keyringUnavailable("no Secret Service is running")}, "",
			domain.EUNAVAILABLE, "", "the OS keyring is not available (no Secret Service is running)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SecretFor(&tt.src, tt.ks, getenv)
			if tt.code == "" {
				if err != nil || got != tt.want {
					t.Fatalf("SecretFor = %q, %v; want %q", got, err, tt.want)
				}
				return
			}
			var e *domain.Error
			if !errors.As(err, &e) || e.Code != tt.code || !strings.Contains(e.Error(), tt.msg) {
				t.Fatalf("error = %v, want %s with %q", err, tt.code, tt.msg)
			}
			if tt.field != "" && e.Fields[tt.field] == "" {
				t.Errorf("fields = %v, want %s", e.Fields, tt.field)
			}
			for _, s := range []string{kept, env} {
				if strings.Contains(e.Error(), s) || strings.Contains(e.Message, s) {
					t.Errorf("error %q leaks a secret", e.Error())
				}
			}
		})
	}
}
