package io.multiprocessing4j.internal.manager;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The objects a manager's server holds, by id and by name, and the operations on them. A dict is
 * a {@link LinkedHashMap} (insertion order, as Python's dict), a list an {@link ArrayList}; each
 * operation on one holds its monitor, so every operation is atomic, as under Python's GIL. A
 * {@code @Managed} object is called without a lock: its implementation is as thread-safe as its
 * author made it, as in Python. Queues, locks, events, semaphores and barriers are the
 * {@code Server*} classes of this package, each guarded by its own monitor, on which their
 * waiting calls wait (a condition is guarded by its lock's); an int is an {@link AtomicInteger}.
 */
final class ServerObjects {

    /** The index of {@link Op#LIST_ADD} and {@link Op#LIST_ADD_ALL} that means "at the end". */
    static final int APPEND = -1;

    private final Map<Integer, Object> byId = new ConcurrentHashMap<>();
    private final Map<String, Integer> byName = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Registrations registrations;

    ServerObjects(Registrations registrations) {
        this.registrations = registrations;
    }

    /** A refusal: the call could not be made; the message goes back to the client. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Runs one operation.
     *
     * @throws Refused if the object or operation is unknown, or the arguments are wrong
     * @throws Throwable what a {@code @Managed} implementation threw, unchanged
     */
    Object call(long client, int object, int op, Object[] a) throws Throwable {
        if (object == Op.SERVER) {
            if (op != Op.CREATE || a.length != 3 || !(a[0] instanceof Integer)) {
                throw new Refused("unknown server operation " + op);
            }
            return create((Integer) a[0], (String) a[1], a[2]);
        }
        Object target = byId.get(object);
        if (target == null) {
            throw new Refused("the server holds no object " + object);
        }
        try {
            if (target instanceof ManagedObject) {
                if (op != Op.MANAGED_CALL) {
                    throw new Refused("operation " + op + " on a @Managed object");
                }
                return ((ManagedObject) target).call((Integer) a[0], (Object[]) a[1]);
            }
            if (target instanceof LinkedHashMap) {
                return mapCall(cast(target), op, a);
            }
            if (target instanceof ArrayList) {
                return listCall(cast(target), op, a);
            }
            return SyncCalls.call(target, client, op, a);
        } catch (ClassCastException | ArrayIndexOutOfBoundsException e) {
            throw new Refused("malformed operation " + op + " on object " + object + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    private Object create(int kind, String name, Object argument) {
        if (name != null) {
            synchronized (byName) {
                Integer existing = byName.get(name);
                if (existing != null) {
                    Object held = byId.get(existing);
                    if (kindOf(held) != kind || kind == Op.MANAGED
                            && !((ManagedObject) held).typeName().equals(argument)) {
                        throw new Refused("the server's object named \"" + name + "\" is a "
                                + describe(held) + ", not a " + Op.kindName(kind));
                    }
                    if (kind == Op.CONDITION && ((ServerCondition) held).lock() != byId.get(argument)) {
                        throw new Refused("the server's condition named \"" + name + "\" belongs to another lock than"
                                + " #" + argument + ": a condition is bound to its lock for good");
                    }
                    return existing;
                }
                int id = add(newObject(kind, argument));
                byName.put(name, id);
                return id;
            }
        }
        return add(newObject(kind, argument));
    }

    private int add(Object value) {
        int id = ids.incrementAndGet();
        byId.put(id, value);
        return id;
    }

    private Object newObject(int kind, Object argument) {
        switch (kind) {
            case Op.DICT:
                return new LinkedHashMap<Object, Object>();
            case Op.LIST:
                return argument == null ? new ArrayList<>() : new ArrayList<>((Collection<?>) argument);
            case Op.MANAGED:
                return registrations.instantiate((String) argument);
            case Op.QUEUE:
                return new ServerQueue(nonNegative((Integer) argument, "capacity"));
            case Op.LOCK:
                return new ServerLock(false);
            case Op.RLOCK:
                return new ServerLock(true);
            case Op.EVENT:
                return new ServerEvent();
            case Op.SEMAPHORE:
                return new ServerSemaphore(nonNegative((Integer) argument, "permits"));
            case Op.BARRIER: {
                int parties = (Integer) argument;
                if (parties < 1) {
                    throw new Refused("a barrier's parties are at least 1, not " + parties);
                }
                return new ServerBarrier(parties);
            }
            case Op.INT:
                return new AtomicInteger((Integer) argument);
            case Op.CONDITION: {
                Object lock = byId.get((Integer) argument);
                if (!(lock instanceof ServerLock)) {
                    throw new Refused("a condition needs a lock of this server, and object " + argument + " is "
                            + (lock == null ? "none" : "a " + describe(lock)));
                }
                return new ServerCondition((ServerLock) lock);
            }
            default:
                throw new Refused("unknown object kind " + kind);
        }
    }

    private static int nonNegative(int value, String what) {
        if (value < 0) {
            throw new Refused("a " + what + " cannot be negative: " + value);
        }
        return value;
    }

    private static int kindOf(Object held) {
        if (held instanceof ServerLock) {
            return ((ServerLock) held).reentrant() ? Op.RLOCK : Op.LOCK;
        }
        return held instanceof ManagedObject ? Op.MANAGED : held instanceof LinkedHashMap ? Op.DICT
                : held instanceof ArrayList ? Op.LIST : held instanceof ServerQueue ? Op.QUEUE
                : held instanceof ServerEvent ? Op.EVENT : held instanceof ServerSemaphore ? Op.SEMAPHORE
                : held instanceof ServerBarrier ? Op.BARRIER : held instanceof ServerCondition ? Op.CONDITION : Op.INT;
    }

    /** Gives back what client {@code client} holds in any object: it has disconnected or died. */
    void clientGone(long client) {
        for (Object held : byId.values()) {
            if (held instanceof ClientHolds) {
                ((ClientHolds) held).clientGone(client);
            }
        }
    }

    private static String describe(Object held) {
        return held instanceof ManagedObject ? ((ManagedObject) held).typeName() : Op.kindName(kindOf(held));
    }

    private static Object mapCall(LinkedHashMap<Object, Object> map, int op, Object[] a) {
        synchronized (map) {
            switch (op) {
                case Op.MAP_SIZE: return map.size();
                case Op.MAP_GET: return map.get(a[0]);
                case Op.MAP_CONTAINS_KEY: return map.containsKey(a[0]);
                case Op.MAP_CONTAINS_VALUE: return map.containsValue(a[0]);
                case Op.MAP_PUT: return map.put(a[0], a[1]);
                case Op.MAP_PUT_IF_ABSENT: return map.putIfAbsent(a[0], a[1]);
                case Op.MAP_REMOVE: return map.remove(a[0]);
                case Op.MAP_CLEAR: map.clear(); return null;
                case Op.MAP_PUT_ALL: map.putAll((Map<?, ?>) a[0]); return null;
                case Op.MAP_SNAPSHOT: return new LinkedHashMap<>(map);
                default: throw new Refused("unknown dict operation " + op);
            }
        }
    }

    private static Object listCall(ArrayList<Object> list, int op, Object[] a) {
        synchronized (list) {
            switch (op) {
                case Op.LIST_SIZE: return list.size();
                case Op.LIST_GET: return list.get((Integer) a[0]);
                case Op.LIST_SET: return list.set((Integer) a[0], a[1]);
                case Op.LIST_ADD: {
                    int index = (Integer) a[0];
                    if (index == APPEND) {
                        list.add(a[1]);
                    } else {
                        list.add(index, a[1]);
                    }
                    return null;
                }
                case Op.LIST_REMOVE_AT: return list.remove((int) (Integer) a[0]);
                case Op.LIST_ADD_ALL: {
                    int index = (Integer) a[0];
                    return index == APPEND ? list.addAll((Collection<?>) a[1]) : list.addAll(index, (Collection<?>) a[1]);
                }
                case Op.LIST_CLEAR: list.clear(); return null;
                case Op.LIST_SNAPSHOT: return new ArrayList<>(list);
                case Op.LIST_INDEX_OF: return list.indexOf(a[0]);
                case Op.LIST_LAST_INDEX_OF: return list.lastIndexOf(a[0]);
                case Op.LIST_CONTAINS: return list.contains(a[0]);
                case Op.LIST_REMOVE_RANGE: {
                    List<Object> range = list.subList((Integer) a[0], (Integer) a[1]);
                    range.clear();
                    return null;
                }
                default: throw new Refused("unknown list operation " + op);
            }
        }
    }
}
