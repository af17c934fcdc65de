package io.rentapi.api.mail;

import io.rentapi.core.mail.Mail;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mail templates are resources {@code mail/<name>.subject}, {@code .txt} and {@code .html} with
 * {@code {{placeholder}}} values. Values are HTML-escaped in the HTML part; a placeholder without a
 * value is an error, so a half-filled mail never leaves.
 */
public final class MailTemplates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z0-9_]+)\\s*}}");

    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public record Rendered(String subject, String text, String html) {
    }

    /** A template that does not exist or a value that is missing: retrying cannot help. */
    public static final class TemplateException extends RuntimeException {
        TemplateException(String message) {
            super(message);
        }
    }

    public Rendered render(String template, Map<String, String> model) {
        if (!Mail.TEMPLATE_NAME.matcher(template).matches()) {
            throw new TemplateException("bad template name " + template);
        }
        return new Rendered(
                fill(load(template, "subject"), model, false).strip(),
                fill(load(template, "txt"), model, false),
                fill(load(template, "html"), model, true));
    }

    private String load(String template, String part) {
        String name = "mail/" + template + "." + part;
        return cache.computeIfAbsent(name, n -> {
            try (InputStream in = MailTemplates.class.getClassLoader().getResourceAsStream(n)) {
                if (in == null) {
                    throw new TemplateException("no mail template " + n);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String fill(String text, Map<String, String> model, boolean html) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = model.get(m.group(1));
            if (value == null) {
                throw new TemplateException("no value for {{" + m.group(1) + "}}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(html ? escape(value) : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
