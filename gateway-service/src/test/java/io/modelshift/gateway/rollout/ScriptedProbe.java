package io.modelshift.gateway.rollout;

import io.modelshift.api.rollout.Gate;

import java.util.HashMap;
import java.util.Map;

/** A gate source whose answers the test sets per gate name; an unset gate cannot be measured. */
class ScriptedProbe implements GateProbe {

    private final Map<String, Measurement> answers = new HashMap<>();
    private final Map<String, String> failures = new HashMap<>();
    int calls;

    ScriptedProbe answer(String gate, Measurement m) {
        failures.remove(gate);
        answers.put(gate, m);
        return this;
    }

    ScriptedProbe unreachable(String gate, String why) {
        answers.remove(gate);
        failures.put(gate, why);
        return this;
    }

    @Override
    public Measurement measure(Gate gate, GateContext context) throws MeasurementException {
        calls++;
        if (failures.containsKey(gate.name())) {
            throw new MeasurementException(failures.get(gate.name()));
        }
        Measurement m = answers.get(gate.name());
        if (m == null) {
            throw new MeasurementException("no scripted answer for " + gate.name());
        }
        return m;
    }
}
