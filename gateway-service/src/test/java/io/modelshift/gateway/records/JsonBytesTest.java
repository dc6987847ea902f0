package io.modelshift.gateway.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written JSON against Jackson reading it back, and against the JDK's own formatting. */
class JsonBytesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anyStringReadsBackAsTheSameText() throws Exception {
        Random random = new Random(42);
        char[] interesting = {'"', '\\', '\n', '\r', '\t', '\b', '\f', 0, 1, 0x1f, 0x7f, 'a', 'é', 'ß', '日', '\u2028',
                '\uffff', '\ud83d', '\ude00'}; // the last two: halves of a surrogate pair, also used alone
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append(random.nextBoolean() ? interesting[random.nextInt(interesting.length)]
                        : (char) random.nextInt(0x3000));
            }
            String value = text.toString();
            JsonNode read = JSON.readTree(new JsonBytes(4).string(value).toByteArray());
            // unpaired surrogates cannot be encoded in UTF-8: '?' as String.getBytes writes them
            assertEquals(new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), read.textValue());
        }
    }

    @Test
    void timesAreWrittenAsInstantToStringWritesThem() throws Exception {
        Random random = new Random(7);
        JsonBytes out = new JsonBytes(8);
        long now = Instant.parse("2026-11-27T18:00:00Z").getEpochSecond();
        for (int n = 0; n < 5_000; n++) {
            long second = n % 3 == 0 ? now + n / 3 : random.nextLong(-62_000_000_000L, 400_000_000_000L);
            int nanos = switch (n % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant time = Instant.ofEpochSecond(second, nanos);
            assertEquals('"' + time.toString() + '"', new String(out.reset().time(time).toByteArray(),
                    StandardCharsets.US_ASCII));
        }
    }

    @Test
    void numbersAreWrittenAsTheJdkWritesThem() {
        JsonBytes out = new JsonBytes(2);
        for (long v : new long[]{0, 7, -7, 10, 99, 100, -100, 4711, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
                Long.MIN_VALUE + 1}) {
            assertEquals(Long.toString(v), new String(out.reset().number(v).toByteArray(), StandardCharsets.US_ASCII));
        }
        for (double v : new double[]{0.0, -0.0, 12.345, 1e-7, 1234567.0, 0.0001, Double.MAX_VALUE, Double.MIN_VALUE}) {
            assertEquals(Double.toString(v), new String(out.reset().number(v).toByteArray(),
                    StandardCharsets.US_ASCII));
        }
        assertEquals("\"NaN\"", new String(out.reset().number(Double.NaN).toByteArray(), StandardCharsets.US_ASCII));
        assertEquals("\"-Infinity\"", new String(out.reset().number(Double.NEGATIVE_INFINITY).toByteArray(),
                StandardCharsets.US_ASCII));
    }

    @Test
    void membersAreSeparatedByCommas() throws Exception {
        byte[] a = "\"a\":".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "\"b\":".getBytes(StandardCharsets.US_ASCII);
        byte[] json = new JsonBytes(4).raw('{').field(a).number(1).field(b).raw('[').raw(']').raw('}').toByteArray();
        assertEquals(JSON.readTree("{\"a\":1,\"b\":[]}"), JSON.readTree(json));
    }
}
