package io.modelshift.evaluation.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelshift.evaluation.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Runs and their item results in PostgreSQL (plain JDBC; the schema is in db/migration). */
@ApplicationScoped
public class RunStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ITEM_COLUMNS = 14;
    /** PostgreSQL takes at most 65,535 parameters per statement. */
    private static final int MAX_ROWS_PER_INSERT = 1000;
    private static final String INSERT_ITEMS = "INSERT INTO eval_item (run_id, item_id, sample, subject, prompt_hash, "
            + "response, extracted, correct, alt_correct, latency_ms, prompt_tokens, completion_tokens, attempts, error) "
            + "VALUES ";
    private static final String ITEM_ROW = "(" + String.join(", ", Collections.nCopies(ITEM_COLUMNS, "?")) + ")";
    private static final String UPSERT_ITEMS = " ON CONFLICT (run_id, item_id, sample) DO UPDATE SET "
            + "response = excluded.response, extracted = excluded.extracted, correct = excluded.correct, "
            + "alt_correct = excluded.alt_correct, latency_ms = excluded.latency_ms, "
            + "prompt_tokens = excluded.prompt_tokens, completion_tokens = excluded.completion_tokens, "
            + "attempts = excluded.attempts, error = excluded.error, finished_at = now()";

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
        saveAll(runId, List.of(r));
    }

    /**
     * Stores results in one multi-row statement: one round trip and one commit for the lot, instead of one per item
     * (at 500+ items/s the per-item commits cost more PostgreSQL and service CPU than the scoring).
     */
    public void saveAll(String runId, List<ItemResult> results) {
        // ON CONFLICT DO UPDATE may touch a row only once per statement: keep the last result per key
        Map<String, ItemResult> unique = new LinkedHashMap<>();
        results.forEach(r -> unique.put(r.key(), r));
        List<ItemResult> rows = List.copyOf(unique.values());
        for (int from = 0; from < rows.size(); from += MAX_ROWS_PER_INSERT) {
            List<ItemResult> chunk = rows.subList(from, Math.min(rows.size(), from + MAX_ROWS_PER_INSERT));
            db.update(INSERT_ITEMS + String.join(", ", Collections.nCopies(chunk.size(), ITEM_ROW)) + UPSERT_ITEMS,
                    ps -> {
                        int i = 0;
                        for (ItemResult r : chunk) {
                            bindItem(ps, i, runId, r);
                            i += ITEM_COLUMNS;
                        }
                    });
        }
    }

    private static void bindItem(PreparedStatement ps, int offset, String runId, ItemResult r) throws SQLException {
        ps.setString(offset + 1, runId);
        ps.setString(offset + 2, r.itemId());
        ps.setInt(offset + 3, r.sample());
        ps.setString(offset + 4, r.subject());
        ps.setString(offset + 5, r.promptHash());
        ps.setString(offset + 6, r.response());
        ps.setString(offset + 7, r.extracted());
        ps.setBoolean(offset + 8, r.correct());
        if (r.altCorrect() == null) {
            ps.setNull(offset + 9, Types.BOOLEAN);
        } else {
            ps.setBoolean(offset + 9, r.altCorrect());
        }
        ps.setDouble(offset + 10, r.latencyMs());
        ps.setInt(offset + 11, r.promptTokens());
        ps.setInt(offset + 12, r.completionTokens());
        ps.setInt(offset + 13, r.attempts());
        ps.setString(offset + 14, r.error());
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

    /**
     * The columns scores need (no response texts): what a progress poll reads while a run is going, so that polling
     * a large run does not pull every answer out of the database each time.
     */
    public List<ItemResult> scoreRows(String runId) {
        List<ItemResult> items = new ArrayList<>();
        db.query("SELECT item_id, sample, subject, correct, alt_correct, error FROM eval_item WHERE run_id = ?",
                ps -> ps.setString(1, runId),
                rs -> items.add(new ItemResult(rs.getString(1), rs.getInt(2), rs.getString(3), null, null, null,
                        rs.getBoolean(4), (Boolean) rs.getObject(5), 0, -1, -1, 0, rs.getString(6))));
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
