package io.modelshift.evaluation.storage;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Plain JDBC over the Agroal pool: one statement per call, no ORM (the tables are few and the queries aggregate). */
@ApplicationScoped
public class Database {

    private final AgroalDataSource pool;

    public Database(AgroalDataSource pool) {
        this.pool = pool;
    }

    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    public interface RowBinder<T> {
        void bind(PreparedStatement ps, T row) throws SQLException;
    }

    public int update(String sql, Binder binder) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("database write failed: " + e.getMessage(), e);
        }
    }

    /** One batched statement for many rows; returns the rows each execution changed (0 for an ignored conflict). */
    public <T> int[] batch(String sql, List<T> rows, RowBinder<T> binder) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (T row : rows) {
                binder.bind(ps, row);
                ps.addBatch();
            }
            return ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("database write failed: " + e.getMessage(), e);
        }
    }

    public void query(String sql, Binder binder, RowReader reader) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database read failed: " + e.getMessage(), e);
        }
    }

    public static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
