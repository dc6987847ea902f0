package io.modelshift.proxy.picking;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VllmMetricsParserTest {

    @Test
    void readsCurrentNamesAndSumsEngines() {
        String text = """
                # HELP vllm:num_requests_running Number of requests in model execution batches.
                # TYPE vllm:num_requests_running gauge
                vllm:num_requests_running{engine="0",model_name="meta-llama/Meta-Llama-3-70B-Instruct"} 7.0
                vllm:num_requests_running{engine="1",model_name="meta-llama/Meta-Llama-3-70B-Instruct"} 5.0
                vllm:num_requests_waiting{engine="0",model_name="m"} 3.0
                vllm:num_requests_waiting{engine="1",model_name="m"} 1.0 1718000000000
                vllm:num_requests_waiting_by_reason{reason="x"} 99
                vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.5
                vllm:kv_cache_usage_perc{engine="1",model_name="m"} 0.25
                vllm:gpu_cache_usage_perc{engine="0",model_name="m"} 0.99
                vllm:time_to_first_token_seconds_bucket{le="0.1",model_name="m"} 12
                """;
        VllmMetricsParser.Load load = VllmMetricsParser.parse(text);
        assertEquals(12, load.running());
        assertEquals(4, load.waiting());
        assertEquals(0.375, load.kvCacheUsage(), 1e-9);
        assertTrue(load.hasQueueSeries());
    }

    @Test
    void fallsBackToTheOldKvNameAndToleratesOddLabels() {
        String text = "vllm:gpu_cache_usage_perc{model_name=\"a} \\\"b\\\" {c\"} 0.7\r\n"
                + "vllm:num_requests_waiting 2\n"
                + "vllm:num_requests_running{model_name=\"x\"} NaN\n";
        VllmMetricsParser.Load load = VllmMetricsParser.parse(text);
        assertEquals(0.7, load.kvCacheUsage(), 1e-9);
        assertEquals(2, load.waiting());
        assertEquals(0, load.running());
    }

    @Test
    void aPageWithoutVllmSeriesSaysSo() {
        VllmMetricsParser.Load load = VllmMetricsParser.parse("# nothing\nprocess_cpu_seconds_total 3\n");
        assertFalse(load.hasQueueSeries());
        assertTrue(Double.isNaN(load.kvCacheUsage()));
    }
}
