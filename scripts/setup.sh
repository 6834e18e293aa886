#!/usr/bin/env bash
# Sets golife up on a Debian bookworm machine (run as root): installs the
# packages it needs, configures and builds everything, then runs golife on
# the bundled example. Idempotent: a second run only rebuilds what changed.
#
#   scripts/setup.sh            install, build, run the example
#   scripts/setup.sh --no-demo  install and build only
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${GOLIFE_BUILD_DIR:-$ROOT/build}"

PACKAGES=(
  clang-19 libclang-19-dev llvm-19-dev clang-tidy-19 clang-tools-19
  llvm-19-tools clang-format-19
  cmake ninja-build g++ python3 python3-jsonschema
  libgtest-dev libgmock-dev libbenchmark-dev
  libboost-context-dev libboost-fiber-dev
)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
      grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The SARIF 2.1.0 schema the tests validate golife's output against, from the
# npm registry (the package of Microsoft's SARIF validator ships it).
SARIF_SCHEMA="$BUILD/sarif/sarif-2.1.0-rtm.5.json"
if [[ ! -f "$SARIF_SCHEMA" ]]; then
  if ! command -v npm >/dev/null; then
    echo "setup: installing npm"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends npm >/dev/null
  fi
  mkdir -p "$BUILD/sarif"
  tarball="$(cd "$BUILD/sarif" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0)"
  tar -xzf "$BUILD/sarif/$tarball" -C "$BUILD/sarif" --strip-components=3 \
    package/lib/schemas/sarif-2.1.0-rtm.5.json
  rm -f "$BUILD/sarif/$tarball"
fi

# The runtime's oracle tests read the corpora copied into test/corpus, like
# every other test: a clone needs nothing beside it.
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DPython3_EXECUTABLE=/usr/bin/python3 \
  -DGOLIFE_SARIF_SCHEMA="$SARIF_SCHEMA" -DGOLIFE_CORPUS_DIR="$ROOT/test/corpus" >"$BUILD/configure.log" 2>&1 || { cat "$BUILD/configure.log"; exit 1; }
cmake --build "$BUILD"

if [[ "${1:-}" == "--no-demo" ]]; then
  exit 0
fi

# golife's main job, on the bundled example: a leaking program and its fix.
for program in checksum_leak checksum_fixed; do
  echo
  echo "== golife -p $BUILD/examples examples/project/$program.cpp"
  status=0
  "$BUILD/bin/golife" -p "$BUILD/examples" \
    "$ROOT/examples/project/$program.cpp" || status=$?
  case $status in
  0) echo "(no findings)" ;;
  1) ;;
  *) exit "$status" ;;
  esac
done
