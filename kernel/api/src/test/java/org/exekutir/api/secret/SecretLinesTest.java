package org.exekutir.api.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SecretLinesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            password: hunter2                                 | password: <hidden>
            '  ansible_password: "hunter 2"'                  | '  ansible_password: "<hidden>"'
            '    "password": "hunter2",'                      | '    "password": "<hidden>",'
            {"user": "bob", "password": "x y", "port": 22}    | {"user": "<hidden>", "password": "<hidden>", "port": 22}
            passwd=hunter2                                    | passwd=<hidden>
            OS_PASSWORD=hunter2                               | OS_PASSWORD=<hidden>
            export OS_PASSWORD='hunter2'                      | export OS_PASSWORD='<hidden>'
            OS_USERNAME=bob                                   | OS_USERNAME=<hidden>
            username: bob                                     | username: <hidden>
            '- username: bob'                                 | '- username: <hidden>'
            ansible_user: root                                | ansible_user: <hidden>
            ansible_become_pass: s3cret                       | ansible_become_pass: <hidden>
            token: abc.def.ghi                                | token: <hidden>
            X-Auth-Token: gAAAAABk                            | X-Auth-Token: <hidden>
            Authorization: Bearer eyJhbGciOi.x.y              | Authorization: <hidden>
            curl -H 'Authorization: Bearer eyJ.x.y' http://h  | curl -H 'Authorization: <hidden>' http://h
            aws_secret_access_key = wJalrXUtnFEMI             | aws_secret_access_key = <hidden>
            apiKey: 0123456789abcdef                          | apiKey: <hidden>
            "accessToken":"abc"                               | "accessToken":"<hidden>"
            client_secret: 'it''s'                            | client_secret: '<hidden>'  
            connecting with user=bob password=pw1 to host     | connecting with user=<hidden> password=<hidden> to host
            openstack --os-username bob --os-password pw1 x   | openstack --os-username <hidden> --os-password <hidden> x
            openstack --os-password=pw1 server list           | openstack --os-password=<hidden> server list
            git clone https://bob:pw1@git.example.com/r.git   | git clone https://<hidden>:<hidden>@git.example.com/r.git
            "private_key": "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3Bl\\n-----END OPENSSH PRIVATE KEY-----\\n" | "private_key": "<hidden>"
            key: -----BEGIN RSA PRIVATE KEY-----MIIE-----END RSA PRIVATE KEY----- | key: -----BEGIN RSA PRIVATE KEY-----<hidden>-----END RSA PRIVATE KEY-----
            password: <hidden>                                   | password: <hidden>
            '"password": "<hidden>",'                            | '"password": "<hidden>",'
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
        assertEquals(expected, SecretLines.forLogs().redact(line));
    }

    @Test
    void aYamlBlockValueIsMaskedLineByLineUpToTheNextKey() {
        assertEquals("""
                vault:
                  password: |
                    <hidden>
                    <hidden>

                  user_id: <hidden>
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
                    <hidden>
                    <hidden>
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
        SecretLines redactor = SecretLines.forLogs();
        return List.of(text.split("\n", -1)).stream().map(redactor::redact).collect(Collectors.joining("\n"));
    }
}
