package io.modelshift.gateway.records;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextCaptureTest {

    @Test
    void longTextIsCutAndSaysHowMuchWasLeftOut() {
        String shortText = "hello";
        assertSame(shortText, TextCapture.cap(shortText, 5));
        assertNull(TextCapture.cap(null, 5));
        assertEquals("hel [... 2 more characters not recorded]", TextCapture.cap(shortText, 3));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String emoji = "ab\uD83D\uDE00cd"; // a, b, one code point in two chars, c, d
        String cut = TextCapture.cap(emoji, 3);
        assertTrue(cut.startsWith("ab ["), cut);
        assertTrue(cut.contains("4 more characters"), cut);
        // what is kept is valid UTF-16: it survives a round trip through UTF-8 unchanged
        assertEquals(cut, new String(cut.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    @Test
    void promptsAndCompletionsAreReadFromTheirBodies() {
        byte[] chat = "{\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("system: be brief\nuser: hi", TextCapture.prompt(chat));
        byte[] stream = "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}\n\ndata: [DONE]\n\n"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("Hello", TextCapture.completion(stream, true));
    }
}
