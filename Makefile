# Hindsight build, test and release targets.
#
#   make deps      install what is missing (apt packages, wails CLI, node_modules)
#   make build     production binary at build/bin/hindsight
#   make run       build, then start it (make run ARGS="--db /tmp/x.db")
#   make dev       wails dev (hot reload)
#   make bindings  regenerate frontend/wailsjs
#   make lint      gofmt, go vet, svelte-check
#   make test      deps, lint, go test -race, vitest, e2e, smoke   (what CI runs)
#   make e2e       end-to-end tests: wails dev + headless Chromium (frontend/e2e)
#   make smoke     production binary under Xvfb: first paint, screenshot, memory
#   make bench     Go benchmarks
#   make fuzz      the timeline parser under the fuzzer (FUZZTIME=60s)
#
# Everything works without a display: e2e and smoke start their own Xvfb.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build
.DELETE_ON_ERROR:

GO        ?= go
GOBIN_DIR := $(firstword $(subst :, ,$(shell $(GO) env GOPATH)))/bin
WAILS     := $(GOBIN_DIR)/wails
WAILS_VERSION := v2.11.0

# Go build tags: the desktop build needs webkit2_41 (Debian 12 ships only
# webkit2gtk-4.1); every Go build and test needs sqlite_fts5.
TAGS       := webkit2_41 sqlite_fts5
TAGS_COMMA := webkit2_41,sqlite_fts5
TEST_TAGS  := sqlite_fts5

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo 0.1.0-dev)
LDFLAGS := -X main.version=$(VERSION)

# Debian names the browser package chromium; Ubuntu chromium-browser.
CHROMIUM_PKG := $(shell . /etc/os-release 2>/dev/null; [ "$$ID" = ubuntu ] && echo chromium-browser || echo chromium)
# prometheus, graphite-web and python3-whisper: real monitoring servers the
# metric tests start on 127.0.0.1; gnome-keyring and dbus: the OS keyring the
# secret tests use, as on a desktop.
APT_PACKAGES := build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev \
                xvfb xauth $(CHROMIUM_PKG) imagemagick xdotool \
                prometheus graphite-web python3-whisper gnome-keyring dbus
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

NODE_STAMP := frontend/node_modules/.hindsight-npm-ci.stamp
BIN := build/bin/hindsight
ARGS ?=
DEV_ARGS ?=

export CGO_ENABLED := 1

.PHONY: all deps deps-apt deps-wails deps-node frontend build run dev bindings \
        lint test test-go test-frontend e2e smoke bench fuzz clean

all: build

# ---------------------------------------------------------------- deps

deps: deps-apt deps-wails deps-node

deps-apt:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo ">> apt: installing$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

deps-wails:
	@v=$$("$(WAILS)" version 2>/dev/null || true); \
	if [[ "$$v" != *'$(WAILS_VERSION)'* ]]; then \
	  echo ">> installing wails $(WAILS_VERSION) into $(GOBIN_DIR)"; \
	  GOBIN="$(GOBIN_DIR)" $(GO) install github.com/wailsapp/wails/v2/cmd/wails@$(WAILS_VERSION); \
	fi

deps-node: $(NODE_STAMP)
	@:

$(NODE_STAMP): frontend/package-lock.json frontend/package.json
	@echo ">> npm ci (frontend)"
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# ---------------------------------------------------------------- build

frontend: deps-node
	cd frontend && npm run build

build: deps frontend
	@echo ">> wails build $(VERSION)"
	"$(WAILS)" build -tags "$(TAGS)" -s -m -nosyncgomod -skipbindings -nocolour \
	  -ldflags "$(LDFLAGS)"
	@test -x $(BIN) && ls -l $(BIN)

run: build
	./$(BIN) $(ARGS)

# -s: vite serves the frontend (no npm run build first); -m -nosyncgomod: leave
# go.mod alone. Extra flags: make dev DEV_ARGS="-appargs '--db /tmp/dev.db'".
dev: deps
	"$(WAILS)" dev -tags "$(TAGS_COMMA)" -s -m -nosyncgomod $(DEV_ARGS)

bindings: deps-wails deps-node
	"$(WAILS)" generate module -tags "$(TAGS_COMMA)"
	@# generate writes the runtime files 0755, wails dev 0644: keep one mode.
	chmod 644 frontend/wailsjs/runtime/*

# ---------------------------------------------------------------- checks

lint: deps-node
	@unformatted=$$(git ls-files -co --exclude-standard -- '*.go' \
	  | while read -r f; do [ -f "$$f" ] && echo "$$f"; done | xargs -r gofmt -l); \
	if [ -n "$$unformatted" ]; then \
	  echo "gofmt: these files need formatting (run gofmt -w):"; echo "$$unformatted"; exit 1; \
	fi
	$(GO) vet -tags $(TEST_TAGS) ./...
	cd frontend && npm run check

test:
	@t0=$$(date +%s); stage() { local s=$$(date +%s); $(MAKE) --no-print-directory "$$1"; \
	  echo ">> make $$1: $$(( $$(date +%s) - s ))s"; }; \
	stage deps; stage lint; stage test-go; stage test-frontend; stage e2e; stage smoke; \
	echo ">> make test: all stages passed in $$(( $$(date +%s) - t0 ))s"

# Inside a private D-Bus session with a fresh, unlocked gnome-keyring (its
# files in a throwaway folder, so an existing login keyring is never asked
# for its password), so the keyring tests use the real Secret Service;
# HINDSIGHT_REQUIRE_KEYRING (and _MARKDOWNLINT, for the postmortem golden
# files) make them fail, not skip, if what they need is missing.
test-go:
	keyrings=$$(mktemp -d); trap 'rm -rf "$$keyrings"' EXIT; \
	dbus-run-session -- sh -c 'echo -n hindsight | XDG_DATA_HOME="$$0" gnome-keyring-daemon --unlock --components=secrets >/dev/null && \
	  HINDSIGHT_REQUIRE_KEYRING=1 HINDSIGHT_REQUIRE_MARKDOWNLINT=1 $(GO) test -race -tags $(TEST_TAGS) ./...' "$$keyrings"

test-frontend: deps-node
	cd frontend && npx vitest run --passWithNoTests

e2e: deps-wails deps-node
	cd frontend && node --test --test-concurrency=1 e2e/

smoke: build
	build/scripts/smoke.sh

bench:
	$(GO) test -tags $(TEST_TAGS) -run '^$$' -bench . -benchmem ./backend/...

# The timeline text parser under the fuzzer for FUZZTIME (its seed corpus
# runs in every `go test`).
FUZZTIME ?= 60s
fuzz:
	$(GO) test -tags $(TEST_TAGS) -run '^$$' -fuzz FuzzParseText -fuzztime $(FUZZTIME) ./backend/timeline/parse/

clean:
	rm -rf build/bin
