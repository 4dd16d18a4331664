package io.jenkins.plugins.runwayupscale;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import hudson.model.Action;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.jenkins.plugins.runwayupscale.client.ApiKey;
import java.io.Serializable;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.verb.POST;

/** The rules that keep the plugin's shape: one code path under two front doors, safe endpoints, no stored key. */
class PluginArchitectureTest {
    private static final String ROOT = "io.jenkins.plugins.runwayupscale";
    private static final JavaClasses PLUGIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    private static final JavaClasses TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void theUpscaleFlowKnowsNothingOfItsFrontDoors() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".upscale..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT)
                .because("the step and the build step are thin front doors onto one shared service")
                .check(PLUGIN);
    }

    @Test
    void formEndpointsAnswerOnlyPost() {
        methods()
                .that()
                .haveNameMatching("do[A-Z].*")
                .and()
                .arePublic()
                .and()
                .areDeclaredInClassesThat()
                .resideInAnyPackage(ROOT, ROOT + ".upscale..")
                .should()
                .beAnnotatedWith(POST.class)
                .because(
                        "validation and drop-downs look up credentials: they must not be reachable by a cross-site GET")
                .check(PLUGIN);
    }

    @Test
    void noSerializableClassStoresTheKey() {
        fields().that()
                .haveRawType(ApiKey.class)
                .and()
                .areDeclaredInClassesThat()
                .areAssignableTo(Serializable.class)
                .should()
                .haveModifier(JavaModifier.TRANSIENT)
                .because("whatever Jenkins persists (program.dat, build.xml) must never hold the CometAPI key")
                .allowEmptyShould(true)
                .check(PLUGIN);
    }

    @Test
    void beanGettersOnlyWhereJenkinsReadsThem() {
        methods()
                .that()
                .arePublic()
                .and()
                .haveNameMatching("get[A-Z].*")
                .and()
                .areDeclaredInClassesThat()
                .resideOutsideOfPackage(ROOT + ".client..")
                .should()
                .beDeclaredInClassesThat(assignableTo(Describable.class)
                        .or(assignableTo(Descriptor.class))
                        .or(assignableTo(Action.class))
                        .or(assignableTo(StepExecution.class)))
                .because("Stapler, Jelly and JCasC read getX() of what Jenkins shows or binds; the plugin's own"
                        + " types name accessors like record components, as the client does")
                .check(PLUGIN);
    }

    @Test
    void testClassesAreNotPublic() {
        classes()
                .that()
                .haveSimpleNameEndingWith("Test")
                .or()
                .haveSimpleNameEndingWith("ITest")
                .should()
                .notBePublic()
                .check(TESTS);
    }
}
