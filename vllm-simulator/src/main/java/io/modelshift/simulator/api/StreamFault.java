package io.modelshift.simulator.api;

import io.modelshift.simulator.faults.FailureType;

/**
 * A failure that strikes in the middle of a generation ({@code stream_error}, {@code stream_cut}): after this
 * many tokens of choice 0.
 */
record StreamFault(FailureType type, int afterTokens) {

    static StreamFault none() {
        return new StreamFault(null, Integer.MAX_VALUE);
    }

    boolean due(int tokensWritten) {
        return type != null && tokensWritten >= afterTokens;
    }
}
