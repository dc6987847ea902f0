package io.modelshift.proxy.discovery;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StaticPodsTest {

    @Test
    void parsesBaseUrls() {
        assertEquals(List.of(new Endpoint("127.0.0.1:8000", "127.0.0.1", 8000, true),
                        new Endpoint("vllm-1:80", "vllm-1", 80, true)),
                StaticPods.parse(List.of("http://127.0.0.1:8000", " http://vllm-1/ ", "")));
    }

    @Test
    void refusesWhatItCannotServe() {
        assertThrows(IllegalArgumentException.class, () -> StaticPods.parse(List.of("https://x:8000")));
        assertThrows(IllegalArgumentException.class, () -> StaticPods.parse(List.of("http://x:8000/v1")));
        assertThrows(IllegalArgumentException.class, () -> StaticPods.parse(List.of("127.0.0.1:8000")));
    }
}
