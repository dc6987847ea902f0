package io.modelshift.cost.hardware;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Hardware profiles, model shapes, and the memory-fit check on its own. */
@Path("/v1/hardware")
@Produces(MediaType.APPLICATION_JSON)
public class HardwareResource {

    private final HardwareStore store;

    public HardwareResource(HardwareStore store) {
        this.store = store;
    }

    @GET
    public HardwareCatalog catalog() {
        return store.catalog();
    }

    @GET
    @Path("/{profile}/fit")
    public MemoryFit fit(@PathParam("profile") String profile, @QueryParam("model") String model,
                         @QueryParam("gpusPerReplica") Integer gpus, @QueryParam("precision") String precision,
                         @QueryParam("contextTokens") Integer context, @QueryParam("concurrentSequences") Integer seqs) {
        HardwareCatalog catalog = store.catalog();
        java.util.Map<String, Object> overrides = new java.util.HashMap<>();
        if (gpus != null) {
            overrides.put("gpusPerReplica", gpus);
        }
        if (precision != null) {
            overrides.put("precision", Precision.parse(precision, "precision").name().toLowerCase(java.util.Locale.ROOT));
        }
        HardwareProfile p = HardwareCatalog.override(catalog.requireProfile(profile, "profile"), overrides, "query");
        ModelArchitecture m = catalog.requireModel(model, "model");
        return MemoryFit.of(m, p, context == null ? 8192 : context, seqs == null ? 1 : seqs).require(m, p, "model");
    }
}
