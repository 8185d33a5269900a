package io.multiprocessing4j.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What a company checks before it adopts a library, on the jars this reactor publishes: a licence
 * (Apache 2.0) in the pom and in every jar, sources, and API documentation that shows the public
 * API only, under the licence rather than "All rights reserved".
 */
class PublishedArtifactsIT {

    private final ReactorArtifacts reactor = ReactorArtifacts.fromSystemProperties();

    @Test
    void thePomDeclaresTheApacheLicence() throws IOException {
        String pom = Files.readString(reactor.parentPom(), StandardCharsets.UTF_8);
        assertTrue(pom.contains("<name>Apache-2.0</name>")
                && pom.contains("<url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>"),
                "the parent pom, which every module inherits, does not declare the Apache License 2.0");
    }

    @Test
    void everyJarCarriesTheLicenceFile() throws IOException {
        byte[] licence = Files.readAllBytes(reactor.root().resolve("LICENSE"));
        assertTrue(new String(licence, StandardCharsets.UTF_8).contains("Apache License\n                           Version 2.0"),
                "LICENSE is not the Apache License 2.0");
        for (String module : ReactorArtifacts.PUBLISHED_MODULES) {
            for (String classifier : new String[] {null, "sources"}) {
                try (JarFile jar = new JarFile(reactor.jar(module, classifier).toFile())) {
                    JarEntry entry = jar.getJarEntry("META-INF/LICENSE");
                    assertNotNull(entry, jar.getName() + " has no META-INF/LICENSE");
                    assertArrayEquals(licence, jar.getInputStream(entry).readAllBytes(),
                            jar.getName() + "'s META-INF/LICENSE is not the repository's LICENSE");
                }
            }
        }
    }

    @Test
    void theJavadocShowsThePublicApiOnlyUnderTheLicence() throws IOException {
        try (JarFile javadoc = new JarFile(reactor.jar("runtime", "javadoc").toFile())) {
            List<String> internal = javadoc.stream().map(JarEntry::getName)
                    .filter(name -> name.contains("/internal/")).collect(Collectors.toList());
            assertEquals(List.of(), internal, "the published javadoc documents internal packages");
            JarEntry pool = javadoc.getJarEntry("io/multiprocessing4j/Pool.html");
            assertNotNull(pool, "the javadoc has no page for Pool");
            String page = new String(javadoc.getInputStream(pool).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(page.contains("Apache License, Version 2.0"), "Pool.html's footer does not name the licence");
            assertFalse(page.contains("All rights reserved"), "Pool.html still says 'All rights reserved'");
        }
    }
}
