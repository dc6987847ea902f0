package io.modelshift.evaluation.judge;

import io.modelshift.evaluation.benchmarks.Prompt;
import io.modelshift.evaluation.client.OpenAiClient;
import io.modelshift.evaluation.client.TargetException;

import java.util.List;

/**
 * MT-Bench's {@code pair-v2} protocol: the judge sees the question and two answers, explains, and ends with
 * {@code [[A]]}, {@code [[B]]} or {@code [[C]]}. Each pair is judged in both orders; agreeing verdicts count, and
 * disagreeing ones are a tie (position bias cancels). The score is the candidate's: win 1, tie 0.5, loss 0.
 */
public final class PairwiseJudge {

    static final String SYSTEM = "Please act as an impartial judge and evaluate the quality of the responses provided "
            + "by two AI assistants to the user question displayed below. Choose the assistant that follows the user's "
            + "instructions and answers the user's question better, considering helpfulness, relevance, accuracy, depth "
            + "and level of detail. Begin by comparing the two responses and give a short explanation. Avoid any "
            + "position bias: the order in which the responses were presented must not influence your decision. Do "
            + "not let the length of the responses or the names of the assistants influence you. Be as objective as "
            + "possible. After your explanation, output your final verdict by strictly following this format: "
            + "\"[[A]]\" if assistant A is better, \"[[B]]\" if assistant B is better, and \"[[C]]\" for a tie.";

    private final OpenAiClient client;
    private final String model;
    private final int maxTokens;

    public PairwiseJudge(OpenAiClient client, String model, int maxTokens) {
        this.client = client;
        this.model = model;
        this.maxTokens = maxTokens;
    }

    /** The outcome of both orders. */
    public record Judgement(JudgeVerdict candidateFirst, JudgeVerdict candidateSecond, double score,
                            boolean consistent, String rawFirst, String rawSecond) {
    }

    public Judgement judge(String question, String baselineAnswer, String candidateAnswer) throws TargetException {
        // order 1: candidate as A; order 2: candidate as B
        Verdict first = ask(question, candidateAnswer, baselineAnswer);
        Verdict second = ask(question, baselineAnswer, candidateAnswer);
        double s1 = candidateScore(first.verdict(), JudgeVerdict.A);
        double s2 = candidateScore(second.verdict(), JudgeVerdict.B);
        boolean consistent = s1 == s2;
        return new Judgement(first.verdict(), second.verdict(), consistent ? s1 : 0.5, consistent, first.raw(),
                second.raw());
    }

    static double candidateScore(JudgeVerdict verdict, JudgeVerdict candidatePosition) {
        if (verdict == JudgeVerdict.TIE) {
            return 0.5;
        }
        return verdict == candidatePosition ? 1.0 : 0.0;
    }

    private record Verdict(JudgeVerdict verdict, String raw) {
    }

    /** Asks once, and once more when the answer holds no verdict; then gives up with the judge's text. */
    private Verdict ask(String question, String answerA, String answerB) throws TargetException {
        String user = "[User Question]\n" + question + "\n\n[The Start of Assistant A's Answer]\n" + answerA
                + "\n[The End of Assistant A's Answer]\n\n[The Start of Assistant B's Answer]\n" + answerB
                + "\n[The End of Assistant B's Answer]";
        List<Prompt.Message> messages = List.of(new Prompt.Message("system", SYSTEM), new Prompt.Message("user", user));
        String raw = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            raw = client.chat(model, messages, List.of(), maxTokens, 0.0, null).text();
            var verdict = JudgeVerdict.parse(raw);
            if (verdict.isPresent()) {
                return new Verdict(verdict.get(), raw);
            }
        }
        throw new TargetException("judge gave no [[A]]/[[B]]/[[C]] verdict: " + abbreviate(raw), false, 2);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
