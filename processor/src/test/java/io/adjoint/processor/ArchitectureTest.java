package io.adjoint.processor;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import javax.lang.model.element.Modifier;
import org.junit.jupiter.api.Test;

/**
 * The processor's packages and what each may use, as its package-info files say: a stage reads the one
 * before it, never one after it, and the transformations (reverse mode, forward mode) are siblings that
 * share {@code ssa} and {@code rules} but not each other.
 */
class ArchitectureTest {
  private static final String ROOT = "io.adjoint.processor";
  private static final JavaClasses PROCESSOR =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  @Test
  void noCyclesBetweenPackages() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(PROCESSOR);
  }

  @Test
  void javacTypesOnlyInTheRootAndLower() {
    noClasses()
        .that().resideOutsideOfPackages(ROOT, ROOT + ".lower..")
        .should().dependOnClassesThat(
            resideInAnyPackage("com.sun.source..", "javax.lang.model..")
                // JavaPoet's own API takes javax.lang.model's Modifier: the writer names PUBLIC and STATIC
                .and(not(type(Modifier.class).or(type(Modifier[].class)))))
        .check(PROCESSOR);
  }

  @Test
  void javaPoetOnlyInWrite() {
    noClasses()
        .that().resideOutsideOfPackages(ROOT, ROOT + ".write..")
        .should().dependOnClassesThat().resideInAnyPackage("com.palantir.javapoet..")
        .check(PROCESSOR);
  }

  @Test
  void theIrAndTheSharedAnalysesDependOnNoStage() {
    noClasses()
        .that().resideInAnyPackage(ROOT + ".ir..", ROOT + ".rules..")
        .should().dependOnClassesThat().resideInAnyPackage(
            ROOT + ".lower..", ROOT + ".reverse..", ROOT + ".tangent..", ROOT + ".write..")
        .check(PROCESSOR);
  }

  @Test
  void ssaDependsOnNothingButTheIr() {
    classes().that().resideInAPackage(ROOT + ".ssa..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".ssa..", ROOT + ".ir..", "java..")
        .check(PROCESSOR);
  }

  @Test
  void theTransformationsAreSiblings() {
    noClasses().that().resideInAPackage(ROOT + ".reverse..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".tangent..", ROOT + ".lower..", ROOT + ".write..")
        .check(PROCESSOR);
    noClasses().that().resideInAPackage(ROOT + ".tangent..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".reverse..", ROOT + ".lower..", ROOT + ".write..")
        .check(PROCESSOR);
  }

  @Test
  void lowerKnowsNothingOfTheTransformations() {
    noClasses().that().resideInAPackage(ROOT + ".lower..")
        .should().dependOnClassesThat().resideInAnyPackage(
            ROOT + ".reverse..", ROOT + ".tangent..", ROOT + ".write..", ROOT + ".ssa..", ROOT + ".rules..")
        .check(PROCESSOR);
  }
}
