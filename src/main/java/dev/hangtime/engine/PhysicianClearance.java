package dev.hangtime.engine;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The user's record that a physician cleared them for steep inversion.
 *
 * @param clearedOn the date of the consultation
 * @param physician who cleared them (free text; may be "")
 * @param confirmed the contraindications the user confirmed they discussed and do not have (or
 *                  that the physician approved despite them)
 */
public record PhysicianClearance(LocalDate clearedOn, String physician, Set<Contraindication> confirmed) {

    public PhysicianClearance {
        Objects.requireNonNull(clearedOn, "clearedOn");
        Objects.requireNonNull(physician, "physician");
        confirmed = confirmed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(confirmed));
    }

    /** True when every listed contraindication was confirmed: only then does the clearance count. */
    public boolean complete() {
        return confirmed.containsAll(EnumSet.allOf(Contraindication.class));
    }

    /** The contraindications not yet confirmed, in list order. */
    public Set<Contraindication> missing() {
        EnumSet<Contraindication> missing = EnumSet.allOf(Contraindication.class);
        missing.removeAll(confirmed);
        return missing;
    }
}
