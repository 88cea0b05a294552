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
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The users of {@code depot serve}, kept in a properties file, one line per user:
 * {@code name = role:pbkdf2-sha256:iterations:salt:hash}, role {@code read-only} or
 * {@code read-write}. Passwords are never stored, only their {@link PasswordHash}; create and
 * change users with {@code depot user add}, remove them with {@code depot user remove}.
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
    /** The file a watching store rereads when it changes, or null. */
    private final Path watched;
    /** The users of the watched file as last read, with the file's identity then. */
    private volatile Snapshot snapshot;

    private record Snapshot(Map<String, User> users, Object fileKey, FileTime modified, long size) {}

    private UserStore(Map<String, User> users) {
        this.users = users;
        this.watched = null;
    }

    private UserStore(Path watched) {
        this.users = null;
        this.watched = watched;
        this.snapshot = read(watched);
    }

    /**
     * The users of a file, reread whenever the file changes ({@code depot user add/remove} while
     * the server runs): a new user can log in, a removed one is refused from its next request.
     * A file that cannot be read keeps the users read last (the server does not lock everybody
     * out over a typo) until it is fixed.
     */
    public static UserStore watching(Path file) {
        return new UserStore(requireNonNull(file, "file is null"));
    }

    private Map<String, User> current() {
        if (watched == null) {
            return users;
        }
        Snapshot last = snapshot;
        try {
            BasicFileAttributes attributes = Files.readAttributes(watched, BasicFileAttributes.class);
            if (!java.util.Objects.equals(attributes.fileKey(), last.fileKey())
                    || !attributes.lastModifiedTime().equals(last.modified()) || attributes.size() != last.size()) {
                last = read(watched);
                snapshot = last;
            }
        } catch (IOException e) {
            if (!Files.exists(watched)) {
                last = new Snapshot(Map.of(), null, null, -1);
                snapshot = last;
            }
        } catch (DepotException e) {
            // malformed: keep the users read last
        }
        return last.users();
    }

    private static Snapshot read(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Snapshot(Map.copyOf(load(file).users), attributes.fileKey(), attributes.lastModifiedTime(),
                    attributes.size());
        } catch (IOException e) {
            return new Snapshot(Map.copyOf(load(file).users), null, null, -1);
        }
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
        return Optional.ofNullable(current().get(name));
    }

    public boolean isEmpty() {
        return current().isEmpty();
    }

    /** The users, by name. */
    public List<User> users() {
        return current().values().stream().sorted(java.util.Comparator.comparing(User::name)).toList();
    }

    /** Removes the user from the file; a USER error when the file has no such user. */
    public static void removeUser(Path file, String name) {
        UserStore store = load(file);
        if (store.users.remove(name) == null) {
            throw new DepotException(ErrorCode.USER, String.format("Users file[%s] has no user[%s]", file, name));
        }
        store.save(file);
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
