package io.modelshift.api.cost;

/**
 * What one model costs us per 1M tokens over a time window: the cost service's answer to
 * {@code GET /v1/unit-costs/models/{model}} and what the rollout's cost gate reads. The shape lives here so the
 * service and the gateway (and its tests) cannot drift apart.
 *
 * @param model                        the model asked about
 * @param kind                         {@link #SELF_HOSTED} (a configured deployment) or {@link #API} (a price book entry)
 * @param costPerMillionTokens         USD per 1M tokens (input + output): self-hosted, the deployment's amortised cost
 *                                     over the window divided by the tokens it served; API, the list price blended at
 *                                     {@code inputShare}. Null when there is nothing to divide by ("no usage yet").
 * @param capacityCostPerMillionTokens self-hosted with a configured throughput: USD per 1M tokens at 100%
 *                                     utilisation, which does not depend on the share of traffic it got; else null
 * @param from                         window start (ISO instant, inclusive)
 * @param to                           window end (ISO instant, exclusive)
 * @param requests                     requests the model served in the window (ledger), the sample size with tokens
 * @param inputTokens                  prompt tokens served in the window
 * @param outputTokens                 completion tokens served in the window
 * @param tokens                       input + output tokens served in the window
 * @param inputShare                   the input share the API price was blended at; null for self-hosted
 * @param deployment                   the configured deployment (self-hosted), else null
 * @param windowCost                   self-hosted: the deployment's amortised cost over the window, USD
 * @param basis                        how the figure was computed, in words and numbers
 * @param message                      a note, e.g. "no usage yet: ..." when the figure is null
 */
public record ModelUnitCost(String model, String kind, Double costPerMillionTokens, Double capacityCostPerMillionTokens,
                            String from, String to, long requests, long inputTokens, long outputTokens, long tokens,
                            Double inputShare, String deployment, Double windowCost, String basis, String message) {

    public static final String SELF_HOSTED = "self-hosted";
    public static final String API = "api";

    /** The cost service's path for one model; {@code {model}} is filled in, {@code from}/{@code to} or {@code since} are query parameters. */
    public static final String PATH = "/v1/unit-costs/models/{model}";
    /** JSON pointer to the figure the cost gate compares. */
    public static final String FIGURE = "/costPerMillionTokens";
    /** JSON pointer to the sample size (tokens served) the gate's {@code minSamples} applies to. */
    public static final String SAMPLES = "/tokens";
}
