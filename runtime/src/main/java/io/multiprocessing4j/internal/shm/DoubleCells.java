package io.multiprocessing4j.internal.shm;

/**
 * {@code double}s in a segment: {@link LongCells} holding their bits. The state behind
 * {@code SharedDouble} and {@code SharedDoubleArray}. {@link #compareAndSet} compares bits, as
 * {@code VarHandle}s compare doubles ({@code 0.0} and {@code -0.0} differ, a NaN equals the same
 * NaN); {@link #getAndAdd} is a CAS loop, atomic across processes.
 */
public final class DoubleCells {

    private final LongCells bits;

    /** A view of the cells in {@code segment}. */
    public DoubleCells(Segment segment) {
        this.bits = new LongCells(segment);
    }

    /** The bytes after the header for {@code length} cells. */
    public static int payload(int length) {
        return LongCells.payload(length);
    }

    /** The segment the cells live in. */
    public Segment segment() {
        return bits.segment();
    }

    /** The number of cells. */
    public int length() {
        return bits.length();
    }

    /** The value of cell {@code index}, read volatile. */
    public double get(int index) {
        return Double.longBitsToDouble(bits.get(index));
    }

    /** Writes cell {@code index}, volatile. */
    public void set(int index, double value) {
        bits.set(index, Double.doubleToRawLongBits(value));
    }

    /** Sets cell {@code index} atomically; returns the value before. */
    public double getAndSet(int index, double value) {
        return Double.longBitsToDouble(bits.getAndSet(index, Double.doubleToRawLongBits(value)));
    }

    /** Adds {@code delta} to cell {@code index} atomically; returns the value before. */
    public double getAndAdd(int index, double delta) {
        for (;;) {
            long seen = bits.get(index);
            double before = Double.longBitsToDouble(seen);
            if (bits.compareAndSet(index, seen, Double.doubleToRawLongBits(before + delta))) {
                return before;
            }
        }
    }

    /** Sets cell {@code index} to {@code value} if its bits are those of {@code expected}. */
    public boolean compareAndSet(int index, double expected, double value) {
        return bits.compareAndSet(index, Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(value));
    }

    /** A copy of every cell. */
    public double[] toArray() {
        long[] raw = bits.toArray();
        double[] values = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            values[i] = Double.longBitsToDouble(raw[i]);
        }
        return values;
    }
}
