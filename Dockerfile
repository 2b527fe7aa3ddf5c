# syntax=docker/dockerfile:1
#
# Image of the MariaDB failover test client (the Java successor of the seed's Python client).
#   docker build -t mariadb-test-client:latest .
#
# Stage 1 builds the shaded jar with Maven; stage 2 makes its AppCDS archive by a short training run
# against a throwaway MariaDB, on the runtime's own JRE image; stage 3 runs the jar on that JRE
# (the same Java major, 17, as the pom's maven.compiler.release) as a non-root user. Only the jar
# and its archive are copied across: no Maven, no sources, no MariaDB server, and (profile slim)
# none of the embedded MariaDB binaries that the lab and the tests use.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
COPY src/main ./src/main
# The cache mount keeps ~/.m2 between builds (BuildKit, the default builder of current Docker).
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests -Pslim package

FROM eclipse-temurin:17-jre AS cds
RUN apt-get update && apt-get install -y --no-install-recommends mariadb-server \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /build/target/mariadb-failover-client.jar /app/mariadb-failover-client.jar
COPY docker/cds-train.sh /usr/local/bin/cds-train.sh
RUN cds-train.sh /app/mariadb-failover-client.jar /app/app.jsa

FROM eclipse-temurin:17-jre
# The project version (pom.xml; DockerfileTest keeps them equal). `--version` of the jar prints it
# too, and every summary.json carries it.
ARG VERSION=0.1.0-SNAPSHOT
LABEL org.opencontainers.image.title="mariadb-failover-client" \
      org.opencontainers.image.version="${VERSION}"
# A fixed numeric uid/gid, so Kubernetes can enforce runAsNonRoot without a passwd lookup.
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app \
 && mkdir -p /app/runs \
 && chown app:app /app/runs
WORKDIR /app
# The archive is valid only with the jar it was made from (path, size, time): both come from the cds
# stage. A JVM that cannot use it says so on stderr and starts without it.
COPY --from=cds /app/mariadb-failover-client.jar /app/app.jsa /app/
# JVM options sized for the chart's default limit of 128 MiB (see docs/kubernetes.md, "JVM options"):
#   -XX:MaxRAMPercentage=50     heap at most half of the container limit (64 MiB of 128 MiB); the
#                               rest is for metaspace, code cache, thread stacks and the GC
#   -XX:+UseSerialGC            one GC thread, smallest footprint; pauses are irrelevant at this load
#   -Xss512k                    half the default thread stack reservation
#   -XX:TieredStopAtLevel=1     C1 JIT only: smaller code cache and compiler memory, fast warm-up
#   -XX:+ExitOnOutOfMemoryError a JVM out of memory exits (non-zero) and Kubernetes restarts it
#   -XX:SharedArchiveFile       the classes of a run, loaded and verified at build time (cds stage)
# The java launcher reads JDK_JAVA_OPTIONS; the Helm value javaOptions replaces it as a whole.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -XX:SharedArchiveFile=/app/app.jsa"
# The default run folder runs/<UTC timestamp>-<client-id>/ is relative to the working directory:
# /app/runs, where the chart mounts a writable emptyDir (the root filesystem is read-only).
USER 10001:10001
# Exec form: java is PID 1 and receives SIGTERM directly (final statistics, summary, exit code).
ENTRYPOINT ["java", "-jar", "/app/mariadb-failover-client.jar"]
