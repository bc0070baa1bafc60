# Build with the SDK, run on the ASP.NET runtime image as a non-root user.
# The publish step is the one the test suite exercises (tests/GutImmune.Tests/Publishing).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/GutImmune.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
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
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["dotnet", "GutImmune.Web.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "GutImmune.Web.dll"]
