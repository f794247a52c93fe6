package io.hilbench.rig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OPC UA user names and passwords, from the file or environment variable the rig names ({@code users_file}),
 * never from the rig itself (DESIGN §6). Format, in the file one per line or in the variable separated by
 * commas: {@code user:pbkdf2-sha256:ITERATIONS:SALT:HASH} (a salted hash, made by {@code bench pki hash-password USER};
 * a clear-text password is refused); blank lines and lines starting with {@code #} are skipped.
 */
public final class OpcUaUsers {
    private OpcUaUsers() {}

    /** The users of the source, or an empty map when the rig names none. Errors name the file and line. */
    public static Map<String, String> load(Rig.UsersSource source) throws RigException {
        if (source == null) return Map.of();
        Map<String, String> users = new LinkedHashMap<>();
        if (source.file() != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(source.file(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RigException(List.of(new RigError(source.file().toString(), 0, "users_file", "cannot read: " + e.getMessage())));
            }
            for (int i = 0; i < lines.size(); i++) add(users, lines.get(i), source.file().toString(), i + 1);
        } else {
            String value = System.getenv(source.envVar());
            if (value == null) {
                throw new RigException(List.of(new RigError("env:" + source.envVar(), 0, "users_file", "environment variable is not set")));
            }
            for (String entry : value.split(",")) add(users, entry, "env:" + source.envVar(), 0);
        }
        return users;
    }

    private static void add(Map<String, String> users, String line, String where, int lineNo) throws RigException {
        String t = line.trim();
        if (t.isEmpty() || t.startsWith("#")) return;
        int colon = t.indexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new RigException(List.of(new RigError(where, lineNo, "users_file", "expected user:password")));
        }
        String hash = t.substring(colon + 1);
        if (!io.hilbench.adapters.opcua.PasswordHash.isHash(hash)) {
            throw new RigException(List.of(new RigError(where, lineNo, "users_file",
                    "expected user:pbkdf2-sha256:ITERATIONS:SALT:HASH, never a clear-text password (make the line with `bench pki hash-password USER`)")));
        }
        users.put(t.substring(0, colon), hash);
    }
}
