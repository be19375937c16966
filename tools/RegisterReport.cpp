// The register report: one stand-alone HTML page (inline SVG bar charts and a map, no
// scripts, no external files) of a tree or village register.

#include "RegisterReport.h"

#include "HtmlReport.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace cunjing::tools {

namespace {

using heritage::TreeRecord;
using heritage::VillageRecord;

std::string gradeName(heritage::TreeGrade g) {
    return heritage::gradeName(g, true);
}

using Counts = std::vector<std::pair<std::string, int>>;

template <typename R, typename F>
Counts countBy(const std::vector<R>& records, F key) {
    std::map<std::string, int> m;
    for (const R& r : records) {
        const std::string k = key(r);
        ++m[k.empty() ? "(未填 blank)" : k];
    }
    Counts out(m.begin(), m.end());
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return out;
}

/// A horizontal bar chart as inline SVG (no scripts, no external files: the page stands alone).
std::string barChart(const std::string& title, const Counts& counts, std::size_t most = 15) {
    const std::size_t n = std::min(counts.size(), most);
    const int top = counts.empty() ? 1 : std::max(1, counts.front().second);
    const int rowH = 22, labelW = 180, barW = 360;
    std::ostringstream s;
    s << "<h2>" << escapeHtml(title) << "</h2>\n<svg xmlns='http://www.w3.org/2000/svg' width='"
      << labelW + barW + 70 << "' height='" << rowH * n + 10 << "'>\n";
    for (std::size_t i = 0; i < n; ++i) {
        const int y = int(i) * rowH + 4;
        const int w = std::max(1, counts[i].second * barW / top);
        s << "<text x='" << labelW - 6 << "' y='" << y + 15 << "' text-anchor='end'>"
          << escapeHtml(counts[i].first) << "</text><rect x='" << labelW << "' y='" << y
          << "' width='" << w << "' height='" << rowH - 6 << "' fill='#5b7f5b'/><text x='"
          << labelW + w + 6 << "' y='" << y + 15 << "'>" << counts[i].second << "</text>\n";
    }
    s << "</svg>\n";
    if (counts.size() > most)
        s << "<p>... and " << counts.size() - most << " more</p>\n";
    return s.str();
}

struct MapPoint {
    double lon = 0, lat = 0;
    std::string colour, label;
};

/// The records on a map: an equirectangular plot (longitude squeezed by cos(latitude)) with a
/// graticule every degree, as inline SVG; hover shows each point's label.
std::string mapImage(const std::vector<MapPoint>& points) {
    if (points.empty())
        return "<p>No records with coordinates.</p>\n";
    double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;
    for (const auto& p : points) {
        x0 = std::min(x0, p.lon), x1 = std::max(x1, p.lon);
        y0 = std::min(y0, p.lat), y1 = std::max(y1, p.lat);
    }
    const double pad = 0.05 * std::max({x1 - x0, y1 - y0, 0.02});
    x0 -= pad, x1 += pad, y0 -= pad, y1 += pad;
    const double squeeze = std::cos(0.5 * (y0 + y1) * 3.14159265358979 / 180.0);
    const double width = 720;
    const double scale = width / ((x1 - x0) * squeeze);
    const double height = (y1 - y0) * scale;
    std::ostringstream s;
    s << "<h2>分布图 Map</h2>\n<svg xmlns='http://www.w3.org/2000/svg' width='" << width
      << "' height='" << height << "' style='background:#eef3ea'>\n";
    for (double lon = std::ceil(x0); lon <= x1; lon += 1)
        s << "<line x1='" << (lon - x0) * squeeze * scale << "' y1='0' x2='"
          << (lon - x0) * squeeze * scale << "' y2='" << height << "' stroke='#c8d3c2'/><text x='"
          << (lon - x0) * squeeze * scale + 2 << "' y='12' font-size='10'>" << lon << "°E</text>\n";
    for (double lat = std::ceil(y0); lat <= y1; lat += 1)
        s << "<line x1='0' y1='" << (y1 - lat) * scale << "' x2='" << width << "' y2='"
          << (y1 - lat) * scale << "' stroke='#c8d3c2'/><text x='2' y='" << (y1 - lat) * scale - 2
          << "' font-size='10'>" << lat << "°N</text>\n";
    for (const auto& p : points)
        s << "<circle cx='" << (p.lon - x0) * squeeze * scale << "' cy='" << (y1 - p.lat) * scale
          << "' r='3' fill='" << p.colour << "'><title>" << escapeHtml(p.label)
          << "</title></circle>\n";
    s << "</svg>\n";
    return s.str();
}

std::string gradeColour(heritage::TreeGrade g) {
    switch (g) {
        case heritage::TreeGrade::One:
            return "#c0392b";
        case heritage::TreeGrade::Two:
            return "#e67e22";
        case heritage::TreeGrade::Three:
            return "#b7a21b";
        case heritage::TreeGrade::Famous:
            return "#8e44ad";
        case heritage::TreeGrade::None:
            break;
    }
    return "#7f8c8d";
}

std::string vigourName(heritage::Vigour v) {
    switch (v) {
        case heritage::Vigour::Normal:
            return "正常 normal";
        case heritage::Vigour::Weak:
            return "衰弱 weak";
        case heritage::Vigour::Endangered:
            return "濒危 endangered";
        case heritage::Vigour::Dead:
            return "死亡 dead";
        case heritage::Vigour::Unknown:
            break;
    }
    return "未知 unknown";
}

template <typename R>
std::string reportBody(const std::vector<R>& records, const heritage::Rules& rules) {
    std::string body;
    std::vector<MapPoint> points;
    if constexpr (std::is_same_v<R, TreeRecord>) {
        body += barChart("按等级 By grade", countBy(records, [&](const TreeRecord& t) {
                             return gradeName(rules.grade(t));
                         }));
        body += barChart("按树种 By species",
                         countBy(records, [](const TreeRecord& t) { return t.speciesCn; }));
        body +=
            barChart("按生长势 By vigour",
                     countBy(records, [](const TreeRecord& t) { return vigourName(t.vigour); }));
        body += barChart("按镇街 By town",
                         countBy(records, [](const TreeRecord& t) { return t.town; }));
        for (const TreeRecord& t : records) {
            if (t.lon != 0 || t.lat != 0)
                points.push_back({t.lon, t.lat, gradeColour(rules.grade(t)),
                                  t.id + " " + t.speciesCn + " " + gradeName(rules.grade(t))});
        }
    } else {
        body += barChart("按批次 By batch", countBy(records, [](const VillageRecord& v) {
                             return v.batch > 0 ? "第" + std::to_string(v.batch) + "批 (" +
                                                      std::to_string(v.year) + ")"
                                                : std::string();
                         }));
        body += barChart("按地市 By city",
                         countBy(records, [](const VillageRecord& v) { return v.city; }));
        body += barChart("按区县 By county",
                         countBy(records, [](const VillageRecord& v) { return v.county; }));
        for (const VillageRecord& v : records) {
            if (v.lon != 0 || v.lat != 0)
                points.push_back({v.lon, v.lat, "#a0522d", v.name + " " + v.county});
        }
    }
    return body + mapImage(points);
}

template <typename R>
std::string reportHtml(const std::vector<R>& records, const heritage::Rules& rules,
                       const std::string& target) {
    constexpr bool trees = std::is_same_v<R, TreeRecord>;
    const std::string title =
        trees ? "古树名木报告 Ancient trees report" : "传统村落报告 Traditional villages report";
    std::ostringstream html;
    html << "<!DOCTYPE html>\n<html lang='zh'>\n<head><meta charset='utf-8'><title>" << title
         << "</title>\n<style>body{font-family:'Noto Sans CJK SC',sans-serif;margin:2em;}"
            "svg text{font-size:13px;}</style></head>\n<body>\n<h1>"
         << title << "</h1>\n<p>" << records.size() << (trees ? " trees" : " villages") << " in "
         << escapeHtml(target) << ", " << escapeHtml(rules.jurisdiction) << " rules.</p>\n"
         << reportBody(records, rules) << "</body>\n</html>\n";
    return html.str();
}

}  // namespace

std::string registerReportHtml(const std::vector<heritage::TreeRecord>& records,
                               const heritage::Rules& rules, const std::string& target) {
    return reportHtml(records, rules, target);
}

std::string registerReportHtml(const std::vector<heritage::VillageRecord>& records,
                               const heritage::Rules& rules, const std::string& target) {
    return reportHtml(records, rules, target);
}

}  // namespace cunjing::tools
