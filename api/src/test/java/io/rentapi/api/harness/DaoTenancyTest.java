package io.rentapi.api.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.TestDatabase;
import io.rentapi.core.db.SqlObjects;
import io.rentapi.core.tenancy.CrossTenant;
import io.rentapi.core.tenancy.OrgId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlCall;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlScript;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every DAO method whose SQL touches a table with an {@code org_id} column takes an {@link OrgId}
 * first, unless it says why not with {@link CrossTenant}. The tables come from the migrated
 * database, the methods from every module on the class path.
 */
@ExtendWith(TestApp.class)
class DaoTenancyTest {
    private static final Pattern TABLE = Pattern.compile(
            "\\b(?:FROM|JOIN|INTO|UPDATE)\\s+([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);

    @Test
    void everyTenantScopedDaoMethodTakesTheOrgFirst() throws Exception {
        List<String> withOrgId = TestApp.jdbi().withHandle(h -> h.createQuery("""
                SELECT table_name FROM information_schema.columns
                 WHERE table_schema = current_schema() AND column_name = 'org_id'
                """).mapTo(String.class).list());
        Set<String> tenantTables = new TreeSet<>(withOrgId);
        assertThat(tenantTables).contains("events", "memberships");

        List<Method> checked = new ArrayList<>();
        List<String> offenders = new ArrayList<>();
        for (Class<?> dao : daoInterfaces()) {
            for (Method method : dao.getDeclaredMethods()) {
                String sql = sqlOf(method);
                if (sql == null) {
                    continue;
                }
                checked.add(method);
                boolean touchesTenantTable = tablesIn(sql).stream().anyMatch(tenantTables::contains);
                boolean orgFirst = method.getParameterCount() > 0 && method.getParameterTypes()[0] == OrgId.class;
                if (touchesTenantTable && !orgFirst && !method.isAnnotationPresent(CrossTenant.class)) {
                    offenders.add(dao.getSimpleName() + "." + method.getName());
                }
                if (orgFirst) {
                    assertThat(sql.toLowerCase(Locale.ROOT)).as(dao.getSimpleName() + "." + method.getName()
                            + " takes the org but its SQL never filters on it").containsPattern("org_id|o\\.id = :orgid|id = :orgid");
                }
            }
        }
        assertThat(checked).as("DAO methods found on the class path").hasSizeGreaterThan(10);
        assertThat(offenders).as("tenant-scoped DAO methods without OrgId first or @CrossTenant").isEmpty();
    }

    @Test
    void everySqlObjectIsLearnedBeforeTheFirstRequest() throws Exception {
        List<Class<?>> learned = SqlObjects.warm(TestDatabase.newJdbi(), OrgId.class, io.rentapi.billing.plans.Plans.class,
                io.rentapi.webhooks.delivery.DeliveryDao.class, io.rentapi.api.RentapiApplication.class);
        assertThat(new TreeSet<>(learned.stream().map(Class::getName).toList()))
                .as("the application learns these at start; a SQL object whose name does not end in Dao is missed")
                .isEqualTo(new TreeSet<>(daoInterfaces().stream().map(Class::getName).toList()));
    }

    private static Set<String> tablesIn(String sql) {
        Set<String> tables = new TreeSet<>();
        Matcher m = TABLE.matcher(sql);
        while (m.find()) {
            tables.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return tables;
    }

    private static String sqlOf(Method method) {
        if (method.isAnnotationPresent(SqlQuery.class)) {
            return method.getAnnotation(SqlQuery.class).value();
        }
        if (method.isAnnotationPresent(SqlUpdate.class)) {
            return method.getAnnotation(SqlUpdate.class).value();
        }
        if (method.isAnnotationPresent(SqlBatch.class)) {
            return method.getAnnotation(SqlBatch.class).value();
        }
        if (method.isAnnotationPresent(SqlCall.class)) {
            return method.getAnnotation(SqlCall.class).value();
        }
        if (method.isAnnotationPresent(SqlScript.class)) {
            return method.getAnnotation(SqlScript.class).value();
        }
        return null;
    }

    /** Interfaces under io.rentapi with at least one SQL-annotated method, from directories and jars alike. */
    private static List<Class<?>> daoInterfaces() throws ClassNotFoundException {
        List<String> classNames = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path.resolve("io/rentapi"))) {
                try (Stream<Path> files = Files.walk(path.resolve("io/rentapi"))) {
                    files.filter(f -> f.toString().endsWith(".class"))
                            .forEach(f -> classNames.add(toClassName(path.relativize(f).toString())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (entry.endsWith(".jar") && path.getFileName().toString().startsWith("rentapi-")) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    for (Enumeration<java.util.jar.JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String name = e.nextElement().getName();
                        if (name.startsWith("io/rentapi/") && name.endsWith(".class")) {
                            classNames.add(toClassName(name));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        List<Class<?>> daos = new ArrayList<>();
        for (String name : classNames) {
            Class<?> type = Class.forName(name, false, DaoTenancyTest.class.getClassLoader());
            if (type.isInterface() && Stream.of(type.getDeclaredMethods()).anyMatch(m -> sqlOf(m) != null)) {
                daos.add(type);
            }
        }
        return daos;
    }

    private static String toClassName(String file) {
        return file.replace('\\', '/').replace('/', '.').replaceAll("\\.class$", "");
    }

}
