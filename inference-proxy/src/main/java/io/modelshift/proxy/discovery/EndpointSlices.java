package io.modelshift.proxy.discovery;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Turns EndpointSlices into endpoints: one per address, ready only when Ready and not terminating. */
public final class EndpointSlices {

    private EndpointSlices() {
    }

    public static List<Endpoint> endpoints(Collection<EndpointSlice> slices, Optional<String> portName,
                                           int defaultPort) {
        List<Endpoint> result = new ArrayList<>();
        for (EndpointSlice slice : slices) {
            if (slice.getAddressType() != null && !"IPv4".equals(slice.getAddressType())
                    && !"IPv6".equals(slice.getAddressType())) {
                continue; // FQDN slices name no pod
            }
            Integer port = port(slice.getPorts(), portName, defaultPort);
            if (port == null || slice.getEndpoints() == null) {
                continue;
            }
            for (var endpoint : slice.getEndpoints()) {
                if (endpoint.getAddresses() == null || endpoint.getAddresses().isEmpty()) {
                    continue;
                }
                String address = endpoint.getAddresses().get(0);
                String host = address.contains(":") ? "[" + address + "]" : address;
                String name = endpoint.getTargetRef() != null && endpoint.getTargetRef().getName() != null
                        ? endpoint.getTargetRef().getName() : address;
                result.add(new Endpoint(name, host, port, ready(endpoint.getConditions())));
            }
        }
        return result;
    }

    /** Per the EndpointSlice API, an unset ready condition means ready; terminating endpoints never are. */
    static boolean ready(EndpointConditions c) {
        if (c == null) {
            return true;
        }
        boolean ready = c.getReady() == null || c.getReady();
        boolean terminating = c.getTerminating() != null && c.getTerminating();
        return ready && !terminating;
    }

    private static Integer port(List<EndpointPort> ports, Optional<String> portName, int defaultPort) {
        if (ports == null || ports.isEmpty()) {
            return portName.isPresent() ? null : defaultPort;
        }
        for (EndpointPort p : ports) {
            if (portName.isEmpty() || portName.get().equals(p.getName())) {
                return p.getPort() != null ? p.getPort() : defaultPort;
            }
        }
        return null;
    }
}
