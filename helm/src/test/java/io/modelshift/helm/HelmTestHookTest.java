package io.modelshift.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The `helm test` hook: one chat completion through the gateway. helm-java's template leaves hooks out (as the
 * plain manifests should), so this renders a copy of the chart whose test template has its hook annotation removed.
 */
class HelmTestHookTest {

    private static final String HOOK = "templates/tests/request-through-gateway.yaml";

    @Test
    void isATestHookLeftOutOfTheManifests() throws Exception {
        String template = Files.readString(ChartUnderTest.CHART.resolve(HOOK));
        assertTrue(template.contains("helm.sh/hook: test"));
        assertTrue(ChartUnderTest.render().all(Pod.class).isEmpty());
    }

    @Test
    void sendsOneChatCompletionToTheGatewayWithTheTestKey(@TempDir Path work) throws Exception {
        Path copy = ChartCopy.withValues(ChartUnderTest.CHART, work);
        Path hook = copy.resolve(HOOK);
        Files.writeString(hook, Files.readString(hook).replace("helm.sh/hook: test", "modelshift.io/was-hook: test"));
        Pod pod = ChartUnderTest.render(copy, Map.of()).all(Pod.class).get(0);
        assertEquals("Never", pod.getSpec().getRestartPolicy());
        Container request = pod.getSpec().getContainers().get(0);
        assertEquals("http://ms-modelshift-gateway:8080", ModelServerTest.env(request, "GATEWAY"));
        var key = request.getEnv().stream().filter(e -> "API_KEY".equals(e.getName())).findFirst().orElseThrow();
        assertEquals("modelshift-test-key", key.getValueFrom().getSecretKeyRef().getName());
        String script = request.getArgs().get(0);
        assertTrue(script.contains("$GATEWAY/v1/chat/completions") && script.contains("\"model\":\"llama-70b\"")
                && script.contains("grep -q '\"choices\"'"), script);
        assertTrue(request.getSecurityContext().getReadOnlyRootFilesystem());
        assertFalse(request.getSecurityContext().getAllowPrivilegeEscalation());
        assertTrue(request.getImage().matches("curlimages/curl:\\d+\\.\\d+\\.\\d+"), request.getImage());
    }
}
