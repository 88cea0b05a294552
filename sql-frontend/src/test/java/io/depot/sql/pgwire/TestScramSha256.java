package io.depot.sql.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.sql.server.PasswordHash;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

/** The server side of SCRAM-SHA-256 against RFC 7677's example exchange. */
class TestScramSha256 {
    private static final String SALT = "W22ZaJ0SNY7soEsUEjb6gQ==";
    private static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final String CLIENT_FINAL =
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";

    /** What the users file would hold for password "pencil" with RFC 7677's salt and 4096 iterations. */
    private static PasswordHash.Pbkdf2 pencil() throws Exception {
        byte[] salt = Base64.getDecoder().decode(SALT);
        PBEKeySpec spec = new PBEKeySpec("pencil".toCharArray(), salt, 4096, 256);
        byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        return new PasswordHash.Pbkdf2(4096, salt, derived);
    }

    @Test
    void matchesRfc7677Example() throws Exception {
        ScramSha256 scram = new ScramSha256("user", Optional.of(pencil()), 4096, SERVER_NONCE);
        assertThat(scram.serverFirst("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"))
                .isEqualTo("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        assertThat(scram.serverFinal(CLIENT_FINAL)).isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    @Test
    void aWrongProofOrNonceOrAnUnknownUserFails() throws Exception {
        ScramSha256 wrongProof = new ScramSha256("user", Optional.of(pencil()), 4096, SERVER_NONCE);
        wrongProof.serverFirst("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        assertThatThrownBy(() -> wrongProof.serverFinal(CLIENT_FINAL.replace("p=dHz", "p=dHy")))
                .isInstanceOf(ScramSha256.AuthenticationException.class);

        ScramSha256 wrongNonce = new ScramSha256("user", Optional.of(pencil()), 4096, SERVER_NONCE);
        wrongNonce.serverFirst("n,,n=user,r=other");
        assertThatThrownBy(() -> wrongNonce.serverFinal(CLIENT_FINAL))
                .isInstanceOf(ScramSha256.AuthenticationException.class);

        ScramSha256 unknown = new ScramSha256("user", Optional.empty(), 4096, SERVER_NONCE);
        String first = unknown.serverFirst("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        assertThat(first).endsWith(",i=4096").doesNotContain(SALT);
        // the made-up salt is stable, so asking twice does not tell unknown names apart
        assertThat(new ScramSha256("user", Optional.empty(), 4096, SERVER_NONCE)
                .serverFirst("n,,n=user,r=rOprNGfwEbeRWgbNEkqO")).isEqualTo(first);
        assertThatThrownBy(() -> unknown.serverFinal(CLIENT_FINAL)).isInstanceOf(ScramSha256.AuthenticationException.class);
    }

    @Test
    void refusesChannelBindingItDidNotOffer() {
        ScramSha256 scram = new ScramSha256("user", Optional.empty(), 4096);
        assertThatThrownBy(() -> scram.serverFirst("p=tls-server-end-point,,n=user,r=abc"))
                .isInstanceOf(ScramSha256.AuthenticationException.class);
    }

    @Test
    void aUsersFileHashWorksAsSaltedPassword() throws Exception {
        String stored = PasswordHash.create("pencil".toCharArray(), 4096);
        PasswordHash.Pbkdf2 parts = PasswordHash.parts(stored).orElseThrow();
        assertThat(parts.iterations()).isEqualTo(4096);
        PBEKeySpec spec = new PBEKeySpec("pencil".toCharArray(), parts.salt(), 4096, 256);
        assertThat(parts.derivedKey())
                .isEqualTo(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded());
        assertThat(PasswordHash.parts("md5:abc")).isEmpty();
    }
}
