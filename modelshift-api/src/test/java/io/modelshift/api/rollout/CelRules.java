package io.modelshift.api.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRD's {@code x-kubernetes-validations} rules, compiled with CEL and evaluated the way the API server does:
 * each rule at the schema node that declares it, with {@code self} bound to the object's value there. The
 * Kubernetes mock server does not evaluate them, so without this nothing would show they compile or mean what their
 * messages say. {@code self} is typed {@code dyn} (our rules only use {@code has()}, lists and macros).
 */
final class CelRules {

    /** One rule where the schema declares it; {@code at} is a schema path such as {@code .spec.steps[*]}. */
    record Rule(String at, String expression, String message, CelRuntime.Program program) {
    }

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final JsonNode schema;
    private final Map<JsonNode, List<Rule>> bySchemaNode = new LinkedHashMap<>();
    private final List<Rule> all = new ArrayList<>();

    /** Compiles every rule of the schema; a rule that does not compile to a bool fails here with CEL's message. */
    CelRules(JsonNode schema) {
        this.schema = schema;
        collect(schema, "");
    }

    List<Rule> all() {
        return all;
    }

    private void collect(JsonNode s, String at) {
        for (JsonNode v : s.path("x-kubernetes-validations")) {
            String expression = v.path("rule").asText();
            try {
                CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
                Rule rule = new Rule(at.isEmpty() ? "." : at, expression, v.path("message").asText(expression),
                        RUNTIME.createProgram(ast));
                bySchemaNode.computeIfAbsent(s, k -> new ArrayList<>()).add(rule);
                all.add(rule);
            } catch (CelValidationException | CelEvaluationException e) {
                throw new AssertionError("rule at " + at + " does not compile: " + expression + "\n" + e.getMessage(), e);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            collect(p.getValue(), at + "." + p.getKey());
        }
        if (s.has("items")) {
            collect(s.get("items"), at + "[*]");
        }
        if (s.path("additionalProperties").isObject()) {
            collect(s.get("additionalProperties"), at + "[*]");
        }
    }

    /** Every rule the object breaks, as {@code path: message}. */
    List<String> violations(JsonNode object) {
        List<String> out = new ArrayList<>();
        check(schema, object, "", out);
        return out;
    }

    private void check(JsonNode s, JsonNode value, String path, List<String> out) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        for (Rule r : bySchemaNode.getOrDefault(s, List.of())) {
            try {
                if (!Boolean.TRUE.equals(r.program().eval(Map.of("self", cel(value))))) {
                    out.add((path.isEmpty() ? "." : path) + ": " + r.message());
                }
            } catch (CelEvaluationException e) {
                out.add((path.isEmpty() ? "." : path) + ": rule error: " + e.getMessage());
            }
        }
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode child = s.path("properties").get(f.getKey());
                if (child == null && s.path("additionalProperties").isObject()) {
                    child = s.get("additionalProperties");
                }
                if (child != null) {
                    check(child, f.getValue(), path + "." + f.getKey(), out);
                }
            }
        } else if (value.isArray() && s.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(s.get("items"), value.get(i), path + "[" + i + "]", out);
            }
        }
    }

    /** JSON as CEL values: maps, lists, int64, double, string, bool. */
    static Object cel(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(f -> m.put(f.getKey(), cel(f.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(cel(x)));
            return l;
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        return n.asText();
    }
}
