package dev.failoverclient.verify;

import java.util.List;

/**
 * What one {@link Check} found: a record of its own that the reports render, and the reasons it
 * gives the verdict (none for a finding that only informs).
 */
public interface Finding {

    /** Its contribution to the verdict, in the order the verdict line names them. */
    default List<Reason> reasons() {
        return List.of();
    }
}
