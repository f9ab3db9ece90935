package dev.hangtime.engine;

/** How used to inversion the user is when they start with Hangtime; sets the first progression level. */
public enum ExperienceLevel {
    /** New to inversion: 20–30° for 1–2 minutes over the first two weeks. */
    BEGINNER,
    /** Has inverted regularly at moderate angles. */
    INTERMEDIATE,
    /** Inverts regularly, to 60° or more. */
    EXPERIENCED
}
