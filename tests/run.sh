#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine with the .NET 10 SDK, then runs every test.
# README's test command and CI (.ci/run) both call this script.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet restore GutImmune.sln
dotnet build GutImmune.sln --no-restore
dotnet test GutImmune.sln --no-build --logger "trx;LogFilePrefix=results" --results-directory TestResults
