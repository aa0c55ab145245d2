package org.exekutir.pruner.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LineRedactorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            password: hunter2                                 | password: *****
            '  ansible_password: "hunter 2"'                  | '  ansible_password: "*****"'
            '    "password": "hunter2",'                      | '    "password": "*****",'
            {"user": "bob", "password": "x y", "port": 22}    | {"user": "*****", "password": "*****", "port": 22}
            passwd=hunter2                                    | passwd=*****
            OS_PASSWORD=hunter2                               | OS_PASSWORD=*****
            export OS_PASSWORD='hunter2'                      | export OS_PASSWORD='*****'
            OS_USERNAME=bob                                   | OS_USERNAME=*****
            username: bob                                     | username: *****
            '- username: bob'                                 | '- username: *****'
            ansible_user: root                                | ansible_user: *****
            ansible_become_pass: s3cret                       | ansible_become_pass: *****
            token: abc.def.ghi                                | token: *****
            X-Auth-Token: gAAAAABk                            | X-Auth-Token: *****
            Authorization: Bearer eyJhbGciOi.x.y              | Authorization: *****
            curl -H 'Authorization: Bearer eyJ.x.y' http://h  | curl -H 'Authorization: *****' http://h
            aws_secret_access_key = wJalrXUtnFEMI             | aws_secret_access_key = *****
            apiKey: 0123456789abcdef                          | apiKey: *****
            "accessToken":"abc"                               | "accessToken":"*****"
            client_secret: 'it''s'                            | client_secret: '*****'  
            connecting with user=bob password=pw1 to host     | connecting with user=***** password=***** to host
            openstack --os-username bob --os-password pw1 x   | openstack --os-username ***** --os-password ***** x
            openstack --os-password=pw1 server list           | openstack --os-password=***** server list
            git clone https://bob:pw1@git.example.com/r.git   | git clone https://*****:*****@git.example.com/r.git
            "private_key": "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3Bl\\n-----END OPENSSH PRIVATE KEY-----\\n" | "private_key": "*****"
            key: -----BEGIN RSA PRIVATE KEY-----MIIE-----END RSA PRIVATE KEY----- | key: -----BEGIN RSA PRIVATE KEY-----*****-----END RSA PRIVATE KEY-----
            password: *****                                   | password: *****
            '"password": "*****",'                            | '"password": "*****",'
            ansible_ssh_private_key_file: /ws/ssh/key         | ansible_ssh_private_key_file: /ws/ssh/key
            ANSIBLE_VAULT_PASSWORD_FILE=/ws/vault.txt         | ANSIBLE_VAULT_PASSWORD_FILE=/ws/vault.txt
            PWD=/home/bob                                     | PWD=/home/bob
            USER_CONFIG_DIR=/ws                               | USER_CONFIG_DIR=/ws
            OS_AUTH_URL=https://keystone:5000/v3              | OS_AUTH_URL=https://keystone:5000/v3
            ansible_host: 10.0.0.1                            | ansible_host: 10.0.0.1
            TASK [password is set] ****                       | TASK [password is set] ****
            Enter your password:                              | Enter your password:
            userdata: cloud-init.yml                          | userdata: cloud-init.yml
            ok: [peon-1] => (item=docker)                     | ok: [peon-1] => (item=docker)
            """)
    void masksTheValueAndKeepsTheKey(String line, String expected) {
        assertEquals(expected, new LineRedactor().redact(line));
    }

    @Test
    void aYamlBlockValueIsMaskedLineByLineUpToTheNextKey() {
        assertEquals("""
                vault:
                  password: |
                    *****
                    *****

                  user_id: *****
                next: value
                """, redactAll("""
                vault:
                  password: |
                    first line of secret
                    second line

                  user_id: 42
                next: value
                """));
    }

    @Test
    void theBodyOfAPrivateKeyInALogIsMaskedItsFramingKept() {
        assertEquals("""
                TASK [key is shown] ***
                ok: [kommandir] => stdout:
                    -----BEGIN OPENSSH PRIVATE KEY-----
                    *****
                    *****
                    -----END OPENSSH PRIVATE KEY-----
                PLAY RECAP ***
                """, redactAll("""
                TASK [key is shown] ***
                ok: [kommandir] => stdout:
                    -----BEGIN OPENSSH PRIVATE KEY-----
                    b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
                    QyNTUxOQAAACDxvQ8yR1Zt0Jw3
                    -----END OPENSSH PRIVATE KEY-----
                PLAY RECAP ***
                """));
    }

    @Test
    void maskingTwiceChangesNothingMore() {
        String once = redactAll("password: |\n  a\nuser=bob\n-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----\n");

        assertEquals(once, redactAll(once));
    }

    private static String redactAll(String text) {
        LineRedactor redactor = new LineRedactor();
        return List.of(text.split("\n", -1)).stream().map(redactor::redact).collect(Collectors.joining("\n"));
    }
}
