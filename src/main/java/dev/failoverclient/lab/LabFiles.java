package dev.failoverclient.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Files of the lab's nodes: deleting data directories, and quoting logs in error lines. */
public final class LabFiles {
    /** The server's own "giving up" line carries no cause: the lines before it do. */
    private static final Pattern GENERIC = Pattern.compile("\\[ERROR] Aborting\\s*$");
    private static final Pattern DATE_PREFIX = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\d+ ");

    private LabFiles() {
    }

    /**
     * Where a lab's nodes live: the run folder's {@code nodes/} ({@code labDir}); but Galera's nodes
     * run as the account {@code mysql} when the lab runs as root, and a run folder under a private
     * folder (a home, a test's temporary folder) is out of that account's reach, so they live in a
     * folder of their own under the system's temporary folder then, and their logs come to {@code
     * nodes/} when the run fails.
     */
    public static Path nodesDir(Path labDir, boolean galera) {
        if (!galera || !"root".equals(System.getProperty("user.name"))) {
            return labDir;
        }
        try {
            return Files.createTempDirectory("mariadb-failover-galera-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new LabException("cannot make a folder for the Galera nodes: " + e.getMessage(), e);
        }
    }

    /** Deletes {@code dir} and everything under it; a missing folder is fine. */
    public static void delete(Path dir) {
        deleteExcept(dir, p -> false);
    }

    /**
     * Deletes everything under {@code dir} except the files {@code keep} accepts (and the folders
     * holding them). Used after a failed start: the data goes, the logs the error names stay.
     */
    public static void deleteExcept(Path dir, Predicate<Path> keep) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                if (Files.isDirectory(p) ? isEmpty(p) : !keep.test(p)) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new LabException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Gives {@code dir} and everything in it to the account {@code user} (the lab runs as root). */
    static void chown(Path dir, String user) {
        try (Stream<Path> files = Files.walk(dir)) {
            UserPrincipalLookupService accounts = dir.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal owner = accounts.lookupPrincipalByName(user);
            GroupPrincipal group = accounts.lookupPrincipalByGroupName(user);
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.setOwner(p, owner);
                Files.getFileAttributeView(p, PosixFileAttributeView.class).setGroup(group);
            }
        } catch (IOException e) {
            throw new LabException("cannot give " + dir + " to the account " + user + ": " + e.getMessage()
                    + " (Galera's nodes run as " + user + ": create it, or run the lab as that user)", e);
        }
    }

    /** Copies every log under {@code from} to the same place under {@code to} (nodes kept outside the run folder). */
    public static void copyLogs(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files.filter(LabFiles::isLog)::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new LabException("cannot copy the nodes' logs to " + to + ": " + e.getMessage(), e);
        }
    }

    /** Keeps {@code *.log} files. */
    public static boolean isLog(Path p) {
        return p.getFileName().toString().endsWith(".log");
    }

    /**
     * The line of a server or install log that says why it failed: the last {@code [ERROR]} line
     * other than the closing "Aborting", else the last line naming an error ({@code Errcode},
     * {@code Can't}, {@code ERROR}), else the last non-blank line; without its timestamp. Empty when
     * the log is missing or empty.
     */
    public static String lastMeaningfulLine(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
        String error = null;
        String named = null;
        String last = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            last = line;
            if (GENERIC.matcher(line).find()) {
                continue;
            }
            if (line.contains("[ERROR]")) {
                error = line;
            } else if (line.contains("Errcode") || line.contains("Can't") || line.contains("ERROR")) {
                named = line;
            }
        }
        String chosen = error != null ? error : named != null ? named : last;
        return chosen == null ? "" : DATE_PREFIX.matcher(chosen).replaceFirst("");
    }

    /** {@code " (see LOG): LINE"} for an error message, naming the log and quoting it. */
    static String evidence(Path log) {
        String line = lastMeaningfulLine(log);
        return " (see " + log + ")" + (line.isEmpty() ? "" : ": " + line);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
