package org.replkit.chaos.proxy;

/**
 * What the proxy's WireMock transformers share: a name the fault stubs refer to, no effect on a stub
 * that does not name it (a class method wins over the interface's default), and the notes they keep
 * on each exchange.
 */
abstract class StubExtension {

    private final String name;
    protected final ExchangeNotes notes;

    StubExtension(String name, ExchangeNotes notes) {
        this.name = name;
        this.notes = notes;
    }

    public String getName() {
        return name;
    }

    /** Only for the stubs that name it. */
    public boolean applyGlobally() {
        return false;
    }
}
