package org.signalbox.core.daemon.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.signalbox.api.rpc.RpcCall;
import org.signalbox.api.rpc.RpcMethod;

/** {@code listTransports}: every transport instance with its state, for clients on this machine. */
@Component(service = RpcMethod.class)
public final class ListTransports extends AdminMethod {

    private final BundleContext context;

    @Activate
    public ListTransports(BundleContext context) {
        super("listTransports");
        this.context = context;
    }

    @Override
    Object serve(RpcCall call) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Admin.Instance t : Admin.instances(context)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("endpoint", t.endpoint());
            m.put("state", t.state().name());
            m.put("connections", t.connections());
            m.put("failure", t.failure().orElse(null));
            m.put("configuration", t.configuration().orElse(null));
            out.add(m);
        }
        return out;
    }
}
