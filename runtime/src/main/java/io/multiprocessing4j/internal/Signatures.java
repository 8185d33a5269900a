package io.multiprocessing4j.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a task method's parameter list back from the processor's index, for error messages only:
 * "parameter 2 ({@code Order order})" says more than "argument 1".
 */
public final class Signatures {

    private Signatures() {}

    /**
     * The declaration of parameter {@code position} of method {@code method} of {@code dispatcher},
     * as the index lists it (for example {@code Order order}), or {@code null} if the index does not
     * say.
     */
    public static String parameter(Class<?> dispatcher, int method, int position) {
        List<String> parameters = parameters(dispatcher, method);
        return parameters != null && position < parameters.size() ? parameters.get(position) : null;
    }

    private static List<String> parameters(Class<?> dispatcher, int method) {
        ClassLoader loader = dispatcher.getClassLoader();
        String resource = Dispatcher.INDEX_DIRECTORY + dispatcher.getName();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String prefix = method + " ";
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith(prefix)) {
                    int open = line.indexOf('(');
                    int close = line.lastIndexOf(')');
                    return open < 0 || close < open ? null : splitTopLevel(line.substring(open + 1, close));
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** Splits on commas that are not inside angle brackets: {@code Map<K, V> m, int x}. */
    private static List<String> splitTopLevel(String list) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(list.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (!list.isBlank()) {
            parts.add(list.substring(start).trim());
        }
        return parts;
    }
}
