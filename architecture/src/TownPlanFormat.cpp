// Writing town plan files (TownPlan.h) the way a person writes them: two-space indent, an
// intervention's selection, set and note one to a line, short lists on one line and long
// ones wrapped under their first item, so the plan editor's output stays hand-editable.

#include <cunjing/architecture/TownPlan.h>

#include "TownPlanVocabulary.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace cunjing::architecture {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kWidth = 100;  // the repository's line width (.clang-format)

std::string quoted(const std::string& s) {
    // replace: a plan built in memory (the editor) may carry bad UTF-8 in a note; writing it
    // must not throw.
    return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// Shortest text that reads back as the same double; whole numbers without ".0".
std::string number(double v) {
    if (v == std::floor(v) && std::fabs(v) < 1e15) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.0f", v);
        return std::string(buf) == "-0" ? "0" : buf;
    }
    return nlohmann::json(v).dump();
}

/// Display columns, counting a UTF-8 sequence as one (Chinese notes would count 3 each).
std::size_t columns(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

/// The last line's width of a text that may span lines.
std::size_t lastLineColumns(const std::string& s) {
    const auto nl = s.rfind('\n');
    return columns(nl == std::string::npos ? s : s.substr(nl + 1));
}

/// open atom, atom, ... close, starting at column `col`, wrapped so continuation lines
/// start under the first atom.
std::string wrapped(const std::vector<std::string>& atoms, char open, char close, std::size_t col) {
    std::string out(1, open);
    std::size_t at = col + 1;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        const std::size_t tail = i + 1 == atoms.size() ? 2 : 1;  // close and comma, or comma
        if (i > 0) {
            out += ',';
            if (at + 2 + columns(atoms[i]) + tail > kWidth) {
                out += '\n' + std::string(col + 1, ' ');
                at = col + 1;
            } else {
                out += ' ';
                at += 2;
            }
        }
        out += atoms[i];
        at = atoms[i].find('\n') == std::string::npos ? at + columns(atoms[i])
                                                      : lastLineColumns(atoms[i]);
    }
    return out + close;
}

std::string oneLine(const std::vector<std::string>& atoms, char open, char close) {
    std::string out(1, open);
    for (std::size_t i = 0; i < atoms.size(); ++i)
        out += (i ? ", " : "") + atoms[i];
    return out + close;
}

std::string point(const Point2& p) {
    return "[" + number(p.x) + ", " + number(p.y) + "]";
}

std::vector<std::string> quotedAll(const std::vector<std::string>& items) {
    std::vector<std::string> out;
    for (const std::string& s : items)
        out.push_back(quoted(s));
    return out;
}

std::string title(const std::string& zh, const std::string& en) {
    std::vector<std::string> atoms;
    if (!zh.empty())
        atoms.push_back("\"zh\": " + quoted(zh));
    if (!en.empty())
        atoms.push_back("\"en\": " + quoted(en));
    return oneLine(atoms, '{', '}');
}

/// The "select" object starting at column col: one line when it fits, else one key a line.
std::string selection(const PlanSelection& s, std::size_t col) {
    // ids stay a list even with one entry (the key is plural); the others are a plain
    // string when they name one value, as people write them.
    struct Item {
        std::string key;
        std::vector<std::string> atoms;
        bool list;
    };
    std::vector<Item> items;
    const auto add = [&](const char* key, const std::vector<std::string>& values, bool list) {
        if (!values.empty())
            items.push_back({key, quotedAll(values), list || values.size() > 1});
    };
    add("ids", s.ids, true);
    add("group", s.groups, false);
    add("style", s.styles, false);
    add("typology", s.typologies, false);
    add("roof", s.roofs, false);
    add("zone", s.zones, false);
    if (!s.within.empty()) {
        Item w{"within", {}, true};
        for (const Point2& p : s.within)
            w.atoms.push_back(point(p));
        items.push_back(std::move(w));
    }
    std::vector<std::string> flat;
    for (const Item& i : items)
        flat.push_back(quoted(i.key) + ": " +
                       (i.list ? oneLine(i.atoms, '[', ']') : i.atoms.front()));
    const std::string line = oneLine(flat, '{', '}');
    if (col + columns(line) + 1 <= kWidth)
        return line;
    std::string out = "{";
    for (std::size_t n = 0; n < items.size(); ++n) {
        const Item& i = items[n];
        const std::string head = quoted(i.key) + ": ";
        if (n > 0)
            out += ",\n" + std::string(col + 1, ' ');
        out +=
            head + (i.list ? wrapped(i.atoms, '[', ']', col + 1 + columns(head)) : i.atoms.front());
    }
    return out + "}";
}

std::vector<std::string> actionAtoms(const std::vector<PlanAction>& set) {
    std::vector<std::string> atoms;
    for (const auto& [key, value] : set)
        atoms.push_back(quoted(key) + ": " +
                        (detail::isBooleanAction(key) ? value : quoted(value)));
    return atoms;
}

/// {"select": ...,
///  "set": ...,
///  "note": "..."} at column col (select and set on one line when both are short).
std::string intervention(const PlanIntervention& i, std::size_t col) {
    const std::string pad(col + 1, ' ');
    std::string out = "{\"select\": " + selection(i.select, col + 11);
    // A short selection and set share a line, as people write them.
    const std::string set = oneLine(actionAtoms(i.set), '{', '}');
    if (out.find('\n') == std::string::npos && col + columns(out) + 9 + columns(set) + 2 <= kWidth)
        out += ", \"set\": " + set;
    else
        out += ",\n" + pad + "\"set\": " + wrapped(actionAtoms(i.set), '{', '}', col + 8);
    if (!i.note.empty())
        out += ",\n" + pad + "\"note\": " + quoted(i.note);
    return out + "}";
}

std::string addition(const PlanAddition& a, std::size_t col) {
    std::vector<std::string> atoms{"\"id\": " + quoted(a.id), "\"style\": " + quoted(a.style),
                                   "\"typology\": " + quoted(a.typology), "\"at\": " + point(a.at),
                                   "\"facing\": " + number(a.facingDeg)};
    if (a.storeys > 0)
        atoms.push_back("\"storeys\": " + std::to_string(a.storeys));
    atoms.push_back("\"seed\": " + std::to_string(a.seed));
    if (!a.set.empty())
        atoms.push_back("\"set\": " + oneLine(actionAtoms(a.set), '{', '}'));
    return wrapped(atoms, '{', '}', col);
}

void alternative(const PlanAlternative& a, std::string& out) {
    const std::string pad6(6, ' '), pad8(8, ' ');
    out += "    {\n" + pad6 + "\"id\": " + quoted(a.id);
    if (!a.titleZh.empty() || !a.titleEn.empty())
        out += ",\n" + pad6 + "\"title\": " + title(a.titleZh, a.titleEn);
    // Interventions are always written, even none, so a new alternative shows where they go.
    out += ",\n" + pad6 + "\"interventions\": [";
    for (std::size_t i = 0; i < a.interventions.size(); ++i)
        out += (i ? ",\n" : "\n") + pad8 + intervention(a.interventions[i], 8);
    out += a.interventions.empty() ? "]" : "\n" + pad6 + "]";
    if (!a.add.empty()) {
        out += ",\n" + pad6 + "\"add\": [";
        for (std::size_t i = 0; i < a.add.size(); ++i)
            out += (i ? ",\n" : "\n") + pad8 + addition(a.add[i], 8);
        out += "\n" + pad6 + "]";
    }
    if (!a.remove.empty())
        out += ",\n" + pad6 +
               "\"remove\": " + wrapped(quotedAll(a.remove), '[', ']', pad6.size() + 10);
    out += "\n    }";
}

}  // namespace

std::string formatTownPlan(const TownPlan& plan) {
    std::string out = "{\n  \"format\": \"cunjing-plan 1\"";
    if (!plan.id.empty())
        out += ",\n  \"id\": " + quoted(plan.id);
    if (!plan.titleZh.empty() || !plan.titleEn.empty())
        out += ",\n  \"title\": " + title(plan.titleZh, plan.titleEn);
    out += ",\n  \"alternatives\": [";
    for (std::size_t i = 0; i < plan.alternatives.size(); ++i) {
        out += i ? ",\n" : "\n";
        alternative(plan.alternatives[i], out);
    }
    out += plan.alternatives.empty() ? "]" : "\n  ]";
    return out + "\n}\n";
}

Status writeTownPlan(const TownPlan& plan, const std::string& path) {
    const fs::path target(path);
    const fs::path folder = target.parent_path();
    std::error_code ec;
    if (!folder.empty() && !fs::is_directory(folder, ec))
        return Error{path, "",
                     "cannot save the plan: the folder '" + folder.string() +
                         "' does not exist; create it or save elsewhere"};
    // Written beside the target and renamed, so a crash or a full disk never leaves a
    // half-written plan where the good one was.
    const fs::path temporary = fs::path(path + ".tmp");
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out)
            return Error{path, "", "cannot write '" + temporary.string() + "' (permissions?)"};
        out << formatTownPlan(plan);
        out.flush();
        if (!out) {
            out.close();
            fs::remove(temporary, ec);
            return Error{path, "", "writing '" + temporary.string() + "' failed (disk full?)"};
        }
    }
    fs::rename(temporary, target, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        return Error{path, "", "cannot replace the plan file: " + ec.message()};
    }
    return Done{};
}

}  // namespace cunjing::architecture
