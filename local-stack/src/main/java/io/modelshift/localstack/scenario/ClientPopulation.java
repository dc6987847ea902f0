package io.modelshift.localstack.scenario;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Synthetic users of the gateway, through the official OpenAI Java SDK: several tenants and API keys, sticky
 * sessions ({@code x-session-id}, renewed every few requests), streaming and non-streaming calls, and Japanese
 * prompts among English ones. Each client is a virtual thread looping until {@link #stop()}.
 */
public final class ClientPopulation implements AutoCloseable {

    static final List<String> ENGLISH = List.of(
            "Summarise the benefits of canary releases in two sentences.",
            "Write a haiku about GPUs.",
            "What is 17 times 23? Answer with the number only.",
            "Explain the difference between latency and throughput.",
            "Give three tips for writing clear commit messages.",
            "Translate 'good morning' into French and Spanish.");
    static final List<String> JAPANESE = List.of(
            "カナリアリリースの利点を二文で説明してください。",
            "東京の有名な観光地を三つ挙げてください。",
            "機械学習とは何ですか？簡単に答えてください。",
            "次の文を英語に翻訳してください：今日はいい天気です。");

    private final String baseUrl;
    private final String model;
    private final Map<String, List<String>> keysByTenant;
    private final int clients;
    private final TrafficTally tally;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<OpenAIClient> sdkClients = new ArrayList<>();

    public ClientPopulation(String gatewayUrl, String model, Map<String, List<String>> keysByTenant, int clients,
                            TrafficTally tally) {
        this.baseUrl = gatewayUrl + "/v1";
        this.model = model;
        this.keysByTenant = keysByTenant;
        this.clients = clients;
        this.tally = tally;
    }

    public void start() {
        List<String[]> keys = new ArrayList<>();
        keysByTenant.forEach((tenant, list) -> list.forEach(k -> keys.add(new String[]{tenant, k})));
        for (int i = 0; i < clients; i++) {
            String[] key = keys.get(i % keys.size());
            OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(key[1]).maxRetries(0)
                    .timeout(Duration.ofSeconds(30)).build();
            sdkClients.add(sdk);
            int id = i;
            threads.submit(() -> loop(id, key[0], sdk));
        }
    }

    private void loop(int id, String tenant, OpenAIClient sdk) {
        Random random = new Random(1000L + id);
        String session = tenant + "-s" + id + "-0";
        int n = 0;
        while (running.get()) {
            if (n++ % 8 == 7) {
                session = tenant + "-s" + id + "-" + n;
            }
            boolean japanese = random.nextDouble() < 0.25;
            boolean stream = random.nextBoolean();
            String prompt = japanese ? JAPANESE.get(random.nextInt(JAPANESE.size()))
                    : ENGLISH.get(random.nextInt(ENGLISH.size()));
            ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(model)
                    .addUserMessage(prompt).maxTokens(32).user(tenant + "-user-" + id)
                    .putAdditionalHeader("x-session-id", session).build();
            tally.add(stream ? streamed(sdk, params, tenant, japanese) : plain(sdk, params, tenant, japanese));
            pause(50 + random.nextInt(200));
        }
    }

    private TrafficTally.Outcome plain(OpenAIClient sdk, ChatCompletionCreateParams params, String tenant,
                                       boolean japanese) {
        long t0 = System.nanoTime();
        try (HttpResponseFor<ChatCompletion> r = sdk.chat().completions().withRawResponse().create(params)) {
            ChatCompletion c = r.parse();
            long prompt = c.usage().map(u -> u.promptTokens()).orElse(0L);
            long completion = c.usage().map(u -> u.completionTokens()).orElse(0L);
            return new TrafficTally.Outcome(variant(r.headers().values("x-modelshift-variant")), tenant, false,
                    japanese, false, null, ms(t0), null, prompt, completion, System.currentTimeMillis());
        } catch (OpenAIServiceException e) {
            return failed(variant(e.headers().values("x-modelshift-variant")), tenant, false, japanese,
                    "http_" + e.statusCode(), t0, e);
        } catch (RuntimeException e) {
            return failed("unknown", tenant, false, japanese, kind(e), t0, e);
        }
    }

    private TrafficTally.Outcome streamed(OpenAIClient sdk, ChatCompletionCreateParams params, String tenant,
                                          boolean japanese) {
        ChatCompletionCreateParams withUsage = params.toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        long t0 = System.nanoTime();
        String variant = "unknown";
        try (HttpResponseFor<StreamResponse<ChatCompletionChunk>> r =
                     sdk.chat().completions().withRawResponse().createStreaming(withUsage)) {
            variant = variant(r.headers().values("x-modelshift-variant"));
            Double ttft = null;
            long prompt = 0;
            long completion = 0;
            try (StreamResponse<ChatCompletionChunk> chunks = r.parse()) {
                for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) chunks.stream()::iterator) {
                    if (ttft == null && chunk.choices().stream().anyMatch(ch -> ch.delta().content().isPresent())) {
                        ttft = ms(t0);
                    }
                    if (chunk.usage().isPresent()) {
                        prompt = chunk.usage().get().promptTokens();
                        completion = chunk.usage().get().completionTokens();
                    }
                }
            }
            return new TrafficTally.Outcome(variant, tenant, true, japanese, false, null, ms(t0), ttft, prompt,
                    completion, System.currentTimeMillis());
        } catch (OpenAIServiceException e) {
            return failed(variant(e.headers().values("x-modelshift-variant")), tenant, true, japanese,
                    "http_" + e.statusCode(), t0, e);
        } catch (RuntimeException e) {
            // an error frame or a cut in the middle of a stream: the variant is known from the answer headers
            return failed(variant, tenant, true, japanese, kind(e), t0, e);
        }
    }

    private TrafficTally.Outcome failed(String variant, String tenant, boolean streamed, boolean japanese,
                                        String kind, long t0, RuntimeException e) {
        tally.sampleError(kind, e.getMessage());
        return new TrafficTally.Outcome(variant, tenant, streamed, japanese, true, kind, ms(t0), null, 0, 0,
                System.currentTimeMillis());
    }

    private static String kind(RuntimeException e) {
        return e instanceof OpenAIIoException ? "io" : e.getClass().getSimpleName();
    }

    private static String variant(List<String> header) {
        return header.isEmpty() ? "unknown" : header.getFirst();
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    public void stop() {
        running.set(false);
    }

    @Override
    public void close() {
        stop();
        threads.shutdown();
        try {
            if (!threads.awaitTermination(40, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sdkClients.forEach(OpenAIClient::close);
    }
}
