#!/usr/bin/env bash
# Smoke test of the production binary, with no display needed:
#   (a) start-up time: `hindsight --measure-startup` three times, median of
#       its "first-paint-ms N" line;
#   (b) a real window under its own Xvfb, screenshot of the root window into
#       /tmp/hindsight-smoke/window.png, fails if the picture is blank;
#   (c) memory of the idle app after 10 s: PSS (and RSS) of hindsight and its
#       WebKit child processes;
#   (d) kills everything it started.
# Usage: build/scripts/smoke.sh            (make smoke builds first)
# Env:   HINDSIGHT_BIN  binary to test (default build/bin/hindsight)
#        SMOKE_OUT      where the screenshot and summary go (/tmp/hindsight-smoke)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN=${HINDSIGHT_BIN:-$ROOT/build/bin/hindsight}
OUT=${SMOKE_OUT:-/tmp/hindsight-smoke}
STARTUP_RUNS=3
STARTUP_TIMEOUT=90   # seconds for one --measure-startup run
IDLE_SECONDS=10

log() { printf '>> smoke: %s\n' "$*"; }
die() { printf '>> smoke: FAIL: %s\n' "$*" >&2; exit 1; }

[ -x "$BIN" ] || die "no binary at $BIN (run make build)"
for tool in Xvfb import identify convert xdotool; do
  command -v "$tool" >/dev/null || die "$tool not found (run make deps)"
done

mkdir -p "$OUT"
TMP=$(mktemp -d /tmp/hindsight-smoke.XXXXXX)
DB=$TMP/smoke.db
export HINDSIGHT_LOG_DIR=$TMP
export NO_AT_BRIDGE=1   # no accessibility bus under Xvfb: keeps GTK quiet
unset HINDSIGHT_DB

XVFB_PID=""
APP_PID=""
STATUS=1

# kill_group PGID: SIGTERM the process group, SIGKILL what is left after 5 s.
kill_group() {
  local pg=$1 i
  kill -TERM -- "-$pg" 2>/dev/null || return 0
  for i in $(seq 50); do
    kill -0 -- "-$pg" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$pg" 2>/dev/null || true
}

cleanup() {
  set +e
  [ -n "$APP_PID" ] && kill_group "$APP_PID"
  if [ -n "$XVFB_PID" ]; then
    kill -TERM "$XVFB_PID" 2>/dev/null
    wait "$XVFB_PID" 2>/dev/null
  fi
  # Keep the logs next to the screenshot, for a failed run above all.
  cp "$TMP"/*.log "$OUT"/ 2>/dev/null
  rm -rf "$TMP"
  if [ "$STATUS" -ne 0 ]; then
    echo ">> smoke: logs kept in $OUT" >&2
  fi
}
trap 'STATUS=$?; cleanup' EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------ Xvfb
# -displayfd picks a free display number and writes it once the server
# accepts connections, so there is neither a race nor a lock-file guess.
start_xvfb() {
  local fifo=$TMP/displayfd i
  : >"$fifo"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset \
    3>"$fifo" >"$TMP/xvfb.log" 2>&1 &
  XVFB_PID=$!
  for i in $(seq 100); do
    if [ -s "$fifo" ]; then
      DISPLAY=:$(tr -d '[:space:]' <"$fifo")
      export DISPLAY
      log "Xvfb on $DISPLAY (pid $XVFB_PID)"
      return 0
    fi
    kill -0 "$XVFB_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$TMP/xvfb.log" >&2
  die "Xvfb did not start"
}
start_xvfb

# ------------------------------------------------------------ (a) start-up
# timeout(1) puts itself and the app in a process group of their own: after
# each run that group is killed, so no WebKit child outlives its run.
STARTUP_RESULT="skipped"
FIRST_PAINT_RUNS=()
MS=""; MEASURE_RC=0
measure_once() { # $1 = run number; sets MS (empty if no figure) and MEASURE_RC
  local n=$1 pid
  MEASURE_RC=0
  timeout --kill-after=5 "$STARTUP_TIMEOUT" \
    "$BIN" --db "$DB" --measure-startup >"$TMP/startup-$n.out" 2>"$TMP/startup-$n.log" &
  pid=$!
  wait "$pid" || MEASURE_RC=$?
  kill -KILL -- "-$pid" 2>/dev/null || true
  MS=$(sed -n 's/^first-paint-ms \([0-9][0-9]*\)$/\1/p' "$TMP/startup-$n.out" | head -n1)
}

supports_measure=no
if "$BIN" --help 2>&1 | grep -q -- 'measure-startup'; then
  supports_measure=yes
fi
measure_once 1
if [ -z "$MS" ]; then
  # A timeout, or a binary that says it has the flag, is a failure; a binary
  # that exits at once without the figure does not have the flag yet.
  if [ "$supports_measure" = yes ] || [ "$MEASURE_RC" -eq 124 ] || [ "$MEASURE_RC" -eq 137 ]; then
    sed 's/^/   | /' "$TMP/startup-1.out" "$TMP/startup-1.log" >&2 || true
    die "--measure-startup printed no first-paint-ms line (exit $MEASURE_RC)"
  fi
  log "SKIP (a): this binary does not support --measure-startup yet" \
      "(exit $MEASURE_RC, no 'first-paint-ms' line); its output was:"
  sed 's/^/   | /' "$TMP/startup-1.out" "$TMP/startup-1.log" | head -n 20 || true
  STARTUP_RESULT="skipped: --measure-startup not supported by this binary"
else
  FIRST_PAINT_RUNS+=("$MS")
  for n in $(seq 2 "$STARTUP_RUNS"); do
    measure_once "$n"
    if [ -z "$MS" ]; then
      sed 's/^/   | /' "$TMP/startup-$n.log" >&2
      die "run $n of --measure-startup printed no first-paint-ms line (exit $MEASURE_RC)"
    fi
    FIRST_PAINT_RUNS+=("$MS")
  done
  median=$(printf '%s\n' "${FIRST_PAINT_RUNS[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  STARTUP_RESULT="median ${median} ms (runs: ${FIRST_PAINT_RUNS[*]} ms)"
  log "first paint: $STARTUP_RESULT"
fi

# ------------------------------------------------------------ (b) window
setsid "$BIN" --db "$DB" >"$TMP/app.log" 2>&1 &
APP_PID=$!
T_START=$(date +%s)
log "app started (pid $APP_PID), waiting 5 s"
sleep 5
if ! kill -0 "$APP_PID" 2>/dev/null; then
  rc=0; wait "$APP_PID" || rc=$?
  APP_PID=""
  sed 's/^/   | /' "$TMP/app.log" >&2
  die "the app exited after less than 5 s (exit $rc)"
fi

SHOT=$OUT/window.png
rm -f "$SHOT"
import -window root "$SHOT" || die "import could not take a screenshot"
# Judge the app's window only: the bare root around it is black, which would
# make a blank window look busy.
WIN=$(xdotool search --onlyvisible --name '^Hindsight$' 2>/dev/null | head -n1 || true)
[ -n "$WIN" ] || { sed 's/^/   | /' "$TMP/app.log" >&2; die "no visible window titled Hindsight"; }
eval "$(xdotool getwindowgeometry --shell "$WIN" | grep -E '^(X|Y|WIDTH|HEIGHT)=[-0-9]+$')"
read -r SW SH < <(identify -format '%w %h\n' "$SHOT" | head -n1)
CX=$(( X < 0 ? 0 : X )); CY=$(( Y < 0 ? 0 : Y ))
CW=$(( (X + WIDTH  > SW ? SW : X + WIDTH)  - CX ))
CH=$(( (Y + HEIGHT > SH ? SH : Y + HEIGHT) - CY ))
[ "$CW" -gt 0 ] && [ "$CH" -gt 0 ] || die "the window is off screen (${WIDTH}x${HEIGHT}+${X}+${Y})"
read -r STDDEV COLOURS < <(convert "$SHOT" -crop "${CW}x${CH}+${CX}+${CY}" +repage png:- \
  | identify -format '%[fx:standard_deviation] %k\n' - | head -n1)
log "screenshot $SHOT: window ${CW}x${CH}+${CX}+${CY}, standard deviation $STDDEV, $COLOURS colours"
if awk -v s="$STDDEV" -v k="$COLOURS" 'BEGIN { exit !(s < 0.002 || k < 3) }'; then
  sed 's/^/   | /' "$TMP/app.log" >&2
  die "the window is blank (standard deviation $STDDEV, $COLOURS colours)"
fi

# ------------------------------------------------------------ (c) memory
now=$(date +%s)
remaining=$(( IDLE_SECONDS - (now - T_START) ))
[ "$remaining" -gt 0 ] && sleep "$remaining"
kill -0 "$APP_PID" 2>/dev/null || { sed 's/^/   | /' "$TMP/app.log" >&2; die "the app died while idle"; }

# The app and all its descendants (WebKitWebProcess, WebKitNetworkProcess...).
descendants() {
  ps -e -o pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2; pids[NR] = $1 }
    END {
      keep[root] = 1; changed = 1
      while (changed) {
        changed = 0
        for (i in pids) { p = pids[i]; if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; changed = 1 } }
      }
      for (p in keep) print p
    }'
}
PSS_KB=0; RSS_KB=0; PROCS=()
for pid in $(descendants "$APP_PID"); do
  [ -r "/proc/$pid/status" ] || continue
  name=$(awk '/^Name:/ {print $2}' "/proc/$pid/status")
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
  pss=$(awk '/^Pss:/ {print $2; exit}' "/proc/$pid/smaps_rollup" 2>/dev/null || true)
  [ -n "$rss" ] || continue   # kernel thread or already gone
  [ -n "$pss" ] || pss=$rss
  RSS_KB=$(( RSS_KB + rss )); PSS_KB=$(( PSS_KB + pss ))
  PROCS+=("$name:$(( pss / 1024 ))MB")
done
PSS_MB=$(awk -v k="$PSS_KB" 'BEGIN { printf "%.1f", k / 1024 }')
RSS_MB=$(awk -v k="$RSS_KB" 'BEGIN { printf "%.1f", k / 1024 }')
log "idle memory after ${IDLE_SECONDS} s: PSS $PSS_MB MB, RSS $RSS_MB MB (${PROCS[*]})"

# ------------------------------------------------------------ (d) stop
kill_group "$APP_PID"
wait "$APP_PID" 2>/dev/null || true
APP_PID=""

SUMMARY=$(cat <<EOF
==================== Hindsight smoke ====================
binary        $BIN
first paint   $STARTUP_RESULT
screenshot    $SHOT (stddev $STDDEV, $COLOURS colours)
idle memory   PSS $PSS_MB MB, RSS $RSS_MB MB after ${IDLE_SECONDS} s
processes     ${PROCS[*]}
result        PASS
==========================================================
EOF
)
echo "$SUMMARY"
echo "$SUMMARY" >"$OUT/summary.txt"
