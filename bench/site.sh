# Sourced by bench/run and bench/lighthouse: publishes the site into a temporary folder as the Dockerfile does
# (self-contained, composite ReadyToRun, with the seed database template) and runs its executable on a loopback port in
# Production, each start on a fresh SQLite database. Everything lives under $BENCH_TMP, which the EXIT trap removes
# after stopping the server, whether the script succeeded or not.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
BENCH_TMP="$(mktemp -d "${TMPDIR:-/tmp}/gutimmune-bench.XXXXXX")"
PUBLISHED="$BENCH_TMP/out"
SERVER_PID=""
SERVER_LOG=""
SERVER_URL=""
STARTED_AT=""

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# A script that starts more processes redefines this to stop them; it runs before the server is stopped.
stop_others() { :; }

bench_cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_others
    if [ "$status" != 0 ] && [ -n "$SERVER_LOG" ] && [ -f "$SERVER_LOG" ]; then
        if [ -n "$SERVER_PID" ] && ! kill -0 "$SERVER_PID" 2>/dev/null; then say "The server had exited."; fi
        say "Last lines of the server log:"
        tail -n 20 "$SERVER_LOG" >&2
    fi
    site_stop
    rm -rf "$BENCH_TMP"
    exit "$status"
}
trap bench_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# Milliseconds since the epoch (EPOCHREALTIME has microseconds; its separator follows the locale).
now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $(( 10#$t / 1000 )); }

site_publish() {
    say "Publishing src/GutImmune.Web (Release) ..."
    # Its own build folders: a composite publish's obj/ breaks a later ordinary publish of the checkout (bench/README, c2).
    if ! timeout "${BENCH_PUBLISH_TIMEOUT:-900}" dotnet publish "$REPO_ROOT/src/GutImmune.Web" -c Release -o "$PUBLISHED" -nologo -v quiet \
        -r linux-x64 -p:SelfContained=true -p:PublishReadyToRunComposite=true --artifacts-path "$BENCH_TMP/artifacts" \
        >"$BENCH_TMP/publish.log" 2>&1; then
        cat "$BENCH_TMP/publish.log" >&2
        die "dotnet publish failed"
    fi
}

free_port() {
    local port
    for _ in $(seq 50); do
        port=$(( 20000 + RANDOM % 12000 )) # below the kernel's range for outgoing connections (32768-60999)
        if [ -z "$(ss -Hltn "sport = :$port")" ]; then echo "$port"; return; fi
    done
    die "no free loopback port found"
}

# site_start NAME [COMMAND PREFIX...]: starts the published site on a fresh database $BENCH_TMP/NAME.db.
# A prefix such as `taskset -c 0` execs the server, so $SERVER_PID is the server process itself.
site_start() {
    local name=$1; shift
    local port=${BENCH_PORT:-$(free_port)}
    SERVER_URL="http://127.0.0.1:$port"
    SERVER_LOG="$BENCH_TMP/$name.log"
    STARTED_AT=$(now_ms)
    ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__Default="Data Source=$BENCH_TMP/$name.db" \
        "$@" "$PUBLISHED/GutImmune.Web" --urls "$SERVER_URL" >"$SERVER_LOG" 2>&1 &
    SERVER_PID=$!
}

site_stop() {
    [ -n "$SERVER_PID" ] || return 0
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

# status PATH: the HTTP status code the running site answers for PATH ("000" when it does not answer).
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$SERVER_URL$1" || true; }

# wait_for_200 PATH [TIMEOUT_S]: polls every 20 ms until PATH answers 200; prints ms since the server was started.
wait_for_200() {
    local path=$1 deadline=$(( $(now_ms) + ${2:-60} * 1000 ))
    until [ "$(status "$path")" = 200 ]; do
        kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited before $path answered 200"
        [ "$(now_ms)" -lt "$deadline" ] || die "$path did not answer 200 in time"
        sleep 0.02
    done
    echo $(( $(now_ms) - STARTED_AT ))
}

# proc_kb FIELD: a memory figure of the server process from /proc/PID/status, in kB (VmRSS, VmHWM).
proc_kb() { awk -v f="$1:" '$1 == f { print $2 }' "/proc/$SERVER_PID/status"; }

# cpu_ticks: user + system CPU time the server process has used so far, in clock ticks (getconf CLK_TCK a second).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }

# wrk_run ARGS...: one wrk run with bench/report.lua (unless ARGS give a script); prints its BENCH line's fields, which
# field RUN NAME reads; rps, ms and cpu_us (with the server's CPU ticks during the run) format them.
wrk_run() { local line; line=$(wrk "$@" | grep '^BENCH ') || die "wrk gave no report"; echo "${line#BENCH }"; }
field() { local kv; for kv in $1; do [ "${kv%%=*}" = "$2" ] && { echo "${kv#*=}"; return; }; done; echo 0; }
rps() { awk -v n="$(field "$1" requests)" -v d="$(field "$1" duration_us)" 'BEGIN { printf "%.0f", n / (d / 1e6) }'; }
ms() { awk -v v="$(field "$1" "$2")" 'BEGIN { printf "%.2f ms", v / 1000 }'; }
cpu_us() { awk -v t="$2" -v hz="$(getconf CLK_TCK)" -v n="$(field "$1" requests)" 'BEGIN { printf "%.0f µs", t / hz * 1e6 / n }'; }

machine_description() {
    local model mem
    model=$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)
    mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
    printf '%s cores (%s), %s RAM, %s' "$(nproc)" "$model" "$mem" "$(uname -sr)"
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }

build_description() {
    local commit dirty=""
    commit=$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
    git -C "$REPO_ROOT" diff --quiet HEAD -- src wwwroot appsettings.json 2>/dev/null || dirty=" (with uncommitted changes)"
    printf 'commit %s%s, .NET %s' "$commit" "$dirty" "$(dotnet --list-runtimes | awk '/Microsoft.AspNetCore.App/ { v = $2 } END { print v }')"
}

# synthetic_db SIZE: prints the path of a database of SIZE synthetic articles (bench/SyntheticContent), made once and
# kept in $BENCH_CACHE (/tmp/gutimmune-bench-cache) under a name that changes with the generator, the migrations and
# the code that decides what a stored page holds (src/GutImmune.Web/Reading and Markdown, which render it, and
# Data/BrotliText.cs, which packs it), so every script and every checkout storing the same pages reuses it. Copy it before
# starting a server on it.
synthetic_db() {
    local size=$1 cache=${BENCH_CACHE:-/tmp/gutimmune-bench-cache} key db web="$REPO_ROOT/src/GutImmune.Web"
    key=$( { cat "$BENCH_DIR/SyntheticContent/Program.cs" "$web/Data/BrotliText.cs";
        find "$web/Reading" "$web/Markdown" -name '*.cs' | LC_ALL=C sort | xargs cat; ls "$web/Data/Migrations/Sqlite"; } | sha256sum | cut -c1-12)
    db="$cache/synthetic-$size-$key.db"
    if [ ! -f "$db" ]; then
        mkdir -p "$cache"
        say "Building the synthetic content generator ..."
        dotnet build "$BENCH_DIR/SyntheticContent" -c Release -nologo -v quiet >"$BENCH_TMP/generator.log" 2>&1 \
            || { cat "$BENCH_TMP/generator.log" >&2; die "building bench/SyntheticContent failed"; }
        say "Generating $size synthetic articles into $db (once; later runs reuse it) ..."
        rm -f "$db.partial"*
        dotnet "$BENCH_DIR/SyntheticContent/bin/Release/net10.0/SyntheticContent.dll" "$db.partial" "$size" >&2 \
            || die "generating synthetic articles failed"
        sqlite3 "$db.partial" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null 2>&1 || true
        rm -f "$db.partial-wal" "$db.partial-shm"
        mv "$db.partial" "$db"
    fi
    echo "$db"
}
