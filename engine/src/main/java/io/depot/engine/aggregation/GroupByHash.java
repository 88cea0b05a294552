package io.depot.engine.aggregation;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.ColumnReader;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.ShortStrings;
import io.depot.engine.batch.StringData;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Assigns dense group ids (0, 1, 2, ... in order of first appearance) to rows by their key
 * values, NULL keys forming a group of their own. Open addressing with linear probing over
 * 64-bit row hashes; keys are compared only when hashes match.
 */
public final class GroupByHash {
    /** The most key combinations a batch may span for {@link #lowCardinalityGroupIds}. */
    private static final int LOW_CARDINALITY_CODES = 4096;

    private final List<ColumnType> keyTypes;
    /** An array, not a list: the per-row probe loops over it and list calls showed up in profiles. */
    private final GroupKeyColumn[] keyColumns;
    private int[] table = new int[1024];
    private long[] groupHashes = new long[512];
    private int groupCount;

    public GroupByHash(List<ColumnType> keyTypes) {
        this.keyTypes = List.copyOf(keyTypes);
        List<GroupKeyColumn> columns = new ArrayList<>(keyTypes.size());
        for (ColumnType type : keyTypes) {
            // BOOLEAN and DOUBLE keys are stored as longs, see KeyEncoding.toKeyRepresentation;
            // VARCHAR keys packed into longs until a longer one arrives.
            if (type.kind() == TypeKind.VARCHAR) {
                columns.add(new ShortStringGroupKeyColumn());
            } else {
                columns.add(type.isWideDecimal() ? new StringGroupKeyColumn() : new LongGroupKeyColumn());
            }
        }
        this.keyColumns = columns.toArray(new GroupKeyColumn[0]);
    }

    public int groupCount() {
        return groupCount;
    }

    /**
     * Whether VARCHAR key column {@code key} still holds every key packed into a long: then
     * {@link #groupIds} takes that column packed ({@link ColumnReader#readShortStrings}), which
     * saves copying the strings.
     */
    public boolean packsStrings(int key) {
        return keyColumns[key] instanceof ShortStringGroupKeyColumn;
    }

    /**
     * The group id of every row of the key columns, creating groups for new keys. A VARCHAR key
     * column may come as strings or, while {@link #packsStrings}, packed.
     */
    public int[] groupIds(List<ColumnData> keys, int size) {
        return groupIds(keys, null, size);
    }

    /**
     * Like {@link #groupIds(List, int)}, but a key column {@code k} with {@code codes[k]} not null
     * comes through codes: row {@code r}'s key is row {@code codes[k][r]} of {@code keys.get(k)}
     * (a dictionary: its entries plus, when any row is NULL, a NULL entry). Such keys are only
     * looked at once per distinct code in a batch when all keys span few combinations; otherwise
     * the entries are gathered per row and grouped as usual.
     */
    public int[] groupIds(List<ColumnData> keys, int[][] codes, int size) {
        ColumnData[] normalized = new ColumnData[keys.size()];
        for (int k = 0; k < normalized.length; k++) {
            ColumnData key = keys.get(k);
            normalized[k] = asStored(k, KeyEncoding.toKeyRepresentation(key), key.size());
        }
        int[] lowCardinalityIds = lowCardinalityGroupIds(normalized, codes, size);
        if (lowCardinalityIds != null) {
            return lowCardinalityIds;
        }
        if (codes != null) {
            for (int k = 0; k < normalized.length; k++) {
                if (codes[k] != null) {
                    normalized[k] = normalized[k].gather(codes[k], size);
                }
            }
        }
        long[] hashes = new long[size];
        for (ColumnData key : normalized) {
            KeyEncoding.hash(key, hashes);
        }
        int[] ids = new int[size];
        for (int row = 0; row < size; row++) {
            ids[row] = findOrInsert(KeyEncoding.mix(hashes[row]), normalized, row);
        }
        return ids;
    }

    /**
     * Group ids for a batch whose keys are all 64-bit values spanning few distinct combinations
     * (flags, small codes, short strings packed, dictionary codes): each row's keys become a code
     * below {@link #LOW_CARDINALITY_CODES} from their offsets within the batch's ranges (a
     * dictionary key's offset is its code), and only the first row of each code looks its group
     * up in the hash table. Null when the keys do not fit.
     */
    private int[] lowCardinalityGroupIds(ColumnData[] keys, int[][] keyCodes, int size) {
        int keyCount = keys.length;
        long[] minimums = new long[keyCount];
        // NULL takes the offset just past the values' range
        long[] nullOffsets = new long[keyCount];
        int[] strides = new int[keyCount];
        long codes = 1;
        for (int k = 0; k < keyCount; k++) {
            if (!(keys[k] instanceof LongData data)) {
                return null;
            }
            long range;
            if (keyCodes != null && keyCodes[k] != null) {
                // dictionary entries: the codes are the offsets (a NULL entry is one of them)
                range = data.size();
            } else {
                long[] values = data.values();
                boolean[] nulls = data.nulls();
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                for (int row = 0; row < size; row++) {
                    if (nulls == null || !nulls[row]) {
                        min = Math.min(min, values[row]);
                        max = Math.max(max, values[row]);
                    }
                }
                // the values' range plus a code for NULL; a negative span overflowed, so is huge
                long span = max - min;
                if (min <= max && (span < 0 || span > LOW_CARDINALITY_CODES)) {
                    return null;
                }
                range = min > max ? 1 : span + 2;
                minimums[k] = min;
                nullOffsets[k] = range - 1;
            }
            strides[k] = (int) codes;
            codes *= range;
            if (codes > LOW_CARDINALITY_CODES || codes > size) {
                return null;
            }
        }
        // each row's combination code, one key column at a time
        int[] rowCodes = new int[size];
        for (int k = 0; k < keyCount; k++) {
            addOffsets(rowCodes, (LongData) keys[k], keyCodes == null ? null : keyCodes[k], minimums[k],
                    (int) nullOffsets[k], strides[k], size);
        }
        int[] groupOfCode = new int[(int) codes];
        Arrays.fill(groupOfCode, -1);
        int[] keyRows = new int[keyCount];
        for (int row = 0; row < size; row++) {
            int code = rowCodes[row];
            int group = groupOfCode[code];
            if (group < 0) {
                long hash = 0;
                for (int k = 0; k < keyCount; k++) {
                    int keyRow = keyCodes != null && keyCodes[k] != null ? keyCodes[k][row] : row;
                    LongData key = (LongData) keys[k];
                    hash = KeyEncoding.combine(hash, key.values()[keyRow], key.isNull(keyRow));
                    keyRows[k] = keyRow;
                }
                group = findOrInsert(KeyEncoding.mix(hash), keys, keyRows);
                groupOfCode[code] = group;
            }
            rowCodes[row] = group;
        }
        return rowCodes;
    }

    /**
     * Adds each row's offset of one key times {@code stride} to {@code rowCodes}: the row's
     * dictionary code when {@code codes} is not null, else its value minus {@code minimum}, or
     * {@code nullOffset} for NULL.
     */
    private static void addOffsets(int[] rowCodes, LongData key, int[] codes, long minimum, int nullOffset,
            int stride, int size) {
        if (codes != null) {
            for (int row = 0; row < size; row++) {
                rowCodes[row] += codes[row] * stride;
            }
            return;
        }
        long[] values = key.values();
        boolean[] nulls = key.nulls();
        if (nulls == null) {
            for (int row = 0; row < size; row++) {
                rowCodes[row] += (int) (values[row] - minimum) * stride;
            }
        } else {
            for (int row = 0; row < size; row++) {
                rowCodes[row] += (nulls[row] ? nullOffset : (int) (values[row] - minimum)) * stride;
            }
        }
    }

    /**
     * Key column {@code k}'s rows in the form its groups are held in: a VARCHAR column held packed
     * takes its strings packed, or turns to holding strings at the first key too long to pack.
     * Strings hash alike either way (see KeyEncoding), so the groups' hashes stay valid.
     */
    private ColumnData asStored(int k, ColumnData key, int size) {
        if (keyColumns[k] instanceof ShortStringGroupKeyColumn packedColumn && key instanceof StringData strings) {
            LongData packed = ShortStrings.pack(strings);
            if (packed != null) {
                return packed;
            }
            keyColumns[k] = packedColumn.toStrings();
        } else if (keyColumns[k] instanceof StringGroupKeyColumn && key instanceof LongData packed
                && keyTypes.get(k).kind() == TypeKind.VARCHAR) {
            return ShortStrings.unpack(packed.values(), packed.nulls(), 0, size);
        }
        return key;
    }

    private int findOrInsert(long hash, ColumnData[] keys, int row) {
        int mask = table.length - 1;
        int slot = (int) hash & mask;
        while (true) {
            int group = table[slot] - 1;
            if (group < 0) {
                return insert(slot, hash, keys, row);
            }
            if (groupHashes[group] == hash && keysEqual(group, keys, row)) {
                return group;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Like {@link #findOrInsert(long, ColumnData[], int)}, key {@code k} being row {@code keyRows[k]} of {@code keys[k]}. */
    private int findOrInsert(long hash, ColumnData[] keys, int[] keyRows) {
        int mask = table.length - 1;
        int slot = (int) hash & mask;
        while (true) {
            int group = table[slot] - 1;
            if (group < 0) {
                for (int k = 0; k < keyColumns.length; k++) {
                    keyColumns[k].append(keys[k], keyRows[k]);
                }
                return addGroup(slot, hash);
            }
            if (groupHashes[group] == hash && keysEqual(group, keys, keyRows)) {
                return group;
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean keysEqual(int group, ColumnData[] keys, int[] keyRows) {
        for (int k = 0; k < keyColumns.length; k++) {
            if (!keyColumns[k].equalsRow(group, keys[k], keyRows[k])) {
                return false;
            }
        }
        return true;
    }

    private boolean keysEqual(int group, ColumnData[] keys, int row) {
        for (int k = 0; k < keyColumns.length; k++) {
            if (!keyColumns[k].equalsRow(group, keys[k], row)) {
                return false;
            }
        }
        return true;
    }

    private int insert(int slot, long hash, ColumnData[] keys, int row) {
        for (int k = 0; k < keyColumns.length; k++) {
            keyColumns[k].append(keys[k], row);
        }
        return addGroup(slot, hash);
    }

    /**
     * For each group of {@code other}, a hash over the same key types, whose keys fall in hash
     * partition {@code partition} of {@code partitionCount} (see {@link #partitionOf}): the id of the
     * group here with equal keys, created if there is none. Groups of other partitions map to -1.
     * The stored hashes are reused, so keys are compared but never hashed again.
     */
    public int[] mergeGroups(GroupByHash other, int partition, int partitionCount) {
        for (int k = 0; k < keyColumns.length; k++) {
            if (keyColumns[k] instanceof ShortStringGroupKeyColumn packed && other.keyColumns[k] instanceof StringGroupKeyColumn) {
                // the other partial saw a long key; strings compare with packed keys, not the reverse
                keyColumns[k] = packed.toStrings();
            }
        }
        int[] ids = new int[other.groupCount];
        for (int group = 0; group < other.groupCount; group++) {
            long hash = other.groupHashes[group];
            ids[group] = partitionOf(hash, partitionCount) == partition ? findOrInsertGroup(hash, other, group) : -1;
        }
        return ids;
    }

    /** The partition of {@code partitionCount} that groups of this hash fall in; independent of the table's slot bits. */
    private static int partitionOf(long hash, int partitionCount) {
        return (int) ((hash >>> 33) % partitionCount);
    }

    private int findOrInsertGroup(long hash, GroupByHash other, int otherGroup) {
        int mask = table.length - 1;
        int slot = (int) hash & mask;
        while (true) {
            int group = table[slot] - 1;
            if (group < 0) {
                for (int k = 0; k < keyColumns.length; k++) {
                    keyColumns[k].appendGroup(other.keyColumns[k], otherGroup);
                }
                return addGroup(slot, hash);
            }
            if (groupHashes[group] == hash && groupsEqual(group, other, otherGroup)) {
                return group;
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean groupsEqual(int group, GroupByHash other, int otherGroup) {
        for (int k = 0; k < keyColumns.length; k++) {
            if (!keyColumns[k].equalsGroup(group, other.keyColumns[k], otherGroup)) {
                return false;
            }
        }
        return true;
    }

    /** Enters the group whose keys were just appended into the table at {@code slot}. */
    private int addGroup(int slot, long hash) {
        int group = groupCount++;
        if (group == groupHashes.length) {
            groupHashes = Arrays.copyOf(groupHashes, group * 2);
        }
        groupHashes[group] = hash;
        table[slot] = group + 1;
        // Keep the table at most half full so probe sequences stay short.
        if (groupCount * 2 > table.length) {
            rehash(table.length * 2);
        }
        return group;
    }

    private void rehash(int capacity) {
        int[] rehashed = new int[capacity];
        int mask = capacity - 1;
        for (int group = 0; group < groupCount; group++) {
            int slot = (int) groupHashes[group] & mask;
            while (rehashed[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            rehashed[slot] = group + 1;
        }
        table = rehashed;
    }

    /** The key values of groups {@code from..from+count)}, one entry per key column. */
    public List<ColumnData> keys(int from, int count) {
        List<ColumnData> result = new ArrayList<>(keyColumns.length);
        for (int k = 0; k < keyColumns.length; k++) {
            ColumnData slice = keyColumns[k].slice(from, count);
            result.add(switch (keyTypes.get(k).kind()) {
                case BOOLEAN -> BooleanData.fromLongData((LongData) slice);
                case DOUBLE -> DoubleData.fromSortableLongData((LongData) slice);
                default -> slice;
            });
        }
        return result;
    }

    /** Heap bytes held, for memory accounting. */
    public long estimatedBytes() {
        long bytes = 4L * table.length + 8L * groupHashes.length;
        for (GroupKeyColumn column : keyColumns) {
            bytes += column.estimatedBytes();
        }
        return bytes;
    }
}
