package io.modelshift.cost.tco;

/** The one time base of every figure: a month is 8760 / 12 = 730 hours. */
public final class TimeBase {

    public static final double HOURS_PER_MONTH = 730;
    public static final double SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

    private TimeBase() {
    }
}
