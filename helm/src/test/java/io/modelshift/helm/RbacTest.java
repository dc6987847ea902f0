package io.modelshift.helm;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Least privilege: exactly the verbs each component needs, namespaced, and no API token where none is needed. */
class RbacTest {

    private final RenderedChart chart = ChartUnderTest.render();

    @Test
    void gatewayMayElectALeaderManageRolloutsWriteTheirStatusAndRecordEvents() {
        Role role = chart.get(Role.class, "ms-modelshift-gateway");
        assertEquals(Set.of(
                // fabric8's LeaseLock renews with a JSON merge PATCH: without it the first leader loses the Lease
                // at its renew deadline and no replica can take it
                "coordination.k8s.io/leases: create,get,patch,update",
                // DELETE /admin/rollouts/{name} on the Kubernetes store
                "modelshift.io/modelrollouts: create,delete,get,list,patch,update,watch",
                "modelshift.io/modelrollouts/status: get,patch,update",
                "/events: create,patch",
                "events.k8s.io/events: create,patch"), grants(role.getRules()));
        assertBound(role, "ms-modelshift-gateway");
    }

    @Test
    void proxiesMayOnlyReadEndpointSlices() {
        Role role = chart.get(Role.class, "ms-modelshift-proxy");
        assertEquals(Set.of("discovery.k8s.io/endpointslices: get,list,watch"), grants(role.getRules()));
        assertBound(role, "ms-modelshift-proxy");
        for (String model : List.of("llama-2-70b", "llama-3-70b")) {
            assertEquals("ms-modelshift-proxy", chart.get(Deployment.class, "ms-modelshift-proxy-" + model)
                    .getSpec().getTemplate().getSpec().getServiceAccountName());
        }
    }

    @Test
    void nothingClusterWideAndNoTokenForServicesThatNeverCallTheApi() {
        assertTrue(chart.all(ClusterRole.class).isEmpty());
        assertTrue(chart.all(ClusterRoleBinding.class).isEmpty());
        assertEquals(2, chart.all(Role.class).size());
        for (String account : List.of("ms-modelshift-evaluation", "ms-modelshift-cost", "ms-modelshift-model-server")) {
            assertFalse(chart.get(ServiceAccount.class, account).getAutomountServiceAccountToken(), account);
        }
        assertTrue(chart.get(ServiceAccount.class, "ms-modelshift-gateway").getAutomountServiceAccountToken());
    }

    @Test
    void noRbacObjectsWhenDisabled() {
        RenderedChart off = ChartUnderTest.render(java.util.Map.of("rbac.create", false));
        assertTrue(off.all(Role.class).isEmpty());
        assertTrue(off.all(RoleBinding.class).isEmpty());
    }

    private void assertBound(Role role, String serviceAccount) {
        RoleBinding binding = chart.get(RoleBinding.class, role.getMetadata().getName());
        assertEquals("Role", binding.getRoleRef().getKind());
        assertEquals(role.getMetadata().getName(), binding.getRoleRef().getName());
        assertEquals(1, binding.getSubjects().size());
        assertEquals(serviceAccount, binding.getSubjects().get(0).getName());
        assertEquals(ChartUnderTest.NAMESPACE, binding.getSubjects().get(0).getNamespace());
        chart.get(ServiceAccount.class, serviceAccount);
    }

    /** "group/resource: verbs" per resource, so the assertion reads like the Role. */
    private static Set<String> grants(List<PolicyRule> rules) {
        Set<String> grants = new TreeSet<>();
        for (PolicyRule rule : rules) {
            assertTrue(rule.getResourceNames() == null || rule.getResourceNames().isEmpty());
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    grants.add(group + "/" + resource + ": "
                            + rule.getVerbs().stream().sorted().collect(Collectors.joining(",")));
                }
            }
        }
        return grants;
    }
}
