package org.replkit.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.replkit.chaos.nemesis.FaultWindow;
import org.replkit.spec.SyncTable;

/**
 * The receiver instances a run registers beside the two under test: the one the gone fault removes,
 * and the fan-out case's (one of them black-holed). They deliver to a sink of the kit's, and each
 * is judged by its own property only.
 */
record SideLanes(List<Planned> lanes) {

    static final String GONE = "gone";
    static final String FAN_OUT = "fan-out";
    static final String FAN_OUT_BLACK_HOLE = "fan-out-black-hole";

    /** One side instance: its lane name, its role, its table. */
    record Planned(String lane, String role, SyncTable table) {}

    /**
     * @param gone   whether the gone fault is planned
     * @param fanOut 0, or the fan-out case's instances in all, the two under test included
     */
    static SideLanes plan(boolean gone, int fanOut) {
        List<Planned> out = new ArrayList<>();
        if (gone) {
            out.add(new Planned(FaultWindow.GONE_LANE, GONE, SyncTable.PATTERNS));
        }
        for (int i = 1; fanOut > 0 && i <= fanOut - 2; i++) {
            out.add(new Planned("fan-out-" + i, i == 1 ? FAN_OUT_BLACK_HOLE : FAN_OUT, i % 2 == 0 ? SyncTable.PATTERNS : SyncTable.METRICS));
        }
        return new SideLanes(List.copyOf(out));
    }

    boolean isEmpty() {
        return lanes.isEmpty();
    }

    Map<String, String> tableByLane() {
        return lanes.stream().collect(Collectors.toMap(Planned::lane, l -> l.table().tableName(), (a, b) -> b, LinkedHashMap::new));
    }
}
