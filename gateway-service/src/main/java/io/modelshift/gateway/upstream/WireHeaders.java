package io.modelshift.gateway.upstream;

import io.vertx.core.http.HttpHeaders;

/**
 * Header names and values set on every relayed request and answer, as pre-encoded {@code AsciiString}s: a plain
 * String name is validated character by character and re-hashed each time it is put or looked up (about 2 % of the
 * gateway's CPU under load), a pre-encoded one carries its bytes and hash.
 */
public final class WireHeaders {

    public static final CharSequence CONTENT_TYPE = HttpHeaders.CONTENT_TYPE;
    public static final CharSequence CONTENT_LENGTH = HttpHeaders.CONTENT_LENGTH;
    public static final CharSequence ACCEPT = HttpHeaders.ACCEPT;
    public static final CharSequence CACHE_CONTROL = HttpHeaders.CACHE_CONTROL;
    public static final CharSequence AUTHORIZATION = HttpHeaders.AUTHORIZATION;
    public static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("x-request-id");
    public static final CharSequence VARIANT = HttpHeaders.createOptimized("x-modelshift-variant");
    public static final CharSequence OVERHEAD_MS = HttpHeaders.createOptimized("x-modelshift-overhead-ms");
    public static final CharSequence FALLBACK = HttpHeaders.createOptimized("x-modelshift-fallback");
    public static final CharSequence SHADOW = HttpHeaders.createOptimized("x-modelshift-shadow");
    public static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    public static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream");
    public static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");
    public static final CharSequence TRUE = HttpHeaders.createOptimized("true");

    private WireHeaders() {
    }
}
