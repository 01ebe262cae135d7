package org.replkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The entry point gathers every module's command; a module dropped from Kit.java fails here. */
class KitTest {

    @Test
    void everyModuleCommandIsReachable() {
        Set<String> names = Kit.commandLine().getSubcommands().keySet();
        assertTrue(names.containsAll(Set.of("receivers", "sender", "verify", "load")), names.toString());
    }

    @Test
    void anUnknownSubcommandIsAUsageErrorWithExitTwo() {
        CommandLine cli = Kit.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("no-such-command"));
        assertTrue(err.toString().contains("no-such-command"), err.toString());
    }
}
