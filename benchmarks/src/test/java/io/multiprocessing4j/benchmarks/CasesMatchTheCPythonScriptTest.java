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
 * the same unit in {@code benchmarks/cpython_baseline.py}, the script in this repository that
 * {@code compare.py} runs: of the same name, or the one {@code compare.py} pairs it with (its
 * {@code PAIRS}, which must say what each case's {@code baseline} says).
 */
class CasesMatchTheCPythonScriptTest {

    /** An entry of the script's {@code CASES} dict: {@code 'name': (function, 'unit'),}. */
    private static final Pattern CASE = Pattern.compile("^\\s*'(\\w+)':\\s*\\(.*,\\s*'([^']+)'\\),\\s*$");

    /** An entry of {@code compare.py}'s {@code PAIRS} dict: {@code 'java_case': 'cpython_case',}. */
    private static final Pattern PAIR = Pattern.compile("^\\s*'(\\w+)':\\s*'(\\w+)',\\s*$");

    @Test
    void everyJavaCaseHasTheScriptsNameAndUnit() throws IOException {
        Map<String, String> script = scriptCases(Paths.get(System.getProperty("basedir", "."), "cpython_baseline.py"));
        assertTrue(script.size() >= Cases.ALL.size(), "found only " + script + " in the script's CASES");
        Cases.ALL.forEach((name, javaCase) -> {
            String baseline = javaCase.baseline() == null ? name : javaCase.baseline();
            assertTrue(script.containsKey(baseline), "cpython_baseline.py has no case " + baseline
                    + " to compare " + name + " with; it has " + script.keySet());
            assertEquals(script.get(baseline), javaCase.unit(), "the unit of " + name + " and " + baseline);
        });
    }

    @Test
    void compareDotPyPairsEachCaseWithItsBaseline() throws IOException {
        Map<String, String> pairs = dictEntries(Paths.get(System.getProperty("basedir", "."), "compare.py"),
                "PAIRS = {", PAIR);
        assertTrue(pairs.containsKey("pool_start_warm") && pairs.containsKey("process_start_join_warm"),
                "found only " + pairs + " in compare.py's PAIRS");
        Cases.ALL.forEach((name, javaCase) -> assertEquals(javaCase.baseline(), pairs.get(name),
                "the case compare.py compares " + name + " with"));
        for (String paired : pairs.keySet()) {
            assertTrue(Cases.ALL.containsKey(paired), "compare.py pairs " + paired + ", which is no Java case");
        }
    }

    private static Map<String, String> scriptCases(Path script) throws IOException {
        return dictEntries(script, "CASES = {", CASE);
    }

    /** The entries {@code pattern} matches in the top-level dict that starts with {@code opening}. */
    private static Map<String, String> dictEntries(Path script, String opening, Pattern pattern) throws IOException {
        Map<String, String> cases = new LinkedHashMap<>();
        boolean inCases = false;
        for (String line : Files.readAllLines(script, StandardCharsets.UTF_8)) {
            if (line.startsWith(opening)) {
                inCases = true;
            } else if (inCases && line.startsWith("}")) {
                break;
            } else if (inCases) {
                Matcher entry = pattern.matcher(line);
                if (entry.matches()) {
                    cases.put(entry.group(1), entry.group(2));
                }
            }
        }
        return cases;
    }
}
