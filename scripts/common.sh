# Shared by run.sh and test.sh: install missing Debian packages, configure and build.
# Sourced, not run.

CUNJING_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${CUNJING_BUILD_DIR:-$CUNJING_ROOT/build}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

missing_packages() {
    local pkg missing=()
    while read -r pkg; do
        pkg="${pkg%%#*}"; pkg="${pkg// /}"
        [ -z "$pkg" ] && continue
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done < "$CUNJING_ROOT/scripts/packages.txt"
    echo "${missing[*]:-}"
}

ensure_packages() {
    command -v dpkg-query >/dev/null || die "this script expects Debian 12 (dpkg and apt-get); install the packages in scripts/packages.txt by hand"
    local missing; missing="$(missing_packages)"
    [ -z "$missing" ] && return 0
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo -n"
        elif command -v sudo >/dev/null && [ -t 0 ]; then sudo="sudo"
        else die "missing packages: $missing. Run as root or with sudo: sudo apt-get install $missing"
        fi
    fi
    say "Installing missing packages: $missing"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq || die "apt-get update failed (network? apt sources?)"
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing \
        || die "apt-get install failed for: $missing"
}

build_project() {
    local werror=OFF
    [ -n "${CI:-}" ] && werror=ON
    say "Configuring (Release) in $BUILD_DIR"
    cmake -S "$CUNJING_ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DCUNJING_WERROR="$werror" >/dev/null || die "cmake configure failed"
    say "Building"
    cmake --build "$BUILD_DIR" -j "$(nproc)" || die "build failed"
}

# Starts Xvfb when there is no DISPLAY; sets DISPLAY and XVFB_PID. Stop with stop_xvfb.
start_xvfb() {
    [ -n "${DISPLAY:-}" ] && return 0
    command -v Xvfb >/dev/null || die "no DISPLAY and Xvfb is not installed"
    local numfile; numfile="$(mktemp)"
    Xvfb -displayfd 1 -screen 0 1920x1080x24 -nolisten tcp -noreset >"$numfile" 2>/dev/null &
    XVFB_PID=$!
    for _ in $(seq 1 100); do
        [ -s "$numfile" ] && break
        sleep 0.1
    done
    [ -s "$numfile" ] || die "Xvfb did not start"
    export DISPLAY=":$(head -n1 "$numfile")"
    rm -f "$numfile"
    say "Started Xvfb on $DISPLAY"
}

stop_xvfb() {
    if [ -n "${XVFB_PID:-}" ]; then kill "$XVFB_PID" 2>/dev/null || true; wait "$XVFB_PID" 2>/dev/null || true; fi
}
