package io.depot.benchmarks.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * LZ4 decompression of one column block's bytes (65,536 values), as the segment reader does it
 * ({@code LZ4Factory.fastestInstance()}, the safe decompressor into an exactly sized array), next
 * to the fast decompressor Depot does not use because it trusts its input: the pair shows what
 * the safety costs. The block is either plain BIGINTs of a narrow range or text like TPC-H
 * comments.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class BenchmarkLz4Decompression {
    private static final int VALUES = 65_536;
    private static final String[] WORDS = {
        "carefully", "final", "deposits", "sleep", "quickly", "regular", "accounts", "boost", "furiously",
        "ironic", "packages", "haggle", "blithely", "pending", "requests", "서울", "express", "theodolites"
    };

    @Param({"BIGINT", "TEXT"})
    public String block;

    @Param({"SAFE", "FAST"})
    public String decompressor;

    private byte[] raw;
    private byte[] compressed;
    private LZ4SafeDecompressor safe;
    private LZ4FastDecompressor fast;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        raw = block.equals("BIGINT") ? integers(random) : text(random);
        LZ4Factory factory = LZ4Factory.fastestInstance();
        LZ4Compressor compressor = factory.highCompressor(2); // as BlockCompression writes blocks
        byte[] buffer = new byte[compressor.maxCompressedLength(raw.length)];
        compressed = Arrays.copyOf(buffer, compressor.compress(raw, 0, raw.length, buffer, 0, buffer.length));
        safe = factory.safeDecompressor();
        fast = factory.fastDecompressor();
        if (!Arrays.equals(raw, decompress())) {
            throw new IllegalStateException("LZ4 round trip changed the " + block + " block");
        }
    }

    private static byte[] integers(SplittableRandom random) {
        ByteBuffer bytes = ByteBuffer.allocate(VALUES * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < VALUES; i++) {
            bytes.putLong(1_000_000_000L + random.nextInt(100_000));
        }
        return bytes.array();
    }

    private static byte[] text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < VALUES; i++) {
            int words = 3 + random.nextInt(6);
            for (int w = 0; w < words; w++) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(w + 1 < words ? " " : "");
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The decompressed bytes, of the raw block's length. */
    @Benchmark
    public byte[] decompress() {
        byte[] out = new byte[raw.length];
        if (decompressor.equals("SAFE")) {
            int length = safe.decompress(compressed, 0, compressed.length, out, 0, out.length);
            if (length != out.length) {
                throw new IllegalStateException("decompressed " + length + " of " + out.length + " bytes");
            }
        } else {
            fast.decompress(compressed, 0, out, 0, out.length);
        }
        return out;
    }

    /** Raw bytes over compressed bytes. */
    public double compressionRatio() {
        return (double) raw.length / compressed.length;
    }
}
