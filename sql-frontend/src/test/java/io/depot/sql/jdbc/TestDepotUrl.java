package io.depot.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestDepotUrl {
    @Test
    void parsesDirectories() {
        assertThat(DepotUrl.parse("jdbc:depot:/var/data/warehouse").directory()).contains(Path.of("/var/data/warehouse"));
        assertThat(DepotUrl.parse("jdbc:depot:relative/dir").directory()).contains(Path.of("relative/dir"));
    }

    @Test
    void parsesPrivateAndNamedMemoryDatabases() {
        DepotUrl privateMemory = DepotUrl.parse("jdbc:depot:mem:");
        assertThat(privateMemory.isPrivateMemory()).isTrue();
        assertThat(privateMemory.directory()).isEmpty();

        DepotUrl named = DepotUrl.parse("jdbc:depot:mem:scratch");
        assertThat(named.isPrivateMemory()).isFalse();
        assertThat(named.memoryName()).isEqualTo(Optional.of("scratch"));
    }

    @Test
    void rejectsAUrlWithoutLocation() {
        assertThatThrownBy(() -> DepotUrl.parse("jdbc:depot:"))
                .isInstanceOf(DepotException.class)
                .hasMessage("URL[jdbc:depot:] names no database: use jdbc:depot:<directory> or jdbc:depot:mem:");
    }
}
