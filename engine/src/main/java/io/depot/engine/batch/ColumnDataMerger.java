package io.depot.engine.batch;

import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Assembles one column from pieces that each cover some of its rows (the branches of a CASE, the
 * arguments of a COALESCE). Rows no piece covers are NULL. Wide decimals are byte keys, merged
 * like VARCHAR.
 */
public final class ColumnDataMerger {
    private final ColumnType type;
    private final int size;
    private final int[] pieceOfRow;
    private final int[] rowInPiece;
    private final List<ColumnData> pieces = new ArrayList<>();

    public ColumnDataMerger(ColumnType type, int size) {
        this.type = type;
        this.size = size;
        this.pieceOfRow = new int[size];
        this.rowInPiece = new int[size];
        Arrays.fill(pieceOfRow, -1);
    }

    /** Row {@code j} of {@code piece} becomes row {@code rows[j]} of the result, for j below count. */
    public void put(int[] rows, int count, ColumnData piece) {
        int pieceIndex = pieces.size();
        pieces.add(piece);
        for (int j = 0; j < count; j++) {
            pieceOfRow[rows[j]] = pieceIndex;
            rowInPiece[rows[j]] = j;
        }
    }

    public ColumnData build() {
        boolean[] nulls = new boolean[size];
        boolean anyNull = false;
        for (int row = 0; row < size; row++) {
            int piece = pieceOfRow[row];
            nulls[row] = piece < 0 || pieces.get(piece).isNull(rowInPiece[row]);
            anyNull |= nulls[row];
        }
        boolean[] resultNulls = anyNull ? nulls : null;
        return switch (type.isWideDecimal() ? TypeKind.VARCHAR : type.kind()) {
            case BOOLEAN -> {
                BooleanData[] typed = pieces.toArray(new BooleanData[0]);
                boolean[] values = new boolean[size];
                for (int row = 0; row < size; row++) {
                    if (!nulls[row]) {
                        values[row] = typed[pieceOfRow[row]].values()[rowInPiece[row]];
                    }
                }
                yield new BooleanData(values, resultNulls, size);
            }
            case DOUBLE -> {
                DoubleData[] typed = pieces.toArray(new DoubleData[0]);
                double[] values = new double[size];
                for (int row = 0; row < size; row++) {
                    if (!nulls[row]) {
                        values[row] = typed[pieceOfRow[row]].values()[rowInPiece[row]];
                    }
                }
                yield new DoubleData(values, resultNulls, size);
            }
            case VARCHAR -> {
                StringData[] typed = pieces.toArray(new StringData[0]);
                StringData.Builder builder = new StringData.Builder(size, 16 * size);
                for (int row = 0; row < size; row++) {
                    if (nulls[row]) {
                        builder.appendNull();
                    } else {
                        StringData piece = typed[pieceOfRow[row]];
                        int pieceRow = rowInPiece[row];
                        builder.append(piece.bytes(), piece.start(pieceRow), piece.length(pieceRow));
                    }
                }
                yield builder.build();
            }
            default -> {
                LongData[] typed = pieces.toArray(new LongData[0]);
                long[] values = new long[size];
                for (int row = 0; row < size; row++) {
                    if (!nulls[row]) {
                        values[row] = typed[pieceOfRow[row]].values()[rowInPiece[row]];
                    }
                }
                yield new LongData(values, resultNulls, size);
            }
        };
    }
}
