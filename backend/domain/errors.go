// Package domain holds Hindsight's nouns, the rules that keep them valid, and the
// service contracts the store implements. It imports only the standard library.
package domain

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Code classifies an error for the outer layers: the CLI maps it to an exit
// code, the UI to a place on screen.
type Code string

const (
	// EINVALID: the input breaks a rule; Fields says which fields and why.
	EINVALID Code = "invalid"
	// ENOTFOUND: the thing named does not exist (or is in the trash when it
	// must not be).
	ENOTFOUND Code = "not_found"
	// ECONFLICT: the thing changed since the caller read it, or the request
	// clashes with its current state.
	ECONFLICT Code = "conflict"
	// EUNAVAILABLE: a service outside Hindsight (a monitoring API, the OS
	// keyring) failed or refused; Message says which and why, naming the
	// source and query, and is shown as it is.
	EUNAVAILABLE Code = "unavailable"
	// EINTERNAL: anything else. Shown as "Internal error" and logged.
	EINTERNAL Code = "internal"
)

// Error is the one error type that crosses package boundaries with a meaning
// a person can act on. Message is a full sentence; Fields maps a field name
// (as the UI and the CLI flags spell it, e.g. "startedAt") to what is wrong
// with it.
type Error struct {
	Code    Code              `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Message
	}
	// One line naming every field, in a stable order, for the CLI and logs.
	names := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		names = append(names, k)
	}
	sort.Strings(names)
	parts := make([]string, 0, len(names))
	for _, k := range names {
		parts = append(parts, k+": "+e.Fields[k])
	}
	return strings.Join(parts, "; ")
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err if it is (or wraps) an *Error, and
// EINTERNAL otherwise (including nil-safe handling: nil gives "").
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the human message of err if it is an *Error, and
// "Internal error." otherwise: internal details are logged, not shown.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return "Internal error."
}

// FieldErrors collects per-field problems during validation.
type FieldErrors map[string]string

// Add records the first problem for a field; later ones for the same field
// are dropped so the message stays short.
func (f FieldErrors) Add(field, format string, args ...any) {
	if _, ok := f[field]; !ok {
		f[field] = fmt.Sprintf(format, args...)
	}
}

// Err returns nil when there are no problems, or an EINVALID *Error.
func (f FieldErrors) Err() error {
	if len(f) == 0 {
		return nil
	}
	e := &Error{Code: EINVALID, Fields: map[string]string(f)}
	e.Message = e.Error()
	return e
}
