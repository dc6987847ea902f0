package io.modelshift.evaluation.traffic;

import io.modelshift.api.records.TrafficRecord;
import io.modelshift.evaluation.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Traffic records in PostgreSQL, stored once per request id whatever the order or repetition of batches. */
@ApplicationScoped
public class TrafficStore {

    private final Database db;

    public TrafficStore(Database db) {
        this.db = db;
    }

    /** A record with its check results, ready to store. */
    public record Checked(TrafficRecord record, ContentChecks.Result checks, boolean keepText) {
    }

    /** Inserts the records; returns, per record, whether it was new (false for an id already stored). */
    public boolean[] insert(List<Checked> rows) {
        int[] counts = db.batch("INSERT INTO traffic_record (id, time, route, variant, status, error_type, latency_ms, "
                + "ttft_ms, prompt_tokens, completion_tokens, finish_reason, shadow, shadow_pair_id, empty_answer, "
                + "language_mismatch, json_invalid, refusal, degenerate, prompt_text, completion_text, stream, fallback_from) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                rows, (ps, row) -> {
                    TrafficRecord r = row.record();
                    ContentChecks.Result c = row.checks();
                    ps.setString(1, r.id());
                    ps.setTimestamp(2, Timestamp.from(r.time()));
                    ps.setString(3, r.route());
                    ps.setString(4, r.variant());
                    ps.setInt(5, r.status());
                    ps.setString(6, r.errorType().name());
                    ps.setDouble(7, r.latencyMs());
                    ps.setDouble(8, r.ttftMs());
                    ps.setLong(9, r.promptTokens());
                    ps.setLong(10, r.completionTokens());
                    ps.setString(11, r.finishReason());
                    ps.setBoolean(12, r.shadow());
                    ps.setString(13, r.shadowPairId());
                    ps.setBoolean(14, c.empty());
                    setBoolean(ps, 15, c.languageMismatch());
                    setBoolean(ps, 16, c.jsonInvalid());
                    setBoolean(ps, 17, c.refusal());
                    setBoolean(ps, 18, c.degenerate());
                    // texts are kept only for shadow pairs, which the judge needs
                    ps.setString(19, row.keepText() ? r.promptText() : null);
                    ps.setString(20, row.keepText() ? r.completionText() : null);
                    ps.setBoolean(21, r.stream());
                    ps.setString(22, r.fallbackFrom());
                });
        boolean[] inserted = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            inserted[i] = counts[i] != 0;
        }
        return inserted;
    }

    private static void setBoolean(java.sql.PreparedStatement ps, int index, Boolean value) throws java.sql.SQLException {
        if (value == null) {
            ps.setNull(index, Types.BOOLEAN);
        } else {
            ps.setBoolean(index, value);
        }
    }

    /** Records of a route since a time (all routes when route is null), oldest first. */
    public List<StoredRecord> since(String route, Instant since) {
        List<StoredRecord> out = new ArrayList<>();
        db.query("SELECT id, time, route, variant, status, error_type, latency_ms, ttft_ms, prompt_tokens, "
                        + "completion_tokens, finish_reason, shadow, shadow_pair_id, empty_answer, language_mismatch, "
                        + "json_invalid, refusal, degenerate, stream, fallback_from FROM traffic_record WHERE time >= ? "
                        + "AND (CAST(? AS TEXT) IS NULL OR route = ?) ORDER BY time",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(since));
                    ps.setString(2, route);
                    ps.setString(3, route);
                },
                rs -> out.add(new StoredRecord(rs.getString(1), Database.instant(rs.getTimestamp(2)), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getString(6), rs.getDouble(7), rs.getDouble(8),
                        rs.getLong(9), rs.getLong(10), rs.getString(11), rs.getBoolean(12), rs.getString(13),
                        (Boolean) rs.getObject(14), (Boolean) rs.getObject(15), (Boolean) rs.getObject(16),
                        (Boolean) rs.getObject(17), (Boolean) rs.getObject(18), (Boolean) rs.getObject(19),
                        rs.getString(20))));
        return out;
    }

    /** The two records of a shadow pair with their texts: the served one first, the shadow copy second. */
    public Optional<ShadowPair> pair(String pairId) {
        List<String[]> rows = new ArrayList<>();
        db.query("SELECT route, variant, shadow, prompt_text, completion_text, error_type FROM traffic_record "
                        + "WHERE shadow_pair_id = ? ORDER BY shadow", ps -> ps.setString(1, pairId),
                rs -> rows.add(new String[]{rs.getString(1), rs.getString(2), String.valueOf(rs.getBoolean(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6)}));
        if (rows.size() != 2 || !"false".equals(rows.get(0)[2]) || !"true".equals(rows.get(1)[2])) {
            return Optional.empty();
        }
        String[] served = rows.get(0);
        String[] shadow = rows.get(1);
        if (served[4] == null || shadow[4] == null || !"NONE".equals(served[5]) || !"NONE".equals(shadow[5])) {
            return Optional.empty();
        }
        String prompt = served[3] != null ? served[3] : shadow[3];
        return Optional.of(new ShadowPair(pairId, served[0], served[1], shadow[1], prompt, served[4], shadow[4]));
    }

    /**
     * Two answers to the same prompt: the served (baseline) variant's and the shadow (candidate) variant's.
     */
    public record ShadowPair(String pairId, String route, String baseline, String candidate, String prompt,
                             String baselineAnswer, String candidateAnswer) {
    }
}
