# Build with the SDK, run as a non-root user on the runtime-deps image (no .NET of its own): the site is published
# self-contained with one composite ReadyToRun image of itself and the framework, so that a start jits far less (cold
# start, bench/README "Twelfth round (cold)"), and runs by its own executable. The publish also makes the seed database
# template a first start copies (README, Database). The test suite publishes without these two flags
# (tests/GutImmune.Tests/Publishing).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# The image's architecture (amd64 or arm64, set by docker build) picks the executable's: a self-contained build is
# made for one.
ARG TARGETARCH
RUN dotnet publish src/GutImmune.Web -c Release -o /app -a "$TARGETARCH" -p:SelfContained=true -p:PublishReadyToRunComposite=true

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
WORKDIR /app
COPY --from=build /app .
# The SQLite database and its -wal/-shm files live in this folder; mount a volume here, not a single file.
# Several instances: set Database__Provider=Postgres, ConnectionStrings__Default, Redis__Configuration, Site__BaseUrl
# and ReverseProxy__KnownNetworks__0 instead (README, Running several instances); nothing is written here then.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
VOLUME /app/data
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
# The runtime image has no curl: the site's own `healthcheck` command asks /healthz/ready on ASPNETCORE_HTTP_PORTS.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["./GutImmune.Web", "healthcheck"]
ENTRYPOINT ["./GutImmune.Web"]
