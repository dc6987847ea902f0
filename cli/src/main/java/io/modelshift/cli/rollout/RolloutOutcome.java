package io.modelshift.cli.rollout;

import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.ModelRolloutStatus;
import io.modelshift.api.rollout.RolloutCondition;
import io.modelshift.api.rollout.RolloutPhase;

/** Where a rollout ended, as an exit code for pipelines: 0 promoted, 1 aborted or degraded. */
enum RolloutOutcome {
    PROMOTED(0), FAILED(1), RUNNING(-1);

    final int exitCode;

    RolloutOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    static RolloutOutcome of(ModelRollout r) {
        ModelRolloutStatus s = r.getStatus();
        // a status about another canary is the previous rollout's: the controller has not taken the new spec yet
        if (s == null || s.getPhase() == null || (s.getCanary() != null && !s.getCanary().sameAs(r.getSpec().canary()))) {
            return RUNNING;
        }
        RolloutCondition degraded = s.condition(RolloutCondition.DEGRADED);
        if (s.getPhase() == RolloutPhase.Aborted || s.getPhase() == RolloutPhase.Frozen
                || (degraded != null && degraded.isTrue())) {
            return FAILED;
        }
        return s.getPhase() == RolloutPhase.Promoted ? PROMOTED : RUNNING;
    }
}
