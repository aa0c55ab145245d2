package org.exekutir.api.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SecretMaskTest {

    private final ByteArrayOutputStream shown = new ByteArrayOutputStream();

    private String shown() {
        return shown.toString(StandardCharsets.UTF_8);
    }

    private static void write(OutputStream stream, String text) throws IOException {
        stream.write(text.getBytes(StandardCharsets.UTF_8));
        stream.flush();
    }

    @Test
    void aValueSplitAcrossTwoWritesIsHiddenWhole() throws IOException {
        OutputStream out = SecretMask.of(List.of("ghp_s3cr3tT0ken")).masking(shown);
        write(out, "token is ghp_s3cr");
        assertFalse(shown().contains("ghp_s3cr"), shown());
        write(out, "3tT0ken, done\n");
        assertEquals("token is <hidden>, done\n", shown());
    }

    @Test
    void outputWithoutSecretsIsPassedOnAtEveryFlushBeforeItsLineEnds() throws IOException {
        OutputStream out = SecretMask.of(List.of("hunter22")).masking(shown);
        write(out, "progress: 10%");
        assertEquals("progress: 10%", shown(), "live, not held to the end of the line");
        write(out, " 20%\n");
        assertEquals("progress: 10% 20%\n", shown());
    }

    @Test
    void linesThatCarrySecretsAreMaskedWithoutKnowingTheValue() throws IOException {
        OutputStream out = SecretMask.none().masking(shown);
        write(out, "curl -H 'Authorization: Bearer eyJhbG");
        assertEquals("", shown(), "a line naming a secret is held until it ends");
        write(out, "ciOi.x.y' https://api\nMY_PASSWORD=pa55word\nuser: root\n");
        SecretMask.end(out);
        assertEquals("curl -H 'Authorization: <hidden>' https://api\nMY_PASSWORD=<hidden>\nuser: root\n", shown());
    }

    @Test
    void theBodyOfAPrivateKeyIsHiddenEvenWhenFlushedMidLine() throws IOException {
        OutputStream out = SecretMask.none().masking(shown);
        write(out, "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA");
        assertFalse(shown().contains("b3Bl"), shown());
        write(out, "\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n");
        assertFalse(shown().contains("b3Bl") || shown().contains("AAAA"), shown());
        assertTrue(shown().contains("-----END OPENSSH PRIVATE KEY-----"), shown());
    }

    @Test
    void whatIsHeldAtTheEndIsWrittenMasked() throws IOException {
        OutputStream out = SecretMask.of(List.of("pa55word")).masking(shown);
        write(out, "last words: pa55");
        SecretMask.end(out);
        assertEquals("last words: pa55", shown(), "not a secret after all: shown at the end");
        write(out, "password=pa55word");
        out.close();
        assertEquals("last words: pa55password=<hidden>", shown());
    }

    @Test
    void bytesOfAnyEncodingPassUnchangedAroundTheSecrets() throws IOException {
        byte[] latin1 = "caf\u00e9 s3cretvalue na\u00efve\n".getBytes(StandardCharsets.ISO_8859_1);
        OutputStream out = SecretMask.of(List.of("s3cretvalue")).masking(shown);
        out.write(latin1);
        SecretMask.end(out);
        assertArrayEquals("caf\u00e9 <hidden> na\u00efve\n".getBytes(StandardCharsets.ISO_8859_1), shown.toByteArray());
    }

    @Test
    void messagesAreMaskedAsOutputIs() {
        SecretMask mask = SecretMask.of(List.of("s3cretvalue"));
        assertEquals("cmd = 'curl -H \"Authorization: <hidden>\"'\nvalue <hidden>\n",
                mask.maskText("cmd = 'curl -H \"Authorization: Bearer xyz\"'\nvalue s3cretvalue\n"));
    }

    @Test
    void shortBlankAndMultiLineValues() {
        SecretMask mask = SecretMask.of(List.of("x", "  ", "line-one\nline-two"));
        assertEquals("x <hidden> and <hidden>", mask.mask("x line-one and line-two"));
        assertEquals("<hidden>", mask.mask("line-one\nline-two"));
    }

    @Test
    void oneWordListForNamesOfSecretsAndOfIdentities() {
        Map<String, String> variables = new java.util.LinkedHashMap<>();
        variables.put("GITHUB_TOKEN", "tok3n-value");
        variables.put("OS_PASSWORD", "pw-value");
        variables.put("db_pass", "k3y");
        variables.put("OS_USERNAME", "bob");
        variables.put("password_file", "/etc/pw");
        variables.put("PWD", "/home/bob");
        assertEquals(List.of("tok3n-value", "pw-value", "k3y"), SecretMask.secretValues(variables));
        assertTrue(SecretNames.isIdentity("OS_USERNAME"));
        assertTrue(SecretNames.isIdentity("ansible_user"));
        assertFalse(SecretNames.isSecret("ansible_user"));
        assertTrue(SecretMask.isSecret("anything", "-----BEGIN RSA PRIVATE KEY-----\nabc"));
    }

    @Test
    void namesThatLookSecretAndNamesThatDoNot() {
        for (String name : List.of("OS_PASSWORD", "db_password", "GITHUB_TOKEN", "MY_SECRET_X",
                "AWS_CREDENTIALS", "SSH_PRIVATE_KEY", "--os-password", "dbPass", "X-Auth-Token", "authToken",
                "XAUTHTOKEN", "API_KEYS", "OS_PASSWORD2", "client_secret")) {
            assertTrue(SecretNames.isSecret(name), name);
        }
        for (String name : List.of("WORKSPACE", "ANSIBLE_PRIVATE_KEY_FILE", "HOME", "TOKE", "password_file", "PWD",
                "ansible_os_family", "USER", "OS_AUTH_URL", "TOKENIZER_PATH_X", "SECRETARY", "PASSWORDLESS_SUDO",
                "cookiecutter_template")) {
            assertFalse(SecretNames.isSecret(name), name);
        }
    }
}
