package io.depot.storage.ingest;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
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
    static long totalSize(List<Path> files) {
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

    /** A buffered stream of the file's content, decompressed when the name ends with {@code .gz}. */
    static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
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
