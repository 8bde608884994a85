package metrics

import (
	"errors"
	"strings"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// Secrets keeps the token or password of each source, named by the
// source's ID. Implementations never log or echo a secret.
type Secrets interface {
	// Get returns the source's secret, or "" and no error when none is
	// stored.
	Get(sourceID string) (string, error)
	// Set stores the source's secret, replacing any earlier one.
	Set(sourceID, secret string) error
	// Delete removes the source's secret; deleting a missing one is not an
	// error.
	Delete(sourceID string) error
}

// keyringService is the service name under which secrets are kept in the
// OS keyring; the user name is "source:" + the source's ID.
const keyringService = "hindsight"

// keyringTimeout bounds one keyring call. go-keyring has no timeout of its
// own, and a Secret Service that never answers (a locked keyring waiting
// for a prompt no one sees, a D-Bus without the service) would hang the
// caller.
const keyringTimeout = 5 * time.Second

// Keyring returns the OS keyring (Secret Service on Linux, Keychain on
// macOS, Credential Manager on Windows). When the keyring is not there or
// does not answer within 5 s, calls return EUNAVAILABLE saying to use an
// environment variable instead.
func Keyring() Secrets { return osKeyring{timeout: keyringTimeout} }

type osKeyring struct{ timeout time.Duration }

func keyringUser(sourceID string) string { return "source:" + sourceID }

func (k osKeyring) Get(sourceID string) (string, error) {
	var secret string
	err := k.call(func() error {
		s, err := keyring.Get(keyringService, keyringUser(sourceID))
		secret = s
		return err
	})
	if errors.Is(err, keyring.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return secret, nil
}

func (k osKeyring) Set(sourceID, secret string) error {
	return k.call(func() error { return keyring.Set(keyringService, keyringUser(sourceID), secret) })
}

func (k osKeyring) Delete(sourceID string) error {
	err := k.call(func() error { return keyring.Delete(keyringService, keyringUser(sourceID)) })
	if errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return err
}

// call runs f in a goroutine and gives up after k.timeout; the goroutine is
// left to finish on its own (it holds no lock of ours). ErrNotFound passes
// through; every other failure becomes EUNAVAILABLE.
func (k osKeyring) call(f func() error) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(k.timeout):
		return keyringUnavailable("it did not answer within " + k.timeout.String())
	}
	switch {
	case err == nil, errors.Is(err, keyring.ErrNotFound):
		return err
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return domain.Errorf(domain.EINVALID, "the secret is too long for the OS keyring")
	}
	return keyringUnavailable(keyringReason(err))
}

// keyringReason shortens go-keyring's and D-Bus's errors to a phrase. They
// name the service and the bus, never the secret.
func keyringReason(err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "org.freedesktop.secrets") || strings.Contains(msg, "ServiceUnknown"):
		return "no Secret Service is running"
	case strings.Contains(msg, "dial unix") || strings.Contains(msg, "connect:"):
		return "the D-Bus session bus does not answer"
	case strings.Contains(msg, "DBUS_SESSION_BUS_ADDRESS") || strings.Contains(msg, "session bus") || strings.Contains(msg, "dbus"):
		return "there is no D-Bus session"
	}
	return msg
}

func keyringUnavailable(reason string) error {
	return domain.Errorf(domain.EUNAVAILABLE,
		"the OS keyring is not available (%s); name an environment variable for the secret instead", reason)
}

// SecretFor returns the token or password to use for src: "" when the
// source needs none, else the environment variable src.SecretEnv names
// (getenv reads it), else the keyring's. A missing secret is EINVALID on
// "secretEnv" or "secret"; an unreachable keyring is EUNAVAILABLE. No error
// ever holds the secret.
func SecretFor(src *domain.MetricSource, ks Secrets, getenv func(string) string) (string, error) {
	if src.Auth == domain.AuthNone || src.Auth == "" {
		return "", nil
	}
	if src.SecretEnv != "" {
		v := getenv(src.SecretEnv)
		if v == "" {
			return "", fieldError("secretEnv", "environment variable %s is not set", src.SecretEnv)
		}
		return v, nil
	}
	if ks == nil {
		return "", fieldError("secret", "no token/password stored for source %s (no keyring); set one or name an environment variable", src.Name)
	}
	v, err := ks.Get(src.ID)
	if err != nil {
		return "", err
	}
	if v == "" {
		return "", fieldError("secret", "no token/password stored in the OS keyring for source %s; set one", src.Name)
	}
	return v, nil
}
