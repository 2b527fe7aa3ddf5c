package dev.failoverclient.verify;

import dev.failoverclient.history.Entry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the writers' connections were protected: per server and TLS protocol/cipher, how many
 * connections; and every reconnect TLS refused (a certificate rotated to a CA the client does not
 * trust, say), so that such an outage is reported with its cause.
 */
public record TlsUse(List<Link> links, List<Refusal> refusals) implements Finding {
    /** Refusals kept in full; beyond this only counted (a client refused for hours logs one per outage). */
    static final int MAX_REFUSALS = 50;

    public TlsUse {
        links = List.copyOf(links);
        refusals = List.copyOf(refusals);
    }

    /** Connections of the writers to one server with one protocol and cipher ({@code null}: not encrypted). */
    public record Link(long serverId, String hostname, String protocol, String cipher, long connections) {
        public boolean encrypted() {
            return protocol != null;
        }
    }

    public record Refusal(String client, long micros, String message) {
    }

    /** Whether every connection was encrypted ({@code false} without connections). */
    public boolean allEncrypted() {
        return !links.isEmpty() && links.stream().allMatch(Link::encrypted);
    }

    public long connections() {
        return links.stream().mapToLong(Link::connections).sum();
    }

    /** Collects the entries during the analysis's one replay. */
    static final class Collector implements Check {
        private record Key(long serverId, String protocol, String cipher) {
        }

        private final Map<Key, Link> links = new LinkedHashMap<>();
        private final List<Refusal> refusals = new ArrayList<>();

        @Override
        public void accept(Entry e) {
            if (e instanceof Entry.Connected c) {
                Key k = new Key(c.serverId(), c.tlsProtocol(), c.tlsCipher());
                links.merge(k, new Link(c.serverId(), c.hostname(), c.tlsProtocol(), c.tlsCipher(), 1),
                        (a, b) -> new Link(a.serverId(), a.hostname(), a.protocol(), a.cipher(),
                                a.connections() + 1));
            } else if (e instanceof Entry.TlsRefused r && refusals.size() < MAX_REFUSALS) {
                refusals.add(new Refusal(r.client(), r.micros(), Objects.requireNonNullElse(r.message(), "")));
            }
        }

        @Override
        public TlsUse finish(long runEndMicros) {
            return new TlsUse(new ArrayList<>(links.values()), refusals);
        }
    }
}
