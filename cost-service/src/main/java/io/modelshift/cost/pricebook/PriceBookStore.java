package io.modelshift.cost.pricebook;

import io.modelshift.api.openai.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The price book in use: the shipped default, or a user file or URL ({@code cost.pricebook.file},
 * {@code cost.pricebook.url}), plus optional aliases ({@code cost.pricebook.aliases-file}). A bad configured book
 * stops the service at boot; a bad uploaded book is refused and the current one stays.
 */
@ApplicationScoped
public class PriceBookStore {

    static final String DEFAULT_RESOURCE = "defaults/pricebook.json";
    private static final Logger LOG = Logger.getLogger(PriceBookStore.class);

    private final AtomicReference<PriceBook> current = new AtomicReference<>();
    private final Optional<Path> aliasesFile;

    public PriceBookStore(@ConfigProperty(name = "cost.pricebook.file") Optional<Path> file,
                          @ConfigProperty(name = "cost.pricebook.url") Optional<URI> url,
                          @ConfigProperty(name = "cost.pricebook.aliases-file") Optional<Path> aliases) {
        this.aliasesFile = aliases;
        PriceBook book;
        if (file.isPresent()) {
            book = PriceBookParser.parse(read(file.get()), file.get().toString());
        } else if (url.isPresent()) {
            book = PriceBookParser.parse(fetch(url.get()), url.get().toString());
        } else {
            book = PriceBookParser.parse(resource(DEFAULT_RESOURCE), "classpath:" + DEFAULT_RESOURCE);
        }
        book = withConfiguredAliases(book);
        LOG.infof("price book %s: %d priced models, %d aliases, %d entries without token prices skipped",
                book.origin(), book.entries().size(), book.aliases().size(), book.skipped().size());
        current.set(book);
    }

    public PriceBook current() {
        return current.get();
    }

    /**
     * Replaces the book with an uploaded one, with the configured aliases file applied again; a book that lacks an
     * entry one of those aliases points to is refused and the current book stays.
     */
    public PriceBook replace(PriceBook book) {
        PriceBook complete = withConfiguredAliases(book);
        current.set(complete);
        return complete;
    }

    private PriceBook withConfiguredAliases(PriceBook book) {
        return aliasesFile.isEmpty() ? book
                : PriceBookParser.withAliases(book, read(aliasesFile.get()), aliasesFile.get().toString());
    }

    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InvalidRequestException.badRequest("Cannot read " + path + ": " + e.getMessage(), "pricebook",
                    "unreadable_file");
        }
    }

    public static String resource(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }

    /** HTTP GET of a price book URL, e.g. LiteLLM's raw model_prices_and_context_window.json. */
    public static String fetch(URI url) {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL).build()
                    .send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw InvalidRequestException.badRequest("Price book URL " + url + " answered HTTP " + response.statusCode(),
                        "url", "pricebook_fetch_failed");
            }
            return response.body();
        } catch (IOException e) {
            throw InvalidRequestException.badRequest("Cannot fetch price book " + url + ": " + e.getMessage(), "url",
                    "pricebook_fetch_failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw InvalidRequestException.badRequest("Interrupted while fetching " + url, "url", "pricebook_fetch_failed");
        }
    }
}
