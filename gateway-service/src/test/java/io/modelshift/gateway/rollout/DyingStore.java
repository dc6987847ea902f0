package io.modelshift.gateway.rollout;

import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.ModelRolloutStatus;
import io.modelshift.api.rollout.RolloutAction;

import java.util.List;

/**
 * A store whose process "dies" right after one chosen write of the action protocol succeeded: the write is done,
 * then the caller gets an exception and does nothing more, as a leader killed at that moment would.
 */
class DyingStore implements RolloutStore {

    enum After { STAMP, STATUS, CLEAR }

    static final class Died extends RuntimeException {
        Died(After point) {
            super("the leader died right after " + point);
        }
    }

    private final RolloutStore delegate;
    volatile After dieAfter;

    DyingStore(RolloutStore delegate) {
        this.delegate = delegate;
    }

    private boolean survive(After point, boolean ok) {
        if (ok && dieAfter == point) {
            dieAfter = null;
            throw new Died(point);
        }
        return ok;
    }

    @Override
    public boolean stampAction(ModelRollout rollout, String seen, String stamped) {
        return survive(After.STAMP, delegate.stampAction(rollout, seen, stamped));
    }

    @Override
    public boolean writeStatus(ModelRollout rollout, ModelRolloutStatus status) {
        return survive(After.STATUS, delegate.writeStatus(rollout, status));
    }

    @Override
    public boolean clearAction(ModelRollout rollout, String value) {
        return survive(After.CLEAR, delegate.clearAction(rollout, value));
    }

    @Override
    public List<ModelRollout> list() {
        return delegate.list();
    }

    @Override
    public ModelRollout get(String name) {
        return delegate.get(name);
    }

    @Override
    public ModelRollout apply(ModelRollout rollout) {
        return delegate.apply(rollout);
    }

    @Override
    public boolean delete(String name) {
        return delegate.delete(name);
    }

    @Override
    public void requestAction(String name, RolloutAction action) {
        delegate.requestAction(name, action);
    }

    @Override
    public void emit(ModelRollout rollout, RolloutEvent event) {
        delegate.emit(rollout, event);
    }

    @Override
    public boolean leader() {
        return delegate.leader();
    }
}
