# syntax=docker/dockerfile:1
# Byline container: a Swift build stage, then a slim Debian runtime with only the shared libraries the
# binary needs, its analysis resources and config/. Runs as a non-root user with the database on /data.

FROM swift:6.3-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libssl-dev libsqlite3-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Resolve packages first so this layer is cached while sources change.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
COPY config ./config
RUN swift build -c release --product byline --static-swift-stdlib \
    && mkdir -p /staging \
    && cp "$(swift build -c release --show-bin-path)/byline" /staging/ \
    && cp -R "$(swift build -c release --show-bin-path)/Byline_TextAnalysis.resources" /staging/ \
    && cp -R "$(swift build -c release --show-bin-path)/Byline_App.resources" /staging/

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libssl3 libsqlite3-0 ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 byline \
    && useradd --system --uid 10001 --gid 10001 --home-dir /data --shell /usr/sbin/nologin byline \
    && mkdir -p /data && chown byline:byline /data
WORKDIR /app
COPY --from=build /staging/ /app/
COPY config/ /app/config/
ENV BYLINE_HOST=0.0.0.0 \
    BYLINE_PORT=8080 \
    BYLINE_DATABASE=/data/byline.db \
    BYLINE_RESOURCES=/app/Byline_TextAnalysis.resources/Resources
VOLUME ["/data"]
EXPOSE 8080 8443
USER 10001:10001
# The port the service listens on: BYLINE_PORT (8080 unless the deployment sets it), read when the check runs;
# only the shell form expands it, hence DL3025 (exec form for CMD) is waived for this line.
# hadolint ignore=DL3025
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${BYLINE_PORT:-8080}/health" || exit 1
ENTRYPOINT ["/app/byline"]
CMD ["serve"]
