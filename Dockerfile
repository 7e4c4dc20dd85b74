# syntax=docker/dockerfile:1
# Build: docker build -t recomply .
# One image for every process kind: `serve`, `worker`, `migrate`, `emulator`, `demo`, `admin …`.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
# The query macros check their SQL against the committed `.sqlx/` (copied above), not a database.
ENV SQLX_OFFLINE=true
# The registry and target caches survive between builds; the binary is copied out of the cache.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked \
    && cp target/release/recomply /usr/local/bin/recomply

FROM debian:bookworm-slim
# ca-certificates: TLS to Twilio and the SMTP relay. Not pinned: rebuilding the image is how
# security updates of the base arrive.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
# A fixed numeric user (no login, no home) so orchestrators can check runAsNonRoot, and /data
# owned by it: named volumes mounted there start with this ownership.
RUN groupadd --system --gid 10001 recomply \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin recomply \
    && mkdir -p /data \
    && chown 10001:10001 /data
WORKDIR /app
COPY --from=build /usr/local/bin/recomply /usr/local/bin/recomply
COPY static ./static
ENV RECOMPLY_BIND=0.0.0.0:8080 \
    RECOMPLY_STATIC_DIR=/app/static \
    RECOMPLY_DATA_DIR=/data
EXPOSE 8080
# No HEALTHCHECK here: the image runs processes without HTTP too (`worker`, `migrate`);
# docker-compose.yml sets one per service.
USER 10001:10001
ENTRYPOINT ["recomply"]
CMD ["serve"]
