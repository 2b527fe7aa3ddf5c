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
 * @param application     how the writers behave like an application: pool, transactions, reads
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
        boolean spread,
        Application application) {

    public ClientConfig {
        endpoints = List.copyOf(endpoints);
        nodes = List.copyOf(nodes);
    }

    /**
     * How the writers behave like the application under test.
     *
     * @param pool             {@code none} (a connection per writer) or {@code hikari}
     * @param poolSize         the pool's maximum size
     * @param evictOnReadOnly  the pool also retires a connection refused read-only (1290, 1836, 1047)
     * @param transactionRows  rows per attempt, one transaction (1: an autocommit INSERT)
     * @param readCheck        every acknowledged write is read back
     * @param readHosts        the read endpoint it is also read back on (empty: only the writer's connection)
     * @param readCheckTimeout how long it may take to show there
     */
    public record Application(String pool, int poolSize, boolean evictOnReadOnly, int transactionRows,
                              boolean readCheck, List<Endpoint> readHosts, Duration readCheckTimeout) {
        /** Today's writer: no pool, one row per attempt, no read check. */
        public static final Application PLAIN = new Application("none", 1, false, 1, false, List.of(),
                Duration.ofSeconds(2));

        public Application {
            readHosts = List.copyOf(readHosts);
        }

        public boolean pooled() {
            return pool.equals("hikari");
        }
    }

    /** The same settings with other connection timeouts (the census's short ones). */
    public ClientConfig withTimeouts(Duration connect, Duration socket) {
        return new ClientConfig(endpoints, nodes, user, password, database, tls, writeInterval, clientId, clients, duration,
                statsEvery, connect, socket, startupTimeout, probeInterval, lossCheckWindow, runDir, json, junit,
                httpPort, httpBind, spread, application);
    }

    /** The same settings, each writer on one endpoint of its own (the lab's multi-primary Galera writers). */
    public ClientConfig spreadWriters() {
        return new ClientConfig(endpoints, nodes, user, password, database, tls, writeInterval, clientId, clients, duration,
                statsEvery, connectTimeout, socketTimeout, startupTimeout, probeInterval, lossCheckWindow, runDir, json,
                junit, httpPort, httpBind, true, application);
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
