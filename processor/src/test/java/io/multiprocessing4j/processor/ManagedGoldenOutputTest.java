package io.multiprocessing4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.multiprocessing4j.processor.Compilations.compile;
import static io.multiprocessing4j.processor.Compilations.generatedSource;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ManagedGoldenOutputTest {

    private static Compilation compilation;

    @BeforeAll
    static void compileInventory() {
        compilation = compile(JavaFileObjects.forResource("golden/Inventory.java"));
        System.out.println(compilation.diagnostics());
        System.out.println(generatedSource(compilation, "com.example.Inventory_StoreManaged"));
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void generates() {
        assertThat(compilation.generatedSourceFiles()).hasSize(1);
    }
}
