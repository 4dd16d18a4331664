package io.jenkins.plugins.runwayupscale.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The client is a plain library: it must never depend on Jenkins, so the CLI and other tools can use it. */
class ArchitectureTest {
    private static final JavaClasses CLIENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jenkins.plugins.runwayupscale.client");

    @Test
    void clientHasNoJenkinsTypes() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke..", "com.cloudbees..", "org.jenkinsci..")
                .because("the client is shared with the command line and must stay free of Jenkins")
                .check(CLIENT);
    }

    @Test
    void exceptionsAreOneFamily() {
        classes()
                .that()
                .haveSimpleNameEndingWith("Exception")
                .should()
                .beAssignableTo(RunwayException.class)
                .check(CLIENT);
    }

    @Test
    void accessorsAreNamedLikeRecordComponents() {
        noMethods()
                .that()
                .arePublic()
                .and()
                .areDeclaredInClassesThat()
                .arePublic()
                .should()
                .haveNameMatching("get[A-Z].*")
                .because("records name their accessors model(), not getModel(): the client has one style")
                .check(CLIENT);
    }
}
