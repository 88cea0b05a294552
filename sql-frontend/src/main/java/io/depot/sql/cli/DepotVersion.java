package io.depot.sql.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
final class DepotVersion implements IVersionProvider {
    static String version() {
        String version = DepotVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Depot " + version()};
    }
}
