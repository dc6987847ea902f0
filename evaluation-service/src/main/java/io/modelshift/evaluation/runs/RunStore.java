package io.modelshift.evaluation.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelshift.evaluation.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Runs and their item results in PostgreSQL (plain JDBC; the schema is in db/migration). */
@ApplicationScoped
public class RunStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;

    public RunStore(Database db) {
        this.db = db;
    }

    public void create(String id, EvaluationRequest spec, int total) {
        db.update("INSERT INTO eval_run (id, spec, benchmark, model, target, status, total) VALUES (?, ?::jsonb, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setString(1, id);
                    ps.setString(2, json(spec));
                    ps.setString(3, spec.benchmark());
                    ps.setString(4, spec.model());
                    ps.setString(5, spec.target());
                    ps.setString(6, RunStatus.QUEUED.name());
                    ps.setInt(7, total);
                });
    }

    public void markRunning(String id) {
        db.update("UPDATE eval_run SET status = 'RUNNING', started_at = coalesce(started_at, now()) WHERE id = ?",
                ps -> ps.setString(1, id));
    }

    public void finish(String id, RunStatus status, String reason) {
        db.update("UPDATE eval_run SET status = ?, failure_reason = ?, finished_at = now() WHERE id = ?", ps -> {
            ps.setString(1, status.name());
            ps.setString(2, reason);
            ps.setString(3, id);
        });
    }

    public void save(String runId, ItemResult r) {
        db.update("INSERT INTO eval_item (run_id, item_id, sample, subject, prompt_hash, response, extracted, correct, "
                + "alt_correct, latency_ms, prompt_tokens, completion_tokens, attempts, error) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, item_id, sample) DO UPDATE SET "
                + "response = excluded.response, extracted = excluded.extracted, correct = excluded.correct, "
                + "alt_correct = excluded.alt_correct, latency_ms = excluded.latency_ms, "
                + "prompt_tokens = excluded.prompt_tokens, completion_tokens = excluded.completion_tokens, "
                + "attempts = excluded.attempts, error = excluded.error, finished_at = now()", ps -> {
                    ps.setString(1, runId);
                    ps.setString(2, r.itemId());
                    ps.setInt(3, r.sample());
                    ps.setString(4, r.subject());
                    ps.setString(5, r.promptHash());
                    ps.setString(6, r.response());
                    ps.setString(7, r.extracted());
                    ps.setBoolean(8, r.correct());
                    if (r.altCorrect() == null) {
                        ps.setNull(9, Types.BOOLEAN);
                    } else {
                        ps.setBoolean(9, r.altCorrect());
                    }
                    ps.setDouble(10, r.latencyMs());
                    ps.setInt(11, r.promptTokens());
                    ps.setInt(12, r.completionTokens());
                    ps.setInt(13, r.attempts());
                    ps.setString(14, r.error());
                });
    }

    /** Keys ({@code item#sample}) of the items finished without error: a resumed run skips them. */
    public Set<String> finishedKeys(String runId) {
        Set<String> keys = new HashSet<>();
        db.query("SELECT item_id, sample FROM eval_item WHERE run_id = ? AND error IS NULL", ps -> ps.setString(1, runId),
                rs -> keys.add(rs.getString(1) + "#" + rs.getInt(2)));
        return keys;
    }

    public Optional<RunRecord> find(String id) {
        List<RunRecord> found = runs("WHERE id = ?", ps -> ps.setString(1, id));
        return found.stream().findFirst();
    }

    public List<RunRecord> unfinished() {
        return runs("WHERE status IN ('QUEUED', 'RUNNING') ORDER BY created_at", ps -> { });
    }

    public List<RunRecord> recent(int limit) {
        return runs("ORDER BY created_at DESC LIMIT ?", ps -> ps.setInt(1, limit));
    }

    /** The newest succeeded run of a model on a benchmark, for reports by model name. */
    public Optional<RunRecord> latestSucceeded(String model, String benchmark) {
        return runs("WHERE model = ? AND benchmark = ? AND status = 'SUCCEEDED' ORDER BY finished_at DESC LIMIT 1",
                ps -> {
                    ps.setString(1, model);
                    ps.setString(2, benchmark);
                }).stream().findFirst();
    }

    public List<ItemResult> items(String runId, int offset, int limit) {
        List<ItemResult> items = new ArrayList<>();
        db.query("SELECT item_id, sample, subject, prompt_hash, response, extracted, correct, alt_correct, latency_ms, "
                        + "prompt_tokens, completion_tokens, attempts, error FROM eval_item WHERE run_id = ? "
                        + "ORDER BY item_id, sample OFFSET ? LIMIT ?",
                ps -> {
                    ps.setString(1, runId);
                    ps.setInt(2, offset);
                    ps.setInt(3, limit);
                },
                rs -> items.add(new ItemResult(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBoolean(7), (Boolean) rs.getObject(8), rs.getDouble(9),
                        rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getString(13))));
        return items;
    }

    public List<ItemResult> allItems(String runId) {
        return items(runId, 0, Integer.MAX_VALUE);
    }

    /** Counts for progress: finished, correct, alt-correct, errored, and the time span of finished items. */
    public Counts counts(String runId) {
        Counts[] out = new Counts[1];
        db.query("SELECT count(*) FILTER (WHERE error IS NULL), count(*) FILTER (WHERE error IS NULL AND correct), "
                        + "count(*) FILTER (WHERE error IS NULL AND alt_correct), count(*) FILTER (WHERE error IS NOT NULL), "
                        + "min(finished_at), max(finished_at), avg(latency_ms) FILTER (WHERE error IS NULL) "
                        + "FROM eval_item WHERE run_id = ?", ps -> ps.setString(1, runId),
                rs -> out[0] = new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        Database.instant(rs.getTimestamp(5)), Database.instant(rs.getTimestamp(6)), rs.getDouble(7)));
        return out[0];
    }

    public record Counts(int finished, int correct, int altCorrect, int errors, Instant first, Instant last,
                         double meanLatencyMs) {
    }

    private List<RunRecord> runs(String where, Database.Binder binder) {
        List<RunRecord> runs = new ArrayList<>();
        db.query("SELECT id, spec::text, status, total, failure_reason, created_at, started_at, finished_at FROM eval_run "
                + where, binder, rs -> runs.add(new RunRecord(rs.getString(1), spec(rs.getString(2)),
                RunStatus.valueOf(rs.getString(3)), rs.getInt(4), rs.getString(5), Database.instant(rs.getTimestamp(6)),
                Database.instant(rs.getTimestamp(7)), Database.instant(rs.getTimestamp(8)))));
        return runs;
    }

    private static String json(EvaluationRequest spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EvaluationRequest spec(String json) {
        try {
            return JSON.readValue(json, EvaluationRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable run spec: " + e.getMessage(), e);
        }
    }
}
