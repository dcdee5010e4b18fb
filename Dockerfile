# MockWebex: multi-stage build (SDK → ASP.NET runtime), runs as a non-root user, data in /data.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# Set by BuildKit (amd64, arm64); the legacy builder sets nothing, hence the default below.
ARG TARGETARCH
WORKDIR /src
# global.json is left out on purpose: the image's SDK band may differ from the pinned local one.
COPY Directory.Build.props Directory.Packages.props MockWebex.sln ./
COPY src/ src/
COPY fixtures/ fixtures/
# ReadyToRun: an image is built for one architecture, so its assemblies can carry their native code and start without
# most of the JIT. `serve` was ready in 633–731 ms against 764–889 without it (6 alternating starts each, 2026-12-01),
# for 3 MiB more memory. Still framework-dependent: the image's ASP.NET runtime runs it.
RUN dotnet publish src/MockWebex/MockWebex.csproj -c Release -a ${TARGETARCH:-amd64} --self-contained false -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /data && chown "$APP_UID" /data
# The image listens on every interface and answers any Host name (other containers reach it by service name);
# web pages of other origins are still refused. Set MOCKWEBEX__Admin__Token to require a token on /_emulator.
ENV MOCKWEBEX__Server__Host=0.0.0.0 \
    MOCKWEBEX__Admin__AllowedHosts__0=* \
    MOCKWEBEX__Server__Port=8080 \
    MOCKWEBEX__Storage__Path=/data/mockwebex.db \
    DOTNET_NOLOGO=1
VOLUME ["/data"]
# 8080: `serve` (the default command). 8443: `relay` (docker run -p 8443:8443 -e MOCKWEBEX_RELAY_TOKEN=… image relay --cert … --key …).
EXPOSE 8080 8443
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 CMD ["dotnet", "/app/mockwebex.dll", "health"]
ENTRYPOINT ["dotnet", "/app/mockwebex.dll"]
CMD ["serve"]
