package io.modelshift.api.datasets;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvRecordsTest {

    @Test
    void readsQuotedFieldsDoubledQuotesAndLineBreaksInsideQuotes() {
        String text = "\uFEFFWhat is \"\"x\"\"?,a,b\r\n\"Line one\nline two\",\"c, d\",\"say \"\"hi\"\"\"\n\nlast,row";
        assertEquals(List.of(
                List.of("What is \"\"x\"\"?", "a", "b"),
                List.of("Line one\nline two", "c, d", "say \"hi\""),
                List.of("last", "row")), CsvRecords.parse(text, "t.csv"));
    }

    @Test
    void namesTheFileAndLineOfAnUnterminatedQuote() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvRecords.parse("a,b\n\"open,c\nd", "bad.csv"));
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("line 3"), e.getMessage());
    }
}
