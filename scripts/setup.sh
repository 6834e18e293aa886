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

cmake -S "$ROOT" -B "$BUILD" -G Ninja -DPython3_EXECUTABLE=/usr/bin/python3 \
  >"$BUILD.configure.log" 2>&1 || { cat "$BUILD.configure.log"; exit 1; }
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
