package io.multiprocessing4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The jar's figures are only comparable with the CPython script's if each Java case has a case of
 * the same name and unit in {@code benchmarks/cpython_baseline.py}, the script in this repository
 * that {@code compare.py} runs.
 */
class CasesMatchTheCPythonScriptTest {

    /** An entry of the script's {@code CASES} dict: {@code 'name': (function, 'unit'),}. */
    private static final Pattern CASE = Pattern.compile("^\\s*'(\\w+)':\\s*\\(.*,\\s*'([^']+)'\\),\\s*$");

    @Test
    void everyJavaCaseHasTheScriptsNameAndUnit() throws IOException {
        Map<String, String> script = scriptCases(Paths.get(System.getProperty("basedir", "."), "cpython_baseline.py"));
        assertTrue(script.size() >= Cases.ALL.size(), "found only " + script + " in the script's CASES");
        Cases.ALL.forEach((name, javaCase) -> {
            assertTrue(script.containsKey(name), "cpython_baseline.py has no case " + name + "; it has " + script.keySet());
            assertEquals(script.get(name), javaCase.unit(), "the unit of " + name);
        });
    }

    private static Map<String, String> scriptCases(Path script) throws IOException {
        Map<String, String> cases = new LinkedHashMap<>();
        boolean inCases = false;
        for (String line : Files.readAllLines(script, StandardCharsets.UTF_8)) {
            if (line.startsWith("CASES = {")) {
                inCases = true;
            } else if (inCases && line.startsWith("}")) {
                break;
            } else if (inCases) {
                Matcher entry = CASE.matcher(line);
                if (entry.matches()) {
                    cases.put(entry.group(1), entry.group(2));
                }
            }
        }
        return cases;
    }
}
