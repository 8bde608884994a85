//go:build bindings

package app

// GeneratingBindings is true when the wails CLI builds this binary only to
// read its bound methods: main then opens no database and parses no flags.
const GeneratingBindings = true
