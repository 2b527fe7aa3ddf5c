package dev.failoverclient.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The blocks of README.md (or a page under docs/) that tests run word for word: the fenced block
 * after a line {@code <!-- readme-test: NAME ... -->}, without blank lines and {@code #} comments,
 * lines ending in a backslash joined to the next.
 */
public final class Readme {
    private Readme() {
    }

    public static List<String> block(String name) throws IOException {
        return block(Path.of("README.md"), name);
    }

    public static List<String> block(Path file, String name) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int marker = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("<!-- readme-test: " + name + " ") || lines.get(i).equals(
                    "<!-- readme-test: " + name + " -->")) {
                marker = i;
            }
        }
        if (marker < 0 || marker + 1 >= lines.size() || !lines.get(marker + 1).startsWith("```")) {
            throw new AssertionError(file + " has no fenced block after <!-- readme-test: " + name + " -->");
        }
        List<String> commands = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (int i = marker + 2; !lines.get(i).startsWith("```"); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("--")) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            commands.add(pending.append(line).toString());
            pending.setLength(0);
        }
        return commands;
    }
}
