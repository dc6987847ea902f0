package io.modelshift.cost.usage;

import io.agroal.api.AgroalDataSource;
import io.modelshift.api.records.IngestResult;
import io.modelshift.api.records.TrafficRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The usage ledger in PostgreSQL: what each tenant sent through which route and variant. A batch is written in one
 * transaction with {@code INSERT ... ON CONFLICT (id) DO NOTHING}, so repeated and out-of-order batches store every
 * request once, and a failure leaves nothing half-written.
 */
@ApplicationScoped
public class UsageLedger {

    /** Tenant, route or variant of a record that did not say. */
    public static final String UNKNOWN = "(unknown)";
    /**
     * The tenant shadow copies are charged to: the platform's, not the client's. Mirrored traffic never reached a
     * client, yet it used the canary's GPUs, so it stays in the variant's usage under this tenant.
     */
    public static final String SHADOW = "(shadow)";

    private static final String INSERT = """
            INSERT INTO usage_record (id, time, tenant, api_key_id, route, variant, upstream_model, endpoint, status,
                                      error_type, latency_ms, prompt_tokens, completion_tokens, shadow, fallback, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING""";

    private static final String AGGREGATE = """
            SELECT CASE WHEN shadow THEN '%s' ELSE tenant END AS payer, route, variant, min(upstream_model),
                   count(*), sum(greatest(prompt_tokens, 0)), sum(greatest(completion_tokens, 0)),
                   sum(latency_ms) / 1000.0
            FROM usage_record WHERE time >= ? AND time < ?
            GROUP BY payer, route, variant ORDER BY payer, route, variant""".formatted(SHADOW);

    private static final String PEAK = """
            SELECT variant, max(tokens) FROM (
                SELECT variant, date_trunc('minute', time) AS minute,
                       sum(greatest(prompt_tokens, 0) + greatest(completion_tokens, 0)) AS tokens
                FROM usage_record WHERE time >= ? AND time < ? GROUP BY variant, minute) per_minute
            GROUP BY variant""";

    private final AgroalDataSource db;

    public UsageLedger(AgroalDataSource db) {
        this.db = db;
    }

    /** Stores the valid records; invalid ones are counted as rejected and not stored. */
    public IngestResult ingest(String source, List<TrafficRecord> records) {
        List<TrafficRecord> valid = new ArrayList<>(records.size());
        for (TrafficRecord r : records) {
            if (r != null && problem(r) == null) {
                valid.add(r);
            }
        }
        int rejected = records.size() - valid.size();
        if (valid.isEmpty()) {
            return new IngestResult(0, 0, rejected);
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (TrafficRecord r : valid) {
                    bind(ps, r, source);
                    ps.addBatch();
                }
                int accepted = 0;
                for (int n : ps.executeBatch()) {
                    accepted += n > 0 ? 1 : 0;
                }
                c.commit();
                return new IngestResult(accepted, valid.size() - accepted, rejected);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot write the usage batch: " + e.getMessage(), e);
        }
    }

    /** Why a record cannot be charged, or null when it can. */
    public static String problem(TrafficRecord r) {
        if (r.promptTokens() < -1 || r.completionTokens() < -1) {
            return "token counts must be >= 0, or -1 for unknown";
        }
        if (!(r.latencyMs() >= 0) && r.latencyMs() != -1) {
            return "latencyMs must be >= 0";
        }
        return null;
    }

    private static void bind(PreparedStatement ps, TrafficRecord r, String source) throws SQLException {
        ps.setString(1, r.id());
        ps.setTimestamp(2, Timestamp.from(r.time()));
        ps.setString(3, orUnknown(r.tenant()));
        ps.setString(4, r.apiKeyId());
        ps.setString(5, orUnknown(r.route()));
        ps.setString(6, orUnknown(r.variant()));
        ps.setString(7, r.upstreamModel());
        ps.setString(8, r.endpoint());
        ps.setInt(9, r.status());
        ps.setString(10, r.errorType().name());
        ps.setDouble(11, Math.max(r.latencyMs(), 0));
        ps.setLong(12, r.promptTokens());
        ps.setLong(13, r.completionTokens());
        ps.setBoolean(14, r.shadow());
        ps.setBoolean(15, r.fallback());
        ps.setString(16, source);
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }

    /** Usage per tenant, route and variant in {@code [from, to)}. */
    public List<UsageLine> usage(Instant from, Instant to) {
        List<UsageLine> lines = new ArrayList<>();
        query(AGGREGATE, from, to, rs -> lines.add(new UsageLine(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getDouble(8))));
        return lines;
    }

    /** The busiest minute's tokens per variant in {@code [from, to)}: a lower bound of its capacity. */
    public java.util.Map<String, Long> peakTokensPerMinute(Instant from, Instant to) {
        java.util.Map<String, Long> peaks = new java.util.TreeMap<>();
        query(PEAK, from, to, rs -> peaks.put(rs.getString(1), rs.getLong(2)));
        return peaks;
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Instant from, Instant to, Row row) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot read the usage ledger: " + e.getMessage(), e);
        }
    }

    /** The ledger's database failed. */
    public static final class LedgerException extends RuntimeException {
        LedgerException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
