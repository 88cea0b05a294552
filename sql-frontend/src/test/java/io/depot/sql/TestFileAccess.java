package io.depot.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestFileAccess {
    @TempDir
    private Path directory;

    @Test
    void noAccessRefusesEveryFileNamingIt() {
        assertThatThrownBy(() -> FileAccess.NONE.check(Path.of("/etc/passwd")))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER))
                .hasMessage("Reading file[/etc/passwd] is not allowed: this session may not read files on the server");
    }

    @Test
    void unrestrictedAccessAllowsAnyFile() {
        assertThat(FileAccess.UNRESTRICTED.check(Path.of("/etc/passwd"))).isEqualTo(Path.of("/etc/passwd"));
    }

    @Test
    void aDirectoryAllowsItsFilesOnlyAfterResolvingDotsAndLinks() throws Exception {
        Path allowed = Files.createDirectories(directory.resolve("exports"));
        Path inside = Files.writeString(allowed.resolve("sales.csv"), "a\n1\n");
        Path outside = Files.writeString(directory.resolve("secret.csv"), "a\n1\n");
        FileAccess access = FileAccess.under(allowed);

        assertThat(access.check(Path.of("sales.csv"))).isEqualTo(inside.toRealPath());
        assertThat(access.check(inside)).isEqualTo(inside.toRealPath());
        assertThatThrownBy(() -> access.check(Path.of("../secret.csv")))
                .hasMessageContaining("may read files only under directory[" + allowed.toRealPath() + "]");
        assertThatThrownBy(() -> access.check(outside)).isInstanceOf(DepotException.class);

        Path link = allowed.resolve("link.csv");
        try {
            Files.createSymbolicLink(link, outside);
        } catch (UnsupportedOperationException | java.io.IOException e) {
            return; // no symbolic links on this file system
        }
        assertThatThrownBy(() -> access.check(Path.of("link.csv"))).isInstanceOf(DepotException.class);
    }

    @Test
    void aMissingDirectoryIsAClearError() {
        assertThatThrownBy(() -> FileAccess.under(directory.resolve("missing")))
                .hasMessageContaining("for file access does not exist");
    }
}
