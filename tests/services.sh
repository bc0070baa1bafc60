# Sourced by tests/run.sh: a throwaway PostgreSQL cluster and a Redis server on 127.0.0.1 for one test run, for the
# tests that run the site on PostgreSQL and several instances on one Redis (tests/GutImmune.Tests/ScaleOut).
#
# start_test_services makes a fresh folder /tmp/gutimmune-services.XXXXXX, initdb's a cluster in it (as the postgres
# user when run as root: PostgreSQL refuses to run as root), starts it and redis-server on free loopback ports, and
# exports GUTIMMUNE_TEST_POSTGRES and GUTIMMUNE_TEST_REDIS for the tests. Both are stopped and the folder removed when
# the script exits, also on failure or Ctrl-C. Each run has its own folder and ports, so runs in other worktrees do not
# meet; a folder left by a run that was killed outright is cleaned up by the next run.

services_glob="${TMPDIR:-/tmp}/gutimmune-services."

postgres_bin() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$bin" ] && [ -x "$bin/pg_ctl" ] || return 1
    echo "$bin"
}

# PostgreSQL's programs as the user that owns the cluster (from /: the checkout may be closed to that user).
as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# A port below the kernel's range for outgoing connections (32768-60999 on Debian): a port in that range may be the
# local end of one of the many connections a test run leaves open or in TIME_WAIT, and then a server cannot listen
# on it, although nothing answers there (a cluster check once failed so: Redis "Connection refused" after start).
free_port() {
    local port low
    low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
    for _ in $(seq 100); do
        port=$((20000 + RANDOM % (low - 20000)))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

stop_services_in() {
    local dir=$1
    if [ -f "$dir/pg/postmaster.pid" ]; then
        as_postgres "$(postgres_bin)/pg_ctl" -D "$dir/pg" -m immediate stop >/dev/null 2>&1 || true
    fi
    if [ -f "$dir/redis.pid" ]; then
        kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
    fi
    if [ -f "$dir/s3rver.pid" ]; then
        kill "$(cat "$dir/s3rver.pid")" 2>/dev/null || true
    fi
    rm -rf "$dir"
}

# A process that runs (a zombie left by a killed run does not).
process_alive() {
    [ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

stop_stale_test_services() {
    local dir
    for dir in "$services_glob"*; do
        [ -d "$dir" ] || continue
        if [ -f "$dir/owner" ] && process_alive "$(cat "$dir/owner")"; then
            continue # another run is using it
        fi
        echo "Removing test services left by an earlier run: $dir"
        stop_services_in "$dir"
    done
}

# start_test_postgres PORT / start_test_redis PORT: (re)start the run's PostgreSQL cluster or Redis on that port and
# wait until it answers; stop_test_postgres / stop_test_redis stop them (deploy/cluster-check.sh stops and restarts
# them to see what the site does meanwhile).
start_test_postgres() {
    # A throwaway cluster: no fsync, loopback only, its socket in its own folder.
    as_postgres "$(postgres_bin)/pg_ctl" --pgdata="$test_services_dir/pg" --log="$test_services_dir/postgres.log" --wait \
        --options="-c listen_addresses=127.0.0.1 -p $1 -c unix_socket_directories=$test_services_dir -c fsync=off -c full_page_writes=off" \
        start >/dev/null
}

stop_test_postgres() {
    as_postgres "$(postgres_bin)/pg_ctl" --pgdata="$test_services_dir/pg" --mode=fast --wait stop >/dev/null
}

start_test_redis() {
    redis-server --bind 127.0.0.1 --port "$1" --daemonize yes --pidfile "$test_services_dir/redis.pid" \
        --logfile "$test_services_dir/redis.log" --dir "$test_services_dir" --save '' --appendonly no
    for _ in $(seq 100); do
        redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null | grep -q PONG && return 0
        sleep 0.1
    done
    echo "Redis did not start on 127.0.0.1:$1; its log:" >&2
    tail -n 20 "$test_services_dir/redis.log" >&2 || true
    return 1
}

stop_test_redis() {
    local pid
    pid=$(cat "$test_services_dir/redis.pid")
    kill "$pid"
    for _ in $(seq 100); do
        process_alive "$pid" || return 0
        sleep 0.1
    done
    return 1
}

stop_test_services() {
    if [ -n "${test_services_dir:-}" ] && [ -d "$test_services_dir" ]; then
        stop_services_in "$test_services_dir"
        echo "Stopped the test PostgreSQL and Redis"
    fi
}

start_test_services() {
    stop_stale_test_services
    local pg_bin pg_port redis_port
    pg_bin=$(postgres_bin)
    test_services_dir=$(mktemp -d "${services_glob}XXXXXX")
    echo $$ >"$test_services_dir/owner"
    trap stop_test_services EXIT
    trap 'exit 130' INT TERM
    [ "$(id -u)" -ne 0 ] || chown postgres "$test_services_dir"

    pg_port=$(free_port)
    as_postgres "$pg_bin/initdb" --pgdata="$test_services_dir/pg" --username=postgres --auth=trust --encoding=UTF8 \
        --no-locale >"$test_services_dir/initdb.log"
    start_test_postgres "$pg_port"
    redis_port=$(free_port)
    start_test_redis "$redis_port"

    # s3rver (npm, tests/s3) for the media store on S3: files in the run's folder, one bucket, its fixed test credentials.
    local s3rver="$(dirname "${BASH_SOURCE[0]}")/s3/node_modules/.bin/s3rver"
    if [ -x "$s3rver" ]; then
        local s3_port
        s3_port=$(free_port)
        mkdir -p "$test_services_dir/s3"
        "$s3rver" --directory "$test_services_dir/s3" --address 127.0.0.1 --port "$s3_port" --configure-bucket gutimmune-media --silent \
            >"$test_services_dir/s3rver.log" 2>&1 &
        echo $! >"$test_services_dir/s3rver.pid"
        for _ in $(seq 100); do
            (exec 3<>"/dev/tcp/127.0.0.1/$s3_port") 2>/dev/null && break
            sleep 0.1
        done
        export GUTIMMUNE_TEST_S3="http://127.0.0.1:$s3_port"
        echo "Test services: s3rver on 127.0.0.1:$s3_port"
    fi
    export GUTIMMUNE_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
    export GUTIMMUNE_TEST_REDIS="127.0.0.1:$redis_port"
    echo "Test services: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port, Redis $(redis-server --version | awk '{print $3}' | tr -d 'v=') on 127.0.0.1:$redis_port ($test_services_dir)"
}
