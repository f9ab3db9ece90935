package dev.hangtime.export;

/** The formats of {@code hangtime sessions export --format}. */
public enum ExportFormat {
    /** One row per sample, plus a summary file with one row per session (docs/STORE.md "CSV export"). */
    CSV,
    /** Summary, limits, alarms, commands, state changes and samples (docs/STORE.md "JSON export"). */
    JSON,
    /** A self-contained report with inline SVG charts, readable offline. */
    HTML
}
