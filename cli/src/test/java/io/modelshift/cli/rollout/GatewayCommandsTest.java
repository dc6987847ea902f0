package io.modelshift.cli.rollout;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.ModelRolloutStatus;
import io.modelshift.api.rollout.RolloutPhase;
import io.modelshift.cli.Cli;
import io.modelshift.cli.FakeService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same commands against the local stack: an in-process fake of the gateway's admin API (/admin/rollouts). */
@QuarkusTest
class GatewayCommandsTest {

    @Inject
    CommandLine.IFactory factory;

    FakeService gateway;
    final AtomicReference<String> stored = new AtomicReference<>();

    @BeforeEach
    void start() {
        gateway = new FakeService()
                .on("GET /admin/rollouts/llama-70b", call -> stored.get() == null
                        ? new FakeService.Answer(404, "{\"error\":{\"message\":\"no rollout named 'llama-70b'\",\"type\":"
                        + "\"invalid_request_error\",\"param\":\"name\",\"code\":\"rollout_not_found\"}}")
                        : new FakeService.Answer(200, stored.get()))
                .on("GET /admin/rollouts", call -> new FakeService.Answer(200, "{\"store\":\"file\",\"items\":["
                        + (stored.get() == null ? "" : stored.get()) + "]}"))
                .on("PUT /admin/rollouts/llama-70b", call -> {
                    boolean existed = stored.get() != null;
                    stored.set(call.body());
                    return new FakeService.Answer(existed ? 200 : 201, call.body());
                })
                .on("POST /admin/rollouts/llama-70b/actions/abort", 202, "{\"rollout\":\"llama-70b\",\"action\":\"abort\"}");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private Cli.Result cli(String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--gateway-url", gateway.url(), "--admin-key", "admin-key")).toArray(String[]::new);
        return Cli.run(factory, all);
    }

    @Test
    void migrateStatusAndActionsThroughTheAdminApi() {
        Cli.Result migrated = cli("migrate", "--route", "llama-70b", "--from", "llama-2-70b", "--to", "llama-3-70b",
                "--duration", "3h");
        assertEquals(0, migrated.exitCode(), migrated.err());
        assertTrue(migrated.out().contains("in gateway " + gateway.url()), migrated.out());
        FakeService.Call put = gateway.calls.stream().filter(c -> c.method().equals("PUT")).findFirst().orElseThrow();
        assertEquals("Bearer admin-key", put.authorization());
        ModelRollout sent = Serialization.unmarshal(put.body(), ModelRollout.class);
        assertEquals("1h", sent.getSpec().steps().get(1).analysis().duration());

        // the controller moved it on: status as the gateway reports it
        ModelRolloutStatus s = new ModelRolloutStatus();
        s.setPhase(RolloutPhase.Aborted);
        s.setStep("2/6");
        s.setDesiredWeight(0);
        s.setCanary(sent.getSpec().canary());
        s.setMessage("gate error-rate failed: 0.031 > 0.01");
        sent.setStatus(s);
        stored.set(Serialization.asJson(sent));
        Cli.Result status = cli("status", "llama-70b", "--timeout", "10s");
        assertEquals(1, status.exitCode(), status.err());
        assertTrue(status.out().contains("gate error-rate failed: 0.031 > 0.01"), status.out());

        Cli.Result abort = cli("abort", "llama-70b");
        assertEquals(0, abort.exitCode(), abort.err());
        assertTrue(gateway.calls.stream().anyMatch(c -> c.path().equals("/admin/rollouts/llama-70b/actions/abort")));
    }

    @Test
    void gatewayRefusalsAndOutagesAreOneClearLine() {
        gateway.on("PUT /admin/rollouts/llama-70b", 400, "{\"error\":{\"message\":\"invalid rollout: unknown variant"
                + " 'llama-3-70b'\",\"type\":\"invalid_request_error\",\"param\":\"spec\",\"code\":\"invalid_rollout\"}}");
        Cli.Result refused = cli("migrate", "--route", "llama-70b", "--from", "llama-2-70b", "--to", "llama-3-70b");
        assertEquals(3, refused.exitCode());
        assertTrue(refused.err().contains("gateway answered 400 to PUT /admin/rollouts/llama-70b: invalid rollout:"
                + " unknown variant 'llama-3-70b' (invalid_rollout)"), refused.err());

        Cli.Result unknown = cli("status", "nope");
        assertEquals(3, unknown.exitCode());
        assertTrue(unknown.err().contains("no ModelRollout for route 'nope' in gateway"), unknown.err());

        gateway.close();
        Cli.Result down = cli("status", "llama-70b");
        assertEquals(3, down.exitCode());
        assertTrue(down.err().contains("cannot reach the gateway at " + gateway.url()), down.err());
    }
}
