package io.modelshift.api.rollout;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The build step that puts the generated printer columns in declaration order, on a generator-shaped text. */
class PrinterColumnOrderTest {

    static final String HEAD = """
            spec:
              versions:
              - additionalPrinterColumns:
            """;
    static final String AGE = """
                - jsonPath: ".metadata.creationTimestamp"
                  name: "Age"
                  type: "date"
            """;
    static final String CANARY = """
                - jsonPath: ".spec.canary.model"
                  name: "Canary"
                  type: "string"
            """;
    static final String ROUTE = """
                - jsonPath: ".spec.route"
                  name: "Route"
                  description: "the route"
                  type: "string"
            """;
    static final String TAIL = """
                name: "v1alpha1"
                schema:
                  openAPIV3Schema:
                    properties:
                      route:
                        type: "string"
            """;
    /** As the generator writes it: sorted by JSON path. */
    static final String GENERATED = HEAD + AGE + CANARY + ROUTE + TAIL;
    static final List<String> DECLARED = List.of(".spec.route", ".spec.canary.model", ".metadata.creationTimestamp");

    @Test
    void columnsMoveAsWholeEntriesAndNothingElseChanges() {
        String out = PrinterColumnOrder.reorder(GENERATED, DECLARED);
        assertEquals(HEAD + ROUTE + CANARY + AGE + TAIL, out);
        assertEquals(out, PrinterColumnOrder.reorder(out, DECLARED), "idempotent");
    }

    @Test
    void undeclaredColumnsKeepTheirOrderAfterTheDeclaredOnes() {
        assertEquals(HEAD + ROUTE + AGE + CANARY + TAIL, PrinterColumnOrder.reorder(GENERATED, List.of(".spec.route")));
    }
}
