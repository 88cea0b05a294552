package io.depot.sql.server;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted, slow password hashes with the JDK's PBKDF2-HMAC-SHA256, in the text form the users
 * file stores: {@code pbkdf2-sha256:<iterations>:<salt base64>:<hash base64>}.
 */
public final class PasswordHash {
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {}

    /** A new hash of the password with a fresh random salt. */
    public static String create(char[] password, int iterations) {
        if (password.length == 0) {
            throw new DepotException(ErrorCode.USER, "A password must not be empty");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive: " + iterations);
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder();
        return String.join(":", SCHEME, Integer.toString(iterations),
                base64.encodeToString(salt), base64.encodeToString(derive(password, salt, iterations)));
    }

    /** Whether the password matches the stored hash; false (never an exception) for a malformed one. */
    public static boolean matches(char[] password, String stored) {
        String[] parts = stored.split(":");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return iterations > 0 && MessageDigest.isEqual(expected, derive(password, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A stored hash taken apart. PBKDF2-HMAC-SHA256 with a 32-byte output is exactly SCRAM-SHA-256's
     * {@code SaltedPassword}, so the PostgreSQL endpoint can run SCRAM against the users file
     * without ever seeing the password.
     */
    public record Pbkdf2(int iterations, byte[] salt, byte[] derivedKey) {}

    /** The parts of a stored hash, or empty when it is malformed. */
    public static java.util.Optional<Pbkdf2> parts(String stored) {
        if (!isWellFormed(stored)) {
            return java.util.Optional.empty();
        }
        String[] parts = stored.split(":");
        Base64.Decoder base64 = Base64.getDecoder();
        return java.util.Optional.of(new Pbkdf2(Integer.parseInt(parts[1]), base64.decode(parts[2]), base64.decode(parts[3])));
    }

    /** Whether a text has the form of a hash this class makes (for validating a users file). */
    static boolean isWellFormed(String stored) {
        String[] parts = stored.split(":");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        try {
            Base64.getDecoder().decode(parts[2]);
            Base64.getDecoder().decode(parts[3]);
            return Integer.parseInt(parts[1]) > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new DepotException(ErrorCode.INTERNAL, "The JDK has no " + ALGORITHM, e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Overwrites a password that is no longer needed. */
    static void wipe(char[] password) {
        Arrays.fill(password, '\0');
    }
}
