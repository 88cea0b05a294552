package io.depot.sql.cli;

import io.depot.sql.server.PasswordHash;
import io.depot.sql.server.Role;
import io.depot.sql.server.UserStore;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code depot user add|remove|list}: manages the users file of {@code depot serve}. A running
 * server rereads the file when it changes.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage the users of 'depot serve' "
        + "(a running server picks up changes).",
        subcommands = {UserCommand.Add.class, UserCommand.Remove.class, UserCommand.ListUsers.class})
final class UserCommand {
    /** {@code depot user remove --users FILE NAME}. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a user; a running server refuses its next request.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--users", paramLabel = "FILE", description = "Users file (default: ~/.depot/users.properties).")
        Path users;

        @Parameters(paramLabel = "NAME", description = "User name.")
        String name;

        @Override
        public Integer call() {
            Path file = users != null ? users : ServeCommand.defaultUsersFile();
            UserStore.removeUser(file, name);
            spec.commandLine().getOut().printf("User %s removed from %s%n", name, file);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code depot user list --users FILE}: names and roles, never hashes. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users and their roles.")
    static final class ListUsers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--users", paramLabel = "FILE", description = "Users file (default: ~/.depot/users.properties).")
        Path users;

        @Override
        public Integer call() {
            Path file = users != null ? users : ServeCommand.defaultUsersFile();
            for (UserStore.User user : UserStore.load(file).users()) {
                spec.commandLine().getOut().printf("%s\t%s%n", user.name(), user.role().text());
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code depot user add --users FILE NAME --role ROLE}: adds a user or sets its role and password. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user (or replace its role and password). The password is read from the console, "
                    + "or from the first line of standard input when there is no console.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--users", paramLabel = "FILE",
                description = "Users file (default: ~/.depot/users.properties).")
        Path users;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "read-only (queries only) or read-write.")
        String role;

        @Parameters(paramLabel = "NAME", description = "User name.")
        String name;

        @Override
        public Integer call() throws IOException {
            Path file = users != null ? users : ServeCommand.defaultUsersFile();
            Role parsed = Role.parse(role);
            char[] password = readPassword();
            try {
                UserStore.addUser(file, name, parsed, password, PasswordHash.DEFAULT_ITERATIONS);
            } finally {
                Arrays.fill(password, '\0');
            }
            spec.commandLine().getOut().printf("User %s (%s) saved in %s%n", name, parsed, file);
            spec.commandLine().getOut().flush();
            return 0;
        }

        private char[] readPassword() throws IOException {
            Console console = System.console();
            if (console != null) {
                char[] first = console.readPassword("Password for %s: ", name);
                char[] second = console.readPassword("Repeat it: ");
                if (first == null || second == null || !Arrays.equals(first, second)) {
                    throw new DepotException(ErrorCode.USER, "The passwords differ; nothing was saved");
                }
                Arrays.fill(second, '\0');
                return first;
            }
            // not a terminal: a script pipes the password in (never put it on the command line)
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new DepotException(ErrorCode.USER, "No password on standard input; nothing was saved");
            }
            return line.toCharArray();
        }
    }
}
