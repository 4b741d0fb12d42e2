# The FusionCommerce image: one artifact, several roles (fusion start --role ...).
# Built from the repository; used by docker-compose.yml. Not exercised by CI (no Docker engine there).
FROM eclipse-temurin:21.0.5_11-jdk-noble AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests install -pl runtime -am

FROM eclipse-temurin:21.0.5_11-jre-noble
# curl: the health checks of docker-compose.yml probe /health/ready with it
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/fusion
COPY --from=build /src/runtime/target/runtime-0.1.0-SNAPSHOT.jar lib/
COPY --from=build /src/runtime/target/classpath.txt lib/
RUN mkdir -p lib/deps && for jar in $(tr ':' ' ' < lib/classpath.txt); do cp "$jar" lib/deps/; done
ENTRYPOINT ["java", "-Xmx1g", "-cp", "/opt/fusion/lib/runtime-0.1.0-SNAPSHOT.jar:/opt/fusion/lib/deps/*", \
            "io.fusioncommerce.runtime.launcher.Fusion", "start"]
CMD ["--role", "all"]
