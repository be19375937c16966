#include <cunjing/geo/Sun.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace cunjing::geo {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

/// Julian day number of 0h UT of a Gregorian calendar date (Meeus, chapter 7).
double julianDayAtMidnight(int year, int month, int day) {
    if (month <= 2) {
        year -= 1;
        month += 12;
    }
    const double centuries = std::floor(year / 100.0);
    const double gregorian = 2 - centuries + std::floor(centuries / 4);
    return std::floor(365.25 * (year + 4716)) + std::floor(30.6001 * (month + 1)) + day +
           gregorian - 1524.5;
}

/// What the position needs of the sun at an instant: its declination and the equation of
/// time (apparent minus mean solar time), both from the sun's apparent ecliptic longitude.
struct SunAtInstant {
    double declinationDeg = 0;
    double equationOfTimeMin = 0;
};

SunAtInstant sunAt(double julianCenturies) {
    const double t = julianCenturies;
    const double meanLongitude = std::fmod(280.46646 + t * (36000.76983 + t * 0.0003032), 360.0);
    const double meanAnomaly = 357.52911 + t * (35999.05029 - 0.0001537 * t);
    const double eccentricity = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
    const double m = meanAnomaly * kDeg;
    const double centre = std::sin(m) * (1.914602 - t * (0.004817 + 0.000014 * t)) +
                          std::sin(2 * m) * (0.019993 - 0.000101 * t) + std::sin(3 * m) * 0.000289;
    // Nutation and aberration, through the longitude of the moon's ascending node.
    const double node = (125.04 - 1934.136 * t) * kDeg;
    const double apparentLongitude = (meanLongitude + centre - 0.00569 - 0.00478 * std::sin(node));
    const double meanObliquityArcsec = 21.448 - t * (46.8150 + t * (0.00059 - t * 0.001813));
    const double obliquity =
        23.0 + (26.0 + meanObliquityArcsec / 60.0) / 60.0 + 0.00256 * std::cos(node);

    SunAtInstant s;
    s.declinationDeg =
        std::asin(std::sin(obliquity * kDeg) * std::sin(apparentLongitude * kDeg)) / kDeg;
    const double y = std::pow(std::tan(obliquity * kDeg / 2), 2);
    const double l0 = meanLongitude * kDeg;
    const double eotRad = y * std::sin(2 * l0) - 2 * eccentricity * std::sin(m) +
                          4 * eccentricity * y * std::sin(m) * std::cos(2 * l0) -
                          0.5 * y * y * std::sin(4 * l0) -
                          1.25 * eccentricity * eccentricity * std::sin(2 * m);
    s.equationOfTimeMin = 4.0 * eotRad / kDeg;  // a degree of rotation is four minutes
    return s;
}

/// How much the atmosphere lifts the sun's image, in degrees, for its geometric elevation
/// (NOAA's piecewise fit: Saemundsson-style above 5 degrees, a polynomial near the horizon).
double refractionDeg(double elevationDeg) {
    if (elevationDeg > 85.0)
        return 0.0;
    const double te = std::tan(elevationDeg * kDeg);
    double arcsec = 0;
    if (elevationDeg > 5.0)
        arcsec = 58.1 / te - 0.07 / std::pow(te, 3) + 0.000086 / std::pow(te, 5);
    else if (elevationDeg > -0.575)
        arcsec =
            1735.0 +
            elevationDeg *
                (-518.2 + elevationDeg * (103.4 + elevationDeg * (-12.79 + elevationDeg * 0.711)));
    else
        arcsec = -20.774 / te;
    return arcsec / 3600.0;
}

}  // namespace

SunPosition solarPosition(double latitudeDeg, double longitudeDeg, const LocalDateTime& when) {
    const double minutesLocal = when.hour * 60.0 + when.minute + when.second / 60.0;
    const double julianDay = julianDayAtMidnight(when.year, when.month, when.day) +
                             minutesLocal / 1440.0 - when.utcOffsetHours / 24.0;
    const SunAtInstant sun = sunAt((julianDay - 2451545.0) / 36525.0);

    // True solar time at the place, then the hour angle (0 at solar noon, + afternoon).
    const double solarMinutes =
        minutesLocal + sun.equationOfTimeMin + 4.0 * longitudeDeg - 60.0 * when.utcOffsetHours;
    double hourAngleDeg = std::fmod(solarMinutes / 4.0 - 180.0, 360.0);
    if (hourAngleDeg < -180)
        hourAngleDeg += 360;
    else if (hourAngleDeg > 180)
        hourAngleDeg -= 360;

    const double phi = latitudeDeg * kDeg, delta = sun.declinationDeg * kDeg;
    const double h = hourAngleDeg * kDeg;
    const double sinElevation = std::clamp(
        std::sin(phi) * std::sin(delta) + std::cos(phi) * std::cos(delta) * std::cos(h), -1.0, 1.0);
    const double geometricElevation = std::asin(sinElevation) / kDeg;

    SunPosition p;
    // Azimuth from south, west positive, turned to clockwise from north.
    const double fromSouth =
        std::atan2(std::sin(h), std::cos(h) * std::sin(phi) - std::tan(delta) * std::cos(phi));
    p.azimuthDeg = std::fmod(fromSouth / kDeg + 180.0 + 360.0, 360.0);
    p.elevationDeg = geometricElevation + refractionDeg(geometricElevation);
    return p;
}

int daysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

Result<LocalDateTime> parseDate(const std::string& text, LocalDateTime into) {
    int y = 0, m = 0, d = 0, used = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 ||
        used != int(text.size()))
        return Error{"", "", "\"" + text + "\" is not a date: write YYYY-MM-DD, e.g. 2026-06-21"};
    if (y < 1800 || y > 2200)
        return Error{"", "", "year " + std::to_string(y) + " is outside 1800-2200"};
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m))
        return Error{"", "", "\"" + text + "\" is not a day of the calendar"};
    into.year = y;
    into.month = m;
    into.day = d;
    return into;
}

Result<LocalDateTime> parseTime(const std::string& text, LocalDateTime into) {
    int h = 0, m = 0, used = 0;
    double s = 0;
    const int n = std::sscanf(text.c_str(), "%2d:%2d%n:%lf%n", &h, &m, &used, &s, &used);
    if (n < 2 || used != int(text.size()))
        return Error{"", "", "\"" + text + "\" is not a time of day: write HH:MM, e.g. 15:30"};
    if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s >= 60)
        return Error{"", "", "\"" + text + "\" is not a time of day (00:00 to 23:59)"};
    into.hour = h;
    into.minute = m;
    into.second = n == 3 ? s : 0;
    return into;
}

std::string formatDate(const LocalDateTime& t) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", t.year, t.month, t.day);
    return text;
}

std::string formatTime(const LocalDateTime& t) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", t.hour, t.minute);
    return text;
}

}  // namespace cunjing::geo
