package io.modelshift.api.rollout;

import java.util.UUID;

/**
 * A manual action as the {@code modelshift.io/action} annotation carries it: {@code promote} as a human writes it,
 * {@code promote;id=<uuid>} once the controller has stamped it. The stamp is the first half of the exactly-once
 * protocol: stamp (resourceVersion-locked), apply and record the id in {@code status.lastAction.id}, then remove
 * the annotation; a request whose id is already in the status was applied and is only removed.
 *
 * @param action the action text, as written (parsed later with {@link RolloutAction#parse}, so a typo is refused in
 *               status rather than lost)
 * @param id     the stamp, or null when not stamped yet
 */
public record ActionRequest(String action, String id) {

    private static final String ID = ";id=";

    public static ActionRequest parse(String annotation) {
        int at = annotation.lastIndexOf(ID);
        if (at < 0) {
            return new ActionRequest(annotation.trim(), null);
        }
        String id = annotation.substring(at + ID.length()).trim();
        return new ActionRequest(annotation.substring(0, at).trim(), id.isEmpty() ? null : id);
    }

    public boolean stamped() {
        return id != null;
    }

    /** The same request with a fresh id. */
    public ActionRequest stamp() {
        return new ActionRequest(action, UUID.randomUUID().toString());
    }

    /** Whether the status says this request was applied already. */
    public boolean appliedIn(ModelRolloutStatus status) {
        return id != null && status != null && status.getLastAction() != null
                && id.equals(status.getLastAction().id());
    }

    /** The annotation value. */
    public String value() {
        return id == null ? action : action + ID + id;
    }
}
