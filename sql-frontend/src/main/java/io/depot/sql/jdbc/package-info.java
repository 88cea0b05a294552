/**
 * The embedded JDBC driver, built on Avatica.
 *
 * <p>URLs: {@code jdbc:depot:<directory>} (relative or absolute, created if absent),
 * {@code jdbc:depot:mem:} (a throw-away database per connection) and
 * {@code jdbc:depot:mem:<name>} (a throw-away database shared by name while a connection to it
 * is open). All connections of a JVM to one database share one {@link io.depot.sql.DepotSql}.
 *
 * <p>How a statement runs: {@link io.depot.sql.jdbc.DepotDriver} creates
 * {@link io.depot.sql.jdbc.DepotConnection}s whose {@link io.depot.sql.jdbc.DepotMeta} plans
 * statements with {@code DepotSql.prepare}. A query's {@code ResultStream} stays open in a
 * {@link io.depot.sql.jdbc.ResultRows} and the result set reads it batch by batch through
 * {@link io.depot.sql.jdbc.DepotCursor}, converting values with
 * {@link io.depot.sql.jdbc.ValueAccessor}.
 *
 * <p>Types: BOOLEAN, INTEGER, BIGINT, DOUBLE, DECIMAL(p,s), DATE, TIMESTAMP and VARCHAR map to
 * the {@link java.sql.Types} of the same name (see {@link io.depot.sql.jdbc.JdbcTypes}). DATE and
 * TIMESTAMP have no time zone: {@code getDate}/{@code getTimestamp} show the stored day and
 * wall-clock time in any JVM time zone, and {@code getObject(i, LocalDate.class)} /
 * {@code getObject(i, LocalDateTime.class)} return them directly.
 *
 * <p>Catalog: no catalogs; every table is in schema {@code main}. Autocommit is always on.
 */
package io.depot.sql.jdbc;
