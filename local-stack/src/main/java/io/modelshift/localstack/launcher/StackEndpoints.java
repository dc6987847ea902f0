package io.modelshift.localstack.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the started stack answers.
 *
 * @param variants      variant name (llama-2-70b, llama-3-70b) -> what the gateway sends to
 * @param pods          variant name -> its simulated pods' base URLs (empty with real servers)
 * @param clientKeys    tenant -> API keys of that tenant
 * @param adminKey      a key with the admin role (gateway admin API)
 * @param rolloutDir    the folder the gateway's file rollout store watches
 */
public record StackEndpoints(String gateway, String evaluation, String cost, String route,
                             Map<String, VariantTarget> variants, Map<String, List<String>> pods,
                             Map<String, List<String>> clientKeys, String adminKey, Path rolloutDir) {

    /**
     * @param name     the variant's name in routes, records and rollouts
     * @param baseUrl  OpenAI-compatible base URL, without {@code /v1}
     * @param model    the model name the server serves
     */
    public record VariantTarget(String name, String baseUrl, String model) {
    }
}
