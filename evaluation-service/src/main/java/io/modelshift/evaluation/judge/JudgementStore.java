package io.modelshift.evaluation.judge;

import io.modelshift.evaluation.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Judgements of shadow pairs, one per pair. */
@ApplicationScoped
public class JudgementStore {

    private final Database db;

    public JudgementStore(Database db) {
        this.db = db;
    }

    public record Row(String pairId, String route, String baseline, String candidate, Instant time, double score,
                      boolean consistent) {
    }

    public boolean exists(String pairId) {
        boolean[] found = {false};
        db.query("SELECT 1 FROM judgement WHERE pair_id = ?", ps -> ps.setString(1, pairId), rs -> found[0] = true);
        return found[0];
    }

    public void save(String pairId, String route, String baseline, String candidate, PairwiseJudge.Judgement j) {
        db.update("INSERT INTO judgement (pair_id, route, baseline, candidate, time, candidate_first, candidate_second, "
                + "score, consistent, raw_first, raw_second) VALUES (?, ?, ?, ?, now(), ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (pair_id) DO NOTHING", ps -> {
                    ps.setString(1, pairId);
                    ps.setString(2, route);
                    ps.setString(3, baseline);
                    ps.setString(4, candidate);
                    ps.setString(5, j.candidateFirst().name());
                    ps.setString(6, j.candidateSecond().name());
                    ps.setDouble(7, j.score());
                    ps.setBoolean(8, j.consistent());
                    ps.setString(9, j.rawFirst());
                    ps.setString(10, j.rawSecond());
                });
    }

    public List<Row> since(String route, String baseline, String candidate, Instant since) {
        List<Row> rows = new ArrayList<>();
        db.query("SELECT pair_id, route, baseline, candidate, time, score, consistent FROM judgement "
                        + "WHERE route = ? AND baseline = ? AND candidate = ? AND time >= ? ORDER BY time",
                ps -> {
                    ps.setString(1, route);
                    ps.setString(2, baseline);
                    ps.setString(3, candidate);
                    ps.setTimestamp(4, Timestamp.from(since));
                },
                rs -> rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Database.instant(rs.getTimestamp(5)), rs.getDouble(6), rs.getBoolean(7))));
        return rows;
    }
}
