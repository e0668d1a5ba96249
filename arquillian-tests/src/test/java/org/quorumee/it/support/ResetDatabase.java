package org.quorumee.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Drops and creates the integration tests' database, so every run starts from an empty schema that
 * the node's own migrations build. Arguments: admin JDBC URL, database name, user, password.
 */
public final class ResetDatabase {
    private ResetDatabase() {
    }

    public static void main(String[] args) throws SQLException {
        String adminUrl = args[0];
        String database = args[1];
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        DriverManager.setLoginTimeout(30); // a server that does not answer fails the build instead of hanging it
        try (Connection connection = DriverManager.getConnection(adminUrl, args[2], args[3]);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
        System.out.println("test database " + database + " created empty at " + adminUrl);
    }
}
