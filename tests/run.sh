#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine with the .NET 10 SDK, then runs every test.
# README's test command and CI (.ci/run) both call this script. Each install step is skipped when its tool is there.
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/services.sh

# The browser tests drive Debian's Chromium (Playwright cannot download browsers here), check HTML with vnu.jar on
# Java, and take axe-core and vnu.jar from npm. The scale-out tests run the site on PostgreSQL and Redis.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v npm >/dev/null || missing+=(npm)
postgres_bin >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
# deploy/lint and deploy/cluster-check.sh: nginx runs deploy/nginx.conf, wrk loads it, yamllint checks the YAML.
command -v nginx >/dev/null || missing+=(nginx-light)
command -v wrk >/dev/null || missing+=(wrk)
command -v yamllint >/dev/null || missing+=(yamllint)
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installing ${missing[*]} from Debian's packages"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# npm ci only when node_modules is missing or older than the lock file. --ignore-scripts: vnu-jar's postinstall
# would try to download a Java runtime when none is on PATH; the machine's Java is used instead.
browser_tests=tests/GutImmune.BrowserTests
if [ ! -f "$browser_tests/node_modules/.package-lock.json" ] || [ "$browser_tests/package-lock.json" -nt "$browser_tests/node_modules/.package-lock.json" ]; then
    (cd "$browser_tests" && npm ci --ignore-scripts --no-audit --no-fund)
fi
# s3rver, the S3-compatible server the media store's S3 tests use (started on loopback by start_test_services).
if [ ! -f tests/s3/node_modules/.package-lock.json ] || [ tests/s3/package-lock.json -nt tests/s3/node_modules/.package-lock.json ]; then
    (cd tests/s3 && npm ci --ignore-scripts --no-audit --no-fund)
fi

# Test hosts need not watch appsettings.json for changes: each watcher is an inotify instance, and hundreds of test
# sites at once can exhaust the per-user limit (128 on Debian), which fails the sites that start after it.
export DOTNET_hostBuilder__reloadConfigOnChange=false
# The same holds for the file watchers of wwwroot (asp-append-version): polling costs a timer, not an inotify instance.
export DOTNET_USE_POLLING_FILE_WATCHER=1

dotnet restore GutImmune.sln
dotnet build GutImmune.sln --no-restore
# A throwaway PostgreSQL cluster and Redis on loopback, stopped and removed when this script exits.
start_test_services
dotnet test GutImmune.sln --no-build --logger "trx;LogFilePrefix=results" --results-directory TestResults
# The deployment files, then the cluster they describe on loopback with its faults (its own PostgreSQL and Redis).
deploy/lint
timeout --kill-after=10 900 deploy/cluster-check.sh
echo "Screenshots: $(ls -d "$PWD"/TestResults/screenshots/*.png | tr '\n' ' ')"
