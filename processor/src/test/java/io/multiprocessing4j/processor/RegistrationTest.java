package io.multiprocessing4j.processor;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import javax.lang.model.SourceVersion;
import org.junit.jupiter.api.Test;

/** How build tools find the processor: javac's service file and Gradle's incremental declaration. */
class RegistrationTest {

    @Test
    void javacFindsTheProcessorThroughServiceLoader() {
        assertThat(ServiceLoader.load(Processor.class).stream().map(ServiceLoader.Provider::type).toList())
                .contains(Multiprocessing4jProcessor.class);
    }

    @Test
    void gradleTreatsTheProcessorAsIsolating() throws IOException {
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/gradle/incremental.annotation.processors")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("io.multiprocessing4j.processor.Multiprocessing4jProcessor,isolating\n");
        }
    }

    @Test
    void supportsTheLatestSourceVersionAndItsAnnotations() {
        Multiprocessing4jProcessor processor = new Multiprocessing4jProcessor();
        assertThat(processor.getSupportedSourceVersion()).isEqualTo(SourceVersion.latestSupported());
        assertThat(processor.getSupportedAnnotationTypes()).containsExactly(
                "io.multiprocessing4j.annotations.Worker",
                "io.multiprocessing4j.annotations.PoolTask",
                "io.multiprocessing4j.annotations.Managed",
                "javax.annotation.processing.Generated");
    }
}
