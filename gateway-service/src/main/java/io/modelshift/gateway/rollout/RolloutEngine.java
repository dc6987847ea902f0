package io.modelshift.gateway.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelshift.api.rollout.AnalysisResult;
import io.modelshift.api.rollout.AppliedAction;
import io.modelshift.api.rollout.FailurePolicy;
import io.modelshift.api.rollout.Gate;
import io.modelshift.api.rollout.GateResult;
import io.modelshift.api.rollout.GateVerdict;
import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.ModelRolloutSpec;
import io.modelshift.api.rollout.ModelRolloutStatus;
import io.modelshift.api.rollout.RolloutAction;
import io.modelshift.api.rollout.RolloutCondition;
import io.modelshift.api.rollout.RolloutDuration;
import io.modelshift.api.rollout.RolloutPhase;
import io.modelshift.api.rollout.RolloutStep;
import io.modelshift.api.rollout.StepsHash;
import io.modelshift.api.rollout.Transition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The step machine: given a ModelRollout, an optional manual action, the traffic the gateway observed and the time,
 * decides the next status. Pure apart from the gate probes it calls; time comes in as an argument, so tests drive it
 * with a fake clock and never wait.
 *
 * <p>Rules, in order: an invalid spec is reported and nothing moves; a changed stable or canary starts a new rollout;
 * a canary equal to the stable sends everything to the stable at once; edited steps restart the steps at the current
 * weight; then the manual action; then the current step, whose clock starts only when the observed canary share
 * matches the desired one.
 */
public class RolloutEngine {

    /** Pause reasons. */
    public static final String MANUAL_PAUSE = "ManualPause";
    public static final String PAUSE_STEP = "PauseStep";
    public static final String INCONCLUSIVE = "InconclusiveAnalysis";
    public static final String MEASUREMENT_ERROR = "MeasurementError";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param analysisInterval default time between gate measurements
     * @param progressDeadline default longest wait for a step's traffic to match or its analysis to decide
     * @param weightTolerance  how far (percentage points) the observed canary share may be from the desired one
     * @param minRequests      requests needed before the observed share counts
     * @param historyLimit     history entries kept in status
     */
    public record Settings(Duration analysisInterval, Duration progressDeadline, double weightTolerance,
                           long minRequests, int historyLimit) {

        public static final Settings DEFAULTS = new Settings(Duration.ofMinutes(1), Duration.ofMinutes(30), 5, 20, 50);
    }

    private final Gates gates;
    private final Settings settings;
    private final Predicate<String> knownUpstream;

    public RolloutEngine(Gates gates, Settings settings, Predicate<String> knownUpstream) {
        this.gates = gates;
        this.settings = settings;
        this.knownUpstream = knownUpstream;
    }

    public Reconciliation reconcile(ModelRollout mro, RolloutAction action, Observation observation, Instant now) {
        ModelRolloutStatus before = mro.getStatus();
        Turn t = new Turn(mro, before == null ? new ModelRolloutStatus() : before.copy(),
                observation == null ? Observation.NONE : observation, now);
        t.run(action);
        boolean changed = !JSON.valueToTree(t.st).equals(before == null ? null : JSON.valueToTree(before));
        return new Reconciliation(t.st, List.copyOf(t.events), changed);
    }

    /** One reconcile's working state. */
    private final class Turn {
        final ModelRollout mro;
        final ModelRolloutSpec spec;
        final ModelRolloutStatus st;
        final Observation obs;
        final Instant now;
        final List<RolloutEvent> events = new ArrayList<>();
        boolean invalid;

        Turn(ModelRollout mro, ModelRolloutStatus st, Observation obs, Instant now) {
            this.mro = mro;
            this.spec = mro.getSpec();
            this.st = st;
            this.obs = obs;
            this.now = now;
        }

        void run(RolloutAction action) {
            st.setObservedWeight(obs.canaryPercent() == null ? null : Math.round(obs.canaryPercent() * 10) / 10.0);
            List<String> problems = SpecCheck.problems(spec, knownUpstream);
            if (!problems.isEmpty()) {
                reportInvalid(problems);
                if (action != null) {
                    st.setLastAction(new AppliedAction(action.value(), now.toString(),
                            refuse(action, "the spec is invalid; nothing moves until it is fixed")));
                }
            } else {
                st.setObservedGeneration(mro.getMetadata().getGeneration());
                if (followSpec()) {
                    if (action != null) {
                        act(action);
                    }
                    progress();
                } else if (action != null) {
                    st.setLastAction(new AppliedAction(action.value(), now.toString(),
                            refuse(action, "the canary is the stable: nothing to roll out")));
                }
            }
            finish();
        }

        // ---- spec changes ------------------------------------------------------------------------------------

        /** Applies the spec-change rules; false when there is nothing more to do this turn. */
        boolean followSpec() {
            String hash = StepsHash.of(spec.steps());
            if (spec.canary().sameAs(spec.stable())) {
                boolean already = st.getPhase() == RolloutPhase.Promoted && spec.canary().sameAs(st.getCanary())
                        && spec.stable().sameAs(st.getStable());
                if (!already) {
                    st.setStable(spec.stable());
                    st.setCanary(spec.canary());
                    st.setStepsHash(hash);
                    st.setTotalSteps(spec.steps().size());
                    st.setCurrentStepIndex(spec.steps().size());
                    st.setDesiredWeight(0);
                    st.setMirrorPercent(0);
                    clearPause();
                    st.setFinishedAt(now.toString());
                    transition(RolloutPhase.Promoted, "NoCanary", "the canary is the stable (" + spec.stable().model()
                            + "): the stable serves all traffic, nothing to roll out", false);
                }
                return false;
            }
            if (st.getPhase() == null || st.getCanary() == null) {
                start("RolloutStarted", "rollout of route " + spec.route() + " from " + spec.stable().model() + " to "
                        + spec.canary().model() + " started", false);
            } else if (!spec.canary().sameAs(st.getCanary()) || !spec.stable().sameAs(st.getStable())) {
                start("NewRollout", "spec changed from " + st.getStable().model() + " -> " + st.getCanary().model()
                        + " to " + spec.stable().model() + " -> " + spec.canary().model()
                        + ": the previous rollout is superseded, canary weight back to 0, new rollout from step 1", false);
            } else if (!hash.equals(st.getStepsHash())) {
                String was = st.getStepsHash();
                st.setStepsHash(hash);
                st.setTotalSteps(spec.steps().size());
                if (st.getPhase().terminal()) {
                    record("StepsChanged", "steps edited after the rollout ended (" + was + " -> " + hash
                            + "): recorded, used by the next retry", false);
                } else {
                    boolean manual = MANUAL_PAUSE.equals(st.getPauseReason());
                    record("StepsChanged", "steps edited mid-rollout (" + was + " -> " + hash
                            + "): restarting from step 1, canary weight stays at " + weight() + "% until a setWeight step"
                            + " changes it", false);
                    enterStep(0);
                    if (manual) {
                        pause(MANUAL_PAUSE, "paused by hand (kept across the steps edit)");
                    }
                }
            }
            return true;
        }

        /** A new rollout from step 1; the canary starts at 0 unless {@code keepWeight}. */
        void start(String reason, String message, boolean keepWeight) {
            st.setStable(spec.stable());
            st.setCanary(spec.canary());
            st.setStepsHash(StepsHash.of(spec.steps()));
            st.setTotalSteps(spec.steps().size());
            st.setRolloutStartedAt(now.toString());
            st.setFinishedAt(null);
            st.setLastAnalysis(null);
            st.setLastAnalysisAt(null);
            st.setMirrorPercent(0);
            if (!keepWeight) {
                st.setDesiredWeight(0);
            }
            clearPause();
            transition(RolloutPhase.Progressing, reason, message, false);
            enterStep(0);
        }

        // ---- manual actions ----------------------------------------------------------------------------------

        void act(RolloutAction action) {
            RolloutPhase phase = st.getPhase();
            String result;
            switch (action) {
                case PROMOTE -> {
                    if (phase == RolloutPhase.Promoted || phase == RolloutPhase.Aborted) {
                        result = refuse(action, "promote does not apply to a " + phase + " rollout"
                                + (phase == RolloutPhase.Aborted ? "; use retry" : ""));
                    } else {
                        result = promoteStep("ManualPromote");
                    }
                }
                case PROMOTE_FULL -> {
                    if (phase == RolloutPhase.Promoted || phase == RolloutPhase.Aborted) {
                        result = refuse(action, "promote-full does not apply to a " + phase + " rollout");
                    } else {
                        complete("ManualPromoteFull", "promoted in full by hand: remaining steps skipped, canary "
                                + spec.canary().model() + " serves 100%");
                        result = "promoted in full";
                    }
                }
                case ABORT -> {
                    if (phase == RolloutPhase.Aborted) {
                        result = refuse(action, "already aborted");
                    } else {
                        abort("ManualAbort", "aborted by hand: canary weight 0, stable " + spec.stable().model()
                                + " serves all traffic");
                        result = "aborted";
                    }
                }
                case RETRY -> {
                    if (phase != RolloutPhase.Aborted && phase != RolloutPhase.Frozen) {
                        result = refuse(action, "retry applies to an Aborted or Frozen rollout, this one is " + phase);
                    } else {
                        start("ManualRetry", "retried by hand: steps restart from 1 at the current weight "
                                + weight() + "%", true);
                        result = "restarted from step 1";
                    }
                }
                case PAUSE -> {
                    if (phase.terminal()) {
                        result = refuse(action, "pause does not apply to a " + phase + " rollout");
                    } else if (MANUAL_PAUSE.equals(st.getPauseReason())) {
                        result = refuse(action, "already paused by hand");
                    } else {
                        pause(MANUAL_PAUSE, "paused by hand at " + weight() + "%: resume to continue");
                        result = "paused";
                    }
                }
                case RESUME -> result = resume();
                default -> throw new IllegalStateException(action.toString());
            }
            st.setLastAction(new AppliedAction(action.value(), now.toString(), result));
        }

        String resume() {
            RolloutPhase phase = st.getPhase();
            if (phase == RolloutPhase.Frozen) {
                st.setFinishedAt(null);
                st.setStepEnteredAt(now.toString());
                st.setLastAnalysisAt(null);
                transition(stepPhase(), "ManualResume", "resumed by hand from Frozen: step " + stepLabel()
                        + " continues, the failing evidence is overridden", false);
                return "resumed from Frozen";
            }
            if (phase != RolloutPhase.Paused) {
                return refuse(RolloutAction.RESUME, "resume applies to a Paused or Frozen rollout, this one is " + phase);
            }
            if (PAUSE_STEP.equals(st.getPauseReason())) {
                return promoteStep("ManualResume");
            }
            String reason = st.getPauseReason();
            clearPause();
            st.setStepEnteredAt(now.toString());
            if (INCONCLUSIVE.equals(reason) || MEASUREMENT_ERROR.equals(reason)) {
                st.setStepStartedAt(now.toString());
                st.setLastAnalysisAt(null);
            }
            transition(stepPhase(), "ManualResume", "resumed by hand: step " + stepLabel() + " continues", false);
            return "resumed";
        }

        String promoteStep(String reason) {
            int i = index();
            record(reason, "step " + stepLabel() + " promoted by hand", false);
            clearPause();
            enterStep(i + 1);
            return "moved to step " + stepLabel();
        }

        String refuse(RolloutAction action, String why) {
            events.add(new RolloutEvent(true, "ActionRefused", action.value() + ": " + why));
            return "refused: " + why;
        }

        // ---- steps -------------------------------------------------------------------------------------------

        void progress() {
            if (st.getPhase() == RolloutPhase.Paused) {
                // a paused rollout holds its step, but the background gates keep watching the canary's traffic:
                // a failure while waiting for a human still applies the failure policy; an analysis step's own
                // gates stay measured too, so status keeps showing the evidence the pause is about
                int i = index();
                analyze(i < spec.steps().size() && spec.steps().get(i).analysis() != null
                        ? stepGates(spec.steps().get(i)) : List.of());
                return;
            }
            for (int guard = 0; guard <= spec.steps().size() + 1; guard++) {
                RolloutPhase phase = st.getPhase();
                if (phase.terminal() || phase == RolloutPhase.Paused || !stepOnce()) {
                    return;
                }
            }
        }

        /** Works on the current step; true when it moved to another step (then the next one is looked at at once). */
        boolean stepOnce() {
            int i = index();
            if (i >= spec.steps().size()) {
                complete("AllStepsDone", "all " + spec.steps().size() + " steps done: canary " + spec.canary().model()
                        + " serves 100%");
                return false;
            }
            RolloutStep step = spec.steps().get(i);
            if (st.getStepStartedAt() == null) {
                if (!matches()) {
                    return waitForTraffic();
                }
                st.setStepStartedAt(now.toString());
            }
            if (step.setWeight() != null) {
                enterStep(i + 1);
                return true;
            }
            if (step.analysis() != null) {
                return analysisStep(step);
            }
            String duration = step.pause() != null ? step.pause().duration() : step.mirror().duration();
            if (analyze(List.of()) == Analyzed.FAILED) {
                return false;
            }
            if (duration == null) {
                pause(PAUSE_STEP, "step " + stepLabel() + " (" + step.label().trim() + "): waiting for promotion"
                        + " (kubectl annotate mro " + mro.getMetadata().getName() + " " + ACTION + "=promote)");
                return false;
            }
            Instant end = started().plus(RolloutDuration.parse(duration, Duration.ZERO));
            if (!now.isBefore(end)) {
                enterStep(i + 1);
                return true;
            }
            st.setMessage("step " + stepLabel() + " (" + step.label().trim() + "): " + left(end) + " left");
            return false;
        }

        boolean waitForTraffic() {
            Duration deadline = deadline();
            Instant entered = Instant.parse(st.getStepEnteredAt());
            String seen = obs.canaryPercent() == null ? "no requests yet"
                    : String.format(java.util.Locale.ROOT, "%.1f%% of %d requests", obs.canaryPercent(), obs.requests());
            if (!now.isBefore(entered.plus(deadline))) {
                fail("ProgressDeadlineExceeded", "step " + stepLabel() + ": the observed canary share (" + seen
                        + ") did not reach the desired " + weight() + "% within the progress deadline " + deadline);
                return false;
            }
            if (analyze(List.of()) == Analyzed.FAILED) {
                return false;
            }
            st.setMessage("step " + stepLabel() + ": waiting for the observed canary share (" + seen + ") to reach "
                    + weight() + "% before the step's clock starts");
            return false;
        }

        boolean analysisStep(RolloutStep step) {
            List<Gate> stepGates = stepGates(step);
            Analyzed a = analyze(stepGates);
            if (a == Analyzed.FAILED) {
                return false;
            }
            if (a == Analyzed.NOT_DUE) {
                st.setMessage("step " + stepLabel() + " analysis: next measurement at "
                        + Instant.parse(st.getLastAnalysisAt()).plus(interval()));
                return false;
            }
            List<String> names = stepGates.stream().map(Gate::name).toList();
            List<GateResult> mine = st.getLastAnalysis().gates().stream().filter(r -> names.contains(r.gate())).toList();
            GateVerdict verdict = Gates.worst(mine);
            Duration elapsed = Duration.between(started(), now);
            Duration min = RolloutDuration.parse(step.analysis().duration(), Duration.ZERO);
            if (verdict == GateVerdict.Pass && elapsed.compareTo(min) >= 0) {
                record("AnalysisPassed", "step " + stepLabel() + " analysis passed: " + summary(mine), false);
                enterStep(index() + 1);
                return true;
            }
            Duration decideBy = min.compareTo(deadline()) > 0 ? min : deadline();
            if (elapsed.compareTo(decideBy) >= 0) {
                boolean error = verdict == GateVerdict.Error;
                pause(error ? MEASUREMENT_ERROR : INCONCLUSIVE, "step " + stepLabel() + " analysis "
                        + (error ? "could not measure" : "stayed inconclusive") + " for " + decideBy + ": "
                        + summary(mine) + ". resume to analyze again, promote to go on, abort to roll back");
                return false;
            }
            st.setMessage("step " + stepLabel() + " analysis " + verdict + " so far (" + summary(mine)
                    + "); decides by " + started().plus(decideBy.compareTo(min) > 0 ? decideBy : min));
            return false;
        }

        List<Gate> stepGates(RolloutStep step) {
            return step.analysis().gates().isEmpty() ? spec.gates()
                    : step.analysis().gates().stream().map(spec::gate).toList();
        }

        enum Analyzed { NOT_DUE, NOTHING, MEASURED, FAILED }

        /** Measures the step's gates plus the background gates when an interval has passed; a Fail applies the policy. */
        Analyzed analyze(List<Gate> stepGates) {
            Map<String, Gate> all = new LinkedHashMap<>();
            stepGates.forEach(g -> all.put(g.name(), g));
            if (backgroundActive()) {
                List<String> bg = spec.backgroundAnalysis().gates();
                (bg.isEmpty() ? spec.gates() : bg.stream().map(spec::gate).toList()).forEach(g -> all.putIfAbsent(g.name(), g));
            }
            if (all.isEmpty()) {
                return Analyzed.NOTHING;
            }
            if (st.getLastAnalysisAt() != null && now.isBefore(Instant.parse(st.getLastAnalysisAt()).plus(interval()))) {
                return Analyzed.NOT_DUE;
            }
            return measure(all, stepGates);
        }

        Analyzed measure(Map<String, Gate> all, List<Gate> stepGates) {
            Instant startedAt = Instant.parse(st.getRolloutStartedAt());
            List<GateResult> results = gates.measure(List.copyOf(all.values()),
                    new GateContext(spec.route(), spec.stable(), spec.canary(), startedAt, startedAt, now));
            st.setLastAnalysis(new AnalysisResult(now.toString(), stepGates.isEmpty(), Gates.worst(results), results));
            st.setLastAnalysisAt(now.toString());
            List<GateResult> failed = results.stream().filter(r -> r.verdict() == GateVerdict.Fail).toList();
            if (!failed.isEmpty()) {
                fail("GateFailed", "gate " + summary(failed));
                return Analyzed.FAILED;
            }
            return Analyzed.MEASURED;
        }

        boolean backgroundActive() {
            return spec.backgroundAnalysis() != null && index() + 1 >= spec.backgroundAnalysis().startingStepOrDefault()
                    && (weight() > 0 || mirror() > 0);
        }

        void enterStep(int i) {
            st.setCurrentStepIndex(i);
            st.setFinishedAt(null);
            st.setStepEnteredAt(now.toString());
            st.setStepStartedAt(null);
            if (i >= spec.steps().size()) {
                complete("AllStepsDone", "all " + spec.steps().size() + " steps done: canary " + spec.canary().model()
                        + " serves 100%");
                return;
            }
            RolloutStep step = spec.steps().get(i);
            if (step.setWeight() != null) {
                st.setDesiredWeight(step.setWeight());
            }
            st.setMirrorPercent(mirrorAt(i));
            if (step.analysis() != null) {
                st.setLastAnalysisAt(null); // an analysis step measures as soon as its clock starts
            }
            clearPause();
            transition(step.analysis() != null ? RolloutPhase.Analyzing : RolloutPhase.Progressing, "StepStarted",
                    "step " + stepLabel() + ": " + step.label().trim(), false);
        }

        /**
         * The mirror share while step {@code i} runs: a mirror step's own; an analysis step keeps the share of the
         * step before it, because the evidence it judges is the mirror's (like Argo Rollouts' mirror route, which
         * persists until changed); setWeight and pause steps end the mirror.
         */
        int mirrorAt(int i) {
            for (int k = i; k >= 0; k--) {
                RolloutStep s = spec.steps().get(k);
                if (s.mirror() != null) {
                    return s.mirror().percent();
                }
                if (s.analysis() == null) {
                    return 0;
                }
            }
            return 0;
        }

        void complete(String reason, String message) {
            st.setCurrentStepIndex(spec.steps().size());
            st.setDesiredWeight(100);
            st.setMirrorPercent(0);
            st.setStepStartedAt(null);
            st.setFinishedAt(now.toString());
            clearPause();
            transition(RolloutPhase.Promoted, reason, message, false);
        }

        void abort(String reason, String message) {
            st.setDesiredWeight(0);
            st.setMirrorPercent(0);
            st.setFinishedAt(now.toString());
            clearPause();
            transition(RolloutPhase.Aborted, reason, message, true);
        }

        /** Failing evidence: the failure policy. */
        void fail(String reason, String message) {
            if (spec.failurePolicyOrDefault() == FailurePolicy.Freeze) {
                st.setFinishedAt(now.toString());
                clearPause();
                transition(RolloutPhase.Frozen, reason, message + "; failure policy Freeze: weights kept at "
                        + weight() + "%, needs a human (resume, promote, abort or retry)", true);
            } else {
                abort(reason, message + "; failure policy Abort: canary weight 0, stable " + spec.stable().model()
                        + " serves all traffic");
            }
        }

        void pause(String reason, String message) {
            st.setPauseReason(reason);
            st.setPausedAt(now.toString());
            transition(RolloutPhase.Paused, reason, message, INCONCLUSIVE.equals(reason) || MEASUREMENT_ERROR.equals(reason));
        }

        void clearPause() {
            st.setPauseReason(null);
            st.setPausedAt(null);
        }

        void reportInvalid(List<String> problems) {
            invalid = true;
            String message = "invalid spec, nothing changes until it is fixed: " + String.join("; ", problems);
            if (st.getPhase() == null) {
                st.setPhase(RolloutPhase.Pending);
            }
            if (!message.equals(st.getMessage())) {
                record("InvalidSpec", message, true);
            }
            st.setMessage(message);
        }

        // ---- bookkeeping -------------------------------------------------------------------------------------

        void transition(RolloutPhase phase, String reason, String message, boolean warning) {
            st.setPhase(phase);
            record(reason, message, warning);
        }

        void record(String reason, String message, boolean warning) {
            st.setMessage(message);
            List<Transition> history = st.getHistory();
            history.add(new Transition(now.toString(), st.getPhase(), Math.min(index() + 1, spec.steps().size()),
                    weight(), reason, message));
            while (history.size() > settings.historyLimit()) {
                history.remove(0);
            }
            events.add(new RolloutEvent(warning, reason, message));
        }

        void finish() {
            int n = spec == null ? 0 : spec.steps().size();
            if (st.getTotalSteps() != null) {
                n = st.getTotalSteps();
            }
            st.setStep(Math.min(index() + 1, n) + "/" + n);
            RolloutPhase phase = st.getPhase();
            String last = st.getHistory().isEmpty() ? String.valueOf(phase) : st.getHistory().getLast().reason();
            condition(RolloutCondition.PROGRESSING, !phase.terminal(), phase.terminal() ? String.valueOf(phase) : last);
            condition(RolloutCondition.COMPLETED, phase == RolloutPhase.Promoted, String.valueOf(phase));
            boolean degraded = invalid || phase == RolloutPhase.Aborted || phase == RolloutPhase.Frozen;
            condition(RolloutCondition.DEGRADED, degraded, invalid ? "InvalidSpec" : degraded ? last : "Healthy");
        }

        void condition(String type, boolean value, String reason) {
            String status = value ? "True" : "False";
            RolloutCondition old = st.condition(type);
            String since = old != null && old.status().equals(status) ? old.lastTransitionTime() : now.toString();
            RolloutCondition c = new RolloutCondition(type, status, reason, st.getMessage(), since);
            List<RolloutCondition> list = st.getConditions();
            list.removeIf(x -> x.type().equals(type));
            list.add(c);
            list.sort(java.util.Comparator.comparing(RolloutCondition::type));
        }

        boolean matches() {
            int desired = weight();
            if (desired == 0) {
                return true;
            }
            if (obs.canaryPercent() == null || obs.requests() < settings.minRequests()) {
                return false;
            }
            return Math.abs(obs.canaryPercent() - desired) <= settings.weightTolerance();
        }

        RolloutPhase stepPhase() {
            int i = index();
            return i < spec.steps().size() && spec.steps().get(i).analysis() != null ? RolloutPhase.Analyzing
                    : RolloutPhase.Progressing;
        }

        int index() {
            return st.getCurrentStepIndex() == null ? 0 : st.getCurrentStepIndex();
        }

        int weight() {
            return st.getDesiredWeight() == null ? 0 : st.getDesiredWeight();
        }

        int mirror() {
            return st.getMirrorPercent() == null ? 0 : st.getMirrorPercent();
        }

        Instant started() {
            return Instant.parse(Objects.requireNonNull(st.getStepStartedAt()));
        }

        String stepLabel() {
            int n = spec.steps().size();
            return Math.min(index() + 1, n) + "/" + n;
        }

        Duration interval() {
            return RolloutDuration.parse(spec.analysisInterval(), settings.analysisInterval());
        }

        Duration deadline() {
            return RolloutDuration.parse(spec.progressDeadline(), settings.progressDeadline());
        }

        String left(Instant end) {
            return Duration.between(now, end).toSeconds() + "s";
        }
    }

    private static final String ACTION = io.modelshift.api.rollout.ModelRollout.ACTION_ANNOTATION;

    static String summary(List<GateResult> results) {
        List<String> parts = new ArrayList<>();
        for (GateResult r : results) {
            parts.add(r.gate() + " " + r.verdict() + " (" + r.message() + ")");
        }
        return String.join("; ", parts);
    }
}
