package com.example;

import io.multiprocessing4j.annotations.Managed;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A representative @Managed interface, nested and generic, and an implementation of it. */
public class Inventory {

    /** A superinterface: its methods are proxied too, with E bound as Store binds it. */
    public interface Shelf<E extends Serializable> {
        E newest();

        void restock(E item, int count);

        /** One of Object's methods: the proxy answers it itself. */
        @Override
        String toString();
    }

    @Managed
    public interface Store<T extends Serializable> extends Shelf<T> {
        int count(String item);

        void clear();

        List<String> names();

        Map<String, Integer> counts() throws IOException;

        Object anything(Object value);

        long total(int... amounts);

        <U extends Number> U echo(U number);

        Store<T> self();

        boolean has(char initial);

        void log(String calls);

        /** Runs in the client, through count. */
        default int twice(String item) {
            return 2 * count(item);
        }

        static int none() {
            return 0;
        }
    }

    /** What a Manager's server would create with new ShopStore(). */
    public static final class ShopStore implements Store<String> {
        private final Map<String, Integer> stock = new LinkedHashMap<>();
        private final List<String> log = new ArrayList<>();
        private String newest;

        public ShopStore() {}

        @Override
        public String newest() {
            return newest;
        }

        @Override
        public void restock(String item, int count) {
            stock.merge(item, count, Integer::sum);
            newest = item;
        }

        @Override
        public int count(String item) {
            return stock.getOrDefault(item, 0);
        }

        @Override
        public void clear() {
            stock.clear();
        }

        @Override
        public List<String> names() {
            return new ArrayList<>(stock.keySet());
        }

        @Override
        public Map<String, Integer> counts() throws IOException {
            if (stock.isEmpty()) {
                throw new IOException("nothing in stock");
            }
            return new LinkedHashMap<>(stock);
        }

        @Override
        public Object anything(Object value) {
            return value;
        }

        @Override
        public long total(int... amounts) {
            long sum = 0;
            for (int amount : amounts) {
                sum += amount;
            }
            return sum;
        }

        @Override
        public <U extends Number> U echo(U number) {
            return number;
        }

        @Override
        public Store<String> self() {
            return this;
        }

        @Override
        public boolean has(char initial) {
            if (initial == '!') {
                throw new AssertionError("an Error, not an Exception");
            }
            return stock.keySet().stream().anyMatch(item -> item.charAt(0) == initial);
        }

        @Override
        public void log(String calls) {
            log.add(calls);
        }

        public List<String> logged() {
            return log;
        }
    }
}
