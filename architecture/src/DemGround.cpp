// Ground heights for the layout generators from a DEM: terrain::HeightQuery reads only the
// pixels each sample needs, so a layout on a national DEM costs a few hundred small reads.

#include <cunjing/architecture/VillageLayouts.h>

#include <cunjing/terrain/Dem.h>
#include <cunjing/terrain/HeightQuery.h>

#include <cstdio>
#include <memory>

namespace cunjing::architecture {

namespace {

std::string extentText(const terrain::DemInfo& info) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "x %.1f..%.1f, y %.1f..%.1f", info.extent[0], info.extent[2],
                  info.extent[1], info.extent[3]);
    return std::string(buf) + (info.crs.empty() ? "" : " in " + info.crs);
}

}  // namespace

Result<GroundSampler> demGroundSampler(const std::string& demPath, const geo::Crs& siteCrs,
                                       double siteX, double siteY) {
    if (!siteCrs.isProjected())
        return Error{
            "", "site CRS",
            siteCrs.shortName() + " is not projected; give the site in metres (e.g. EPSG:4547)"};
    auto query = terrain::HeightQuery::open(demPath);
    if (!query)
        return Result<GroundSampler>::failure(query.errors());
    auto site = query->heightAt(siteX, siteY, siteCrs);
    if (!site) {
        auto info = terrain::inspectDem(demPath);
        char at[96];
        std::snprintf(at, sizeof at, "%.3f,%.3f", siteX, siteY);
        const std::string why = site.errors()[0].message;
        const bool outside = why.find("outside") != std::string::npos;
        return Error{
            demPath, "",
            "site " + std::string(at) + " (" + siteCrs.shortName() + ") " +
                (outside ? "is outside the DEM" : "has no height in the DEM (" + why + ")") +
                (info ? "; the DEM covers " + extentText(info.value()) : "")};
    }
    // std::function copies its target: the query (move-only, not thread-safe) is shared.
    auto shared = std::make_shared<terrain::HeightQuery>(std::move(query.value()));
    auto crs = std::make_shared<geo::Crs>(siteCrs);
    return GroundSampler(
        [shared, crs, siteX, siteY](double dx, double dy) -> std::optional<double> {
            auto h = shared->heightAt(siteX + dx, siteY + dy, *crs);
            if (!h)
                return std::nullopt;
            return h->height;
        });
}

}  // namespace cunjing::architecture
