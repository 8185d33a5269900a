package io.multiprocessing4j.internal.manager;

import io.multiprocessing4j.internal.wire.Encoder;
import io.multiprocessing4j.internal.wire.ManagerHandles;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;

/**
 * A manager's list as a {@link List}: every call goes to the server; elements are copied in and
 * out. {@code AbstractList} supplies list iterators, {@code subList} and the algorithms over
 * {@code get}, {@code set}, {@code add} and {@code remove} (one call each); {@link #iterator()},
 * {@code toArray}, {@code equals}, {@code hashCode} and {@code toString} work on one snapshot of
 * the server's contents, and bulk additions are one call.
 */
public final class RemoteList<E> extends AbstractList<E> implements RandomAccess, ManagerHandles.Handle {

    private final ManagerClient client;
    private final int id;

    RemoteList(ManagerClient client, int id) {
        this.client = client;
        this.id = id;
    }

    @SuppressWarnings("unchecked")
    private <T> T call(int op, Object... arguments) {
        return (T) client.call(id, op, arguments);
    }

    /** The server's contents now: one call. */
    public ArrayList<E> snapshot() {
        return call(Op.LIST_SNAPSHOT);
    }

    @Override
    public int size() {
        return this.<Integer>call(Op.LIST_SIZE);
    }

    @Override
    public E get(int index) {
        return call(Op.LIST_GET, index);
    }

    @Override
    public E set(int index, E element) {
        return call(Op.LIST_SET, index, element);
    }

    @Override
    public void add(int index, E element) {
        if (index < 0) {
            throw new IndexOutOfBoundsException("Index: " + index);
        }
        call(Op.LIST_ADD, index, element);
        modCount++;
    }

    @Override
    public boolean add(E element) {
        call(Op.LIST_ADD, ServerObjects.APPEND, element);
        modCount++;
        return true;
    }

    @Override
    public E remove(int index) {
        E removed = call(Op.LIST_REMOVE_AT, index);
        modCount++;
        return removed;
    }

    @Override
    public boolean addAll(Collection<? extends E> elements) {
        return addAll(ServerObjects.APPEND, elements);
    }

    @Override
    public boolean addAll(int index, Collection<? extends E> elements) {
        if (index < 0 && index != ServerObjects.APPEND) {
            throw new IndexOutOfBoundsException("Index: " + index);
        }
        boolean changed = this.<Boolean>call(Op.LIST_ADD_ALL, index, new ArrayList<>(elements));
        modCount++;
        return changed;
    }

    @Override
    public void clear() {
        call(Op.LIST_CLEAR);
        modCount++;
    }

    @Override
    protected void removeRange(int fromIndex, int toIndex) {
        call(Op.LIST_REMOVE_RANGE, fromIndex, toIndex);
        modCount++;
    }

    @Override
    public int indexOf(Object element) {
        return this.<Integer>call(Op.LIST_INDEX_OF, element);
    }

    @Override
    public int lastIndexOf(Object element) {
        return this.<Integer>call(Op.LIST_LAST_INDEX_OF, element);
    }

    @Override
    public boolean contains(Object element) {
        return this.<Boolean>call(Op.LIST_CONTAINS, element);
    }

    @Override
    public Iterator<E> iterator() {
        Iterator<E> snapshot = snapshot().iterator();
        return new Iterator<>() {
            private int next;
            private boolean removable;

            @Override
            public boolean hasNext() {
                return snapshot.hasNext();
            }

            @Override
            public E next() {
                E element = snapshot.next();
                next++;
                removable = true;
                return element;
            }

            @Override
            public void remove() {
                if (!removable) {
                    throw new IllegalStateException("next() has not been called, or remove() was already");
                }
                RemoteList.this.remove(--next);
                removable = false;
            }
        };
    }

    @Override
    public Object[] toArray() {
        return snapshot().toArray();
    }

    @Override
    public <T> T[] toArray(T[] into) {
        return snapshot().toArray(into);
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        return snapshot().equals(other instanceof RemoteList ? ((RemoteList<?>) other).snapshot() : other);
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
        ProxyReader.write(out, client, Op.LIST, id, null);
    }
}
