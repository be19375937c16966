// Validation and clamping of 三间两廊 parameters: one table of ranges serves both, so the
// generator never builds from values that validate() would reject without saying so.
#include <cunjing/architecture/LingnanHouse.h>

#include "HouseParams.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace cunjing::architecture {

namespace {

using P = SanjianLianglangParams;

struct Range {
    const char* name;
    double P::*field;
    double lo, hi;
};

// Wide sanity ranges, not domain.md's typical ranges: odd but buildable houses are allowed.
constexpr Range kRanges[] = {
    {"hallBay", &P::hallBay, 1.0, 20.0},
    {"sideBay", &P::sideBay, 1.0, 20.0},
    {"mainDepth", &P::mainDepth, 2.0, 30.0},
    {"courtyardDepth", &P::courtyardDepth, 1.0, 20.0},
    {"wingDepth", &P::wingDepth, 0.5, 20.0},
    {"eaveHeight", &P::eaveHeight, 1.5, 20.0},
    {"ridgeHeight", &P::ridgeHeight, 2.0, 30.0},
    {"wingEaveHeight", &P::wingEaveHeight, 1.5, 20.0},
    {"wingRoofRise", &P::wingRoofRise, 0.0, 5.0},
    {"roofOverhang", &P::roofOverhang, 0.0, 2.0},
    {"roofThickness", &P::roofThickness, 0.02, 0.5},
    {"roofSag", &P::roofSag, 0.0, 1.0},
    {"ridgeCapHeight", &P::ridgeCapHeight, 0.0, 1.0},
    {"wallThickness", &P::wallThickness, 0.1, 1.5},
    {"plinthHeight", &P::plinthHeight, 0.0, 2.0},
    {"foundationDepth", &P::foundationDepth, 0.0, 20.0},
    {"wokEarRise", &P::wokEarRise, 0.3, 5.0},
    {"wokEarWidth", &P::wokEarWidth, 0.1, 0.8},
    {"gableClearance", &P::gableClearance, 0.05, 2.0},
    {"gableCapBand", &P::gableCapBand, 0.02, 1.0},
    {"eaveFrieze", &P::eaveFrieze, 0.0, 2.0},
    {"doorWidth", &P::doorWidth, 0.5, 3.0},
    {"doorHeight", &P::doorHeight, 1.5, 5.0},
    {"hallOpeningWidth", &P::hallOpeningWidth, 0.5, 10.0},
    {"hallOpeningHeight", &P::hallOpeningHeight, 1.5, 10.0},
    {"tileRowSpacing", &P::tileRowSpacing, 0.0, 2.0},
    {"backWindowWidth", &P::backWindowWidth, 0.0, 2.0},
};

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

/// Upper and lower limits that depend on other fields, e.g. the ridge must clear the eaves.
struct Dependent {
    const char* name;
    double value, lo, hi;
    const char* why;
};

std::vector<Dependent> dependentLimits(const P& p) {
    const double width = p.hallBay + 2 * p.sideBay;
    return {
        {"ridgeHeight", p.ridgeHeight, p.eaveHeight + 0.5, 1e9, "eaveHeight + 0.5"},
        {"wingDepth", p.wingDepth, 0, (width - 1.0) / 2, "leaves a courtyard 1 m wide"},
        {"wallThickness", p.wallThickness, 0, std::min(p.sideBay, p.wingDepth) / 3,
         "a third of sideBay and wingDepth"},
        {"wingEaveHeight", p.wingEaveHeight, p.plinthHeight + p.roofThickness + p.doorHeight + 0.1,
         1e9, "room for the door above the plinth"},
        {"doorWidth", p.doorWidth, 0, std::min(p.courtyardDepth, width - 2 * p.wingDepth) - 0.4,
         "fits the wing's outer wall"},
        {"hallOpeningWidth", p.hallOpeningWidth, 0, p.hallBay - 0.2, "hallBay - 0.2"},
        {"hallOpeningHeight", p.hallOpeningHeight, 0,
         p.eaveHeight - p.eaveFrieze - p.plinthHeight - 0.1, "below the eave frieze"},
    };
}

Error rangeError(const std::string& name, double value, const std::string& lo,
                 const std::string& hi) {
    return Error{"", name, name + " is " + number(value) + "; allowed range is " + lo + ".." + hi};
}

}  // namespace

std::vector<Error> houseParamErrors(const SanjianLianglangParams& p, const std::string& prefix) {
    std::vector<Error> errors;
    for (const Range& r : kRanges) {
        const double v = p.*r.field;
        if (!(v >= r.lo && v <= r.hi)) {
            errors.push_back(rangeError(prefix + r.name, v, number(r.lo), number(r.hi)));
        }
    }
    if (p.curveSegments < 2 || p.curveSegments > 64) {
        errors.push_back(rangeError(prefix + "curveSegments", p.curveSegments, "2", "64"));
    }
    if (!errors.empty())
        return errors;  // dependent limits only make sense on sane inputs
    for (const Dependent& d : dependentLimits(p)) {
        if (d.value < d.lo || d.value > d.hi) {
            const std::string lo = number(d.lo), hi = d.hi >= 1e9 ? "" : number(d.hi);
            Error e = rangeError(prefix + d.name, d.value, lo, hi);
            e.message += std::string(" (") + d.why + ")";
            errors.push_back(std::move(e));
        }
    }
    return errors;
}

SanjianLianglangParams sanitized(SanjianLianglangParams p) {
    for (const Range& r : kRanges) {
        double& v = p.*r.field;
        v = (v >= r.lo) ? std::min(v, r.hi) : r.lo;  // NaN fails the test and becomes lo
    }
    p.curveSegments = std::clamp(p.curveSegments, 2, 64);
    // Raise or shrink dependants in an order where earlier fixes cannot break later ones.
    const double width = p.hallBay + 2 * p.sideBay;
    p.ridgeHeight = std::max(p.ridgeHeight, p.eaveHeight + 0.5);
    p.wingDepth = std::min(p.wingDepth, (width - 1.0) / 2);
    p.wallThickness = std::min(p.wallThickness, std::min(p.sideBay, p.wingDepth) / 3);
    p.wingEaveHeight =
        std::max(p.wingEaveHeight, p.plinthHeight + p.roofThickness + p.doorHeight + 0.1);
    p.doorWidth = std::min(p.doorWidth, std::min(p.courtyardDepth, width - 2 * p.wingDepth) - 0.4);
    p.hallOpeningWidth = std::min(p.hallOpeningWidth, p.hallBay - 0.2);
    p.eaveHeight = std::max(p.eaveHeight, p.plinthHeight + p.eaveFrieze + 1.6);
    p.ridgeHeight = std::max(p.ridgeHeight, p.eaveHeight + 0.5);
    p.hallOpeningHeight =
        std::min(p.hallOpeningHeight, p.eaveHeight - p.eaveFrieze - p.plinthHeight - 0.1);
    return p;
}

Status validate(const SanjianLianglangParams& params) {
    std::vector<Error> errors = houseParamErrors(params, "");
    if (!errors.empty())
        return Status::failure(std::move(errors));
    return Done{};
}

Footprint footprintOf(const SanjianLianglangParams& params) {
    const SanjianLianglangParams p = sanitized(params);
    return {p.hallBay + 2 * p.sideBay, p.courtyardDepth + p.mainDepth + p.roofOverhang};
}

}  // namespace cunjing::architecture
