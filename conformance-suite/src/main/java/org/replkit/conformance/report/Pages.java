package org.replkit.conformance.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/** The module's templates (src/main/jte, precompiled by jte-maven-plugin), every value escaped unless a template says otherwise. */
public final class Pages {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Pages.class.getClassLoader(), "org.replkit.conformance.pages");

    private Pages() {}

    /** A template whose one parameter is {@code page}. */
    public static String render(String template, Object page) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, page, out);
        return out.toString();
    }

    /** A template with several parameters, by name. */
    public static String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, params, out);
        return out.toString();
    }
}
