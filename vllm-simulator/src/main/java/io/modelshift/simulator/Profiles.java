package io.modelshift.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The shipped profiles, read from {@code profiles.json} (each with the sources of its figures). */
final class Profiles {

    private static final String RESOURCE = "/io/modelshift/simulator/profiles.json";

    private Profiles() {
    }

    static SimulatorConfig load(String name) {
        JsonNode all = read();
        JsonNode profile = all.get(name);
        if (profile == null || !profile.isObject()) {
            throw new IllegalArgumentException("unknown simulator profile '" + name + "'; shipped: " + names(all));
        }
        SimulatorConfig base = SimulatorConfig.defaults().edit(d -> d.profile = name);
        return ConfigJson.patch(base, profile);
    }

    static List<String> names() {
        return names(read());
    }

    private static List<String> names(JsonNode all) {
        List<String> names = new ArrayList<>();
        all.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode read() {
        try (InputStream in = Profiles.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("profiles resource missing: " + RESOURCE);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
