package dev.failoverclient.conn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GrantsTest {
    @Test
    void superHeldReadOnlyAdminBeforeMariaDb1011() {
        assertThat(Grants.superBypassesReadOnly("10.5.9-MariaDB-log")).isTrue();
        assertThat(Grants.superBypassesReadOnly("10.6.16-MariaDB-1:10.6.16+maria~ubu2004")).isTrue();
        assertThat(Grants.superBypassesReadOnly("5.5.5-10.3.39-MariaDB")).isTrue();
        assertThat(Grants.superBypassesReadOnly("10.11.19-MariaDB-0+deb12u1")).isFalse();
        assertThat(Grants.superBypassesReadOnly("11.4.5-MariaDB")).isFalse();
        assertThat(Grants.superBypassesReadOnly(null)).as("unknown: warn").isTrue();
    }
}
