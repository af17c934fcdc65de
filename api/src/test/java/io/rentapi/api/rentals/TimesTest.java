package io.rentapi.api.rentals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimesTest {
    /** What {@link Times#parse} answered before it had a fast path, and must still answer. */
    private static Instant reference(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void theCommonShapesAreReadWithoutTheGeneralParser() {
        for (String common : List.of("2026-01-31T10:00:00Z", "2026-01-31T10:00:00.5Z", "2026-01-31T10:00:00.123456789+01:00",
                "2024-02-29T23:59:59-05:30", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999-17:59")) {
            assertThat(Times.parseCommon(common)).as(common).isNotNull().isEqualTo(reference(common));
        }
    }

    @Test
    void edgesAnswerAsTheGeneralParserDoes() {
        List<String> edges = List.of("2026-01-31T10:00:00Z", "2026-02-29T10:00:00Z", "2024-02-29T10:00:00Z",
                "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-00-01T00:00:00Z", "2026-01-00T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z",
                "2026-01-01T23:59:60Z", "2026-01-01T10:00:00+18:00", "2026-01-01T10:00:00-18:00",
                "2026-01-01T10:00:00+18:01", "2026-01-01T10:00:00+17:60", "2026-01-01T10:00:00-00:00",
                "2026-01-01T10:00:00.Z", "2026-01-01T10:00:00.1234567891Z", "2026-01-01T10:00:00.000000999Z",
                "2026-01-01T10:00:00.0000009Z", "2026-01-01t10:00:00z", "2026-01-01T10:00Z", "2026-01-01T10:00:00",
                "2026-01-01T10:00:00+0100", "2026-01-01T10:00:00+01", "2026-01-01T10:00:00+01:00:30",
                "2026-01-01T10:00:00Z ", " 2026-01-01T10:00:00Z", "+12026-01-01T10:00:00Z", "-0001-01-01T10:00:00Z",
                "2026-1-01T10:00:00Z", "2026-01-01 10:00:00Z", "2026-01-01T10:00:00ZZ", "2026-01-01T1a:00:00Z",
                "२०२६-01-01T10:00:00Z", "", "Z", "0000-01-01T00:00:00Z");
        for (String edge : edges) {
            assertThat(Times.parse(edge)).as(edge).isEqualTo(reference(edge));
        }
        assertThat(Times.parse(null)).isNull();
    }

    @Test
    void randomTimesAndTheirMutationsAnswerAsTheGeneralParserDoes() {
        Random random = new Random(20261122);
        String alphabet = "0123456789-:.TZ+ tz";
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ZoneOffset offset = random.nextInt(3) == 0 ? ZoneOffset.UTC
                    : ZoneOffset.ofTotalSeconds((random.nextInt(36 * 4) - 18 * 4) * 900);
            OffsetDateTime time = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L),
                    random.nextInt(1_000_000_000)).atOffset(offset);
            String pattern = switch (random.nextInt(4)) {
                case 0 -> "uuuu-MM-dd'T'HH:mm:ssXXX";
                case 1 -> "uuuu-MM-dd'T'HH:mm:ss.SSSXXX";
                case 2 -> "uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX";
                default -> "uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX";
            };
            String text = time.format(DateTimeFormatter.ofPattern(pattern));
            inputs.add(text);
            char[] mutated = text.toCharArray();
            mutated[random.nextInt(mutated.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            inputs.add(new String(mutated));
        }
        int common = 0;
        for (String input : inputs) {
            assertThat(Times.parse(input)).as(input).isEqualTo(reference(input));
            common += Times.parseCommon(input) == null ? 0 : 1;
        }
        assertThat(common).as("inputs read by the fast path").isGreaterThan(inputs.size() / 2);
    }
}
