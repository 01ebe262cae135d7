package org.replkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/ARCHITECTURE.md stays true: it has a section for every {@code ./kit} command, and every class
 * and SQL function it names in backticks exists, so a rename that forgets the page fails here.
 */
class ArchitectureDocTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DOC = ROOT.resolve("docs/ARCHITECTURE.md");

    /** `VerifyCommand`, `RunGuard`: a bare UpperCamelCase name in backticks is a class. */
    static final Pattern CLASS_NAME = Pattern.compile("`([A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+)(?:\\.[a-z][A-Za-z]*)?`");
    /** `replication.dispatch`, `net._http_response`: a schema-qualified SQL function or table. */
    static final Pattern SQL_OBJECT = Pattern.compile("`((?:replication|net)\\.[a-z_]+)`");

    @Test
    void everyCommandHasItsSection() throws IOException {
        String doc = Files.readString(DOC);
        Set<String> missing = Kit.commandLine().getSubcommands().keySet().stream()
                .filter(name -> !name.equals("help") && !name.equals("receivers"))
                .filter(name -> !Pattern.compile("^## .*`\\./kit " + Pattern.quote(name) + "[ `]", Pattern.MULTILINE)
                        .matcher(doc).find())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), missing, "./kit commands with no '## ... `./kit <command>`' section in docs/ARCHITECTURE.md");
    }

    @Test
    void everyClassItNamesExists() throws IOException {
        Set<String> classes = javaClassNames();
        Set<String> unknown = matches(CLASS_NAME).stream()
                .filter(name -> !classes.contains(name))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unknown, "classes docs/ARCHITECTURE.md names that no source file defines");
    }

    @Test
    void everySqlFunctionAndTableItNamesExists() throws IOException {
        String sql = sqlText();
        Set<String> unknown = matches(SQL_OBJECT).stream()
                .filter(f -> !Pattern.compile("(FUNCTION|PROCEDURE|TABLE|VIEW)\\s+(IF NOT EXISTS\\s+)?" + Pattern.quote(f) + "\\s*\\(").matcher(sql).find())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unknown, "SQL functions and tables docs/ARCHITECTURE.md names that pg-image does not define");
    }

    private static Set<String> matches(Pattern p) throws IOException {
        Matcher m = p.matcher(Files.readString(DOC));
        Set<String> found = new TreeSet<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** Every top-level or nested type declared in the modules' main and test sources. */
    private static Set<String> javaClassNames() throws IOException {
        Pattern declaration = Pattern.compile("\\b(?:class|interface|record|enum|@interface)\\s+([A-Z][A-Za-z0-9]*)");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/") && !p.toString().contains("/target/")).toList()) {
                Matcher m = declaration.matcher(Files.readString(f));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static String sqlText() throws IOException {
        StringBuilder b = new StringBuilder();
        for (String dir : new String[] {"pg-image/sql", "pg-image/pgnet-compat"}) {
            try (Stream<Path> files = Files.list(ROOT.resolve(dir))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                    b.append(Files.readString(f)).append('\n');
                }
            }
        }
        return b.toString();
    }
}
