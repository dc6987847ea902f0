package io.modelshift.localstack.report;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Opens an HTML file in headless Chromium (Debian package {@code chromium}) for the report tests. */
public final class HeadlessChromium {

    /** What Chromium produced: the DOM after load, its stderr log, and a screenshot. */
    public record Render(String dom, String log, BufferedImage screenshot) {

        /** Pixels close to the given colour: charts drawn in that colour show up here. */
        public long pixelsNear(int rgb, int tolerance) {
            long n = 0;
            for (int y = 0; y < screenshot.getHeight(); y++) {
                for (int x = 0; x < screenshot.getWidth(); x++) {
                    int p = screenshot.getRGB(x, y);
                    if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= tolerance
                            && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= tolerance
                            && Math.abs((p & 0xff) - (rgb & 0xff)) <= tolerance) {
                        n++;
                    }
                }
            }
            return n;
        }
    }

    private HeadlessChromium() {
    }

    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/chromium"));
    }

    public static Render open(Path html, Path work) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(work.resolve("chromium-profile"));
        Path png = work.resolve("screenshot.png");
        List<String> common = List.of("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--hide-scrollbars");
        List<String> dump = new ArrayList<>(common);
        dump.addAll(List.of("--dump-dom", html.toUri().toString()));
        Path domOut = work.resolve("dom.html");
        Path domLog = work.resolve("dom.log");
        run(dump, domOut, domLog);
        List<String> shot = new ArrayList<>(common);
        shot.addAll(List.of("--window-size=1100,2400", "--screenshot=" + png, html.toUri().toString()));
        Path shotLog = work.resolve("screenshot.log");
        run(shot, work.resolve("screenshot.out"), shotLog);
        return new Render(Files.readString(domOut), Files.readString(domLog) + Files.readString(shotLog),
                ImageIO.read(png.toFile()));
    }

    private static void run(List<String> cmd, Path out, Path err) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IOException("chromium did not finish within 60 s: " + cmd);
        }
    }
}
