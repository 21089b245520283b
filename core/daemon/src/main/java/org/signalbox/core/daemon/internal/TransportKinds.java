package org.signalbox.core.daemon.internal;

import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.signalbox.api.transport.TransportKind;

/** The transport kinds the installed bundles advertise, by name. */
@Component(service = TransportKinds.class)
public final class TransportKinds {

    private final Map<String, TransportKind> byName = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addKind(TransportKind kind) {
        byName.put(kind.name(), kind);
    }

    void removeKind(TransportKind kind) {
        byName.remove(kind.name(), kind);
    }

    /** @throws IllegalArgumentException naming the kinds there are */
    TransportKind require(String name) {
        TransportKind kind = byName.get(name);
        if (kind == null) {
            throw new IllegalArgumentException("No bundle in this distribution serves transport kind '" + name
                    + "' (kinds served: " + String.join(", ", new TreeSet<>(byName.keySet())) + ")");
        }
        return kind;
    }
}
