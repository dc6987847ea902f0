package io.modelshift.localstack.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportFilesTest {

    @Test
    void writesHtmlMarkdownAndJsonWithEverySection(@TempDir Path run) throws Exception {
        ReportFiles files = ReportFiles.write(run, ReportFixtures.promoted());

        JsonNode json = new ObjectMapper().readTree(files.json().toFile());
        assertEquals("PROMOTE", json.path("recommendation").path("decision").asText());
        assertEquals(4, json.path("benchmarks").size());
        assertEquals(15.0, json.path("cost").path("breakEvens").path(0).path("months").asDouble());

        String md = Files.readString(files.markdown());
        assertTrue(md.contains("## Recommendation: PROMOTE"), md);
        assertTrue(md.contains("| gsm8k | 60 | 55.0% (43.0–67.0) | 93.0% (84.0–97.0) | +38.0 pts (+25.0..+51.0) | "
                + "<0.001 | yes |"), md);
        assertTrue(md.contains("humaneval | – | not measured: sandbox unavailable"), md);
        assertTrue(md.contains("Break-even, Llama 3 70B self-hosted vs Llama 3 70B hosted API: 15.0 months"), md);
        assertTrue(md.contains("| 60 | Promoted | 8 | 100% | Completed |"), md);

        String html = Files.readString(files.html());
        assertFalse(html.toLowerCase().contains("<script"), "no scripts in the report");
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                "no external resources");
        assertEquals(5, html.split("<svg").length - 1, "benchmarks, latency, traffic, cost and weight charts");
        assertTrue(html.contains("&lt;not real models&gt;"), "text is escaped");
    }

    @Test
    void htmlOpensInHeadlessChromiumWithoutErrorsAndDrawsTheCharts(@TempDir Path run) throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.available(),
                "chromium is not installed (Debian package 'chromium'); the HTML rendering check is skipped");
        ReportFiles files = ReportFiles.write(run, ReportFixtures.promoted());
        HeadlessChromium.Render render = HeadlessChromium.open(files.html(), run);
        assertTrue(render.dom().contains("id=\"decision\""), "the DOM was dumped: " + render.dom().length());
        assertFalse(render.log().contains("Uncaught"), render.log());
        assertFalse(render.log().contains(":ERROR:CONSOLE"), render.log());
        // the canary's blue is used only by the charts' bars and lines
        long blue = render.pixelsNear(0x2563eb, 30);
        assertTrue(blue > 2000, "chart pixels in the canary colour: " + blue);
    }
}
