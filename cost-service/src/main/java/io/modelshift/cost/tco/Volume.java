package io.modelshift.cost.tco;

import io.modelshift.api.openai.InvalidRequestException;

/**
 * A workload resolved to numbers: month-1 tokens split into input (cached and not) and output.
 */
public record Volume(double tokensPerMonth, double inputShare, double cachedInputShare, Double requestsPerMonth,
                     Double secondsPerRequest, double monthlyGrowth, double peakToAverage, String derivation,
                     String source) {

    public static Volume resolve(Workload w) {
        if (w == null) {
            throw InvalidRequestException.badRequest("A scenario needs a workload", "workload", "missing_field");
        }
        Double requests = nonNegative(w.requestsPerMonth(), "workload.requestsPerMonth");
        Double inPerReq = nonNegative(w.inputTokensPerRequest(), "workload.inputTokensPerRequest");
        Double outPerReq = nonNegative(w.outputTokensPerRequest(), "workload.outputTokensPerRequest");
        Double tokens = nonNegative(w.tokensPerMonth(), "workload.tokensPerMonth");
        Double share = fraction(w.inputShare(), "workload.inputShare");
        String derivation;
        if (tokens == null) {
            if (requests == null || inPerReq == null || outPerReq == null) {
                throw InvalidRequestException.badRequest("A workload needs tokensPerMonth, or requestsPerMonth with "
                        + "inputTokensPerRequest and outputTokensPerRequest", "workload.tokensPerMonth",
                        "missing_field");
            }
            tokens = requests * (inPerReq + outPerReq);
            derivation = OnPremCost.f("%.0f requests × (%.1f + %.1f) tokens", requests, inPerReq, outPerReq);
            if (share == null && inPerReq + outPerReq > 0) {
                share = inPerReq / (inPerReq + outPerReq);
            }
        } else {
            derivation = "given";
        }
        if (share == null) {
            share = 0.5;
        }
        Double cached = fraction(w.cachedInputShare(), "workload.cachedInputShare");
        Double seconds = nonNegative(w.secondsPerRequest(), "workload.secondsPerRequest");
        Double growth = w.monthlyGrowth() == null ? 0.0 : w.monthlyGrowth();
        if (!(growth > -1) || growth > 10) {
            throw InvalidRequestException.badRequest("workload.monthlyGrowth must be in (-1, 10], got " + growth,
                    "workload.monthlyGrowth", "invalid_value");
        }
        Double peak = w.peakToAverage() == null ? 1.0 : w.peakToAverage();
        if (!(peak >= 1)) {
            throw InvalidRequestException.badRequest("workload.peakToAverage must be >= 1, got " + peak,
                    "workload.peakToAverage", "invalid_value");
        }
        return new Volume(tokens, share, cached == null ? 0 : cached, requests, seconds, growth, peak, derivation,
                w.source());
    }

    public double inputTokens() {
        return tokensPerMonth * inputShare;
    }

    public double outputTokens() {
        return tokensPerMonth - inputTokens();
    }

    public double cachedInputTokens() {
        return inputTokens() * cachedInputShare;
    }

    /** Tokens in month {@code m} (1-based), after growth. */
    public double tokensInMonth(int m) {
        return tokensPerMonth * Math.pow(1 + monthlyGrowth, m - 1);
    }

    public Volume scaled(double factor) {
        return new Volume(tokensPerMonth * factor, inputShare, cachedInputShare,
                requestsPerMonth == null ? null : requestsPerMonth * factor, secondsPerRequest, monthlyGrowth,
                peakToAverage, derivation + " × " + factor, source);
    }

    private static Double nonNegative(Double value, String param) {
        if (value != null && (!(value >= 0) || value.isInfinite())) {
            throw InvalidRequestException.badRequest(param + " must be a finite number >= 0, got " + value, param,
                    "invalid_value");
        }
        return value;
    }

    private static Double fraction(Double value, String param) {
        if (value != null && !(value >= 0 && value <= 1)) {
            throw InvalidRequestException.badRequest(param + " must be between 0 and 1, got " + value, param,
                    "invalid_value");
        }
        return value;
    }
}
