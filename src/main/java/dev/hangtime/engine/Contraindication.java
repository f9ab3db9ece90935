package dev.hangtime.engine;

import java.util.Locale;

/**
 * Conditions for which inversion needs a physician's approval, after the table makers' published
 * lists (Teeter's contraindications; see docs/ROUTINES.md "Physician clearance" for the sources).
 * A clearance counts only when the user confirmed every one of them with their physician.
 */
public enum Contraindication {
    HIGH_BLOOD_PRESSURE("high blood pressure (hypertension)"),
    HEART_OR_CIRCULATORY_DISEASE("heart disease or a circulatory disorder"),
    RECENT_STROKE("a recent stroke or transient ischaemic attack (TIA)"),
    GLAUCOMA("glaucoma or raised eye pressure"),
    RETINAL_DETACHMENT("retinal detachment"),
    CONJUNCTIVITIS("conjunctivitis (pink eye)"),
    MIDDLE_EAR_INFECTION("a middle ear infection"),
    PREGNANCY("pregnancy"),
    HERNIA("a hiatal or ventral hernia"),
    BONE_WEAKNESS("bone weakness, osteoporosis, a recent fracture or skeletal implants"),
    SPINAL_INJURY("a spinal injury or recent spinal surgery"),
    RECENT_SURGERY("recent surgery"),
    ANTICOAGULANTS("taking anticoagulants (blood thinners, including daily aspirin)"),
    EXTREME_OBESITY("extreme obesity");

    private final String description;

    Contraindication(String description) {
        this.description = description;
    }

    /** Plain words for the list the user confirms. */
    public String description() {
        return description;
    }

    /** The key used in files and on the command line: "high-blood-pressure". */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The contraindication for a key, or {@code null} when none has it. */
    public static Contraindication fromKey(String key) {
        for (Contraindication c : values()) {
            if (c.key().equals(key)) {
                return c;
            }
        }
        return null;
    }
}
