package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.tests.OutsideMavenBuild.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The parent pom's javadoc settings, which every published module inherits, fail the build on a
 * javadoc warning and say which, even under {@code mvn -q}: a module with one undocumented
 * parameter, outside the reactor with this reactor's parent pom as its parent, gets its javadoc jar
 * built with those settings. (That the published modules build it in {@code package} shows in
 * {@link PublishedArtifactsIT}, which reads their javadoc jars.)
 */
@Timeout(600)
class JavadocWarningFailsTheBuildIT {

    @Test
    void aMissingParamFailsTheJavadocAndTheMessageNamesIt() throws Exception {
        ReactorArtifacts reactor = ReactorArtifacts.fromSystemProperties();
        OutsideMavenBuild build = OutsideMavenBuild.prepare(reactor);
        Path project = build.newProject("javadoc-warning");
        Files.writeString(project.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <parent>\n"
                + "    <groupId>" + ReactorArtifacts.GROUP_ID + "</groupId>\n"
                + "    <artifactId>" + ReactorArtifacts.PARENT_ARTIFACT_ID + "</artifactId>\n"
                + "    <version>" + reactor.version() + "</version>\n"
                + "    <relativePath/>\n"
                + "  </parent>\n"
                + "  <artifactId>javadoc-warning</artifactId>\n"
                + "</project>\n", StandardCharsets.UTF_8);
        Path source = project.resolve("src/main/java/com/example/Documented.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package com.example;\n"
                + "\n"
                + "/** Documented, but for one parameter. */\n"
                + "public final class Documented {\n"
                + "    private Documented() {}\n"
                + "\n"
                + "    /**\n"
                + "     * Twice the number.\n"
                + "     *\n"
                + "     * @return twice {@code x}\n"
                + "     */\n"
                + "    public static int twice(int x) {\n"
                + "        return 2 * x;\n"
                + "    }\n"
                + "}\n", StandardCharsets.UTF_8);

        // The plugin's full name: a prefix would be looked up in Maven Central's metadata.
        Result javadoc = build.maven(project, "-q", "org.apache.maven.plugins:maven-javadoc-plugin:jar");

        assertNotEquals(0, javadoc.exitCode(), "a javadoc warning did not fail the build:\n" + javadoc.output());
        assertTrue(javadoc.output().contains("Documented.java:12: warning: no @param for x"),
                "the failed build does not say which warning, under -q:\n" + OutsideMavenBuild.tail(javadoc.output()));
    }
}
