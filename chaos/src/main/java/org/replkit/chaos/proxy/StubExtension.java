package org.replkit.chaos.proxy;

/**
 * What the proxy's WireMock transformers share: a name the fault stubs refer to, and no effect on
 * a stub that does not name it (a class method wins over the interface's default).
 */
abstract class StubExtension {

    private final String name;

    StubExtension(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    /** Only for the stubs that name it. */
    public boolean applyGlobally() {
        return false;
    }
}
