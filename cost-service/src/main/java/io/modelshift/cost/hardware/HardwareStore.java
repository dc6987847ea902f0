package io.modelshift.cost.hardware;

import io.modelshift.cost.pricebook.PriceBookStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The hardware catalogue in use: the shipped default or {@code cost.hardware.file}. */
@ApplicationScoped
public class HardwareStore {

    static final String DEFAULT_RESOURCE = "defaults/hardware.json";

    private final HardwareCatalog catalog;

    public HardwareStore(@ConfigProperty(name = "cost.hardware.file") Optional<Path> file) {
        try {
            catalog = file.isPresent()
                    ? HardwareCatalog.parse(Files.readString(file.get()), file.get().toString())
                    : HardwareCatalog.parse(PriceBookStore.resource(DEFAULT_RESOURCE), "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the hardware catalogue " + file.orElse(null), e);
        }
    }

    public HardwareCatalog catalog() {
        return catalog;
    }
}
