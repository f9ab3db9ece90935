package dev.hangtime.simulator.scenario;

/**
 * The angle sensor on the table bed.
 *
 * @param rateHz        samples (measurement notifications) per second, 10..100
 * @param noiseDeg      standard deviation of Gaussian noise, degrees
 * @param resolutionDeg quantisation step of the sensor, degrees (0 = only the protocol's 0.01°)
 * @param offsetDeg     calibration offset: what the sensor reads when the bed is truly horizontal
 * @param calibrated    calibration persisted in the sensor's flash: the CALIBRATED flag is set from
 *                      boot (otherwise only after Tare)
 * @param angularRate   the firmware sends the optional angular-rate field
 */
public record SensorSpec(int rateHz, double noiseDeg, double resolutionDeg, double offsetDeg, boolean calibrated,
                         boolean angularRate) {

    /** The sample rates a table may use (issue 3: 10–100 Hz). */
    public static final int MIN_RATE_HZ = 10;
    public static final int MAX_RATE_HZ = 100;

    public SensorSpec {
        if (rateHz < MIN_RATE_HZ || rateHz > MAX_RATE_HZ) {
            throw new IllegalArgumentException("sample rate must be " + MIN_RATE_HZ + ".." + MAX_RATE_HZ
                    + " Hz, was " + rateHz);
        }
        if (noiseDeg < 0 || resolutionDeg < 0) {
            throw new IllegalArgumentException("noise and resolution must not be negative");
        }
    }
}
