package io.depot.sql.cli;

/** How the CLI prints query results. */
enum OutputFormat {
    table,
    csv,
    json
}
