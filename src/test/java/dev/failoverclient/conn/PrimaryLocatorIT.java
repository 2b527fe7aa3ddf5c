package dev.failoverclient.conn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.ConfigLoader;
import dev.failoverclient.config.Setting;
import dev.failoverclient.testsupport.LocalServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client given every node finds the writable one without waiting for a node that accepts TCP but
 * never answers (a paused or overloaded primary: here a listener that accepts and stays silent), does
 * not pile probes onto such a node, and prefers, of two writable nodes, the one it did not use last.
 */
class PrimaryLocatorIT {
    /** Long enough that waiting for it would show: a sequential locator needs this per stalled node. */
    private static final String TIMEOUT = "60s";

    @RegisterExtension
    final LocalServer server = LocalServer.extension();
    private Stall stall;

    @BeforeEach
    void start() throws Exception {
        stall = new Stall();
    }

    @AfterEach
    void stop() throws Exception {
        stall.close();
    }

    @Test
    void takesTheWritableNodeWhileAStalledOneHangsAndProbesTheStalledOneOnlyOnce() throws Exception {
        ClientConfig config = config("127.0.0.1:" + stall.port() + ",127.0.0.1:" + LocalServer.PORT);
        try (PrimaryLocator locator = new PrimaryLocator(new Connector(config), config)) {
            long t0 = System.nanoTime();
            try (Connector.Session s = locator.locate()) {
                assertThat(s.identity().endpoint().port()).isEqualTo(LocalServer.PORT);
            }
            try (Connector.Session s = locator.locate()) {
                assertThat(s.identity().endpoint().port()).isEqualTo(LocalServer.PORT);
            }
            // Both rounds ended long before the stalled node's timeout, which a sequential probe
            // of the list in this order would have waited for twice.
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(30);
            assertThat(stall.accepted()).as("one probe of the stalled node in flight, not one per round").isEqualTo(1);
        }
    }

    @Test
    void ofTwoWritableNodesPrefersTheOneNotUsedLastTime() throws Exception {
        // One server under two names: both answer read_only=0, as two primaries of a split brain would.
        ClientConfig config = config("127.0.0.1:" + LocalServer.PORT + ",localhost:" + LocalServer.PORT);
        try (PrimaryLocator locator = new PrimaryLocator(new Connector(config), config)) {
            String first;
            try (Connector.Session s = locator.locate()) {
                first = s.identity().endpoint().host();
            }
            for (int i = 0; i < 3; i++) {
                try (Connector.Session s = locator.locate()) {
                    String next = s.identity().endpoint().host();
                    assertThat(next).as("round %d", i).isNotEqualTo(first);
                    first = next;
                }
            }
        }
    }

    @Test
    void oneEndpointIsConnectedDirectly() throws Exception {
        ClientConfig config = config("127.0.0.1:" + LocalServer.PORT);
        try (PrimaryLocator locator = new PrimaryLocator(new Connector(config), config);
             Connector.Session s = locator.locate()) {
            assertThat(s.identity().readOnly()).isFalse();
            assertThat(s.identity().endpoint().port()).isEqualTo(LocalServer.PORT);
        }
    }

    private ClientConfig config(String hosts) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.HOST, hosts);
        flags.put(Setting.USER, server.user());
        flags.put(Setting.PASSWORD, server.password());
        flags.put(Setting.DATABASE, server.database());
        flags.put(Setting.CONNECT_TIMEOUT, TIMEOUT);
        flags.put(Setting.SOCKET_TIMEOUT, TIMEOUT);
        // The grace a round gives the other nodes after an answer: long, so that a slow machine cannot
        // end a round before the second writable node answers.
        flags.put(Setting.PROBE_INTERVAL, "5s");
        return ConfigLoader.load(flags, Map.of(), () -> "test");
    }

    /** Accepts TCP connections and never says a word, like a SIGSTOPped mariadbd. */
    private static final class Stall implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> held = new ArrayList<>();
        private final Thread acceptor;

        Stall() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = socket.accept();
                        synchronized (held) {
                            held.add(s);
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "stall-accept");
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            synchronized (held) {
                return held.size();
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join();
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }
}
