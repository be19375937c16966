// Reads a style file and checks it against the generators' schemas, collecting every
// problem with its JSON path and the values that would be allowed.
#include <cunjing/architecture/Style.h>

#include "Generators.h"
#include "StyleJson.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace cunjing::architecture {

namespace detail {

namespace {

int materialIndex(const Style& s, const std::string& id) {
    for (std::size_t i = 0; i < s.materials.size(); ++i) {
        if (s.materials[i].id == id)
            return static_cast<int>(i);
    }
    return -1;
}

std::vector<std::string> materialIds(const Style& s) {
    std::vector<std::string> ids;
    for (const Material& m : s.materials)
        ids.push_back(m.id);
    return ids;
}

}  // namespace

/// A palette role: one material id or a list of them.
bool parseMaterialRefs(Checker& c, const Style& s, const json& v, const std::string& path,
                       std::vector<MaterialId>& out) {
    std::vector<std::string> ids;
    if (v.is_string()) {
        ids.push_back(v.get<std::string>());
    } else if (v.is_array() && !v.empty() &&
               std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_string(); })) {
        for (const json& e : v)
            ids.push_back(e.get<std::string>());
    } else {
        c.fail(path,
               "expected a material id or a list of them; allowed: " + joined(materialIds(s)));
        return false;
    }
    bool ok = true;
    for (const std::string& id : ids) {
        const int i = materialIndex(s, id);
        if (i < 0) {
            c.fail(path, "unknown material '" + id + "'; allowed: " + joined(materialIds(s)));
            ok = false;
        } else {
            out.push_back(static_cast<MaterialId>(i));
        }
    }
    return ok;
}

void parsePalette(Checker& c, const Style& s, const json& obj, const std::string& path,
                  bool requireAll, std::map<std::string, std::vector<MaterialId>>& out) {
    const std::vector<std::string>& roles = materialRoles();
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (std::find(roles.begin(), roles.end(), it.key()) == roles.end()) {
            c.fail(path + "." + it.key(), "unknown material role; allowed: " + joined(roles));
            continue;
        }
        std::vector<MaterialId> ids;
        if (parseMaterialRefs(c, s, *it, path + "." + it.key(), ids))
            out[it.key()] = ids;
    }
    if (!requireAll)
        return;
    for (const std::string& role : roles) {
        if (!obj.contains(role))
            c.fail(path + "." + role, "missing; expected a material id of this style");
    }
}

/// Object members of `over` replace or, for objects, merge into those of `base`.
json merged(json base, const json& over, int depth) {
    if (!base.is_object() || !over.is_object() || depth == 0)
        return over;
    for (auto it = over.begin(); it != over.end(); ++it) {
        if (base.contains(it.key()))
            base[it.key()] = merged(base[it.key()], *it, depth - 1);
        else
            base[it.key()] = *it;
    }
    return base;
}

}  // namespace detail

namespace {

using namespace detail;

void parseMaterials(Checker& c, const json& root, Style& s) {
    const json* mats = c.object(root, "materials", "$");
    if (!mats)
        return;
    for (auto it = mats->begin(); it != mats->end(); ++it) {
        const std::string path = "$.materials." + it.key();
        Material m;
        m.id = it.key();
        std::string hex;
        c.text(*it, "name", path, m.name);
        c.text(*it, "surface", path, m.surface);
        if (c.text(*it, "color", path, hex) && !geo::parseHexColor(hex, m.color)) {
            c.fail(path + ".color", "'" + hex + "' is not a colour; expected \"#RRGGBB\" (hex)");
        }
        s.materials.push_back(m);
    }
}

void parseGables(Checker& c, const json& root, Style& s) {
    const json* gables = c.object(root, "gables", "$");
    if (!gables)
        return;
    static const std::vector<std::string> kKinds{"follow-roof", "wok-ear", "crown"};
    for (auto it = gables->begin(); it != gables->end(); ++it) {
        const std::string path = "$.gables." + it.key();
        GableProfileSpec g;
        g.id = it.key();
        c.text(*it, "name", path, g.name);
        std::string kind;
        if (c.choice(*it, "kind", path, kKinds, kind)) {
            g.kind = kind == "wok-ear" ? GableKind::WokEar
                     : kind == "crown" ? GableKind::Crown
                                       : GableKind::FollowRoof;
        }
        if (c.num(*it, "earWidth", path, g.earWidth, false) &&
            !(g.earWidth >= 0.1 && g.earWidth <= 0.8)) {
            c.fail(path + ".earWidth", "is " + number(g.earWidth) + "; allowed range is 0.1..0.8");
        }
        if (const json* smooth = c.member(*it, "smooth", path, false, "true or false")) {
            if (smooth->is_boolean())
                g.smooth = smooth->get<bool>();
            else
                c.fail(path + ".smooth", "expected true or false");
        }
        const json* crown = c.member(*it, "crown", path, g.kind == GableKind::Crown,
                                     "a list of [share, metres] points");
        if (crown) {
            if (!crown->is_array() || crown->size() < 2) {
                c.fail(path + ".crown", "expected at least two [share, metres] points");
            } else {
                for (std::size_t i = 0; i < crown->size(); ++i) {
                    const json& p = (*crown)[i];
                    const std::string pp = path + ".crown[" + std::to_string(i) + "]";
                    if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number()) {
                        c.fail(pp, "expected [share, metres]");
                        continue;
                    }
                    const Point2 q{p[0].get<double>(), p[1].get<double>()};
                    const double prev = g.crown.empty() ? -1 : g.crown.back().x;
                    if (!(q.x >= 0 && q.x <= 1) || q.x <= prev) {
                        c.fail(pp, "share " + number(q.x) +
                                       " must lie in 0..1 and grow from point to point");
                    } else if (!(q.y >= -10 && q.y <= 5)) {
                        c.fail(pp, "height " + number(q.y) + " m; allowed range is -10..5");
                    }
                    g.crown.push_back(q);
                }
            }
        }
        s.gables.push_back(g);
    }
}

void parseRoofs(Checker& c, const json& root, Style& s) {
    const json* roofs = c.object(root, "roofs", "$");
    if (!roofs)
        return;
    static const std::vector<std::string> kForms{"hard-gable", "hip-and-gable", "flat"};
    for (auto it = roofs->begin(); it != roofs->end(); ++it) {
        const std::string path = "$.roofs." + it.key();
        RoofSpec r;
        r.id = it.key();
        c.text(*it, "name", path, r.name);
        std::string form;
        if (c.choice(*it, "form", path, kForms, form)) {
            r.form = form == "hip-and-gable" ? RoofForm::HipAndGable
                     : form == "flat"        ? RoofForm::Flat
                                             : RoofForm::HardGable;
        }
        s.roofs.push_back(r);
    }
}

void parseOrnaments(Checker& c, const json& root, Style& s) {
    const json* ornaments = c.object(root, "ornaments", "$");
    if (!ornaments)
        return;
    static const std::vector<std::string> kKinds{"plain", "moulded", "mosaic"};
    static const std::vector<std::string> kEnds{"none", "curl", "swallowtail", "dragon"};
    for (auto it = ornaments->begin(); it != ornaments->end(); ++it) {
        const std::string path = "$.ornaments." + it.key();
        OrnamentSpec o;
        o.id = it.key();
        c.text(*it, "name", path, o.name);
        std::string kind, ends = "none";
        if (c.choice(*it, "kind", path, kKinds, kind))
            o.kind = kind == "mosaic"    ? OrnamentKind::Mosaic
                     : kind == "moulded" ? OrnamentKind::Moulded
                                         : OrnamentKind::Plain;
        if (c.choice(*it, "ends", path, kEnds, ends, false)) {
            o.ends = ends == "curl"          ? RidgeEnd::Curl
                     : ends == "swallowtail" ? RidgeEnd::Swallowtail
                     : ends == "dragon"      ? RidgeEnd::Dragon
                                             : RidgeEnd::None;
        }
        const bool coloured = o.kind != OrnamentKind::Plain || o.ends == RidgeEnd::Dragon;
        if (const json* colors = c.member(*it, "colors", path, coloured, "a list of material ids"))
            parseMaterialRefs(c, s, *colors, path + ".colors", o.colors);
        s.ornaments.push_back(o);
    }
}

}  // namespace

const std::vector<std::string>& materialRoles() {
    static const std::vector<std::string> kRoles{
        "plinth", "wall",    "frontWall", "band",  "roof",      "soffit",   "fascia",
        "ridge",  "coping",  "gableBand", "door",  "doorFrame", "window",   "column",
        "beam",   "gallery", "forecourt", "water", "huatai",    "courtyard"};
    return kRoles;
}

Result<Style> parseStyle(std::string_view text, const std::string& file) {
    auto parsed = parseJsonText<json>(text, file);
    if (!parsed)
        return Result<Style>::failure(parsed.errors());
    const json root = std::move(parsed.value());
    Checker c{file, {}};
    Style s;
    s.file = file;
    if (!root.is_object())
        return Error{file, "$", "expected a JSON object"};
    c.text(root, "id", "$", s.id);
    c.text(root, "name", "$", s.name);
    double variation = 0.25;
    if (c.num(root, "variation", "$", variation, false) && !(variation >= 0 && variation <= 1))
        c.fail("$.variation", "is " + number(variation) + "; allowed range is 0..1");
    parseMaterials(c, root, s);
    // The style-wide palette is the base of every typology's.
    std::map<std::string, std::vector<MaterialId>> basePalette;
    if (const json* pal = c.object(root, "palette", "$"))
        parsePalette(c, s, *pal, "$.palette", true, basePalette);
    parseGables(c, root, s);
    parseRoofs(c, root, s);
    parseOrnaments(c, root, s);
    const json* shared = c.object(root, "dimensions", "$", false);
    const json* typologies = c.object(root, "typologies", "$");
    if (typologies) {
        parseTypologies(c, s, *typologies, shared ? *shared : json::object(), basePalette,
                        variation);
    }
    if (!c.errors.empty())
        return Result<Style>::failure(std::move(c.errors));
    return s;
}

Result<Style> loadStyle(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error{path, "", "cannot open the style file"};
    std::ostringstream text;
    text << in.rdbuf();
    return parseStyle(text.str(), path);
}

Result<std::vector<Style>> loadStyleDirectory(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            files.push_back(entry.path().string());
    }
    if (ec)
        return Error{dir, "", "cannot list the style directory: " + ec.message()};
    std::sort(files.begin(), files.end());
    std::vector<Style> styles;
    std::vector<Error> errors;
    for (const std::string& f : files) {
        Result<Style> s = loadStyle(f);
        if (s.ok())
            styles.push_back(std::move(s.value()));
        else
            errors.insert(errors.end(), s.errors().begin(), s.errors().end());
    }
    if (!errors.empty())
        return Result<std::vector<Style>>::failure(std::move(errors));
    return styles;
}

}  // namespace cunjing::architecture
