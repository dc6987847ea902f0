package io.modelshift.gateway.rollout;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.modelshift.api.rollout.ModelRollout;
import io.modelshift.api.rollout.ModelRolloutStatus;
import io.modelshift.api.rollout.RolloutAction;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * ModelRollouts as YAML files in a folder, for runs without Kubernetes. The files are what the user (or GitOps)
 * writes and are never rewritten by the controller; status lives beside them in {@code .status/<name>.yaml}, the
 * way the status subresource lives beside the spec. Actions come through the admin API and wait in
 * {@code .status/<name>.action} (the annotation's stand-in, so a restart neither loses nor repeats them) until the
 * controller has applied and removed them. One process acts on the folder (no leader election).
 */
public class FileRolloutStore implements RolloutStore {

    private static final Logger LOG = Logger.getLogger(FileRolloutStore.class);

    private final Path dir;
    private final Path statusDir;
    private final Map<String, String> pendingActions = new ConcurrentHashMap<>();
    private final Map<String, String> fileErrors = new ConcurrentHashMap<>();
    private final Map<Path, Parsed> parsed = new ConcurrentHashMap<>();
    /** Status per rollout: read from .status/ once, then kept in memory and written through. */
    private final Map<String, ModelRolloutStatus> statuses = new ConcurrentHashMap<>();
    private static final ModelRolloutStatus NO_STATUS = new ModelRolloutStatus();
    private static final String ACTION_SUFFIX = ".action";

    public FileRolloutStore(Path dir) {
        this.dir = dir;
        this.statusDir = dir.resolve(".status");
        try {
            Files.createDirectories(statusDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the rollout folder " + statusDir, e);
        }
        loadPendingActions();
    }

    @Override
    public synchronized List<ModelRollout> list() {
        Map<String, ModelRollout> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(FileRolloutStore::isSpecFile).sorted().toList()) {
                ModelRollout r = read(f);
                if (r != null && out.putIfAbsent(r.getMetadata().getName(), r) != null) {
                    error(f, "a rollout named '" + r.getMetadata().getName() + "' is already defined in another file");
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot list the rollout folder %s: %s", dir, e);
        }
        return new ArrayList<>(out.values());
    }

    @Override
    public ModelRollout get(String name) {
        return list().stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst().orElse(null);
    }

    @Override
    public synchronized ModelRollout apply(ModelRollout rollout) {
        String name = rollout.getMetadata().getName();
        ModelRollout existing = get(name);
        Path target = existing != null && existing.getMetadata().getAnnotations() != null
                ? dir.resolve(existing.getMetadata().getAnnotations().getOrDefault(SOURCE, name + ".yaml"))
                : dir.resolve(name + ".yaml");
        ModelRollout clean = new ModelRollout(name, rollout.getSpec());
        clean.getMetadata().setNamespace(rollout.getMetadata().getNamespace());
        clean.getMetadata().setLabels(rollout.getMetadata().getLabels());
        write(target, Serialization.asYaml(clean));
        return get(name);
    }

    @Override
    public synchronized boolean delete(String name) {
        ModelRollout existing = get(name);
        if (existing == null) {
            return false;
        }
        try {
            Files.deleteIfExists(dir.resolve(existing.getMetadata().getAnnotations().get(SOURCE)));
            Files.deleteIfExists(statusFile(name));
            Files.deleteIfExists(actionFile(name));
            statuses.remove(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pendingActions.remove(name);
        return true;
    }

    @Override
    public synchronized void requestAction(String name, RolloutAction action) {
        write(actionFile(name), action.value());
        pendingActions.put(name, action.value());
    }

    @Override
    public synchronized boolean stampAction(ModelRollout rollout, String seen, String stamped) {
        return replaceAction(rollout, seen, stamped);
    }

    @Override
    public synchronized boolean clearAction(ModelRollout rollout, String value) {
        return replaceAction(rollout, value, null);
    }

    /** Compare-and-set of the pending action, on disk first so it survives a restart like an annotation would. */
    private boolean replaceAction(ModelRollout rollout, String expected, String next) {
        String name = rollout.getMetadata().getName();
        if (!expected.equals(pendingActions.get(name))) {
            return false;
        }
        try {
            if (next == null) {
                Files.deleteIfExists(actionFile(name));
                pendingActions.remove(name);
                rollout.getMetadata().getAnnotations().remove(ModelRollout.ACTION_ANNOTATION);
            } else {
                write(actionFile(name), next);
                pendingActions.put(name, next);
                rollout.getMetadata().getAnnotations().put(ModelRollout.ACTION_ANNOTATION, next);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the pending action of " + name, e);
        }
        return true;
    }

    /** Actions requested before a restart: {@code .status/<name>.action}, the annotation's stand-in. */
    private void loadPendingActions() {
        try (Stream<Path> files = Files.list(statusDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(ACTION_SUFFIX)).toList()) {
                String name = f.getFileName().toString();
                pendingActions.put(name.substring(0, name.length() - ACTION_SUFFIX.length()), Files.readString(f).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pending actions in " + statusDir, e);
        }
    }

    private Path actionFile(String name) {
        return statusDir.resolve(name + ACTION_SUFFIX);
    }

    @Override
    public synchronized boolean writeStatus(ModelRollout rollout, ModelRolloutStatus status) {
        write(statusFile(rollout.getMetadata().getName()), Serialization.asYaml(status));
        statuses.put(rollout.getMetadata().getName(), status.copy());
        return true;
    }

    @Override
    public void emit(ModelRollout rollout, RolloutEvent event) {
        String line = "rollout " + rollout.getMetadata().getName() + " " + event.type() + " " + event.reason() + ": "
                + event.message();
        if (event.warning()) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
    }

    @Override
    public boolean leader() {
        return true;
    }

    /** Files that could not be read, with why: shown by {@code GET /admin/rollouts}. */
    public Map<String, String> fileErrors() {
        return Map.copyOf(fileErrors);
    }

    /** The annotation recording which file a rollout came from (never written to disk). */
    static final String SOURCE = "modelshift.io/source-file";

    /** A parsed spec file, reused while its text is unchanged (the folder is read every tick; parsing is the cost). */
    private record Parsed(String text, ModelRollout rollout) {
    }

    private ModelRollout read(Path f) {
        try {
            String text = Files.readString(f);
            Parsed p = parsed.get(f);
            if (p == null || !p.text().equals(text)) {
                ModelRollout r = Serialization.unmarshal(text, ModelRollout.class);
                if (r == null || r.getSpec() == null) {
                    error(f, "no ModelRollout spec in the file");
                    return null;
                }
                p = new Parsed(text, r);
                parsed.put(f, p);
            }
            ModelRollout src = p.rollout();
            String name = src.getMetadata().getName() == null || src.getMetadata().getName().isBlank()
                    ? f.getFileName().toString().replaceFirst("\\.ya?ml$", "") : src.getMetadata().getName();
            ModelRollout r = new ModelRollout(name, src.getSpec()); // the spec is immutable; metadata is copied
            r.getMetadata().setNamespace(src.getMetadata().getNamespace());
            r.getMetadata().setLabels(src.getMetadata().getLabels());
            r.getMetadata().setAnnotations(new TreeMap<>(src.getMetadata().getAnnotations() == null ? Map.of()
                    : src.getMetadata().getAnnotations()));
            r.getMetadata().getAnnotations().put(SOURCE, f.getFileName().toString());
            String action = pendingActions.get(name);
            if (action != null) {
                r.getMetadata().getAnnotations().put(ModelRollout.ACTION_ANNOTATION, action);
            }
            ModelRolloutStatus status = statuses.computeIfAbsent(name, this::readStatus);
            r.setStatus(status == NO_STATUS ? null : status.copy());
            fileErrors.remove(f.getFileName().toString());
            return r;
        } catch (IOException | RuntimeException e) {
            error(f, "cannot read: " + rootMessage(e));
            return null;
        }
    }

    private ModelRolloutStatus readStatus(String name) {
        Path sf = statusFile(name);
        try {
            return Files.exists(sf) ? Serialization.unmarshal(Files.readString(sf), ModelRolloutStatus.class) : NO_STATUS;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void error(Path f, String message) {
        if (!message.equals(fileErrors.put(f.getFileName().toString(), message))) {
            LOG.warnf("rollout file %s: %s", f, message);
        }
    }

    private Path statusFile(String name) {
        return statusDir.resolve(name + ".yaml");
    }

    private static boolean isSpecFile(Path f) {
        String n = f.getFileName().toString();
        return Files.isRegularFile(f) && !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml"));
    }

    private static void write(Path target, String text) {
        try {
            Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".yaml");
            Files.writeString(tmp, text);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
