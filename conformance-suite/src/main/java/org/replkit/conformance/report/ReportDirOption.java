package org.replkit.conformance.report;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --report-dir DIR}, shared by the commands that write reports (a picocli mixin). */
public final class ReportDirOption {

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Where the reports go (default: a folder of reports/ under the kit's root, named after the command's "
                    + "reports, else under the working directory).")
    Path reportDir;

    /** The folder given, else {@code reports/<folder>} under the kit's root ({@link ReportWriter#underKitHome}). */
    public Path orUnderKitHome(String folder) {
        return reportDir != null ? reportDir : ReportWriter.underKitHome(folder);
    }
}
