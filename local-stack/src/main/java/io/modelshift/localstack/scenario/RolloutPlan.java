package io.modelshift.localstack.scenario;

import java.time.Duration;

/**
 * The ModelRollout the scenario submits: mirror, then 50, 70, 90 and 100 percent, each weight followed by an
 * analysis of the evaluation service's verdict for the step's compressed duration; the same gate is checked in the
 * background from the first weight on, and failing evidence aborts (rolls back to the stable model).
 */
public record RolloutPlan(String name, String route, String stable, String canary, Duration step, int minSamples) {

    public String yaml() {
        String d = step.toSeconds() + "s";
        String interval = Math.max(1, step.toSeconds() / 4) + "s";
        // a step that cannot decide within the deadline pauses the rollout for a human: on a crowded laptop a
        // compressed step gathers its samples slowly, so the deadline never goes under two minutes
        String deadline = Math.max(step.toSeconds() * 6, 120) + "s";
        return """
                apiVersion: modelshift.io/v1alpha1
                kind: ModelRollout
                metadata:
                  name: %1$s
                spec:
                  route: %2$s
                  stable: {model: %3$s, upstream: %3$s}
                  canary: {model: %4$s, upstream: %4$s}
                  stickiness: {key: "header:x-session-id"}
                  analysisInterval: %6$s
                  progressDeadline: %7$s
                  failurePolicy: Abort
                  gates:
                    - name: quality
                      evaluation: {}
                      minSamples: %8$d
                  backgroundAnalysis: {gates: [quality], startingStep: 2}
                  steps:
                    - mirror: {percent: 50, duration: %5$s}
                    - analysis: {gates: [quality], duration: %5$s}
                    - setWeight: 50
                    - analysis: {gates: [quality], duration: %5$s}
                    - setWeight: 70
                    - analysis: {gates: [quality], duration: %5$s}
                    - setWeight: 90
                    - analysis: {gates: [quality], duration: %5$s}
                    - setWeight: 100
                """.formatted(name, route, stable, canary, d, interval, deadline, minSamples);
    }
}
