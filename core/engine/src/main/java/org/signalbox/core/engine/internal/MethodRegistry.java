package org.signalbox.core.engine.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.signalbox.api.rpc.MethodContract;
import org.signalbox.api.rpc.RpcMethod;


/** The methods currently registered, by wire name, each with its contract read and its schema compiled once. */
final class MethodRegistry {

    private static final System.Logger LOG = System.getLogger(MethodRegistry.class.getSimpleName());

    /** A registered method and what the engine derived from it. */
    record Entry(RpcMethod method, MethodContract contract, ParamBinder binder) {
    }

    private final Map<String, Entry> byName = new ConcurrentSkipListMap<>();
    private final Map<RpcMethod, List<String>> names = new ConcurrentHashMap<>();
    private final int maxArrayItems;

    MethodRegistry(int maxArrayItems) {
        this.maxArrayItems = maxArrayItems;
    }

    /** Returns false (and logs why) for a method whose schema does not compile or whose name is taken. */
    boolean add(RpcMethod method) {
        Entry entry;
        MethodContract contract;
        try {
            contract = method.contract();
            entry = new Entry(method, contract, new ParamBinder(contract.params(), maxArrayItems));
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Method " + method.getClass().getName() + " not served: "
                    + e.getMessage());
            return false;
        }
        List<String> wire = new java.util.ArrayList<>();
        wire.add(contract.name());
        wire.addAll(contract.aliases());
        for (String name : wire) {
            if (byName.putIfAbsent(name, entry) != null) {
                LOG.log(System.Logger.Level.WARNING, "Method name " + name + " is already served; "
                        + method.getClass().getName() + " does not get it");
            } else {
                names.computeIfAbsent(method, m -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(name);
            }
        }
        return true;
    }

    void remove(RpcMethod method) {
        List<String> owned = names.remove(method);
        if (owned != null) {
            owned.forEach(byName::remove);
        }
    }

    Entry get(String name) {
        return byName.get(name);
    }

    /** Every method once (aliases folded), by name. */
    Collection<Entry> all() {
        return byName.entrySet().stream()
                .filter(e -> e.getKey().equals(e.getValue().contract().name()))
                .map(Map.Entry::getValue)
                .toList();
    }
}
