package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Maven builds of projects outside this reactor, as a user's would be: the Maven and the JDK that
 * run this build, and this reactor's freshly packaged artifacts, which no user can have from Maven
 * Central yet.
 *
 * <p>The artifacts are served from a file repository made for the purpose, never installed into
 * {@code ~/.m2}: another build may be using what is there, and an installed copy would shadow the
 * fresh one. The outside builds get a local repository of their own under {@code target/}, kept
 * between runs (only this reactor's artifacts are deleted from it before each build), and a
 * settings file that lists, before Maven Central, the file repository and this build's own local
 * repository read as a remote one: plugins and libraries the reactor already downloaded are copied
 * from there, so once the few that only a user's build needs (the default lifecycle's
 * maven-resources-plugin 2.6, on Maven 3.8) are there, a build makes no network request at all.
 */
final class OutsideMavenBuild {

    /** A first build on a fresh machine downloads what the default lifecycle needs. */
    static final Duration BUILD_LIMIT = Duration.ofMinutes(5);

    private final ReactorArtifacts reactor;
    private final Path workDir;
    private final Path localRepository;
    private final Path settings;

    private OutsideMavenBuild(ReactorArtifacts reactor, Path workDir) {
        this.reactor = reactor;
        this.workDir = workDir;
        this.localRepository = workDir.resolve("local-repository");
        this.settings = workDir.resolve("settings.xml");
    }

    /** Lays out the file repository and the settings; the work directory comes from the pom. */
    static OutsideMavenBuild prepare(ReactorArtifacts reactor) throws IOException {
        Path workDir = Paths.get(ReactorArtifacts.required("readmeit.workDir")).toAbsolutePath();
        OutsideMavenBuild build = new OutsideMavenBuild(reactor, workDir);
        Path fileRepository = workDir.resolve("reactor-repository");
        deleteRecursively(fileRepository);
        build.publish(fileRepository);
        deleteRecursively(build.localRepository.resolve(ReactorArtifacts.GROUP_ID.replace('.', '/')));
        Path mavenCache = Paths.get(ReactorArtifacts.required("readmeit.localRepository")).toAbsolutePath();
        Files.writeString(build.settings, settingsXml(fileRepository, mavenCache), StandardCharsets.UTF_8);
        return build;
    }

    /** Copies the parent pom and each published module's pom and jar in the remote layout. */
    private void publish(Path repository) throws IOException {
        String version = reactor.version();
        copyArtifact(repository, ReactorArtifacts.PARENT_ARTIFACT_ID, reactor.parentPom(), "pom");
        for (String module : ReactorArtifacts.PUBLISHED_MODULES) {
            copyArtifact(repository, ReactorArtifacts.artifactId(module), reactor.pom(module), "pom");
            copyArtifact(repository, ReactorArtifacts.artifactId(module), reactor.jar(module, null), "jar");
        }
    }

    private void copyArtifact(Path repository, String artifactId, Path file, String extension) throws IOException {
        Path target = artifactPath(repository, artifactId, extension);
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private Path artifactPath(Path repository, String artifactId, String extension) {
        String version = reactor.version();
        return repository.resolve(ReactorArtifacts.GROUP_ID.replace('.', '/')).resolve(artifactId).resolve(version)
                .resolve(artifactId + "-" + version + "." + extension);
    }

    /** Where the outside builds' Maven put this reactor's jar of {@code module}. */
    Path resolvedJar(String module) {
        return artifactPath(localRepository, ReactorArtifacts.artifactId(module), "jar");
    }

    private static String settingsXml(Path reactorRepository, Path mavenCache) {
        return "<settings>\n"
                + "  <profiles>\n"
                + "    <profile>\n"
                + "      <id>readme-it</id>\n"
                + "      <repositories>\n"
                + repository("repository", "reactor", reactorRepository, false, true)
                + repository("repository", "maven-cache", mavenCache, true, false)
                + "      </repositories>\n"
                + "      <pluginRepositories>\n"
                + repository("pluginRepository", "maven-cache", mavenCache, true, false)
                + "      </pluginRepositories>\n"
                + "    </profile>\n"
                + "  </profiles>\n"
                + "  <activeProfiles>\n"
                + "    <activeProfile>readme-it</activeProfile>\n"
                + "  </activeProfiles>\n"
                + "</settings>\n";
    }

    private static String repository(String element, String id, Path directory, boolean releases, boolean snapshots) {
        return "        <" + element + ">\n"
                + "          <id>" + id + "</id>\n"
                + "          <url>" + directory.toUri() + "</url>\n"
                + "          <releases><enabled>" + releases + "</enabled><checksumPolicy>ignore</checksumPolicy></releases>\n"
                + "          <snapshots><enabled>" + snapshots + "</enabled><updatePolicy>always</updatePolicy>"
                + "<checksumPolicy>ignore</checksumPolicy></snapshots>\n"
                + "        </" + element + ">\n";
    }

    /** A fresh, empty project directory named {@code name} under the work directory. */
    Path newProject(String name) throws IOException {
        Path project = workDir.resolve(name);
        deleteRecursively(project);
        Files.createDirectories(project);
        return project;
    }

    /** What a finished process printed, and its exit code. */
    record Result(int exitCode, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    /** Runs this build's Maven in {@code project} on this JDK, batch mode, with the given goals. */
    Result maven(Path project, String... goals) throws IOException, InterruptedException {
        Path mvn = Paths.get(ReactorArtifacts.required("readmeit.mavenHome"), "bin", "mvn");
        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "--no-transfer-progress",
                "-Dstyle.color=never", "-s", settings.toString(), "-Dmaven.repo.local=" + localRepository));
        command.addAll(List.of(goals));
        Path log = project.resolve("build.log");
        // C1 only: a build of one class is over before C2 pays off; measured, it halves Maven's CPU time.
        return run(project, command, BUILD_LIMIT, log, log, "-XX:TieredStopAtLevel=1");
    }

    /**
     * Runs {@code command} in {@code directory} with JAVA_HOME set to this JVM's, its standard
     * output to {@code log} and its standard error to {@code errorLog} (the same file is fine).
     */
    static Result run(Path directory, List<String> command, Duration limit, Path log, Path errorLog)
            throws IOException, InterruptedException {
        return run(directory, command, limit, log, errorLog, null);
    }

    /** As above, with {@code MAVEN_OPTS} set to {@code mavenOpts} (or unset, if null). */
    private static Result run(Path directory, List<String> command, Duration limit, Path log, Path errorLog,
            String mavenOpts) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(log.toFile());
        if (errorLog.equals(log)) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(errorLog.toFile());
        }
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        if (mavenOpts == null) {
            builder.environment().remove("MAVEN_OPTS");
        } else {
            builder.environment().put("MAVEN_OPTS", mavenOpts);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            fail(String.join(" ", command) + " did not finish within " + limit + " in " + directory
                    + "; it printed:\n" + tail(Files.readString(log, StandardCharsets.UTF_8)));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The last lines of {@code text}, enough to see why a build failed. */
    static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
