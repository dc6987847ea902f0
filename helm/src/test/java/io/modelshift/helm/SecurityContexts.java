package io.modelshift.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hardening every modelshift container gets: non-root, read-only root, no escalation, no capabilities. */
final class SecurityContexts {

    private SecurityContexts() {
    }

    static void assertHardened(PodSpec pod, Container container) {
        String who = container.getName();
        assertTrue(pod.getSecurityContext().getRunAsNonRoot(), who + ": pod runAsNonRoot");
        SecurityContext sc = container.getSecurityContext();
        assertTrue(sc.getRunAsNonRoot(), who + ": runAsNonRoot");
        assertTrue(sc.getReadOnlyRootFilesystem(), who + ": readOnlyRootFilesystem");
        assertFalse(sc.getAllowPrivilegeEscalation(), who + ": allowPrivilegeEscalation");
        assertFalse(sc.getPrivileged(), who + ": privileged");
        assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), who + ": capabilities dropped");
        assertTrue(sc.getCapabilities().getAdd() == null || sc.getCapabilities().getAdd().isEmpty());
        assertEquals("RuntimeDefault", sc.getSeccompProfile().getType(), who + ": seccomp");
        // a read-only root needs a writable /tmp for Quarkus and the JVM
        assertTrue(container.getVolumeMounts().stream().anyMatch(m -> "/tmp".equals(m.getMountPath())),
                who + ": /tmp mount");
    }
}
