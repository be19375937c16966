#pragma once
/// Where the sun stands: NOAA's solar position algorithm (the one behind the NOAA Global
/// Monitoring Laboratory's solar calculator, after Meeus, "Astronomical Algorithms"), good to
/// about 0.01 degree between 1800 and 2100, with its refraction correction near the horizon.
/// Hand-written: the stack has no packaged solar position library, and the algorithm is a
/// page of arithmetic.

#include <cunjing/geo/Result.h>

#include <string>

namespace cunjing::geo {

/// A civil date and clock time in a fixed offset from UTC (China: +8, no daylight saving).
struct LocalDateTime {
    int year = 2026, month = 6, day = 21;
    int hour = 12, minute = 0;
    double second = 0;
    double utcOffsetHours = 8;
};

struct SunPosition {
    double azimuthDeg = 0;    ///< clockwise from true north, 0..360
    double elevationDeg = 0;  ///< above the horizon, refraction included; negative at night
};

/// The sun seen from latitude/longitude (degrees, east and north positive; CGCS2000 and WGS84
/// differ far below this algorithm's accuracy) at `when`.
SunPosition solarPosition(double latitudeDeg, double longitudeDeg, const LocalDateTime& when);

/// "2026-06-21" into year, month, day of `into`; errors say what is wrong.
Result<LocalDateTime> parseDate(const std::string& text, LocalDateTime into = {});
/// "15:30" (or "15:30:20") into hour, minute, second of `into`.
Result<LocalDateTime> parseTime(const std::string& text, LocalDateTime into = {});
/// "2026-06-21" and "15:30" back.
std::string formatDate(const LocalDateTime& t);
std::string formatTime(const LocalDateTime& t);

/// Days in a month of a year of the Gregorian calendar.
int daysInMonth(int year, int month);

}  // namespace cunjing::geo
