package dev.failoverclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/ARCHITECTURE.md's rooms against the code: one row per package, and its "uses" column exactly
 * the project packages the package's classes refer to.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src", "main", "java", "dev", "failoverclient");
    private static final Pattern ROW = Pattern.compile("^\\| (\\(root\\)|`([a-z]+)`) \\|.*\\| ([^|]+) \\|$");
    private static final Pattern REFERENCE = Pattern.compile("dev\\.failoverclient\\.(?:([a-z]+)\\.|[A-Z])");

    @Test
    void everyPackageIsARoomAndUsesWhatTheMapSays() throws IOException {
        Map<String, Set<String>> documented = new TreeMap<>();
        boolean rooms = false;
        for (String line : Files.readAllLines(Path.of("docs", "ARCHITECTURE.md"), StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                rooms = line.equals("## Rooms (packages)");
            }
            Matcher m = ROW.matcher(line);
            if (rooms && m.matches()) {
                String uses = m.group(3).strip();
                documented.put(m.group(2) == null ? "root" : m.group(2), uses.equals("–") ? Set.of()
                        : Arrays.stream(uses.split(",")).map(String::strip).collect(Collectors.toCollection(TreeSet::new)));
            }
        }
        assertThat(documented).isEqualTo(actual());
    }

    /** Per package (root for dev.failoverclient itself), the other project packages its sources name. */
    private static Map<String, Set<String>> actual() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path dir = SOURCES.relativize(f.getParent());
                String room = dir.toString().isEmpty() ? "root" : dir.toString();
                Set<String> used = uses.computeIfAbsent(room, r -> new TreeSet<>());
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (String line : lines.stream().filter(l -> !l.startsWith("package ")).toList()) {
                    Matcher m = REFERENCE.matcher(line);
                    while (m.find()) {
                        String other = m.group(1) == null ? "root" : m.group(1);
                        if (!other.equals(room)) {
                            used.add(other);
                        }
                    }
                }
            }
        }
        return uses;
    }
}
