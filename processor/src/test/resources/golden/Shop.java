package com.example;

import io.multiprocessing4j.annotations.PoolTask;
import io.multiprocessing4j.annotations.Worker;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/** The representative class of the golden test: one of each shape the processor generates. */
public class Shop {
    public enum Size { SMALL, LARGE }

    public record Order(String item, int quantity, Size size) {}

    public static class Pricing {
        @PoolTask
        public static int square(int x) {
            return x * x;
        }

        @PoolTask
        static long square(long x) {
            return x * x;
        }

        @Worker
        @PoolTask
        static void log(String Task) {
            if (Task.isEmpty()) {
                throw new IllegalArgumentException("nothing to log");
            }
        }

        @PoolTask
        protected static Order reorder(Order order, List<String> notes) throws IOException {
            return new Order(order.item() + notes, order.quantity(), order.size());
        }

        @PoolTask
        static Size upsize(Size size) {
            return Size.LARGE;
        }

        @Worker
        static int sum(int... values) {
            int sum = 0;
            for (int value : values) {
                sum += value;
            }
            return sum;
        }

        @PoolTask
        static int count(String... arguments) {
            return arguments.length;
        }

        @PoolTask
        public static <T extends Serializable> T echo(T value) {
            return value;
        }

        @PoolTask
        @SafeVarargs
        static <T extends Serializable> T first(T... values) {
            return values[0];
        }
    }
}
