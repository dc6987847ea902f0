package io.modelshift.helm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** values.schema.json rejects bad values before anything renders, naming the value and the rule. */
class ValuesSchemaTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "models[0].tensorParallelSize | 0          | models.0.tensorParallelSize",
            "models[0].name               | Llama_2    | models.0.name",
            "vllm.image.tag               | latest     | vllm.image.tag",
            "gateway.replicas             | -1         | gateway.replicas",
            "gateway.autoscaling.targetCPUUtilizationPercentage | 150 | gateway.autoscaling.targetCPUUtilizationPercentage",
            "route.stickiness             | cookie     | route.stickiness",
            "rollout.failurePolicy        | Rollback   | rollout.failurePolicy",
            "rollout.progressDeadline     | two-hours  | rollout.progressDeadline",
            "vllm.shmSize                 | lots       | vllm.shmSize",
            "database.existingSecret      | ''         | database.existingSecret",
            "gatway.replicas              | 3          | gatway",
            "monitoring.serviceMonitor.interval | often | monitoring.serviceMonitor.interval",
    })
    void rejects(String key, String value, String reported) {
        Object typed = value.matches("-?\\d+") ? (Object) Integer.parseInt(value) : value.equals("''") ? "" : value;
        Exception e = assertThrows(Exception.class, () -> ChartUnderTest.render(Map.of(key, typed)));
        assertTrue(e.getMessage().contains("values don't meet the specifications of the schema"), e.getMessage());
        assertTrue(e.getMessage().contains(reported), e.getMessage());
    }
}
