package org.replkit.load;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Receives Gatling's "Run crashed" log event in a load run's JVM (see logback-gatling.xml) and
 * keeps only the innermost cause's message, in the file {@link GatlingMain} names: the user gets
 * that one line (a bad parameter, an unreachable target) instead of Gatling's stack trace.
 */
public final class CrashReasonAppender extends AppenderBase<ILoggingEvent> {

    @Override
    protected void append(ILoggingEvent event) {
        String file = System.getProperty(GatlingMain.FAILURE_FILE_PROPERTY);
        if (file == null || event.getThrowableProxy() == null) {
            return;
        }
        IThrowableProxy cause = event.getThrowableProxy();
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClassName();
        try {
            Files.writeString(Path.of(file), reason, StandardCharsets.UTF_8);
        } catch (IOException e) {
            addError("cannot keep the crash reason in " + file, e);
        }
    }
}
