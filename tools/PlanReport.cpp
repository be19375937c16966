#include "PlanReport.h"

#include "HtmlReport.h"

#include <cctype>
#include <cstdio>
#include <map>
#include <sstream>

namespace cunjing::tools {

namespace {

using architecture::PlanChange;

/// A relative file path as an href: each byte outside the safe set percent-encoded.
std::string href(const std::string& path) {
    std::string out;
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_') {
            out += char(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

std::string fixed(double v, int decimals = 1) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

/// "中文 / English", or the one there is.
std::string both(const std::string& zh, const std::string& en) {
    if (zh.empty() || en.empty() || zh == en)
        return zh.empty() ? en : zh;
    return zh + " / " + en;
}

constexpr const char* kStyle = R"(
body { font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.6em; } h2 { border-bottom: 2px solid #9E2B25; padding-bottom: .2em; }
table { border-collapse: collapse; margin: .5em 0 1.5em; font-size: .9em; }
th, td { border: 1px solid #bbb; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #f0ede6; }
.pair { display: flex; gap: 1em; margin-bottom: 1em; }
.pair figure { margin: 0; flex: 1; }
.pair img { width: 100%; height: auto; border: 1px solid #999; }
figcaption { font-size: .85em; color: #555; }
.pass { color: #1F7A4D; font-weight: bold; } .fail { color: #C8372D; font-weight: bold; }
.error { color: #C8372D; } .warning { color: #A86B00; }
@media print {
  body { margin: 1cm; } section.alternative { page-break-before: always; }
  .pair { page-break-inside: avoid; } tr { page-break-inside: avoid; }
}
)";

/// Sets body data-images-loaded / data-images-total once every image has settled.
constexpr const char* kScript = R"(
window.addEventListener('load', function () {
  var images = Array.prototype.slice.call(document.images);
  document.body.dataset.imagesTotal = String(images.length);
  document.body.dataset.imagesLoaded = String(images.filter(function (img) {
    return img.complete && img.naturalWidth > 0;
  }).length);
});
)";

const scene::PlacedBuilding* existing(const scene::SceneData& data, const std::string& id) {
    for (const auto& p : data.placed) {
        if (p.sceneId == id)
            return &p;
    }
    return nullptr;
}

std::string kindName(PlanChange::Kind kind) {
    switch (kind) {
        case PlanChange::Kind::Modified:
            return "改造 modified";
        case PlanChange::Kind::Added:
            return "新建 added";
        case PlanChange::Kind::Removed:
            return "拆除 removed";
    }
    return "";
}

void writeImages(std::ostringstream& html, const PlanReport& r, std::size_t alt) {
    html << "<h3>效果对比 / Before and after</h3>\n";
    for (const ReportView& v : r.views) {
        html << "<div class=\"pair\">\n<figure><img src=\"" << escapeHtml(href(v.before))
             << "\" alt=\"before " << escapeHtml(v.name) << "\"><figcaption>现状 Before — "
             << escapeHtml(both(v.title.zh, v.title.en)) << "</figcaption></figure>\n"
             << "<figure><img src=\"" << escapeHtml(href(v.after[alt])) << "\" alt=\"after "
             << escapeHtml(v.name) << "\"><figcaption>整治后 After — "
             << escapeHtml(both(v.title.zh, v.title.en)) << "</figcaption></figure>\n</div>\n";
    }
}

void writeCounts(std::ostringstream& html, const ReportAlternative& a) {
    const ChangeCounts counts = countChanges(a.state.changes);
    html << "<h3>统计 / Counts</h3>\n<table><tr><th>改造 Modified</th><th>新建 Added</th>"
         << "<th>拆除 Removed</th></tr><tr><td>" << counts.modified << "</td><td>" << counts.added
         << "</td><td>" << counts.removed << "</td></tr></table>\n";
    if (counts.perAction.empty())
        return;
    html << "<table><tr><th>措施 Action</th><th>建筑数 Buildings</th></tr>\n";
    for (const auto& [action, n] : counts.perAction)
        html << "<tr><td>" << escapeHtml(action) << "</td><td>" << n << "</td></tr>\n";
    html << "</table>\n";
}

void writeChanges(std::ostringstream& html, const PlanReport& r, const ReportAlternative& a) {
    html << "<h3>变更清单 / Change list</h3>\n";
    if (a.state.changes.empty()) {
        html << "<p>无变更 / No changes.</p>\n";
        return;
    }
    html << "<table><tr><th>建筑 Building</th><th>名称 Name</th><th>类型 Typology</th>"
            "<th>变更 Change</th><th>措施 Actions</th></tr>\n";
    for (const PlanChange& ch : a.state.changes) {
        const scene::PlacedBuilding* p = ch.kind == PlanChange::Kind::Removed
                                             ? existing(*r.scene, ch.buildingId)
                                             : a.state.find(ch.buildingId);
        std::string actions;
        for (const auto& [key, value] : ch.actions)
            actions += (actions.empty() ? "" : ", ") + key + "=" + value;
        html << "<tr><td>" << escapeHtml(ch.buildingId) << "</td><td>"
             << escapeHtml(p ? p->name : "") << "</td><td>" << escapeHtml(p ? p->typology : "")
             << "</td><td>" << kindName(ch.kind) << "</td><td>" << escapeHtml(actions)
             << "</td></tr>\n";
    }
    html << "</table>\n";
}

void writeResults(std::ostringstream& html, const PlanReport& r, const ReportAlternative& a) {
    const bool pass = a.check.errors == 0;
    html << "<h3>规则检查 / Rule checks</h3>\n<p class=\"" << (pass ? "pass" : "fail") << "\">"
         << (pass ? "通过 PASS" : "不通过 FAIL") << ": " << a.check.errors << " 错误 errors, "
         << a.check.warnings << " 警告 warnings</p>\n";
    if (a.check.results.empty())
        return;
    html << "<table><tr><th>规则 Rule</th><th>级别 Severity</th><th>建筑 Building</th>"
            "<th>说明 Message</th><th>位置 Location (x, y m)</th></tr>\n";
    for (const heritage::RuleResult& res : a.check.results) {
        const heritage::PlanRuleSpec* spec = r.rules ? r.rules->rule(res.rule) : nullptr;
        const std::string severity = heritage::token(res.severity);
        html << "<tr class=\"" << severity << "\"><td>"
             << escapeHtml(spec && !spec->titleZh.empty() ? spec->titleZh + " (" + res.rule + ")"
                                                          : res.rule)
             << "</td><td>" << (res.severity == heritage::Severity::Error ? "错误 " : "警告 ")
             << severity << "</td><td>" << escapeHtml(res.buildingId) << "</td><td>"
             << escapeHtml(res.message) << "</td><td>" << fixed(res.x) << ", " << fixed(res.y)
             << "</td></tr>\n";
    }
    html << "</table>\n";
}

}  // namespace

ChangeCounts countChanges(const std::vector<PlanChange>& changes) {
    ChangeCounts c;
    std::map<std::string, int> perKey;
    for (const PlanChange& ch : changes) {
        (ch.kind == PlanChange::Kind::Modified ? c.modified
         : ch.kind == PlanChange::Kind::Added  ? c.added
                                               : c.removed) += 1;
        for (const auto& [key, value] : ch.actions)
            perKey[key] += 1;
    }
    for (const std::string& key : architecture::planActionKeys()) {
        if (auto it = perKey.find(key); it != perKey.end()) {
            c.perAction.emplace_back(key, it->second);
            perKey.erase(it);
        }
    }
    for (const auto& rest : perKey)  // keys outside the vocabulary ("remove" of a removal)
        c.perAction.push_back(rest);
    return c;
}

std::string planReportHtml(const PlanReport& r) {
    std::ostringstream html;
    const scene::SceneDescription& scene = r.scene->description;
    const std::string title = both(r.plan->titleZh, r.plan->titleEn);
    html << "<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n"
         << "<title>" << escapeHtml(title.empty() ? r.plan->id : title) << "</title>\n<style>"
         << kStyle << "</style>\n<script>" << kScript << "</script>\n</head>\n<body>\n";
    html << "<h1>圩镇整治方案报告 / Town plan report: "
         << escapeHtml(title.empty() ? r.plan->id : title)
         << "</h1>\n<table>\n<tr><th>方案 Plan</th><td>" << escapeHtml(r.plan->id) << " ("
         << escapeHtml(r.plan->file) << ")</td></tr>\n<tr><th>场景 Scene</th><td>"
         << escapeHtml(both(scene.name.zh, scene.name.en)) << " ("
         << escapeHtml(scene.file.string()) << ")</td></tr>\n<tr><th>规则 Rules</th><td>"
         << escapeHtml(r.rules ? r.rules->jurisdiction : "")
         << "</td></tr>\n<tr><th>图像 Images</th><td>" << r.width << "×" << r.height
         << "</td></tr>\n</table>\n";

    int failing = 0;
    html << "<h2>总结 / Summary</h2>\n<table><tr><th>比选方案 Alternative</th><th>改造 Modified"
            "</th><th>新建 Added</th><th>拆除 Removed</th><th>错误 Errors</th><th>警告 Warnings"
            "</th><th>结果 Result</th></tr>\n";
    for (const ReportAlternative& a : r.alternatives) {
        const ChangeCounts counts = countChanges(a.state.changes);
        const bool pass = a.check.errors == 0;
        failing += pass ? 0 : 1;
        html << "<tr><td>" << escapeHtml(a.alternative->id) << ": "
             << escapeHtml(both(a.alternative->titleZh, a.alternative->titleEn)) << "</td><td>"
             << counts.modified << "</td><td>" << counts.added << "</td><td>" << counts.removed
             << "</td><td>" << a.check.errors << "</td><td>" << a.check.warnings
             << "</td><td class=\"" << (pass ? "pass\">通过 PASS" : "fail\">不通过 FAIL")
             << "</td></tr>\n";
    }
    html << "</table>\n<p class=\"" << (failing ? "fail" : "pass") << "\">"
         << (failing
                 ? "有方案未通过规则检查 / " + std::to_string(failing) +
                       " alternative(s) fail the rule checks"
                 : std::string("全部方案通过规则检查 / every alternative passes the rule checks"))
         << "</p>\n";

    for (std::size_t i = 0; i < r.alternatives.size(); ++i) {
        const ReportAlternative& a = r.alternatives[i];
        html << "<section class=\"alternative\" id=\"alt-" << escapeHtml(a.alternative->id)
             << "\">\n<h2>方案 " << escapeHtml(a.alternative->id) << ": "
             << escapeHtml(both(a.alternative->titleZh, a.alternative->titleEn)) << "</h2>\n";
        writeImages(html, r, i);
        writeCounts(html, a);
        writeChanges(html, r, a);
        writeResults(html, r, a);
        html << "</section>\n";
    }
    html << "</body>\n</html>\n";
    return html.str();
}

}  // namespace cunjing::tools
