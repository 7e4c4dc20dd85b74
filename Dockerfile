# Build: docker build -t recomply .
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/release/recomply /usr/local/bin/recomply
COPY static ./static
ENV RECOMPLY_BIND=0.0.0.0:8080
EXPOSE 8080
USER nobody
ENTRYPOINT ["recomply"]
CMD ["serve"]
