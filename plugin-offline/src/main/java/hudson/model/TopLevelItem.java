// Compile-only shim of jenkins-core 2.541.3: only what plugin/ uses, real signatures. See plugin-offline/README.md.
package hudson.model;

public interface TopLevelItem extends Item {}
