package dev.hangtime.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for display tests: Debian's {@code chromium} and {@code chromium-driver}
 * (paths overridable with {@code -Dhangtime.chromium} and {@code -Dhangtime.chromedriver}). A test
 * that needs it is skipped, saying why, when either is missing.
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("hangtime.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("hangtime.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test unless both the browser and its driver are installed. */
    public static void assumeAvailable() {
        assumeTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                "browser test skipped: needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (Debian packages chromium and chromium-driver; .ci/run installs them)");
    }

    /** Opens a fresh headless browser (its own empty profile) with a 1024x768 window. */
    public static Browser open() {
        assumeAvailable();
        Path profile;
        try {
            profile = Files.createTempDirectory("hangtime-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // the machine has no network: without these Chromium keeps dialling out and logging refusals
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1024,768",
                "--autoplay-policy=no-user-gesture-required");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    public WebDriver driver() {
        return driver;
    }

    /** A wait of up to {@code seconds} for a condition in the page. */
    public WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(50));
    }

    /**
     * Clicks the element with this id once it can take a click: while flip mode rotates the page (a
     * 0.4 s transition, longer on a loaded machine) the controls move and ChromeDriver refuses the click
     * as "not interactable". A refused click sends nothing, so retrying cannot press twice.
     */
    public void click(String id) {
        waitUpTo(10).ignoring(org.openqa.selenium.ElementNotInteractableException.class)
                .until(d -> {
                    d.findElement(org.openqa.selenium.By.id(id)).click();
                    return true;
                });
    }

    /** Runs JavaScript in the page and returns its result. */
    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Runs asynchronous JavaScript (it calls its last argument with the result) and returns the result. */
    public Object asyncScript(String script, Object... args) {
        return driver.executeAsyncScript(script, args);
    }

    /** The page's console messages so far, for failure messages. */
    public String console() {
        List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        StringBuilder text = new StringBuilder();
        for (LogEntry entry : entries) {
            text.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n');
        }
        return text.toString();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp profile is harmless
            }
        }
    }
}
