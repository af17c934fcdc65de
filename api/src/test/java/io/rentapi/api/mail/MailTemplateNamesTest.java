package io.rentapi.api.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.rentapi.core.mail.Mail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every template name the product's code queues mail under, found in the sources of every module,
 * renders: the name passes the sender's rule and all three parts exist. A name the sender would
 * refuse is otherwise only noticed when someone misses the mail.
 */
class MailTemplateNamesTest {
    /** {@code new Mail(org, to, TEMPLATE, model)}: the template is the third argument. */
    private static final Pattern NEW_MAIL = Pattern.compile("new Mail\\(\\s*[^,;]+?,\\s*[^,;]+?,\\s*([^,;]+?)\\s*,");
    /** {@code billingMail.send(handle, org, "template", model)}, in the files that use BillingMail. */
    private static final Pattern BILLING_SEND = Pattern.compile("\\.send\\(\\s*[^,;]+?,\\s*[^,;]+?,\\s*([^,;]+?)\\s*,");
    private static final Pattern LITERAL = Pattern.compile("\"([^\"]*)\"");
    private static final String FORWARDER = "BillingMail.java"; // passes its callers' names on

    /** A model with a value for every placeholder, so only the name and the files are tested. */
    private static final Map<String, String> ANY_VALUES = new AbstractMap<>() {
        @Override
        public String get(Object key) {
            return "value of " + key;
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return Set.of();
        }
    };

    @Test
    void everyTemplateNameTheCodeUsesRenders() throws IOException {
        Map<String, String> used = templateNamesInTheSources();
        assertThat(used).as("names found in the sources").containsKeys("webhook-endpoint-disabled",
                "billing-payment-failed", "password_reset");

        MailTemplates templates = new MailTemplates();
        used.forEach((name, where) -> {
            assertThatCode(() -> new Mail(null, "someone@example.com", name, Map.of()))
                    .as("%s (%s) can be queued", name, where).doesNotThrowAnyException();
            MailTemplates.Rendered mail = templates.render(name, ANY_VALUES);
            assertThat(mail.subject()).as("subject of %s (%s)", name, where).isNotBlank().doesNotContain("{{");
            assertThat(mail.text()).as("text of %s", name).isNotBlank().doesNotContain("{{");
            assertThat(mail.html()).as("html of %s", name).isNotBlank().doesNotContain("{{");
        });
    }

    @Test
    void aNameTheSenderWouldRefuseCannotBeQueued() {
        for (String bad : new String[] {"../secrets", "Webhook", "a.b", "", "x".repeat(101)}) {
            assertThatCode(() -> new Mail(null, "someone@example.com", bad, Map.of())).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatCode(() -> new MailTemplates().render(bad, ANY_VALUES)).as(bad)
                    .isInstanceOf(MailTemplates.TemplateException.class);
        }
    }

    /** Template name to the file that uses it; fails on an argument it cannot resolve to a name. */
    private static Map<String, String> templateNamesInTheSources() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent(); // tests run in the api module's folder
        Map<String, String> names = new TreeMap<>();
        Set<String> unresolved = new TreeSet<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path sources : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(sources)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        String code = Files.readString(file);
                        String where = root.relativize(file).toString();
                        collect(code, NEW_MAIL, where, names, unresolved);
                        if (code.contains("BillingMail") && !file.endsWith(FORWARDER)) {
                            collect(code, BILLING_SEND, where, names, unresolved);
                        }
                    }
                }
            }
        }
        assertThat(unresolved).as("template arguments that are neither a literal nor a constant of the same file")
                .isEmpty();
        return names;
    }

    private static void collect(String code, Pattern call, String where, Map<String, String> names,
                                Set<String> unresolved) {
        Matcher m = call.matcher(code);
        while (m.find()) {
            String argument = m.group(1).strip();
            Matcher literal = LITERAL.matcher(argument);
            if (literal.matches()) {
                names.put(literal.group(1), where);
                continue;
            }
            if (where.endsWith(FORWARDER) && argument.equals("template")) {
                continue;
            }
            Matcher constant = Pattern.compile("String\\s+" + Pattern.quote(argument) + "\\s*=\\s*\"([^\"]*)\"")
                    .matcher(code);
            if (constant.find()) {
                names.put(constant.group(1), where);
            } else {
                unresolved.add(where + ": " + argument);
            }
        }
    }
}
