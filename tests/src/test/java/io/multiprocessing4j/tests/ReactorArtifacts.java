package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The artifacts this reactor publishes, as its modules' {@code package} phase left them: what a
 * user would download once a release is out. The integration tests run after {@code package}, so
 * the jars are fresh; the paths come from the pom (Failsafe's system properties).
 */
final class ReactorArtifacts {

    /** The modules users depend on, in the order Maven builds them; the parent pom comes first. */
    static final List<String> PUBLISHED_MODULES = List.of("annotations", "processor", "runtime");
    static final String GROUP_ID = "io.multiprocessing4j";
    static final String PARENT_ARTIFACT_ID = "multiprocessing4j-parent";

    private final Path root;
    private final String version;

    private ReactorArtifacts(Path root, String version) {
        this.root = root;
        this.version = version;
    }

    /** The reactor this test module belongs to, from the system properties the pom sets. */
    static ReactorArtifacts fromSystemProperties() {
        return new ReactorArtifacts(Paths.get(required("readmeit.reactorRoot")).toAbsolutePath().normalize(),
                required("readmeit.version"));
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            fail("system property " + property + " is not set: run the integration tests through Maven"
                    + " (mvn verify from the repository root), whose tests/pom.xml sets it");
        }
        return value;
    }

    Path root() {
        return root;
    }

    String version() {
        return version;
    }

    static String artifactId(String module) {
        return "multiprocessing4j-" + module;
    }

    Path parentPom() {
        return root.resolve("pom.xml");
    }

    Path pom(String module) {
        return root.resolve(module).resolve("pom.xml");
    }

    /** The module's packaged jar; {@code classifier} is null for the main jar. */
    Path jar(String module, String classifier) {
        String name = artifactId(module) + "-" + version + (classifier == null ? "" : "-" + classifier) + ".jar";
        Path jar = root.resolve(module).resolve("target").resolve(name);
        if (!Files.isRegularFile(jar)) {
            fail(jar + " does not exist: these tests need the reactor's packaged jars; run mvn verify from"
                    + " the repository root (or with -am), not mvn test");
        }
        return jar;
    }
}
