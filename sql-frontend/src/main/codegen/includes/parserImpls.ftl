<#--
  Depot's statements on top of Calcite's grammar: CREATE/DROP TABLE and VIEW, TRUNCATE TABLE,
  SHOW TABLES, SHOW COLUMNS, VACUUM. The nodes are Calcite's own DDL nodes (org.apache.calcite.sql.ddl)
  where they exist; io.depot.sql.ddl executes them against Depot's storage.
-->

boolean IfNotExistsOpt() :
{
}
{
    <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

boolean IfExistsOpt() :
{
}
{
    <IF> <EXISTS> { return true; }
|
    { return false; }
}

/** {@code ( element, ... )}: column definitions and table constraints in any order. */
SqlNodeList TableElementList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    <LPAREN> { s = span(); }
    TableElement(list)
    (
        <COMMA> TableElement(list)
    )*
    <RPAREN> {
        return new SqlNodeList(list, s.end(this));
    }
}

/**
 * A column {@code name type [NULL | NOT NULL] [PRIMARY KEY | UNIQUE]} (constraints in any order;
 * a column-level key becomes a one-column key constraint after the column), or a table
 * constraint {@code [CONSTRAINT name] PRIMARY KEY (cols) | UNIQUE (cols)}.
 */
void TableElement(List<SqlNode> list) :
{
    final SqlIdentifier id;
    final SqlDataTypeSpec type;
    boolean nullable = true;
    boolean primaryKey = false;
    boolean unique = false;
    SqlIdentifier name = null;
    final SqlNodeList columnList;
    final Span s = Span.of();
}
{
    (
        id = SimpleIdentifier()
        type = DataType()
        (
            <NULL>
        |
            <NOT> <NULL> { nullable = false; }
        |
            <PRIMARY> <KEY> { primaryKey = true; nullable = false; }
        |
            <UNIQUE> { unique = true; }
        )*
        {
            SqlParserPos pos = s.add(id).end(this);
            list.add(SqlDdlNodes.column(pos, id, type.withNullable(nullable), null,
                nullable ? ColumnStrategy.NULLABLE : ColumnStrategy.NOT_NULLABLE));
            if (primaryKey) {
                list.add(SqlDdlNodes.primary(pos, null,
                    new SqlNodeList(Collections.<SqlNode>singletonList(id), pos)));
            }
            if (unique) {
                list.add(SqlDdlNodes.unique(pos, null,
                    new SqlNodeList(Collections.<SqlNode>singletonList(id), pos)));
            }
        }
    |
        [ <CONSTRAINT> { s.add(this); } name = SimpleIdentifier() ]
        (
            <UNIQUE> { s.add(this); }
            columnList = ParenthesizedSimpleIdentifierList() {
                list.add(SqlDdlNodes.unique(s.end(columnList), name, columnList));
            }
        |
            <PRIMARY> { s.add(this); } <KEY>
            columnList = ParenthesizedSimpleIdentifierList() {
                list.add(SqlDdlNodes.primary(s.end(columnList), name, columnList));
            }
        )
    )
}

SqlCreate SqlCreateTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier id;
    SqlNodeList tableElementList = null;
    SqlNode query = null;
}
{
    <TABLE> ifNotExists = IfNotExistsOpt() id = CompoundIdentifier()
    [ tableElementList = TableElementList() ]
    [ <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) ]
    {
        return SqlDdlNodes.createTable(s.end(this), replace, ifNotExists, id,
            tableElementList, query);
    }
}

SqlCreate SqlCreateView(Span s, boolean replace) :
{
    final SqlIdentifier id;
    SqlNodeList columnList = null;
    final SqlNode query;
}
{
    <VIEW> id = CompoundIdentifier()
    [ columnList = ParenthesizedSimpleIdentifierList() ]
    <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) {
        return SqlDdlNodes.createView(s.end(this), replace, id, columnList, query);
    }
}

SqlDrop SqlDropTable(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier id;
}
{
    <TABLE> ifExists = IfExistsOpt() id = CompoundIdentifier() {
        return SqlDdlNodes.dropTable(s.end(this), ifExists, id);
    }
}

SqlDrop SqlDropView(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier id;
}
{
    <VIEW> ifExists = IfExistsOpt() id = CompoundIdentifier() {
        return SqlDdlNodes.dropView(s.end(this), ifExists, id);
    }
}

SqlTruncate SqlTruncateTable(Span s) :
{
    final SqlIdentifier id;
}
{
    <TABLE> id = CompoundIdentifier() {
        return SqlDdlNodes.truncateTable(s.end(this), id, true);
    }
}

/** {@code SHOW TABLES}: the tables and views of the default schema. */
SqlNode SqlShowTables() :
{
}
{
    <SHOW> <TABLES> {
        return new SqlShowTables(getPos());
    }
}

/** {@code SHOW COLUMNS FROM t}, the same as {@code DESCRIBE t}. */
SqlNode SqlShowColumns() :
{
    final Span s;
    final SqlIdentifier id;
}
{
    <SHOW> { s = span(); } <COLUMNS> ( <FROM> | <IN> ) id = CompoundIdentifier() {
        return new SqlShowColumns(s.end(this), id);
    }
}

/**
 * {@code VACUUM [t] [RETAIN n HOURS]}: deletes old versions of one table or of every table.
 * RETAIN is checked first, so a table may still be named {@code retain} only when quoted.
 */
SqlNode SqlVacuum() :
{
    final Span s;
    SqlIdentifier id = null;
    SqlNode hours = null;
}
{
    <VACUUM> { s = span(); }
    [
        LOOKAHEAD(1, { getToken(1).kind != RETAIN })
        id = CompoundIdentifier()
    ]
    [
        <RETAIN> hours = UnsignedNumericLiteral() <HOURS>
    ]
    {
        return new SqlVacuum(s.end(this), id, hours);
    }
}

/**
 * {@code CHECKPOINT [t]}: folds the write-ahead log of one table or of every table into segments.
 */
SqlNode SqlCheckpoint() :
{
    final Span s;
    SqlIdentifier id = null;
}
{
    <CHECKPOINT> { s = span(); }
    [
        id = CompoundIdentifier()
    ]
    {
        return new SqlCheckpoint(s.end(this), id);
    }
}
