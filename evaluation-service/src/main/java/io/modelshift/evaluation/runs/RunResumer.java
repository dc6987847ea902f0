package io.modelshift.evaluation.runs;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** At start, picks up the runs a previous process left queued or running; their finished items are not redone. */
@ApplicationScoped
public class RunResumer {

    private static final Logger LOG = Logger.getLogger(RunResumer.class);

    private final RunStore store;
    private final RunExecutor executor;

    public RunResumer(RunStore store, RunExecutor executor) {
        this.store = store;
        this.executor = executor;
    }

    void onStart(@Observes StartupEvent event) {
        resumeInterrupted();
    }

    public int resumeInterrupted() {
        int resumed = 0;
        for (RunRecord run : store.unfinished()) {
            if (!executor.running(run.id())) {
                LOG.infof("resuming run %s (%s on %s)", run.id(), run.spec().benchmark(), run.spec().model());
                executor.start(run);
                resumed++;
            }
        }
        return resumed;
    }
}
