package dev.failoverclient.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The validated settings of one {@code run}. Every duration is positive unless stated; nothing here
 * is re-validated downstream.
 *
 * @param endpoints       servers to write to, in order of preference (more than one: primary discovery)
 * @param nodes           every node of the cluster, watched by the census (empty: none given)
 * @param tls             how every connection uses TLS
 * @param writeInterval   pause between writes of one client; {@link Duration#ZERO} = as fast as possible
 * @param clientId        base client id; with {@code clients > 1} the ids are {@code <clientId>-1..N}
 * @param duration        how long to run; {@code null} = until stopped
 * @param probeInterval   pause between reconnect probes while a client cannot write
 * @param lossCheckWindow how many recent acknowledged sequences the online loss check reads back
 * @param runDir          the run folder; {@code null} = {@code runs/<UTC timestamp>-<clientId>}
 * @param json            where to write the summary in addition to the run folder; may be {@code null}
 * @param junit           where to write the verdict as JUnit XML; may be {@code null}
 * @param httpPort        the port of the HTTP endpoint (0: any free one); {@code null} = no endpoint
 * @param httpBind        the address it listens on
 * @param spread          writer i writes to endpoint i (modulo their number) only, instead of any of them
 */
public record ClientConfig(
        List<Endpoint> endpoints,
        List<Endpoint> nodes,
        String user,
        Secret password,
        String database,
        Tls tls,
        Duration writeInterval,
        String clientId,
        int clients,
        Duration duration,
        int statsEvery,
        Duration connectTimeout,
        Duration socketTimeout,
        Duration startupTimeout,
        Duration probeInterval,
        int lossCheckWindow,
        Path runDir,
        Path json,
        Path junit,
        Integer httpPort,
        String httpBind,
        boolean spread) {

    public ClientConfig {
        endpoints = List.copyOf(endpoints);
        nodes = List.copyOf(nodes);
    }

    /** The same settings with other connection timeouts (the census's short ones). */
    public ClientConfig withTimeouts(Duration connect, Duration socket) {
        return new ClientConfig(endpoints, nodes, user, password, database, tls, writeInterval, clientId, clients, duration,
                statsEvery, connect, socket, startupTimeout, probeInterval, lossCheckWindow, runDir, json, junit,
                httpPort, httpBind, spread);
    }

    /** The same settings, each writer on one endpoint of its own (the lab's multi-primary Galera writers). */
    public ClientConfig spreadWriters() {
        return new ClientConfig(endpoints, nodes, user, password, database, tls, writeInterval, clientId, clients, duration,
                statsEvery, connectTimeout, socketTimeout, startupTimeout, probeInterval, lossCheckWindow, runDir, json,
                junit, httpPort, httpBind, true);
    }

    /** The endpoints writer {@code index} (0-based) may write to. */
    public List<Endpoint> endpointsOf(int index) {
        return spread ? List.of(endpoints.get(index % endpoints.size())) : endpoints;
    }

    /** The id of every writer in this process, in start order. */
    public List<String> clientIds() {
        if (clients == 1) {
            return List.of(clientId);
        }
        return IntStream.rangeClosed(1, clients).mapToObj(i -> clientId + "-" + i).toList();
    }
}
