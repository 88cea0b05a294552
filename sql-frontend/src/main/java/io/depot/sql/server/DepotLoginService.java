package io.depot.sql.server;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.security.AbstractLoginService;
import org.eclipse.jetty.util.security.Credential;

/**
 * Jetty's login for {@code depot serve}: checks HTTP BASIC credentials against the
 * {@link UserStore}'s PBKDF2 hashes and gives each user its {@link Role} as Jetty role.
 *
 * <p>The thin client sends the password with every request, and a PBKDF2 check costs a good
 * part of a second by design; so after a successful check the service remembers a keyed MAC
 * (with a key that lives only in this process) of the password that passed, and later requests
 * are checked against that. A wrong password still costs a full PBKDF2 check.
 */
final class DepotLoginService extends AbstractLoginService {
    private final UserStore users;
    private final byte[] macKey = new byte[32];
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

    DepotLoginService(UserStore users) {
        this.users = requireNonNull(users, "users is null");
        new SecureRandom().nextBytes(macKey);
        setName(DepotServer.REALM);
    }

    @Override
    protected String[] loadRoleInfo(UserPrincipal user) {
        return users.user(user.getName()).map(found -> new String[] {found.role().text()}).orElse(new String[0]);
    }

    @Override
    protected UserPrincipal loadUserInfo(String name) {
        return users.user(name).map(user -> new UserPrincipal(name, new PasswordCredential(user))).orElse(null);
    }

    /** A user's stored hash as Jetty's credential. */
    private final class PasswordCredential extends Credential {
        private static final long serialVersionUID = 1L;
        private final transient UserStore.User user;

        private PasswordCredential(UserStore.User user) {
            this.user = user;
        }

        @Override
        public boolean check(Object credentials) {
            if (!(credentials instanceof String password)) {
                return false;
            }
            byte[] mac = mac(user.name(), password);
            byte[] remembered = verified.get(user.name());
            if (remembered != null && MessageDigest.isEqual(remembered, mac)) {
                return true;
            }
            char[] characters = password.toCharArray();
            try {
                if (!PasswordHash.matches(characters, user.passwordHash())) {
                    return false;
                }
            } finally {
                PasswordHash.wipe(characters);
            }
            verified.put(user.name(), mac);
            return true;
        }
    }

    private byte[] mac(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }
}
