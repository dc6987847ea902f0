package io.modelshift.simulator.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TokensTest {

    @Test
    void piecesGiveBackTheTextExactly() {
        for (String text : new String[]{"Hello, world!", "  def f(x):\n    return x * 12345\n", "日本の首都は東京です。",
                "#### 42\n", "tabs\tand\r\nnewlines  ", ""}) {
            assertEquals(text, String.join("", Tokens.split(text)));
            assertEquals(Tokens.split(text).size(), Tokens.count(text));
        }
    }

    @Test
    void piecesAreAboutTokenSized() {
        assertEquals(4, Tokens.count("Once upon a time"));
        assertEquals(2, Tokens.count("12345"), "digits in groups of up to three");
        assertEquals(4, Tokens.count("internationalization"), "long words split in runs of six letters");
    }
}
