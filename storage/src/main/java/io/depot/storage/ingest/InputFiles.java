package io.depot.storage.ingest;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The input files of a load: glob expansion, checks, sizes, and opening (gzip by extension). */
public final class InputFiles {
    private static final int BUFFER_SIZE = 1 << 16;

    private InputFiles() {}

    /**
     * Expands each argument that holds a glob character ({@code * ? [ {}) into the files it
     * matches, sorted by name; {@code data/*.csv} matches in {@code data/} only, {@code data/**.csv}
     * also below it. Other arguments stay as they are. A glob that matches nothing is an error,
     * so a mistyped pattern does not load nothing silently.
     */
    public static List<Path> expand(List<String> arguments) {
        List<Path> files = new ArrayList<>();
        for (String argument : arguments) {
            int glob = firstGlobCharacter(argument);
            if (glob < 0) {
                files.add(Path.of(argument));
                continue;
            }
            int slash = argument.lastIndexOf('/', glob);
            Path base = slash < 0 ? Path.of(".") : Path.of(argument.substring(0, slash + 1));
            String pattern = argument.substring(slash + 1);
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            List<Path> matches;
            try (Stream<Path> walk = Files.walk(base)) {
                matches = walk.filter(Files::isRegularFile)
                        .filter(path -> matcher.matches(base.relativize(path)))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new DepotException(ErrorCode.USER, "Cannot list files for pattern[" + argument + "]: " + e.getMessage(), e);
            }
            if (matches.isEmpty()) {
                throw new DepotException(ErrorCode.USER, "No file matches pattern[" + argument + "]");
            }
            files.addAll(matches);
        }
        return files;
    }

    private static int firstGlobCharacter(String argument) {
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return -1;
    }

    /** Fails (USER) naming the first file that is missing, not a file, or empty. */
    static void check(List<Path> files) {
        if (files.isEmpty()) {
            throw new DepotException(ErrorCode.USER, "No files given to load");
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new DepotException(ErrorCode.USER, "File[" + file + "] does not exist or is not a file");
            }
            try {
                if (Files.size(file) == 0) {
                    throw new DepotException(ErrorCode.USER, file.getFileName() + " is empty");
                }
            } catch (IOException e) {
                throw new DepotException(ErrorCode.USER, "Cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Stored size of the files that exist. */
    public static long totalSize(List<Path> files) {
        long bytes = 0;
        for (Path file : files) {
            try {
                bytes += Files.size(file);
            } catch (IOException e) {
                // counted as 0: the load reports the missing file itself
            }
        }
        return bytes;
    }

    /** The files as the load history shows them. */
    static String describe(List<Path> files) {
        List<String> names = new ArrayList<>(files.size());
        for (Path file : files) {
            names.add(file.toString());
        }
        return String.join(", ", names);
    }

    /**
     * A buffered stream of bytes {@code [start, start + length)} of a plain (not gzip) file; the
     * whole file when {@code start} is 0 and {@code length} is {@code Long.MAX_VALUE}.
     */
    static InputStream openRange(Path file, long start, long length, LoadProgress progress) throws IOException {
        if (start == 0 && length == Long.MAX_VALUE) {
            return open(file, progress);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            channel.position(start);
            InputStream range = new BoundedInputStream(Channels.newInputStream(channel), length);
            return new BufferedInputStream(progress == LoadProgress.NONE ? range : new ProgressInputStream(range, progress),
                    BUFFER_SIZE);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** Tells a {@link LoadProgress} the bytes read, a megabyte or so at a time and the rest at the end. */
    private static final class ProgressInputStream extends FilterInputStream {
        private static final long STEP = 1 << 20;
        private final LoadProgress progress;
        private long unreported;

        ProgressInputStream(InputStream in, LoadProgress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = in.read(buffer, offset, length);
            if (read > 0) {
                count(read);
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long bytes) {
            unreported += bytes;
            if (unreported >= STEP) {
                progress.bytesRead(unreported);
                unreported = 0;
            }
        }

        @Override
        public void close() throws IOException {
            if (unreported > 0) {
                progress.bytesRead(unreported);
                unreported = 0;
            }
            super.close();
        }
    }

    /** Reads at most a given number of bytes of a stream. */
    private static final class BoundedInputStream extends FilterInputStream {
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }
    }

    /** A buffered stream of the file's content, decompressed when the name ends with {@code .gz}. */
    static InputStream open(Path file) throws IOException {
        return open(file, LoadProgress.NONE);
    }

    /** As {@link #open(Path)}, telling {@code progress} the stored bytes as they are read. */
    static InputStream open(Path file, LoadProgress progress) throws IOException {
        InputStream stored = Files.newInputStream(file);
        InputStream raw = progress == LoadProgress.NONE ? stored : new ProgressInputStream(stored, progress);
        try {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
                return new BufferedInputStream(new GZIPInputStream(raw, BUFFER_SIZE), BUFFER_SIZE);
            }
            return new BufferedInputStream(raw, BUFFER_SIZE);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }
}
