package org.replkit.load.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time the hypervisor gave to other guests while this machine's cores wanted it ("steal",
 * the eighth figure of the {@code cpu} line of /proc/stat). On a shared virtual machine a burst of
 * steal slows every process alike for a while, so a round measured through one says more about the
 * neighbours than about the target; the benchmark runs such a round again, and judges nothing on a
 * target it could not measure quietly.
 */
record CpuSteal(long stealTicks, long totalTicks) {

    /** The machine's counters now (zeros where /proc/stat is not there: not Linux). */
    static CpuSteal now() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException | RuntimeException notLinux) {
            return new CpuSteal(0, 0);
        }
    }

    /** The aggregate line: {@code cpu  user nice system idle iowait irq softirq steal [guest guest_nice]}. */
    static CpuSteal parse(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 9) {
            throw new IllegalArgumentException("not the aggregate cpu line of /proc/stat: " + cpuLine);
        }
        long total = 0;
        for (int i = 1; i <= 8; i++) {           // guest time is counted in user time already
            total += Long.parseLong(f[i]);
        }
        return new CpuSteal(Long.parseLong(f[8]), total);
    }

    /** The share of the machine's CPU time between {@code before} and this that went to other guests. */
    double shareSince(CpuSteal before) {
        long total = totalTicks - before.totalTicks;
        return total <= 0 ? 0 : (double) (stealTicks - before.stealTicks) / total;
    }
}
