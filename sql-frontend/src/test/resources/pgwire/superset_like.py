"""What Apache Superset does with a database, against Depot's PostgreSQL endpoint.

Usage: python3 superset_like.py URI   (URI = postgresql+psycopg2://user:password@host:port/depot)
Expects table `sales` (id INTEGER primary key, city VARCHAR, amount DECIMAL(10,2), sold_on DATE,
sold_at TIMESTAMP, ratio DOUBLE, paid BOOLEAN, CONSTRAINT paid_city UNIQUE (paid, city)) and view
`big_sales` with the rows TestPgServerClients writes.
Prints CHECK lines; exits non-zero at the first mismatch.
"""
import datetime
import decimal
import sys

import sqlalchemy as sa


def check(name, actual, expected):
    if actual != expected:
        print(f"MISMATCH {name}: {actual!r} != {expected!r}")
        sys.exit(1)
    print(f"CHECK {name} ok")


engine = sa.create_engine(sys.argv[1])
inspector = sa.inspect(engine)
check("schema names", "main" in inspector.get_schema_names(), True)
check("default schema", inspector.default_schema_name, "main")
check("table names", inspector.get_table_names(), ["sales"])
check("table names in main", inspector.get_table_names(schema="main"), ["sales"])
check("view names", inspector.get_view_names(), ["big_sales"])
check("has_table", inspector.has_table("sales"), True)
check("has_table missing", inspector.has_table("nope"), False)
columns = inspector.get_columns("sales")
check("column names", [c["name"] for c in columns],
      ["id", "city", "amount", "sold_on", "sold_at", "ratio", "paid"])
check("column types", [type(c["type"]).__name__ for c in columns],
      ["INTEGER", "VARCHAR", "NUMERIC", "DATE", "TIMESTAMP", "DOUBLE_PRECISION", "BOOLEAN"])
check("numeric precision", (columns[2]["type"].precision, columns[2]["type"].scale), (10, 2))
check("nullable", [c["nullable"] for c in columns], [False, True, True, True, True, True, True])
check("primary key", inspector.get_pk_constraint("sales")["constrained_columns"], ["id"])
check("foreign keys", inspector.get_foreign_keys("sales"), [])
check("indexes", inspector.get_indexes("sales"), [])
check("unique constraints", inspector.get_unique_constraints("sales"),
      [{"name": "paid_city", "column_names": ["paid", "city"]}])
# Superset's PostgreSQL engine spec lists foreign tables next to tables
check("foreign table names", inspector.get_foreign_table_names(), [])
check("check constraints", inspector.get_check_constraints("sales"), [])
check("table comment", inspector.get_table_comment("sales"), {"text": None})
check("view columns", [c["name"] for c in inspector.get_columns("big_sales")], ["id", "amount"])

# Superset's reflection of a table into SQLAlchemy metadata
table = sa.Table("sales", sa.MetaData(), autoload_with=engine)
check("reflected table columns", [c.name for c in table.columns][:3], ["id", "city", "amount"])

with engine.connect() as connection:
    rows = connection.execute(sa.text(
        "SELECT city, COUNT(*) AS n, SUM(amount) AS total FROM sales GROUP BY city ORDER BY city")).fetchall()
    check("group by", [tuple(r) for r in rows],
          [("Berlin", 2, decimal.Decimal("-0.05")), ("서울", 1, decimal.Decimal("12.50")), (None, 1, None)])
    row = connection.execute(sa.text(
        "SELECT sold_on, sold_at, ratio, paid FROM sales WHERE id = :id"), {"id": 1}).one()
    check("typed values", tuple(row),
          (datetime.date(2024, 1, 31), datetime.datetime(2024, 1, 31, 12, 0, 0, 250000), 0.1, True))
    query = sa.select(table.c.city, sa.func.count().label("n")).group_by(table.c.city) \
        .order_by(sa.desc("n"), table.c.city).limit(1)
    check("core select", [tuple(r) for r in connection.execute(query)], [("Berlin", 2)])
    # a chart as Superset's PostgreSQL engine spec writes it: COUNT(*) metric labelled count,
    # day time grain, time range filter with TO_TIMESTAMP, LIMIT
    chart = connection.execute(sa.text(
        "SELECT DATE_TRUNC('day', sold_at) AS sold_at, COUNT(*) AS count FROM main.sales "
        "WHERE sold_at >= TO_TIMESTAMP('2024-01-01 00:00:00.000000', 'YYYY-MM-DD HH24:MI:SS.US') "
        "AND sold_at < TO_TIMESTAMP('2025-01-01 00:00:00.000000', 'YYYY-MM-DD HH24:MI:SS.US') "
        "GROUP BY DATE_TRUNC('day', sold_at) ORDER BY count DESC LIMIT 10000")).fetchall()
    check("superset chart", [tuple(r) for r in chart], [(datetime.datetime(2024, 1, 31), 1)])
    check("pg cast", connection.execute(sa.text("SELECT amount::text FROM sales WHERE id = 1")).scalar(), "12.50")
    try:
        connection.execute(sa.text("SELECT nope FROM sales"))
        check("error raised", False, True)
    except sa.exc.ProgrammingError as error:
        check("error sqlstate", error.orig.pgcode, "42703")
    check("after error", connection.execute(sa.text("SELECT COUNT(*) FROM sales")).scalar(), 4)
print("ALL CHECKS PASSED")
