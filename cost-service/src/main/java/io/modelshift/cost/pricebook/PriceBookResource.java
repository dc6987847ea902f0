package io.modelshift.cost.pricebook;

import io.modelshift.api.openai.InvalidRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.net.URI;
import java.util.Map;

/** The price book: read it, look one model up, or replace it with a LiteLLM-format file or URL. */
@Path("/v1/pricebook")
@Produces(MediaType.APPLICATION_JSON)
public class PriceBookResource {

    private final PriceBookStore store;

    public PriceBookResource(PriceBookStore store) {
        this.store = store;
    }

    public record Summary(String origin, int models, Map<String, PriceEntry> entries, Map<String, String> aliases,
                          Map<String, String> skipped) {
        static Summary of(PriceBook b) {
            return new Summary(b.origin(), b.entries().size(), b.entries(), b.aliases(), b.skipped());
        }
    }

    @GET
    public Summary get() {
        return Summary.of(store.current());
    }

    @GET
    @Path("/{model: .+}")
    public PriceEntry model(@PathParam("model") String model) {
        return store.current().require(model, "model", true);
    }

    /**
     * Replaces the book with the body (LiteLLM JSON as is), or with the file at {@code ?url=}. The new book is fully
     * parsed and checked first; on any error the current book stays.
     */
    @PUT
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    public Summary replace(String body, @QueryParam("url") String url) {
        PriceBook book;
        if (url != null && !url.isBlank()) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw InvalidRequestException.badRequest("Invalid url: " + url, "url", "invalid_value");
            }
            book = PriceBookParser.parse(PriceBookStore.fetch(uri), url);
        } else if (body == null || body.isBlank()) {
            throw InvalidRequestException.badRequest("Send a price book (LiteLLM JSON) as the body, or ?url=", "pricebook",
                    "missing_body");
        } else {
            book = PriceBookParser.parse(body, "upload");
        }
        return Summary.of(store.replace(book));
    }
}
