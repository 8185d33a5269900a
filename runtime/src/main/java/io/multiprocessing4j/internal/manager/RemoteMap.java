package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.ManagerHandles;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A manager's dict as a {@link Map}: every call goes to the server; keys and values are copied in
 * and out. {@code AbstractMap} supplies the views over a small set of remote operations; the
 * views iterate over one snapshot (one call), and their removals and {@code setValue} go to the
 * server. {@code equals}, {@code hashCode} and {@code toString} are those of the server's contents
 * (a {@link LinkedHashMap}, in insertion order) at the time of the call.
 */
public final class RemoteMap<K, V> extends AbstractMap<K, V> implements ManagerHandles.Handle {

    private final ManagerClient client;
    private final int id;

    RemoteMap(ManagerClient client, int id) {
        this.client = client;
        this.id = id;
    }

    @SuppressWarnings("unchecked")
    private <T> T call(int op, Object... arguments) {
        return (T) client.call(id, op, arguments);
    }

    /** The server's contents now, in insertion order: one call. */
    public LinkedHashMap<K, V> snapshot() {
        return call(Op.MAP_SNAPSHOT);
    }

    @Override
    public int size() {
        return this.<Integer>call(Op.MAP_SIZE);
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public V get(Object key) {
        return call(Op.MAP_GET, key);
    }

    @Override
    public boolean containsKey(Object key) {
        return this.<Boolean>call(Op.MAP_CONTAINS_KEY, key);
    }

    @Override
    public boolean containsValue(Object value) {
        return this.<Boolean>call(Op.MAP_CONTAINS_VALUE, value);
    }

    @Override
    public V put(K key, V value) {
        return call(Op.MAP_PUT, key, value);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return call(Op.MAP_PUT_IF_ABSENT, key, value);
    }

    @Override
    public V remove(Object key) {
        return call(Op.MAP_REMOVE, key);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> entries) {
        call(Op.MAP_PUT_ALL, new LinkedHashMap<>(entries));
    }

    @Override
    public void clear() {
        call(Op.MAP_CLEAR);
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<K, V>> iterator() {
                Iterator<Entry<K, V>> snapshot = snapshot().entrySet().iterator();
                return new Iterator<>() {
                    private Entry<K, V> last;

                    @Override
                    public boolean hasNext() {
                        return snapshot.hasNext();
                    }

                    @Override
                    public Entry<K, V> next() {
                        Entry<K, V> entry = snapshot.next();
                        last = entry;
                        return new SimpleEntry<>(entry) {
                            private static final long serialVersionUID = 1L;

                            @Override
                            public V setValue(V value) {
                                super.setValue(value);
                                return put(entry.getKey(), value);
                            }
                        };
                    }

                    @Override
                    public void remove() {
                        if (last == null) {
                            throw new IllegalStateException("next() has not been called, or remove() was already");
                        }
                        RemoteMap.this.remove(last.getKey());
                        last = null;
                    }
                };
            }

            @Override
            public int size() {
                return RemoteMap.this.size();
            }

            @Override
            public void clear() {
                RemoteMap.this.clear();
            }
        };
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        return snapshot().equals(other instanceof RemoteMap ? ((RemoteMap<?, ?>) other).snapshot() : other);
    }

    @Override
    public int hashCode() {
        return snapshot().hashCode();
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }

    @Override
    public void writeHandle(Encoder out) {
        ProxyReader.write(out, client, Op.DICT, id, null);
    }
}
