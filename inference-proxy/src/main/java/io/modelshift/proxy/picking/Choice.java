package io.modelshift.proxy.picking;

import io.modelshift.proxy.discovery.Pod;

/** The picker's answer for one attempt. */
public sealed interface Choice {

    /**
     * Send the request to this pod.
     *
     * @param panic whether it was chosen although ejected, because every pod that passes its probe is ejected
     */
    record Chosen(Pod pod, boolean panic) implements Choice {
    }

    /** No pod is ready (answer 503). */
    record NoPodReady(int pods) implements Choice {
    }

    /** Every ready pod is saturated (answer 429 with Retry-After). */
    record AllSaturated(int readyPods) implements Choice {
    }
}
