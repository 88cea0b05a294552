package io.depot.sql.pgwire;

import io.depot.sql.server.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) as PostgreSQL runs it:
 * client-first, server-first, client-final, server-final. The users file's PBKDF2-HMAC-SHA256
 * hash is SCRAM's SaltedPassword, so the password never crosses the wire nor is needed here.
 *
 * <p>An unknown user gets a made-up salt (stable per user name, so probing does not reveal
 * which names exist) and a real user's iteration count, and always fails at the proof. Channel binding is not offered (no TLS).
 */
final class ScramSha256 {
    static final String MECHANISM = "SCRAM-SHA-256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] FAKE_SALT_KEY = new byte[32];

    static {
        RANDOM.nextBytes(FAKE_SALT_KEY);
    }

    private final byte[] storedKey;
    private final byte[] serverKey;
    private final byte[] salt;
    private final int iterations;
    private final boolean known;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    /** The server's part of the nonce for tests (RFC 7677's example); null: random. */
    private final String fixedServerNonce;

    /**
     * An exchange for a user with this stored hash, or empty for an unknown user, who is offered
     * {@code fakeIterations} (those of a real user, so the two look alike).
     */
    ScramSha256(String user, Optional<PasswordHash.Pbkdf2> hash, int fakeIterations) {
        this(user, hash, fakeIterations, null);
    }

    /** As above, with a fixed server nonce (for checking against published examples). */
    ScramSha256(String user, Optional<PasswordHash.Pbkdf2> hash, int fakeIterations, String fixedServerNonce) {
        this.fixedServerNonce = fixedServerNonce;
        this.known = hash.isPresent();
        if (known) {
            byte[] saltedPassword = hash.get().derivedKey();
            this.salt = hash.get().salt();
            this.iterations = hash.get().iterations();
            this.storedKey = sha256(hmac(saltedPassword, "Client Key"));
            this.serverKey = hmac(saltedPassword, "Server Key");
        } else {
            this.salt = java.util.Arrays.copyOf(hmac(FAKE_SALT_KEY, user), 16);
            this.iterations = fakeIterations;
            this.storedKey = new byte[32];
            this.serverKey = new byte[32];
        }
    }

    /** Takes the client-first message and returns the server-first message. */
    String serverFirst(String clientFirst) throws AuthenticationException {
        // gs2 header: "n,," (no channel binding) or "y,," (client could, server did not offer)
        if (!(clientFirst.startsWith("n,") || clientFirst.startsWith("y,"))) {
            throw new AuthenticationException("SCRAM channel binding is not supported");
        }
        int bareStart = clientFirst.indexOf(',', 2);
        if (bareStart < 0) {
            throw new AuthenticationException("malformed SCRAM client-first message");
        }
        clientFirstBare = clientFirst.substring(bareStart + 1);
        String clientNonce = attribute(clientFirstBare, 'r');
        if (fixedServerNonce != null) {
            nonce = clientNonce + fixedServerNonce;
        } else {
            byte[] serverNonce = new byte[18];
            RANDOM.nextBytes(serverNonce);
            nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
        }
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
        return serverFirst;
    }

    /** Checks the client-final message's proof and returns the server-final message. */
    String serverFinal(String clientFinal) throws AuthenticationException {
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0 || !nonce.equals(attribute(clientFinal, 'r'))) {
            throw new AuthenticationException("malformed SCRAM client-final message");
        }
        String withoutProof = clientFinal.substring(0, proofAt);
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("malformed SCRAM proof");
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientSignature = hmac(storedKey, authMessage);
        if (proof.length != clientSignature.length) {
            throw new AuthenticationException("malformed SCRAM proof");
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!known | !MessageDigest.isEqual(sha256(clientKey), storedKey)) {
            throw new AuthenticationException("wrong password");
        }
        return "v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage));
    }

    private static String attribute(String message, char name) throws AuthenticationException {
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        throw new AuthenticationException("SCRAM message has no " + name + " attribute");
    }

    static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Authentication failed; the client is told only that the password was wrong. */
    static final class AuthenticationException extends Exception {
        private static final long serialVersionUID = 1L;

        AuthenticationException(String message) {
            super(message);
        }
    }
}
