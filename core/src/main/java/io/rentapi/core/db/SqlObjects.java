package io.rentapi.core.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Teaches the {@link Jdbi} every SQL object (DAO interface) of the product before the first request.
 *
 * <p>Each handle starts from a copy of the Jdbi's configuration, and with JDBI 3.51 what
 * {@code handle.attach} learns about a SQL object's annotations stays in that copy
 * (jdbi/jdbi#2991): every transaction that attaches a DAO would read its annotations again,
 * milliseconds of CPU each time. Learned once on the Jdbi itself, they come with every handle.
 */
public final class SqlObjects {
    private static final String SQL_STATEMENTS = SqlQuery.class.getPackageName();

    private SqlObjects() {
    }

    /**
     * Finds the DAO interfaces (names ending in {@code Dao}, under {@code io/rentapi}) next to each
     * anchor class, in a directory or a jar, and learns them. Answers the interfaces learned.
     */
    public static List<Class<?>> warm(Jdbi jdbi, Class<?>... anchors) {
        TreeSet<String> names = new TreeSet<>();
        for (Class<?> anchor : anchors) {
            names.addAll(daoClassNames(anchor));
        }
        List<Class<?>> learned = new ArrayList<>();
        for (String name : names) {
            Class<?> type;
            try {
                type = Class.forName(name, false, anchors[0].getClassLoader());
            } catch (ClassNotFoundException e) {
                continue;
            }
            if (type.isInterface() && hasSqlMethods(type)) {
                jdbi.withExtension(type, dao -> null);
                learned.add(type);
            }
        }
        return learned;
    }

    private static boolean hasSqlMethods(Class<?> type) {
        for (Method method : type.getDeclaredMethods()) {
            for (var annotation : method.getAnnotations()) {
                // @SqlQuery, @SqlUpdate, @SqlBatch, @SqlCall, @SqlScript
                if (annotation.annotationType().getPackageName().equals(SQL_STATEMENTS)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> daoClassNames(Class<?> anchor) {
        Path location;
        try {
            location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try {
            if (Files.isDirectory(location)) {
                Path root = location.resolve("io/rentapi");
                if (Files.isDirectory(root)) {
                    try (Stream<Path> files = Files.walk(root)) {
                        files.map(f -> location.relativize(f).toString().replace('\\', '/'))
                                .filter(SqlObjects::isDaoClass).forEach(f -> names.add(className(f)));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String name = e.nextElement().getName();
                        if (name.startsWith("io/rentapi/") && isDaoClass(name)) {
                            names.add(className(name));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the classes next to " + anchor.getName(), e);
        }
        return names;
    }

    private static boolean isDaoClass(String path) {
        return path.endsWith("Dao.class") && !path.contains("$");
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
