package io.modelshift.cost.tco;

import io.modelshift.cost.hardware.HardwareCatalog;
import io.modelshift.cost.pricebook.PriceBook;
import io.modelshift.cost.pricebook.PriceBookParser;
import io.modelshift.cost.pricebook.PriceBookStore;

import java.time.LocalDate;

/** The shipped price book and hardware catalogue, for plain unit tests. */
public final class Defaults {

    public static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    private Defaults() {
    }

    public static PriceBook book() {
        return PriceBookParser.parse(PriceBookStore.resource("defaults/pricebook.json"), "test");
    }

    public static HardwareCatalog catalog() {
        return HardwareCatalog.parse(PriceBookStore.resource("defaults/hardware.json"), "test");
    }

    public static ScenarioEvaluator evaluator() {
        return new ScenarioEvaluator(book(), catalog(), TODAY);
    }
}
