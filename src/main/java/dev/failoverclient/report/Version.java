package dev.failoverclient.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This build's version, from {@code version.properties} that Maven fills in at build time. */
public final class Version {
    private Version() {
    }

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the resource is missing. */
    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
