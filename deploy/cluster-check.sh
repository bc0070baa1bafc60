#!/usr/bin/env bash
# The cluster of deploy/compose.yaml as processes on loopback, put through the faults an operator meets:
# PostgreSQL and Redis (tests/services.sh), the `migrate` step once, two published instances (separate processes,
# Database__MigrateOnStartup=false) and nginx with deploy/nginx.conf in front. It checks, through nginx and the
# instances directly:
#   1. a sign-in made on one instance is valid on the other; an edit saved through one is read from the other;
#   2. one instance killed (SIGKILL) while readers load nginx: no reader sees an error;
#   3. Redis stopped: readers get no error, saves succeed and none is lost; after Redis returns both instances
#      are Healthy again and an edit through one is read from the other at once;
#   4. PostgreSQL stopped: cached pages answer 200, a page that needs the database 503 with Retry-After, liveness
#      stays 200; after it returns, pages and saves work again without a restart;
# and measures what nginx costs on the article page (wrk, direct vs through nginx). It prints the figures and exits 1
# when a promise is broken. Latencies are figures, not assertions (the machine may be busy), except sanity bounds far
# above the targets. Every wait has a timeout; nothing listens beyond 127.0.0.1.
#
# Settings (environment): CLUSTER_CHECK_PUBLISHED  a folder with the site already published (skips the publish step).
# Needs: the .NET SDK, postgresql, redis-server, nginx, wrk, curl (tests/run.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
source tests/services.sh
source deploy/loopback-nginx.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export BENCH_DIR="$repo/bench"
work=$(mktemp -d "${TMPDIR:-/tmp}/gutimmune-cluster.XXXXXX")
article=/articles/gut-immune-system-connection
editor_email=cluster-editor@example.org
editor_password="Cluster-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')-7q!"
declare -A app_pid app_port
nginx_port=""
broken=()
figures=()

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
figure() { figures+=("$1|$2"); say "  $1: $2"; }
broken() { broken+=("$1"); say "  BROKEN: $1"; }
now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $(( 10#$t / 1000 )); }
seconds_since() { awk -v ms=$(( $(now_ms) - $1 )) 'BEGIN { printf "%.1f s", ms / 1000 }'; }

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    local name
    for name in "${!app_pid[@]}"; do
        kill "${app_pid[$name]}" 2>/dev/null || true
    done
    [ ! -f "$work/nginx/nginx.pid" ] || kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
    for name in "${!app_pid[@]}"; do
        wait "${app_pid[$name]}" 2>/dev/null || true
    done
    if [ "$status" != 0 ]; then
        # The logs of a failed run are kept for whoever reads it (CI collects TestResults/).
        mkdir -p "$repo/TestResults/cluster-check"
        cp "$work"/*.log "$work/nginx/error.log" "${test_services_dir:-$work}"/*.log "$repo/TestResults/cluster-check/" 2>/dev/null || true
        say "Logs of the instances, nginx, PostgreSQL and Redis: TestResults/cluster-check/"
    fi
    stop_test_services >/dev/null
    rm -rf "$work"
    exit "$status"
}

# Environment of the migrate step and of every instance, as in deploy/compose.yaml (set once the ports are known).
site_vars=()

status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" || true; }

# wait_for URL STATUS SECONDS [BODY]: polls until URL answers STATUS (and its body contains BODY); 1 on timeout.
wait_for() {
    local url=$1 want=$2 limit=$3 body=${4:-} deadline=$(( $(now_ms) + $3 * 1000 )) got
    while [ "$(now_ms)" -lt "$deadline" ]; do
        got=$(curl -s -w '\n%{http_code}' --max-time 5 "$url" || true)
        if [ "${got##*$'\n'}" = "$want" ] && { [ -z "$body" ] || [[ "$got" == *"$body"* ]]; }; then
            return 0
        fi
        sleep 0.2
    done
    say "  $url did not answer $want${body:+ with \"$body\"} within $limit s (last: ${got##*$'\n'})"
    return 1
}

start_app() {
    local name=$1
    (cd "$published" && exec env "${site_vars[@]}" dotnet GutImmune.Web.dll --urls "http://127.0.0.1:${app_port[$name]}") \
        >>"$work/$name.log" 2>&1 &
    app_pid[$name]=$!
}

# load_client SECONDS READERS BASE-URL: bench/LoadClient (readers and one editor saving every second); its report
# goes to $work/client.md, its exit status is returned (0: no error and no save lost).
load_client() {
    local status=0
    timeout 120 dotnet "$client" "$3" "$1" "$2" "$editor_email" <<<"$editor_password" >"$work/client.md" 2>"$work/client.err" || status=$?
    [ ! -s "$work/client.err" ] || cat "$work/client.err" >&2
    return "$status"
}
client_row() { grep -F "| $1 |" "$work/client.md" | awk -F'|' '{ gsub(/^ +| +$/, "", $3); print $3 }'; }

# hidden_input NAME: the value of the form's hidden input NAME in the HTML on standard input.
hidden_input() { grep -o "<input[^>]*name=\"$1\"[^>]*>" | sed -n 's/.*value="\([^"]*\)".*/\1/p' | head -n 1; }

# cross_instance_edit LABEL: reads the About page on app-2 (so it is in the output cache), saves a new text for it
# through app-1's admin form (a site page is published by its save), and requires app-2 to show it at once.
cross_instance_edit() {
    local label=$1 form text saved
    edits=$(( ${edits:-0} + 1 ))
    text="Cluster check edit $edits, $(date -u +%H:%M:%S)."
    curl -s -o /dev/null --max-time 10 "http://127.0.0.1:${app_port[app-2]}/about"
    form=$(curl -s --max-time 10 -b "$jar" -c "$jar" "http://127.0.0.1:${app_port[app-1]}/admin/pages/about")
    saved=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -b "$jar" -c "$jar" \
        --data-urlencode "__RequestVerificationToken=$(hidden_input __RequestVerificationToken <<<"$form")" \
        --data-urlencode "Version=$(hidden_input Version <<<"$form")" --data-urlencode "Title=About GutImmune" \
        --data-urlencode "Body=$text" "http://127.0.0.1:${app_port[app-1]}/admin/pages/about" || true)
    if [ "$saved" != 302 ]; then
        broken "$label: saving the About page through app-1 answered $saved (302 wanted)"
    elif curl -s --max-time 10 "http://127.0.0.1:${app_port[app-2]}/about" | grep -qF "$text"; then
        figure "$label" "saved, and read from app-2 at once"
    else
        broken "$label: app-2 does not show the About text saved through app-1"
    fi
}

# caches_in_redis NAME PATH: asks instance NAME for PATH until the page is in Redis (30 s at most; a breaker that opened
# during an outage lets one call through every probe interval, 5 s).
caches_in_redis() {
    local deadline=$(( $(now_ms) + 30000 )) pattern
    pattern="GutImmune:OutputCache:__MSOCV_*$(tr '[:lower:]' '[:upper:]' <<<"$2")*"
    while [ "$(now_ms)" -lt "$deadline" ]; do
        curl -s -o /dev/null --max-time 5 "http://127.0.0.1:${app_port[$1]}$2"
        [ -z "$(redis-cli -p "$redis_port" --scan --pattern "$pattern" | head -n 1)" ] || return 0
        sleep 0.5
    done
    return 1
}

# wrk_readers SECONDS URL: readers on 16 connections; prints bench/report.lua's BENCH line.
wrk_readers() {
    timeout $(( $1 + 30 )) wrk -t2 -c16 -d"$1s" --timeout 10s -s "$repo/deploy/cluster-readers.lua" "$2" | grep '^BENCH '
}
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$2"; }
ms() { awk -v us="$1" 'BEGIN { printf "%.1f ms", us / 1000 }'; }

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
started=$(now_ms)
for tool in nginx wrk curl redis-server; do command -v "$tool" >/dev/null || die "$tool is needed"; done
postgres_bin >/dev/null || die "PostgreSQL is needed"

if [ -n "${CLUSTER_CHECK_PUBLISHED:-}" ]; then
    published=$(cd "$CLUSTER_CHECK_PUBLISHED" && pwd)
else
    say "Publishing src/GutImmune.Web (Release) ..."
    published="$work/out"
    timeout 600 dotnet publish src/GutImmune.Web -c Release -o "$published" -nologo -v quiet >"$work/publish.log" 2>&1 \
        || { cat "$work/publish.log" >&2; die "dotnet publish failed"; }
fi
say "Building bench/LoadClient ..."
timeout 300 dotnet build bench/LoadClient -c Release --artifacts-path "$work/client" -nologo -v quiet >"$work/client-build.log" 2>&1 \
    || { cat "$work/client-build.log" >&2; die "building bench/LoadClient failed"; }
client=$(find "$work/client/bin" -name LoadClient.dll | head -n 1)

start_test_services >&2
trap cleanup EXIT # start_test_services set its own; cleanup stops the services too
pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$GUTIMMUNE_TEST_POSTGRES")
redis_port=${GUTIMMUNE_TEST_REDIS##*:}
"$(postgres_bin)/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "CREATE DATABASE gutimmune" >/dev/null
connection_string="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=gutimmune"
nginx_port=$(free_port)
app_port[app-1]=$(free_port)
app_port[app-2]=$(free_port)
lb="http://127.0.0.1:$nginx_port"
jar="$work/cookies"
site_vars=(ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Default="$connection_string"
    Redis__Configuration="$GUTIMMUNE_TEST_REDIS" Database__MigrateOnStartup=false Security__CookiesRequireHttps=false
    Site__BaseUrl="$lb" Serilog__MinimumLevel__Default=Warning DOTNET_hostBuilder__reloadConfigOnChange=false)

say "The migrate step, once ..."
migrate_started=$(now_ms)
env "${site_vars[@]}" timeout 180 dotnet "$published/GutImmune.Web.dll" migrate >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; die "migrate failed"; }
figure "migrate step" "$(seconds_since "$migrate_started")"
env "${site_vars[@]}" timeout 120 dotnet "$published/GutImmune.Web.dll" create-admin --email "$editor_email" --name "Cluster Editor" --password-stdin \
    <<<"$editor_password" >"$work/create-admin.log" 2>&1 || { cat "$work/create-admin.log" >&2; die "create-admin failed"; }

say "Two instances and nginx ..."
instances_started=$(now_ms)
start_app app-1
start_app app-2
wait_for "http://127.0.0.1:${app_port[app-1]}/healthz/ready" 200 120 || die "app-1 did not become ready"
wait_for "http://127.0.0.1:${app_port[app-2]}/healthz/ready" 200 120 || die "app-2 did not become ready"
figure "two instances ready" "$(seconds_since "$instances_started")"
loopback_nginx_config "$work/nginx" "$nginx_port" "${app_port[app-1]}" "${app_port[app-2]}"
nginx -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf"
wait_for "$lb/healthz/ready" 200 30 || die "nginx does not answer"
for path in / "$article" "$article/introduction" "$article/interesting-facts" "$article/points-to-remember"; do
    wait_for "$lb$path" 200 60 || die "$path does not answer 200 through nginx"
done

say "1. Across instances ..."
token=$(curl -s --max-time 10 -c "$jar" "http://127.0.0.1:${app_port[app-1]}/admin/sign-in" | hidden_input __RequestVerificationToken)
signed_in=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -b "$jar" -c "$jar" \
    --data-urlencode "Email=$editor_email" --data-urlencode "Password=$editor_password" \
    --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:${app_port[app-1]}/admin/sign-in" || true)
on_other=$(status_of -b "$jar" "http://127.0.0.1:${app_port[app-2]}/admin")
if [ "$signed_in" = 302 ] && [ "$on_other" = 200 ]; then
    figure "sign-in on app-1, admin page on app-2" "200 (signed in)"
else
    broken "sign-in on app-1 answered $signed_in; app-2's admin page answered $on_other with its cookie (200 wanted)"
fi
cross_instance_edit "About page saved through app-1, read on app-2"

say "2. One instance killed under load ..."
wrk_readers 12 "$lb" >"$work/wrk-kill.txt" &
wrk_pid=$!
sleep 4
kill -KILL "${app_pid[app-2]}"
wait "${app_pid[app-2]}" 2>/dev/null || true
wait "$wrk_pid" || true
line=$(cat "$work/wrk-kill.txt")
if [ -z "$line" ]; then
    broken "instance killed: wrk gave no summary"
else
    errors=$(( $(field err_connect "$line") + $(field err_read "$line") + $(field err_write "$line") + $(field err_status "$line") + $(field err_timeout "$line") ))
    figure "app-2 killed at 4 s of 12 s of readers through nginx" "$(field requests "$line") requests, $errors errors, p99 $(ms "$(field p99_us "$line")"), max $(ms "$(field max_us "$line")")"
    [ "$errors" = 0 ] || broken "instance killed: $errors reader errors ($line)"
fi
restarted=$(now_ms)
start_app app-2
wait_for "http://127.0.0.1:${app_port[app-2]}/healthz/ready" 200 120 || die "app-2 did not come back"
figure "app-2 restarted and ready" "$(seconds_since "$restarted")"

say "3. Redis stopped ..."
# The same load with Redis running first: the control that tells what this machine gives at the moment.
load_client 10 8 "$lb" || broken "Redis running: reader errors $(client_row 'reader errors by status'), editor errors $(client_row 'editor errors by status')"
figure "Redis running (control), 8 readers and 1 editor for 10 s: reader latency p50 / p99 / max" "$(client_row 'reader latency p50 / p99 / max')"
control_p50=$(client_row 'reader latency p50 / p99 / max' | awk -F' / ' '{ print $1 + 0 }')
stop_test_redis || die "Redis did not stop"
if load_client 10 8 "$lb"; then
    figure "Redis stopped, 8 readers and 1 editor for 10 s through nginx" "reader errors $(client_row 'reader errors by status'), editor errors $(client_row 'editor errors by status')"
else
    broken "Redis stopped: reader errors $(client_row 'reader errors by status'), editor errors $(client_row 'editor errors by status'), saved/revisions $(client_row 'edits saved / revisions added')"
fi
figure "Redis stopped: reader requests/s" "$(client_row 'reader requests/s')"
figure "Redis stopped: reader latency p50 / p99 / max" "$(client_row 'reader latency p50 / p99 / max')"
figure "Redis stopped: saves (saved / revisions added), save latency p50 / p99 / max" "$(client_row 'edits saved / revisions added'); $(client_row 'editor save latency p50 / p99 / max')"
p50=$(client_row 'reader latency p50 / p99 / max' | awk -F' / ' '{ print $1 + 0 }')
# The target is p99 under 100 ms (a figure here: the machine may be busy, see the control). The bound only tells the
# old failure, where every page waited 10-12 s for Redis's timeouts, from a slow machine: 1 s, or ten times the
# control's p50 when the machine is that slow, never above 8 s.
bound=$(awk -v c="$control_p50" 'BEGIN { b = 10 * c; if (b < 1000) b = 1000; if (b > 8000) b = 8000; print b }')
awk -v p="$p50" -v b="$bound" 'BEGIN { exit !(p < b) }' || broken "Redis stopped: reader p50 $p50 ms (sanity bound $bound ms)"
redis_back=$(now_ms)
start_test_redis "$redis_port"
if wait_for "http://127.0.0.1:${app_port[app-1]}/healthz/ready" 200 60 Healthy \
    && wait_for "http://127.0.0.1:${app_port[app-2]}/healthz/ready" 200 60 Healthy; then
    figure "Redis restarted: both instances Healthy after" "$(seconds_since "$redis_back")"
else
    broken "Redis restarted: an instance stayed Degraded"
fi
for name in app-1 app-2; do
    page=$article/introduction
    [ "$name" = app-1 ] || page=$article/interesting-facts
    if caches_in_redis "$name" "$page"; then
        figure "Redis restarted: $name caches its pages in Redis again after" "$(seconds_since "$redis_back")"
    else
        broken "Redis restarted: $name still keeps its pages in memory only"
    fi
done
cross_instance_edit "after Redis returned: About saved through app-1, read on app-2"

say "4. PostgreSQL stopped ..."
curl -s -o /dev/null --max-time 10 "$lb$article"
stop_test_postgres || die "PostgreSQL did not stop"
cached=""
for _ in $(seq 20); do cached+="$(status_of "$lb$article") "; done
cached_ok=$(grep -o 200 <<<"$cached" | wc -l)
figure "PostgreSQL stopped: cached article, 20 requests" "$cached_ok answered 200"
[ "$cached_ok" = 20 ] || broken "PostgreSQL stopped: the cached article answered $cached"
uncached="$lb/search?q=outage$RANDOM"
answer=$(curl -s -o /dev/null -D - --max-time 30 "$uncached" | tr -d '\r')
code=$(head -n 1 <<<"$answer" | awk '{print $2}')
retry_after=$(sed -n 's/^[Rr]etry-[Aa]fter: *//p' <<<"$answer")
figure "PostgreSQL stopped: uncached page (a new search)" "$code, Retry-After: ${retry_after:-none}"
[ "$code" = 503 ] && [ -n "$retry_after" ] || broken "PostgreSQL stopped: an uncached page answered $code (Retry-After: ${retry_after:-none}), 503 with Retry-After wanted"
live=$(status_of "http://127.0.0.1:${app_port[app-1]}/healthz/live")/$(status_of "http://127.0.0.1:${app_port[app-2]}/healthz/live")
ready=$(status_of "http://127.0.0.1:${app_port[app-1]}/healthz/ready")/$(status_of "http://127.0.0.1:${app_port[app-2]}/healthz/ready")
figure "PostgreSQL stopped: /healthz/live, /healthz/ready (app-1/app-2)" "$live, $ready"
[ "$live" = 200/200 ] || broken "PostgreSQL stopped: /healthz/live answered $live"
pg_back=$(now_ms)
start_test_postgres "$pg_port"
if wait_for "$lb/search?q=recovered$RANDOM" 200 60; then
    figure "PostgreSQL restarted: an uncached page answers 200 after" "$(seconds_since "$pg_back")"
else
    broken "PostgreSQL restarted: pages that need the database did not recover"
fi
cross_instance_edit "after PostgreSQL returned: About saved through app-1, read on app-2"

say "5. What nginx costs (article page, 16 connections, 8 s each) ..."
for target in "direct to app-1|http://127.0.0.1:${app_port[app-1]}" "through nginx|$lb"; do
    ticks=$(awk '{ print $14 + $15 }' "/proc/${app_pid[app-1]}/stat")
    [ "${target#*|}" = "$lb" ] && ticks2=$(awk '{ print $14 + $15 }' "/proc/${app_pid[app-2]}/stat") || ticks2=""
    line=$(timeout 60 wrk -t2 -c16 -d8s --timeout 10s -s "$repo/bench/report.lua" "${target#*|}$article" 2>/dev/null \
        | grep '^BENCH ' || true)
    [ -n "$line" ] || { broken "wrk gave no summary ${target%%|*}"; continue; }
    spent=$(( $(awk '{ print $14 + $15 }' "/proc/${app_pid[app-1]}/stat") - ticks ))
    [ -z "$ticks2" ] || spent=$(( spent + $(awk '{ print $14 + $15 }' "/proc/${app_pid[app-2]}/stat") - ticks2 ))
    requests=$(field requests "$line")
    figure "article ${target%%|*}" "$(awk -v n="$requests" -v us="$(field duration_us "$line")" 'BEGIN { printf "%.0f", n / us * 1e6 }') requests/s, p50 $(ms "$(field p50_us "$line")"), p99 $(ms "$(field p99_us "$line")"), app CPU $(awk -v t="$spent" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.0f", t / hz / n * 1e6 }') µs/request"
done

say ""
say "deploy/cluster-check.sh, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(seconds_since "$started") in all"
printf '| check | figure |\n|---|---|\n'
for row in "${figures[@]}"; do printf '| %s | %s |\n' "${row%%|*}" "${row#*|}"; done
if [ ${#broken[@]} -gt 0 ]; then
    say "Broken promises:"
    printf '  - %s\n' "${broken[@]}" >&2
    exit 1
fi
say "Every promise held."
