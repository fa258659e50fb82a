#!/bin/sh
# Model-check the specs in this directory with SANY and TLC, as TLA+ users run them.
#
#   TLA2TOOLS_JAR=/path/to/tla2tools.jar spec/tlc.sh [CONFIG ...]
#
# CONFIG is a config name from manifest.json (AlignedMC, AlignedReadBlocked, ...); default: all.
# For each: SANY -error-codes, then TLC on a temporary copy (so nothing lands in spec/), with
# TLC_WORKERS (default auto) workers and TLC_HEAP (default 2g) heap; TLC's own output is shown.
# The JSON counterexample of a failing config is kept in .snapcheck/tla/CONFIG.trace.json.
# Exit 0 when every verdict is the one manifest.json expects (TLC exit status 0 ok, 11 deadlock,
# 12 invariant, 13 liveness), 1 otherwise, 2 when SANY rejects a module or a name is unknown.
# State counts are compared by `npx snapcheck tla --engine tlc`, which also reads TLC's output.
#
# Without TLA2TOOLS_JAR or java this hands over to `npx snapcheck tla` (the embedded engine).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
manifest="$here/manifest.json"
java=${JAVA:-java}

if [ -z "${TLA2TOOLS_JAR:-}" ] || [ ! -f "$TLA2TOOLS_JAR" ] || ! command -v "$java" >/dev/null 2>&1; then
  echo "tlc.sh: TLA2TOOLS_JAR does not name tla2tools.jar, or java is missing; using the embedded engine" >&2
  cd "$here/.." && exec npx snapcheck tla "$@"
fi

# One manifest entry's field, e.g. field AlignedMC module -> Aligned.tla (manifest.json keeps one key per line).
field() {
  sed -n "/\"name\": \"$1\"/,/^    }/p" "$manifest" | sed -n "s/^ *\"$2\": \"\\([^\"]*\\)\".*/\\1/p" | head -n 1
}

expected_status() {
  case "$1" in
    ok) echo 0 ;;
    deadlock) echo 11 ;;
    invariant-violated) echo 12 ;;
    liveness-violated) echo 13 ;;
    *) echo unknown ;;
  esac
}

if [ "$#" -eq 0 ]; then
  set -- $(sed -n 's/^ *"name": "\([^"]*\)".*/\1/p' "$manifest")
fi

traces="$here/../.snapcheck/tla"
mkdir -p "$traces"
failed=0
for config in "$@"; do
  module=$(field "$config" module)
  cfg=$(field "$config" config)
  verdict=$(field "$config" verdict)
  if [ -z "$module" ] || [ -z "$cfg" ]; then
    echo "tlc.sh: unknown config \"$config\" (not in $manifest)" >&2
    exit 2
  fi
  name=${module%.tla}
  work=$(mktemp -d)
  cp "$here/$module" "$here/$cfg" "$work/"
  echo "== $config: $module with $cfg, expected $verdict"
  if ! (cd "$work" && "$java" -cp "$TLA2TOOLS_JAR" tla2sany.SANY -error-codes "$name.tla"); then
    echo "tlc.sh: SANY rejected $module" >&2
    rm -rf "$work"
    exit 2
  fi
  status=0
  (cd "$work" && "$java" "-Xmx${TLC_HEAP:-2g}" -XX:+UseParallelGC -cp "$TLA2TOOLS_JAR" tlc2.TLC \
    -workers "${TLC_WORKERS:-auto}" -metadir "$work/states" -dumpTrace json "$traces/$config.trace.json" \
    -config "$cfg" "$name.tla") || status=$?
  rm -rf "$work"
  want=$(expected_status "$verdict")
  if [ "$status" = "$want" ]; then
    echo "== $config: TLC exit status $status, as expected ($verdict)"
  else
    echo "== $config: TLC exit status $status, expected $want ($verdict)" >&2
    failed=1
  fi
done
exit "$failed"
