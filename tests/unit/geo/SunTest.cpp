// The sun's position against NOAA's solar calculator (gml.noaa.gov/grad/solcalc), and the
// date and time strings of scene files and the viewer.

#include <cunjing/geo/Sun.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace cunjing::geo;

namespace {

struct Reference {
    const char* place;
    double latitude, longitude;
    LocalDateTime when;
    double azimuth, elevation;  ///< NOAA's solar calculator, UTC+8, no daylight saving
};

constexpr double kGuangzhouLat = 23.1291, kGuangzhouLon = 113.2644;
constexpr double kMeizhouLat = 24.2886, kMeizhouLon = 116.1226;

// The calculator's azimuth and elevation (refraction corrected) for the place, date and time.
const Reference kReferences[] = {
    {"Guangzhou", kGuangzhouLat, kGuangzhouLon, {2026, 3, 20, 12, 0}, 159.04, 65.24},
    {"Guangzhou", kGuangzhouLat, kGuangzhouLon, {2026, 6, 21, 9, 0}, 78.71, 42.38},
    {"Guangzhou", kGuangzhouLat, kGuangzhouLon, {2026, 12, 22, 16, 30}, 236.11, 14.60},
    {"Guangzhou", kGuangzhouLat, kGuangzhouLon, {2027, 9, 23, 7, 15}, 95.43, 12.83},
    {"Guangzhou", kGuangzhouLat, kGuangzhouLon, {2026, 11, 24, 14, 0}, 212.77, 39.21},
    {"Meizhou", kMeizhouLat, kMeizhouLon, {2026, 3, 20, 12, 0}, 166.31, 64.91},
    {"Meizhou", kMeizhouLat, kMeizhouLon, {2026, 6, 21, 17, 30}, 287.62, 19.62},
    {"Meizhou", kMeizhouLat, kMeizhouLon, {2026, 12, 22, 9, 0}, 131.74, 23.05},
    {"Meizhou", kMeizhouLat, kMeizhouLon, {2027, 2, 10, 11, 0}, 148.19, 45.51},
    {"Meizhou", kMeizhouLat, kMeizhouLon, {2026, 8, 8, 6, 30}, 75.99, 8.63},
};

}  // namespace

TEST(Sun, AgreesWithNoaaSolarCalculatorInGuangzhouAndMeizhou) {
    for (const Reference& r : kReferences) {
        const SunPosition p = solarPosition(r.latitude, r.longitude, r.when);
        const std::string what =
            std::string(r.place) + " " + formatDate(r.when) + " " + formatTime(r.when);
        // The bar is 0.5 degree; the same algorithm agrees to rounding.
        EXPECT_NEAR(p.azimuthDeg, r.azimuth, 0.02) << what;
        EXPECT_NEAR(p.elevationDeg, r.elevation, 0.02) << what;
    }
}

TEST(Sun, IsBelowTheHorizonAtMidnightAndHighestNearSolarNoon) {
    LocalDateTime t{2026, 6, 21, 0, 0};
    EXPECT_LT(solarPosition(kGuangzhouLat, kGuangzhouLon, t).elevationDeg, -40);
    // Guangzhou lies just south of the tropic: the June noon sun stands almost overhead, a
    // little to the north; solar noon is about 12:29 Beijing time (113.26 E is 27 minutes of
    // rotation behind 120 E, and the June equation of time adds two).
    double best = -90;
    int bestMinute = 0;
    for (int minute = 11 * 60; minute <= 13 * 60; ++minute) {
        t.hour = minute / 60;
        t.minute = minute % 60;
        const SunPosition p = solarPosition(kGuangzhouLat, kGuangzhouLon, t);
        if (p.elevationDeg > best) {
            best = p.elevationDeg;
            bestMinute = minute;
        }
    }
    EXPECT_NEAR(best, 90 - (23.44 - kGuangzhouLat), 0.2);
    EXPECT_NEAR(bestMinute, 12 * 60 + 29, 3);
}

TEST(Sun, ParsesAndFormatsDatesAndTimes) {
    auto d = parseDate("2024-02-29");
    ASSERT_TRUE(d.ok()) << d.firstError();
    EXPECT_EQ(d->year, 2024);
    EXPECT_EQ(d->month, 2);
    EXPECT_EQ(d->day, 29);
    EXPECT_EQ(formatDate(d.value()), "2024-02-29");
    auto t = parseTime("07:05", d.value());
    ASSERT_TRUE(t.ok()) << t.firstError();
    EXPECT_EQ(t->hour, 7);
    EXPECT_EQ(t->minute, 5);
    EXPECT_EQ(t->day, 29) << "the date is kept";
    EXPECT_EQ(formatTime(t.value()), "07:05");
    EXPECT_TRUE(parseTime("23:59:30").ok());
}

TEST(Sun, RejectsWhatIsNoDateOrTime) {
    for (const char* bad :
         {"2025-02-29", "2026-13-01", "2026-06-31", "21.6.2026", "2026-06-21x", "", "1700-01-01"}) {
        const auto d = parseDate(bad);
        EXPECT_FALSE(d.ok()) << bad;
        if (!d.ok()) {
            EXPECT_FALSE(d.firstError().empty());
        }
    }
    for (const char* bad : {"24:00", "12:60", "noon", "12", "12:30pm", ""})
        EXPECT_FALSE(parseTime(bad).ok()) << bad;
}
