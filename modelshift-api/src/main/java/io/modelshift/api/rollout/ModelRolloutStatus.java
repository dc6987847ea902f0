package io.modelshift.api.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;

/**
 * What the controller has done and why. A mutable bean on purpose: it is the controller's working document, copied
 * ({@link #copy()}) before each reconcile and written back as the status subresource.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelRolloutStatus {

    private RolloutPhase phase;
    private String message;
    /** 0-based index of the current step; equals {@code totalSteps} once every step is done. */
    private Integer currentStepIndex;
    private Integer totalSteps;
    /** "k/N" for {@code kubectl get mro}. */
    private String step;
    private Integer desiredWeight;
    /** The canary share of the traffic the gateway actually sent in the last window, in percent. */
    private Double observedWeight;
    private Integer mirrorPercent;
    /** When the current step was entered (its progress deadline counts from here). */
    private String stepEnteredAt;
    /** When the observed split matched the desired one: the step's clock. Null while waiting for the traffic. */
    private String stepStartedAt;
    private String rolloutStartedAt;
    /** When the rollout reached Promoted, Aborted or Frozen. */
    private String finishedAt;
    /** Hash of spec.steps this status follows; a different hash means the steps were edited. */
    private String stepsHash;
    /** The stable and canary this status is about; a different canary in the spec starts a new rollout. */
    private Variant stable;
    private Variant canary;
    private Long observedGeneration;
    /** ManualPause, PauseStep, InconclusiveAnalysis; null when not paused. */
    private String pauseReason;
    private String pausedAt;
    private String lastAnalysisAt;
    private AnalysisResult lastAnalysis;
    private AppliedAction lastAction;
    private List<RolloutCondition> conditions = new ArrayList<>();
    private List<Transition> history = new ArrayList<>();

    public ModelRolloutStatus copy() {
        ModelRolloutStatus c = new ModelRolloutStatus();
        c.phase = phase;
        c.message = message;
        c.currentStepIndex = currentStepIndex;
        c.totalSteps = totalSteps;
        c.step = step;
        c.desiredWeight = desiredWeight;
        c.observedWeight = observedWeight;
        c.mirrorPercent = mirrorPercent;
        c.stepEnteredAt = stepEnteredAt;
        c.stepStartedAt = stepStartedAt;
        c.rolloutStartedAt = rolloutStartedAt;
        c.finishedAt = finishedAt;
        c.stepsHash = stepsHash;
        c.stable = stable;
        c.canary = canary;
        c.observedGeneration = observedGeneration;
        c.pauseReason = pauseReason;
        c.pausedAt = pausedAt;
        c.lastAnalysisAt = lastAnalysisAt;
        c.lastAnalysis = lastAnalysis;
        c.lastAction = lastAction;
        c.conditions = new ArrayList<>(conditions);
        c.history = new ArrayList<>(history);
        return c;
    }

    /** The condition of this type, or null. */
    public RolloutCondition condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
    }

    public RolloutPhase getPhase() { return phase; }
    public void setPhase(RolloutPhase phase) { this.phase = phase; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public Integer getCurrentStepIndex() { return currentStepIndex; }
    public void setCurrentStepIndex(Integer currentStepIndex) { this.currentStepIndex = currentStepIndex; }
    public Integer getTotalSteps() { return totalSteps; }
    public void setTotalSteps(Integer totalSteps) { this.totalSteps = totalSteps; }
    public String getStep() { return step; }
    public void setStep(String step) { this.step = step; }
    public Integer getDesiredWeight() { return desiredWeight; }
    public void setDesiredWeight(Integer desiredWeight) { this.desiredWeight = desiredWeight; }
    public Double getObservedWeight() { return observedWeight; }
    public void setObservedWeight(Double observedWeight) { this.observedWeight = observedWeight; }
    public Integer getMirrorPercent() { return mirrorPercent; }
    public void setMirrorPercent(Integer mirrorPercent) { this.mirrorPercent = mirrorPercent; }
    public String getStepEnteredAt() { return stepEnteredAt; }
    public void setStepEnteredAt(String stepEnteredAt) { this.stepEnteredAt = stepEnteredAt; }
    public String getStepStartedAt() { return stepStartedAt; }
    public void setStepStartedAt(String stepStartedAt) { this.stepStartedAt = stepStartedAt; }
    public String getRolloutStartedAt() { return rolloutStartedAt; }
    public void setRolloutStartedAt(String rolloutStartedAt) { this.rolloutStartedAt = rolloutStartedAt; }
    public String getFinishedAt() { return finishedAt; }
    public void setFinishedAt(String finishedAt) { this.finishedAt = finishedAt; }
    public String getStepsHash() { return stepsHash; }
    public void setStepsHash(String stepsHash) { this.stepsHash = stepsHash; }
    public Variant getStable() { return stable; }
    public void setStable(Variant stable) { this.stable = stable; }
    public Variant getCanary() { return canary; }
    public void setCanary(Variant canary) { this.canary = canary; }
    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
    public String getPauseReason() { return pauseReason; }
    public void setPauseReason(String pauseReason) { this.pauseReason = pauseReason; }
    public String getPausedAt() { return pausedAt; }
    public void setPausedAt(String pausedAt) { this.pausedAt = pausedAt; }
    public String getLastAnalysisAt() { return lastAnalysisAt; }
    public void setLastAnalysisAt(String lastAnalysisAt) { this.lastAnalysisAt = lastAnalysisAt; }
    public AnalysisResult getLastAnalysis() { return lastAnalysis; }
    public void setLastAnalysis(AnalysisResult lastAnalysis) { this.lastAnalysis = lastAnalysis; }
    public AppliedAction getLastAction() { return lastAction; }
    public void setLastAction(AppliedAction lastAction) { this.lastAction = lastAction; }
    public List<RolloutCondition> getConditions() { return conditions; }
    public void setConditions(List<RolloutCondition> conditions) { this.conditions = conditions == null ? new ArrayList<>() : new ArrayList<>(conditions); }
    public List<Transition> getHistory() { return history; }
    public void setHistory(List<Transition> history) { this.history = history == null ? new ArrayList<>() : new ArrayList<>(history); }
}
