package io.hilbench.report;

import java.io.IOException;
import java.nio.file.Path;

/** {@link OneTruthFixture} for the tests of other packages (the evidence check). */
public final class OneTruthFixtureAccess {
    public static final String PASSED = OneTruthFixture.PASSED, FAILED = OneTruthFixture.FAILED, INCONCLUSIVE = OneTruthFixture.INCONCLUSIVE, ERROR = OneTruthFixture.ERROR;

    private OneTruthFixtureAccess() {}

    public static Path write(Path dir) throws IOException { return OneTruthFixture.write(dir); }
}
