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

# The newest PostgreSQL server binaries: Debian keeps them off PATH in
# /usr/lib/postgresql/<version>/bin; elsewhere pg_ctl is on PATH.
pg_bindir() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
    [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
    command -v pg_ctl >/dev/null && { dirname "$(command -v pg_ctl)"; return 0; }
    return 1
}

# Runs a PostgreSQL server command as the user that owns the cluster: postgres refuses to run
# as root, so under root it runs as the postgres user the Debian package creates.
as_pg_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Starts a throwaway PostgreSQL cluster with PostGIS on 127.0.0.1 in a temporary folder and
# exports CUNJING_TEST_PG for the register tests (they skip the PostGIS cases without it).
# Leaves an existing CUNJING_TEST_PG alone. Stop with stop_postgis.
start_postgis() {
    [ -n "${CUNJING_TEST_PG:-}" ] && return 0
    local bindir
    if ! bindir="$(pg_bindir)"; then
        say "PostgreSQL is not installed: the PostGIS register tests will be skipped"
        return 0
    fi
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        die "running as root needs the postgres user (Debian package postgresql) to own the test cluster"
    fi
    PG_TMP="$(mktemp -d /tmp/cunjing-pg.XXXXXX)"
    [ "$(id -u)" -eq 0 ] && chown postgres "$PG_TMP"
    as_pg_owner "$bindir/initdb" -D "$PG_TMP/data" -U cunjing --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$PG_TMP/initdb.log" 2>&1 || die "initdb failed; see $PG_TMP/initdb.log"
    local port tries
    for tries in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 20000))
        if as_pg_owner "$bindir/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 30 \
            -o "-k $PG_TMP -c listen_addresses=127.0.0.1 -p $port" start >/dev/null 2>&1; then
            PG_PORT=$port
            break
        fi
    done
    [ -n "${PG_PORT:-}" ] || die "PostgreSQL did not start; see $PG_TMP/server.log"
    "$bindir/createdb" -h 127.0.0.1 -p "$PG_PORT" -U cunjing cunjing_test \
        || die "createdb failed on the test cluster"
    "$bindir/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U cunjing -d cunjing_test \
        -c "CREATE EXTENSION postgis" >/dev/null \
        || die "CREATE EXTENSION postgis failed: is postgresql-15-postgis-3 installed?"
    export CUNJING_TEST_PG="PG:host=127.0.0.1 port=$PG_PORT user=cunjing dbname=cunjing_test"
    say "Started PostGIS on 127.0.0.1:$PG_PORT ($PG_TMP)"
}

stop_postgis() {
    [ -n "${PG_TMP:-}" ] || return 0
    local bindir
    bindir="$(pg_bindir)" && as_pg_owner "$bindir/pg_ctl" -D "$PG_TMP/data" -m fast -w stop >/dev/null 2>&1
    rm -rf "$PG_TMP"
    PG_TMP=""
}
