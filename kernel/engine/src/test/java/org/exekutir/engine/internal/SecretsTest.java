package org.exekutir.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void namesThatLookSecret() {
        for (String name : List.of("OS_PASSWORD", "db_password", "GITHUB_TOKEN", "MY_SECRET_X", "OS_AUTH_URL",
                "AWS_CREDENTIALS", "SSH_PRIVATE_KEY")) {
            assertTrue(Secrets.isSecret(name, "x"), name);
        }
        for (String name : List.of("WORKSPACE", "ANSIBLE_PRIVATE_KEY_FILE", "HOME", "TOKENIZER_PATH_X".substring(0, 4))) {
            assertFalse(Secrets.isSecret(name, "x"), name);
        }
    }

    @Test
    void aPrivateKeyIsSecretWhateverItsName() {
        assertTrue(Secrets.isSecret("KEY", "-----BEGIN OPENSSH PRIVATE KEY-----\nabc"));
    }

    @Test
    void redactsEveryOccurrenceLongestFirst() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("A_TOKEN", "abc");
        vars.put("B_PASSWORD", "abcdef");
        vars.put("EMPTY_SECRET", " ");
        vars.put("PLAIN", "abcdef-plain");
        List<String> secrets = Secrets.values(vars);
        assertEquals(List.of("abcdef", "abc"), secrets);
        assertEquals("x <hidden> y <hidden> <hidden>-plain", Secrets.redact("x abc y abcdef abcdef-plain", secrets));
    }
}
