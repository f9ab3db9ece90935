package dev.hangtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of DESIGN.md, held by the compiled classes (tests excluded): a firmware author
 * can read the protocol end to end; the engine is pure; only the CLI wires the parts together.
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.hangtime", "org.bluez");
    }

    @Test
    void protocolDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("dev.hangtime.protocol..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.hangtime.protocol..", "java..")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void engineDependsOnNothingButTheJdkAndItself() {
        classes().that().resideInAPackage("dev.hangtime.engine..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.hangtime.engine..", "java..")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void simulatorSpeaksOnlyTheProtocolAndItsVirtualTransports() {
        classes().that().resideInAPackage("dev.hangtime.simulator..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.hangtime.simulator..", "dev.hangtime.protocol..",
                        "org.bluez..", "org.freedesktop.dbus..", "com.sun.jna..",
                        "com.fasterxml.jackson..", "org.slf4j..", "java..", "javax.annotation..")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void onlyTheDeviceLayerAndTheSimulatorTouchSerialAndDbusLibraries() {
        noClasses().that().resideOutsideOfPackages("dev.hangtime.device..", "dev.hangtime.simulator..",
                        "org.bluez..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("jssc..", "org.freedesktop.dbus..", "org.bluez..", "com.sun.jna..")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void deviceLayerSeesTheProtocolButNotTheSessionStoreOrDisplay() {
        noClasses().that().resideInAPackage("dev.hangtime.device..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.hangtime.session..", "dev.hangtime.store..", "dev.hangtime.export..",
                        "dev.hangtime.web..", "dev.hangtime.cli..", "dev.hangtime.simulator..")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void storeExportAndWebDoNotReachIntoDevicesOrTheWire() {
        noClasses().that().resideInAnyPackage("dev.hangtime.store..", "dev.hangtime.export..", "dev.hangtime.web..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.hangtime.device..", "dev.hangtime.protocol..", "dev.hangtime.simulator..",
                        "dev.hangtime.cli..")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void onlyTheCliWiresTheSimulatorIn() {
        noClasses().that().resideOutsideOfPackages("dev.hangtime.cli..", "dev.hangtime.simulator..")
                .should().dependOnClassesThat().resideInAPackage("dev.hangtime.simulator..")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void nothingDependsOnTheCli() {
        noClasses().that().resideOutsideOfPackage("dev.hangtime.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.hangtime.cli..")
                .allowEmptyShould(true)
                .check(production);
    }
}
