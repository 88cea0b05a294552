package io.depot.sql.planner;

import io.depot.engine.plan.FileScanNode;
import io.depot.sql.ColumnList;
import io.depot.sql.FileAccess;
import io.depot.sql.convert.CalciteTypes;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.ingest.CsvOptions;
import io.depot.storage.ingest.FileScan;
import io.depot.storage.ingest.InputFiles;
import io.depot.storage.table.Database;
import io.depot.storage.type.TableSchema;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlTableFunction;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.util.NlsString;

/**
 * The table functions that read files in place, in DuckDB's style: {@code read_csv(path,
 * delim => ';', header => false, quote => '''', nullstr => 'NA', encoding => 'EUC-KR')},
 * {@code read_json(path)} (JSON lines; also {@code read_jsonl}, {@code read_ndjson}),
 * {@code read_parquet(path)} and {@code read_arrow(path)}. The path may be a glob
 * ({@code data/*.csv}); relative paths are relative to the process's working directory (to the
 * allowed directory on a server). Columns and types are what the loader would infer for a new
 * table, so a query sees exactly what {@code depot load} would store.
 *
 * <p>Every path passes the session's {@link FileAccess} first. The columns are found while the
 * statement is validated (from the call's literal arguments) and kept here, so translation does
 * not read the files again. The operators are made per statement, with the statement's database
 * and file access. (Not a Calcite schema {@code TableFunction}: Calcite hands those null for
 * arguments its coercion wrapped in a cast.)
 */
public final class FileTableFunction extends SqlFunction implements SqlTableFunction {
    private static final List<String> CSV_PARAMETERS = List.of("path", "delim", "header", "quote", "nullstr", "encoding",
            "columns");

    private final FileScan.Format format;
    private final List<String> parameters;
    private final Database database;
    private final FileAccess access;
    /** Columns found per call, so each distinct call reads its files' schema once per statement. */
    private final Map<FileScan, TableSchema> schemas = new HashMap<>();

    private FileTableFunction(String name, FileScan.Format format, List<String> parameters, Database database,
            FileAccess access) {
        super(name, SqlKind.OTHER_FUNCTION, CURSOR, null,
                OperandTypes.operandMetadata(
                        parameters.stream().map(parameter -> SqlTypeFamily.ANY).toList(),
                        typeFactory -> parameters.stream()
                                .map(parameter -> typeFactory.createTypeWithNullability(
                                        typeFactory.createSqlType(SqlTypeName.ANY), true))
                                .toList(),
                        parameters::get,
                        ordinal -> ordinal > 0),
                SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
        this.format = format;
        this.parameters = parameters;
        this.database = database;
        this.access = access;
    }

    /** The call itself has a cursor type; its columns come from {@link #getRowTypeInference}. */
    private static final SqlReturnTypeInference CURSOR = org.apache.calcite.sql.type.ReturnTypes.CURSOR;

    /** read_csv and friends for one statement, reading with its database and the session's file access. */
    static SqlOperatorTable operators(Database database) {
        FileAccess access = FileAccess.current();
        List<FileTableFunction> functions = new ArrayList<>();
        for (String name : List.of("read_csv", "read_csv_auto")) {
            functions.add(new FileTableFunction(name, FileScan.Format.CSV, CSV_PARAMETERS, database, access));
        }
        for (String name : List.of("read_json", "read_jsonl", "read_ndjson", "read_json_auto")) {
            functions.add(new FileTableFunction(name, FileScan.Format.JSON_LINES, List.of("path", "columns"), database,
                    access));
        }
        functions.add(new FileTableFunction("read_parquet", FileScan.Format.PARQUET, List.of("path"), database, access));
        functions.add(new FileTableFunction("read_arrow", FileScan.Format.ARROW, List.of("path"), database, access));
        return SqlOperatorTables.of(functions);
    }

    /** The engine plan of a scan of one of these functions, or null when the scan calls another function. */
    public static FileScanNode planNode(TableFunctionScan scan) {
        if (!(scan.getCall() instanceof RexCall call) || !(call.getOperator() instanceof FileTableFunction function)) {
            return null;
        }
        List<Object> arguments = new ArrayList<>();
        for (RexNode operand : call.getOperands()) {
            arguments.add(literalValue(operand));
        }
        FileScan fileScan = function.fileScan(arguments);
        return new FileScanNode(fileScan, function.schema(fileScan));
    }

    @Override
    public SqlReturnTypeInference getRowTypeInference() {
        return binding -> {
            SqlCallBinding callBinding = (SqlCallBinding) binding;
            List<Object> arguments = new ArrayList<>();
            for (SqlNode operand : callBinding.operands()) {
                arguments.add(literalValue(operand));
            }
            return CalciteTypes.rowType(binding.getTypeFactory(), schema(fileScan(arguments)));
        };
    }

    /**
     * Names the positional arguments of a call that names some ({@code read_csv('f.csv', delim =>
     * ';')}, as in DuckDB): Calcite accepts named arguments only when every argument is named.
     */
    @Override
    public SqlNode rewriteCall(org.apache.calcite.sql.validate.SqlValidator validator, SqlCall call) {
        List<SqlNode> operands = call.getOperandList();
        boolean named = operands.stream().anyMatch(operand -> operand.getKind() == SqlKind.ARGUMENT_ASSIGNMENT);
        if (!named) {
            return call;
        }
        List<SqlNode> rewritten = new ArrayList<>(operands.size());
        for (int i = 0; i < operands.size(); i++) {
            SqlNode operand = operands.get(i);
            if (operand.getKind() == SqlKind.ARGUMENT_ASSIGNMENT || i >= parameters.size()) {
                rewritten.add(operand);
            } else {
                SqlParserPos pos = operand.getParserPosition();
                rewritten.add(org.apache.calcite.sql.fun.SqlStdOperatorTable.ARGUMENT_ASSIGNMENT.createCall(
                        pos, operand, new SqlIdentifier(parameters.get(i), pos)));
            }
        }
        return call.getOperator().createCall(call.getFunctionQuantifier(), call.getParserPosition(), rewritten);
    }

    /** A literal argument of the SQL call: String, Boolean, or null when omitted. */
    private Object literalValue(SqlNode operand) {
        if (operand == null || operand.getKind() == SqlKind.DEFAULT) {
            return null;
        }
        if (operand.getKind() == SqlKind.CAST) {
            return literalValue(((SqlCall) operand).operand(0));
        }
        if (operand instanceof SqlLiteral literal) {
            return plain(literal.getValue());
        }
        throw new DepotException(ErrorCode.USER, String.format(
                "%s takes literal arguments only, not %s", functionName(), operand));
    }

    private TableSchema schema(FileScan fileScan) {
        TableSchema schema = schemas.get(fileScan);
        if (schema == null) {
            try (BufferAllocator allocator = database.allocator().newChildAllocator("file schema", 0, Long.MAX_VALUE)) {
                schema = fileScan.schema(allocator);
            }
            schemas.put(fileScan, schema);
        }
        return schema;
    }

    /** The files and options of a call, from its literal arguments (null where omitted). */
    private FileScan fileScan(List<? extends Object> arguments) {
        String function = functionName();
        Object path = arguments.isEmpty() ? null : plain(arguments.get(0));
        if (!(path instanceof String pathText) || pathText.isBlank()) {
            throw new DepotException(ErrorCode.USER, function + " needs the file name (or glob) as a string literal");
        }
        CsvOptions csv = CsvOptions.defaults();
        for (int i = 1; i < arguments.size(); i++) {
            Object value = plain(arguments.get(i));
            if (value == null) {
                continue;
            }
            String name = parameters.get(i);
            csv = switch (name) {
                case "delim" -> csv.withDelimiter(character(function, name, value));
                case "quote" -> csv.withQuote(character(function, name, value));
                case "header" -> csv.withHeader((Boolean) value);
                case "nullstr" -> csv.withNullMarker((String) value);
                case "encoding" -> csv.withCharset(charset(function, (String) value));
                case "columns" -> csv.withSchema(ColumnList.parse((String) value));
                default -> throw new IllegalStateException("parameter " + name);
            };
        }
        return new FileScan(format, files(pathText), csv);
    }

    /** The files a path or glob names, each allowed by the session's file access. */
    private List<Path> files(String pattern) {
        String allowed = pattern;
        if (access.directory().isPresent() && !Path.of(firstSegment(pattern)).isAbsolute()) {
            // a relative name on a server is relative to the allowed directory
            allowed = access.directory().get().resolve(pattern).toString();
        }
        String base = globBase(allowed);
        if (base != null) {
            // refuse a glob outside the allowed directory before listing anything there
            access.check(Path.of(base));
        }
        List<Path> files = new ArrayList<>();
        for (Path file : InputFiles.expand(List.of(allowed))) {
            files.add(access.check(file));
        }
        return files;
    }

    private static String firstSegment(String pattern) {
        return pattern.startsWith("/") ? "/" : pattern;
    }

    /** The directory part of a glob before its first wildcard, "." when it has none; null when not a glob. */
    private static String globBase(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                int slash = pattern.lastIndexOf('/', i);
                return slash < 0 ? "." : slash == 0 ? "/" : pattern.substring(0, slash);
            }
        }
        return null;
    }

    private String functionName() {
        return switch (format) {
            case CSV -> "read_csv";
            case JSON_LINES -> "read_json";
            case PARQUET -> "read_parquet";
            case ARROW -> "read_arrow";
        };
    }

    private static char character(String function, String parameter, Object value) {
        String text = (String) value;
        if (text.length() != 1) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "%s parameter %s must be one character, not '%s'", function, parameter, text));
        }
        return text.charAt(0);
    }

    private static Charset charset(String function, String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "%s: encoding '%s' is not a character set this Java runtime knows", function, name), e);
        }
    }

    /** A literal argument's value as getRowType receives it: String, Boolean, or null when omitted. */
    private static Object literalValue(RexNode operand) {
        if (operand instanceof RexCall call) {
            if (call.getKind() == SqlKind.DEFAULT) {
                return null;
            }
            if (call.getKind() == SqlKind.CAST) {
                return literalValue(call.getOperands().get(0));
            }
        }
        if (operand instanceof RexLiteral literal) {
            Object value = literal.getValue();
            if (value instanceof NlsString text) {
                return text.getValue();
            }
            return value;
        }
        throw new DepotException(ErrorCode.USER, "File functions take literal arguments only, not " + operand);
    }

    /** Calcite hands literal arguments to getRowType as NlsString; compare them as plain strings. */
    static Object plain(Object value) {
        return value instanceof NlsString text ? text.getValue() : value;
    }

}
