package dev.failoverclient.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.history.Entry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlsUseTest {
    private static Entry.Connected connect(String client, long serverId, String protocol, String cipher) {
        return new Entry.Connected(client, 1, serverId, "db-" + serverId, "11.4.5", Map.of(), protocol, cipher);
    }

    @Test
    void connectionsAreCountedPerServerProtocolAndCipher() {
        TlsUse.Collector c = new TlsUse.Collector();
        c.accept(connect("a", 1, "TLSv1.3", "TLS_AES_256_GCM_SHA384"));
        c.accept(connect("b", 1, "TLSv1.3", "TLS_AES_256_GCM_SHA384"));
        c.accept(connect("a", 2, "TLSv1.3", "TLS_AES_256_GCM_SHA384"));
        TlsUse tls = c.finish(0);
        assertThat(tls.links()).containsExactly(
                new TlsUse.Link(1, "db-1", "TLSv1.3", "TLS_AES_256_GCM_SHA384", 2),
                new TlsUse.Link(2, "db-2", "TLSv1.3", "TLS_AES_256_GCM_SHA384", 1));
        assertThat(tls.allEncrypted()).isTrue();
        assertThat(tls.connections()).isEqualTo(3);
    }

    @Test
    void onePlainConnectionMeansNotAllEncryptedAndNoConnectionProvesNothing() {
        TlsUse.Collector c = new TlsUse.Collector();
        assertThat(c.finish(0).allEncrypted()).isFalse();
        c.accept(connect("a", 1, "TLSv1.3", "X"));
        c.accept(connect("a", 1, null, null));
        assertThat(c.finish(0).allEncrypted()).isFalse();
        assertThat(c.finish(0).links()).extracting(TlsUse.Link::encrypted).containsExactly(true, false);
    }

    @Test
    void refusalsAreKeptUpToABound() {
        TlsUse.Collector c = new TlsUse.Collector();
        for (int i = 0; i < TlsUse.MAX_REFUSALS + 10; i++) {
            c.accept(new Entry.TlsRefused("a", i, "rotated " + i));
        }
        assertThat(c.finish(0).refusals()).hasSize(TlsUse.MAX_REFUSALS);
        assertThat(c.finish(0).refusals().get(0)).isEqualTo(new TlsUse.Refusal("a", 0, "rotated 0"));
    }
}
