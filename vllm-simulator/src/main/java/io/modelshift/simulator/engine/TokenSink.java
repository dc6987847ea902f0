package io.modelshift.simulator.engine;

/** Receives a generation's output as it is produced; called on the pod's event loop. */
public interface TokenSink {

    /**
     * One token of one choice.
     *
     * @param choice index of the choice
     * @param piece  the token's text (may be empty)
     * @param first  whether it is the choice's first token
     * @param end    the choice's plan when this is its last token, else null
     */
    void onToken(int choice, String piece, boolean first, ChoicePlan end);

    /** Every choice has ended normally. */
    void onComplete();
}
