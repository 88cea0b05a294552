package io.depot.sql.server;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The users of {@code depot serve}, kept in a properties file, one line per user:
 * {@code name = role:pbkdf2-sha256:iterations:salt:hash}, role {@code read-only} or
 * {@code read-write}. Passwords are never stored, only their {@link PasswordHash}; create and
 * change users with {@code depot user add}.
 */
public final class UserStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    /** A user as the file lists it. */
    public record User(String name, Role role, String passwordHash) {
        public User {
            requireNonNull(name, "name is null");
            requireNonNull(role, "role is null");
            requireNonNull(passwordHash, "passwordHash is null");
        }
    }

    private final Map<String, User> users;

    private UserStore(Map<String, User> users) {
        this.users = users;
    }

    /** The users of a file; an absent file has none. Errors name the file and the user. */
    public static UserStore load(Path file) {
        Map<String, User> users = new TreeMap<>();
        if (!Files.exists(file)) {
            return new UserStore(users);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new DepotException(ErrorCode.USER, String.format("Cannot read users file[%s]: %s", file, e.getMessage()), e);
        }
        for (String name : properties.stringPropertyNames()) {
            String value = properties.getProperty(name).trim();
            int colon = value.indexOf(':');
            String hash = colon < 0 ? "" : value.substring(colon + 1);
            if (colon < 0 || !PasswordHash.isWellFormed(hash)) {
                throw new DepotException(ErrorCode.USER, String.format(
                        "Users file[%s] user[%s] has no valid role:password-hash; recreate it with 'depot user add'",
                        file, name));
            }
            users.put(name, new User(name, Role.parse(value.substring(0, colon)), hash));
        }
        return new UserStore(users);
    }

    public Optional<User> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    public boolean isEmpty() {
        return users.isEmpty();
    }

    /**
     * Adds the user to the file (or replaces its role and password), keeping the other users.
     * The file is rewritten atomically and readable by its owner only where the file system
     * allows it.
     */
    public static void addUser(Path file, String name, Role role, char[] password, int iterations) {
        if (!NAME.matcher(name).matches()) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "User name[%s] must be 1 to 64 letters, digits or _ . @ -", name));
        }
        UserStore store = load(file);
        store.users.put(name, new User(name, role, PasswordHash.create(password, iterations)));
        store.save(file);
    }

    private void save(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".users", ".tmp");
            try {
                restrictToOwner(temporary);
                try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                    writer.write("# Depot server users: name = role:password-hash. Edit with 'depot user add'.\n");
                    for (User user : users.values()) {
                        writer.write(user.name() + " = " + user.role().text() + ":" + user.passwordHash() + "\n");
                    }
                }
                try {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new DepotException(ErrorCode.USER, String.format("Cannot write users file[%s]: %s", file, e.getMessage()), e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): its default ACLs apply
        }
    }
}
