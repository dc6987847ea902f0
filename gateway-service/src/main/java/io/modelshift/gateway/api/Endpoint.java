package io.modelshift.gateway.api;

/** The OpenAI endpoints the gateway relays. */
public enum Endpoint {
    CHAT("/chat/completions", "chat.completions", "messages", true),
    COMPLETIONS("/completions", "completions", "prompt", true),
    EMBEDDINGS("/embeddings", "embeddings", "input", false);

    /** Path under the OpenAI base ({@code /v1}). */
    public final String path;
    /** The name records use. */
    public final String recordName;
    /** The field that carries the input. */
    public final String inputField;
    /** Whether it generates tokens (streams, max_tokens). */
    public final boolean generates;

    Endpoint(String path, String recordName, String inputField, boolean generates) {
        this.path = path;
        this.recordName = recordName;
        this.inputField = inputField;
        this.generates = generates;
    }
}
