package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The code blocks of README.md that tests build or compare against. Each is the fenced block right
 * after a line {@code <!-- ReadmeIT: name -->}, taken as it is, so what the README shows is what
 * is tested.
 */
final class ReadmeSnippets {

    private final Path readme;
    private final List<String> lines;

    private ReadmeSnippets(Path readme, List<String> lines) {
        this.readme = readme;
        this.lines = lines;
    }

    static ReadmeSnippets of(Path readme) throws IOException {
        return new ReadmeSnippets(readme, Files.readAllLines(readme, StandardCharsets.UTF_8));
    }

    /** The block marked {@code name}, its lines joined with newlines and ending with one. */
    String block(String name) {
        String marker = "<!-- ReadmeIT: " + name + " -->";
        int at = lines.indexOf(marker);
        if (at < 0) {
            fail(readme + " has no line " + marker + " before the block the test builds");
        }
        if (at + 1 >= lines.size() || !lines.get(at + 1).startsWith("```")) {
            fail(readme + ": the line after " + marker + " must open a fenced code block");
        }
        StringBuilder block = new StringBuilder();
        for (int i = at + 2; i < lines.size(); i++) {
            if (lines.get(i).equals("```")) {
                return block.toString();
            }
            block.append(lines.get(i)).append('\n');
        }
        return fail(readme + ": the block after " + marker + " is never closed");
    }
}
