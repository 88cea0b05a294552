package io.depot.storage;

/** Categories of failure; the JDBC layer maps each to an SQLState class. */
public enum ErrorCode {
    /** The statement or input is wrong: bad SQL, unknown table, malformed CSV value. */
    USER("42000"),
    /** Data read from disk is damaged: bad magic, unknown version, checksum mismatch. */
    CORRUPTION("XX001"),
    /** A limit was hit: memory, disk, timeout. */
    RESOURCE("53000"),
    /** Two writers, or a writer and a drop, collided. */
    CONFLICT("40001"),
    /** A bug in Depot. */
    INTERNAL("XX000");

    private final String sqlState;

    ErrorCode(String sqlState) {
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }
}
