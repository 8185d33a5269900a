package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.multiprocessing4j.tests.OutsideMavenBuild.Result;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the README tells a new user, done as a new user does it: its {@code pom.xml} and its
 * example, copied into a project of their own and built with the Maven that runs this build, on
 * this JDK; then the example runs, and prints what the README's comments say. The Troubleshooting
 * section's message is the one a build without the processor really prints. The blocks are read
 * from README.md itself, so the README cannot drift from what works.
 */
@Timeout(900)
class ReadmeIT {

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern PUBLIC_CLASS = Pattern.compile("^public class (\\w+)", Pattern.MULTILINE);
    /** A statement with a comment after it on the same line: the comment is what it prints. */
    private static final Pattern PRINTS = Pattern.compile("^\\s*\\S.*;\\s*//\\s*(.+?)\\s*$");
    private static final Pattern PROCESSOR_PATHS = Pattern.compile(
            "\\n[ \\t]*(<!--[^\\n]*-->\\s*\\n[ \\t]*)?<annotationProcessorPaths>.*?</annotationProcessorPaths>",
            Pattern.DOTALL);
    private static final String PROCESSOR_DEPENDENCY = "    <dependency>\n"
            + "      <groupId>io.multiprocessing4j</groupId>\n"
            + "      <artifactId>multiprocessing4j-processor</artifactId>\n"
            + "      <version>${multiprocessing4j.version}</version>\n"
            + "      <scope>provided</scope>\n"
            + "    </dependency>\n"
            + "  </dependencies>";

    private static ReactorArtifacts reactor;
    private static OutsideMavenBuild build;
    private static ReadmeSnippets readme;

    @BeforeAll
    static void prepare() throws IOException {
        reactor = ReactorArtifacts.fromSystemProperties();
        readme = ReadmeSnippets.of(reactor.root().resolve("README.md"));
        build = OutsideMavenBuild.prepare(reactor);
    }

    @Test
    void theReadmesPomBuildsTheExampleWhichPrintsWhatItsCommentsSay() throws Exception {
        String pom = readme.block("pom.xml");
        assertTrue(pom.contains(">" + reactor.version() + "<"), "README.md's pom.xml does not name this build's"
                + " version, " + reactor.version() + ": update the README (and its Gradle block)");
        Path project = projectWithExample("squares", pom);

        Result compiled = build.maven(project, "compile");
        assertEquals(0, compiled.exitCode(), "README.md's pom.xml and example do not build on this JDK ("
                + Runtime.version() + "); Maven printed:\n" + OutsideMavenBuild.tail(compiled.output()));

        String example = readme.block("Squares.java");
        List<String> classpath = List.of(project.resolve("target/classes").toString(),
                build.resolvedJar("runtime").toString(), build.resolvedJar("annotations").toString());
        List<String> command = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classpath), mainClass(example));
        Path stderr = project.resolve("run.err");
        Result ran = OutsideMavenBuild.run(project, command, Duration.ofMinutes(2), project.resolve("run.out"), stderr);
        String errors = Files.readString(stderr, StandardCharsets.UTF_8);
        assertEquals(0, ran.exitCode(), "the example failed; it printed:\n" + ran.output() + errors);
        assertEquals(printedPerComments(example), ran.lines(),
                "the example does not print what README.md's comments say; its stderr:\n" + errors);
    }

    /** Gradle is not installed here: the Gradle block is only checked for its coordinates. */
    @Test
    void theGradleBlockNamesThisVersionsRuntimeAndProcessor() {
        String gradle = readme.block("build.gradle.kts");
        String prefix = ReactorArtifacts.GROUP_ID + ":";
        for (String expected : new String[] {
                "implementation(\"" + prefix + ReactorArtifacts.artifactId("runtime") + ":" + reactor.version() + "\")",
                "annotationProcessor(\"" + prefix + ReactorArtifacts.artifactId("processor") + ":" + reactor.version() + "\")"}) {
            assertTrue(gradle.contains(expected), "README.md's Gradle block lacks " + expected + ":\n" + gradle);
        }
    }

    @Test
    void withoutTheProcessorTheBuildFailsWithTheMessageTroubleshootingQuotes() throws Exception {
        Path project = projectWithExample("squares-without-processor", withoutProcessorPaths(readme.block("pom.xml")));

        Result compiled = build.maven(project, "compile");

        assertNotEquals(0, compiled.exitCode(), "the example compiled without the processor?\n" + compiled.output());
        assertQuotes(compiled, "without the processor");
    }

    /**
     * The processor as a plain dependency, the mistake Troubleshooting describes: javac runs it
     * from the class path up to JDK 22, and silently not from JDK 23 on.
     */
    @Test
    void theProcessorAsAPlainDependencyRunsOnlyBeforeJdk23() throws Exception {
        String pom = withoutProcessorPaths(readme.block("pom.xml")).replace("  </dependencies>", PROCESSOR_DEPENDENCY);
        Path project = projectWithExample("squares-processor-as-dependency", pom);

        Result compiled = build.maven(project, "compile");

        if (Runtime.version().feature() < 23) {
            assertEquals(0, compiled.exitCode(), "on JDK " + Runtime.version() + " javac should have run the"
                    + " processor found on the class path, as README.md says; Maven printed:\n"
                    + OutsideMavenBuild.tail(compiled.output()));
        } else {
            assertNotEquals(0, compiled.exitCode(), "on JDK " + Runtime.version() + " javac ran a processor from"
                    + " the class path, which README.md says it no longer does from JDK 23 on");
            assertQuotes(compiled, "with the processor as a plain dependency on JDK " + Runtime.version());
        }
    }

    private static Path projectWithExample(String name, String pom) throws IOException {
        Path project = build.newProject(name);
        Files.writeString(project.resolve("pom.xml"), pom, StandardCharsets.UTF_8);
        String example = readme.block("Squares.java");
        Path source = project.resolve("src/main/java").resolve(mainClass(example).replace('.', '/') + ".java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, example, StandardCharsets.UTF_8);
        return project;
    }

    private static String withoutProcessorPaths(String pom) {
        Matcher paths = PROCESSOR_PATHS.matcher(pom);
        if (!paths.find()) {
            fail("README.md's pom.xml has no <annotationProcessorPaths>:\n" + pom);
        }
        return paths.replaceFirst("");
    }

    private static String mainClass(String example) {
        Matcher pkg = PACKAGE.matcher(example);
        Matcher cls = PUBLIC_CLASS.matcher(example);
        if (!pkg.find() || !cls.find()) {
            fail("README.md's example must have a package and a public class:\n" + example);
        }
        return pkg.group(1) + "." + cls.group(1);
    }

    /** The comments after statements, in order: {@code println(x); // 9} says it prints 9. */
    private static List<String> printedPerComments(String example) {
        List<String> printed = new ArrayList<>();
        for (String line : example.split("\n")) {
            Matcher comment = PRINTS.matcher(line);
            if (comment.matches()) {
                printed.add(comment.group(1));
            }
        }
        assertTrue(printed.size() >= 2, "README.md's example has no '// prints' comments to check:\n" + example);
        return printed;
    }

    /** The build printed, line for line, the message Troubleshooting quotes (paths aside). */
    private static void assertQuotes(Result compiled, String situation) {
        List<String> quoted = normalized(readme.block("missing-processor").lines().toList());
        List<String> printed = normalized(compiled.lines());
        assertTrue(Collections.indexOfSubList(printed, quoted) >= 0, "README.md's Troubleshooting quotes\n"
                + String.join("\n", quoted) + "\nbut the build " + situation + " printed:\n"
                + OutsideMavenBuild.tail(compiled.output()));
    }

    /**
     * Maven's lines without the {@code [ERROR]} prefix (Maven prints the compiler's message twice,
     * once with it on every line, once only on the first), and without the directory of the
     * project, which is the user's own.
     */
    private static List<String> normalized(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String text = line.startsWith("[ERROR]") ? line.substring("[ERROR]".length()) : line;
            out.add(text.replaceAll("\\S*/src/main/java/", "src/main/java/").strip());
        }
        return out;
    }
}
