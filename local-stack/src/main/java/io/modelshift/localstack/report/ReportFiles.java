package io.modelshift.localstack.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the report in its three forms into the run folder. */
public record ReportFiles(Path html, Path markdown, Path json) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static ReportFiles write(Path runDir, MigrationReport report) {
        try {
            Files.createDirectories(runDir);
            Path json = runDir.resolve("migration-report.json");
            JSON.writeValue(json.toFile(), report);
            Path md = Files.writeString(runDir.resolve("migration-report.md"), MarkdownReport.render(report));
            Path html = Files.writeString(runDir.resolve("migration-report.html"), HtmlReport.render(report));
            return new ReportFiles(html, md, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report in " + runDir, e);
        }
    }
}
