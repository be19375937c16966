// End to end: `cunjing building generate` for every typology of the bundled library, read back
// with Assimp's importer and compared with what architecture::generateBuilding makes: the same
// triangles, Y up, a material per style material in the palette's colours. Bad input fails
// with exit 2, one line naming what is wrong, and no file left behind.

#include "TestPaths.h"

#include <cunjing/architecture/Building.h>
#include <cunjing/architecture/StyleLibrary.h>

#include <assimp/material.h>
#include <assimp/scene.h>
#include <gtest/gtest.h>
#include <assimp/Importer.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <sstream>

using namespace cunjing;
using namespace cunjing::test;
namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t kDefaultSeed = 1;  // `--seed` when not given

std::string cunjingExe() {
    return executable("cunjing").string();
}

std::string quoted(const fs::path& p) {
    return "'" + p.string() + "'";
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// A folder of this test's own: ctest runs every test in its own process, in parallel.
fs::path workDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const fs::path dir = outputDir("cli") / "building" /
                         (std::string(info->name()) + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::vector<std::string> filesIn(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

const std::vector<architecture::Style>& styles() {
    static const std::vector<architecture::Style> all = [] {
        auto r = architecture::loadStyleLibrary();
        EXPECT_TRUE(r.ok()) << r.firstError();
        return r.ok() ? r.value() : std::vector<architecture::Style>{};
    }();
    return all;
}

const architecture::Style& style(const std::string& id) {
    const architecture::Style* s = architecture::findStyle(styles(), id);
    EXPECT_NE(s, nullptr) << id;
    return s ? *s : styles().front();
}

CommandResult generate(const std::string& styleId, const std::string& type, const fs::path& out,
                       const std::string& extra = "") {
    return runCommand(cunjingExe() + " building generate --style " + styleId + " --type " + type +
                      " --out " + quoted(out) + " " + extra);
}

float srgbToLinear(float c) {
    return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

/// An imported file; the importer owns the scene.
struct Model {
    std::unique_ptr<Assimp::Importer> importer = std::make_unique<Assimp::Importer>();
    const aiScene* scene = nullptr;
};

Model import(const fs::path& file) {
    Model m;
    m.scene = m.importer->ReadFile(file.string(), 0);
    EXPECT_NE(m.scene, nullptr) << file << ": " << m.importer->GetErrorString();
    return m;
}

struct Box {
    aiVector3D min{1e30f, 1e30f, 1e30f}, max{-1e30f, -1e30f, -1e30f};
    aiVector3D size() const { return max - min; }
};

/// Bounds of every vertex, and whether all of them are finite.
Box boundsOf(const aiScene& scene, bool& finite) {
    Box b;
    finite = true;
    for (unsigned i = 0; i < scene.mNumMeshes; ++i) {
        const aiMesh& mesh = *scene.mMeshes[i];
        for (unsigned v = 0; v < mesh.mNumVertices; ++v) {
            const aiVector3D& p = mesh.mVertices[v];
            finite = finite && std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z);
            b.min = {std::min(b.min.x, p.x), std::min(b.min.y, p.y), std::min(b.min.z, p.z)};
            b.max = {std::max(b.max.x, p.x), std::max(b.max.y, p.y), std::max(b.max.z, p.z)};
        }
    }
    return b;
}

std::size_t triangles(const aiScene& scene) {
    std::size_t n = 0;
    for (unsigned i = 0; i < scene.mNumMeshes; ++i) {
        for (unsigned f = 0; f < scene.mMeshes[i]->mNumFaces; ++f)
            n += scene.mMeshes[i]->mFaces[f].mNumIndices == 3 ? 1 : 0;
    }
    return n;
}

const aiMaterial* materialNamed(const aiScene& scene, const std::string& name) {
    for (unsigned i = 0; i < scene.mNumMaterials; ++i) {
        aiString n;
        if (scene.mMaterials[i]->Get(AI_MATKEY_NAME, n) == AI_SUCCESS && name == n.C_Str())
            return scene.mMaterials[i];
    }
    return nullptr;
}

/// The file read back holds what generateBuilding makes for the same inputs, turned Y up.
void expectMatchesGenerator(const fs::path& file, const std::string& styleId,
                            const std::string& type,
                            const architecture::ParamOverrides& overrides = {}) {
    SCOPED_TRACE(file.string());
    const architecture::Style& s = style(styleId);
    const auto expected = architecture::generateBuilding(s, type, overrides, kDefaultSeed, 0);
    ASSERT_TRUE(expected.ok()) << expected.firstError();
    const Model model = import(file);
    ASSERT_NE(model.scene, nullptr);
    const aiScene& scene = *model.scene;

    EXPECT_EQ(triangles(scene), expected->mesh.triangleCount());
    bool finite = false;
    const Box box = boundsOf(scene, finite);
    EXPECT_TRUE(finite) << "NaN or infinite vertex";
    const geo::Bounds zUp = geo::boundsOf(expected->mesh);
    // (x, y, z) -> (x, z, -y): height along Y, depth along -Z.
    EXPECT_NEAR(box.min.x, zUp.min.x, 1e-3);
    EXPECT_NEAR(box.max.x, zUp.max.x, 1e-3);
    EXPECT_NEAR(box.min.y, zUp.min.z, 1e-3);
    EXPECT_NEAR(box.max.y, zUp.max.z, 1e-3);
    EXPECT_NEAR(box.min.z, -zUp.max.y, 1e-3);
    EXPECT_NEAR(box.max.z, -zUp.min.y, 1e-3);

    // Assimp's glTF importer keeps only the materials meshes use (the file has them all, see
    // GltfListsEveryStyleMaterial); those must be there in the palette's colours, linear.
    std::set<architecture::MaterialId> used;
    for (const architecture::PartRange& p : expected->parts)
        used.insert(p.material);
    for (const architecture::MaterialId id : used) {
        const architecture::Material& m = s.materials.at(id);
        const aiMaterial* material = materialNamed(scene, m.id);
        ASSERT_NE(material, nullptr) << "material " << m.id;
        aiColor4D c;
        ASSERT_EQ(material->Get(AI_MATKEY_COLOR_DIFFUSE, c), AI_SUCCESS) << m.id;
        EXPECT_NEAR(c.r, srgbToLinear(m.color.r), 2e-3) << m.id;
        EXPECT_NEAR(c.g, srgbToLinear(m.color.g), 2e-3) << m.id;
        EXPECT_NEAR(c.b, srgbToLinear(m.color.b), 2e-3) << m.id;
    }
    for (unsigned i = 0; i < scene.mNumMeshes; ++i) {
        EXPECT_TRUE(scene.mMeshes[i]->HasNormals()) << scene.mMeshes[i]->mName.C_Str();
        EXPECT_TRUE(scene.mMeshes[i]->HasVertexColors(0)) << scene.mMeshes[i]->mName.C_Str();
    }
}

/// glTF keeps the mesh names: one per part run, "<part>-<material>".
void expectPartNames(const fs::path& file, const std::string& styleId, const std::string& type) {
    const architecture::Style& s = style(styleId);
    const auto expected = architecture::generateBuilding(s, type, {}, kDefaultSeed, 0);
    ASSERT_TRUE(expected.ok());
    std::multiset<std::string> want, got;
    for (const architecture::PartRange& p : expected->parts) {
        if (p.indexCount > 0)
            want.insert(std::string(architecture::partKindName(p.kind)) + "-" +
                        s.materials.at(p.material).id);
    }
    const Model model = import(file);
    ASSERT_NE(model.scene, nullptr);
    for (unsigned i = 0; i < model.scene->mNumMeshes; ++i)
        got.insert(model.scene->mMeshes[i]->mName.C_Str());
    EXPECT_EQ(got, want);
}

std::string bytesOf(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST(BuildingGenerate, EveryTypologyExportsToGlbMatchingTheGenerator) {
    const fs::path dir = workDir();
    std::size_t count = 0;
    for (const architecture::Style& s : styles()) {
        for (const architecture::TypologySpec& t : s.typologies) {
            const fs::path out = dir / (s.id + "-" + t.id + ".glb");
            const CommandResult r = generate(s.id, t.id, out);
            ASSERT_EQ(r.exitCode, 0) << s.id << "/" << t.id << "\n" << r.out;
            expectMatchesGenerator(out, s.id, t.id);
            ++count;
        }
    }
    EXPECT_GE(count, 12u);
}

TEST(BuildingGenerate, GlbMeshesAreNamedByPartAndMaterial) {
    const fs::path dir = workDir();
    ASSERT_EQ(generate("guangfu", "sanjian-lianglang", dir / "house.glb").exitCode, 0);
    expectPartNames(dir / "house.glb", "guangfu", "sanjian-lianglang");
    const Model model = import(dir / "house.glb");
    ASSERT_NE(model.scene, nullptr);
    bool roof = false;
    for (unsigned i = 0; i < model.scene->mNumMeshes; ++i)
        roof = roof || std::string(model.scene->mMeshes[i]->mName.C_Str()).rfind("roof-", 0) == 0;
    EXPECT_TRUE(roof);
}

TEST(BuildingGenerate, GlbVertexColoursTimesBaseColourGiveThePalette) {
    const fs::path dir = workDir();
    ASSERT_EQ(generate("chaoshan", "sidianjin", dir / "house.glb").exitCode, 0);
    const Model model = import(dir / "house.glb");
    ASSERT_NE(model.scene, nullptr);
    // The generator paints each vertex with its material's colour: glTF multiplies COLOR_0
    // into the base colour, so the product must be that colour, not its square.
    for (unsigned i = 0; i < model.scene->mNumMeshes; ++i) {
        const aiMesh& mesh = *model.scene->mMeshes[i];
        aiColor4D base;
        ASSERT_EQ(model.scene->mMaterials[mesh.mMaterialIndex]->Get(AI_MATKEY_COLOR_DIFFUSE, base),
                  AI_SUCCESS);
        ASSERT_TRUE(mesh.HasVertexColors(0));
        for (unsigned v = 0; v < mesh.mNumVertices; v += 17) {
            EXPECT_NEAR(mesh.mColors[0][v].r * base.r, base.r, 2e-3) << mesh.mName.C_Str();
            EXPECT_NEAR(mesh.mColors[0][v].g * base.g, base.g, 2e-3) << mesh.mName.C_Str();
        }
    }
}

TEST(BuildingGenerate, ObjAndGltfCarryTheirCompanionFiles) {
    const fs::path dir = workDir();
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"guangfu", "sanjian-lianglang"}, {"hakka", "tulou-round"}, {"chaoshan", "xiashanhu"}};
    for (const auto& [styleId, type] : cases) {
        const fs::path obj = dir / (type + ".obj");
        const CommandResult o = generate(styleId, type, obj);
        ASSERT_EQ(o.exitCode, 0) << o.out;
        EXPECT_TRUE(fs::exists(dir / (type + ".mtl")));
        EXPECT_TRUE(contains(bytesOf(obj), "mtllib " + type + ".mtl")) << "refers to its .mtl";
        expectMatchesGenerator(obj, styleId, type);

        const fs::path gltf = dir / (type + ".gltf");
        const CommandResult g = generate(styleId, type, gltf);
        ASSERT_EQ(g.exitCode, 0) << g.out;
        EXPECT_TRUE(fs::exists(dir / (type + ".bin")));
        expectMatchesGenerator(gltf, styleId, type);
        expectPartNames(gltf, styleId, type);
    }
    for (const std::string& name : filesIn(dir))
        EXPECT_NE(name[0], '.') << "temporary left behind: " << name;
}

TEST(BuildingGenerate, GltfListsEveryStyleMaterial) {
    const fs::path dir = workDir();
    ASSERT_EQ(generate("guangfu", "citang", dir / "hall.gltf").exitCode, 0);
    const auto gltf = nlohmann::json::parse(bytesOf(dir / "hall.gltf"));
    std::map<std::string, std::vector<double>> colors;
    for (const auto& m : gltf["materials"])
        colors[m["name"]] = m["pbrMetallicRoughness"]["baseColorFactor"].get<std::vector<double>>();
    for (const architecture::Material& m : style("guangfu").materials) {
        ASSERT_TRUE(colors.count(m.id)) << m.id;
        EXPECT_NEAR(colors[m.id][0], srgbToLinear(m.color.r), 2e-3) << m.id;
        EXPECT_NEAR(colors[m.id][1], srgbToLinear(m.color.g), 2e-3) << m.id;
        EXPECT_NEAR(colors[m.id][2], srgbToLinear(m.color.b), 2e-3) << m.id;
    }
    EXPECT_EQ(gltf["buffers"][0]["uri"], "hall.bin");
}

TEST(BuildingGenerate, SummaryNamesTypologyDimensionsPartsSizeAndPath) {
    const fs::path dir = workDir();
    const fs::path out = dir / "house.glb";
    const CommandResult r = generate("guangfu", "sanjian-lianglang", out);
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "guangfu/sanjian-lianglang")) << r.out;
    EXPECT_TRUE(contains(r.out, "三间两廊")) << r.out;
    EXPECT_TRUE(contains(r.out, "hallBay=")) << r.out;
    EXPECT_TRUE(contains(r.out, "roof ")) << r.out;
    EXPECT_TRUE(contains(r.out, "size:")) << r.out;
    EXPECT_TRUE(contains(r.out, out.filename().string())) << r.out;
    const auto expected =
        architecture::generateBuilding(style("guangfu"), "sanjian-lianglang", {}, kDefaultSeed, 0);
    ASSERT_TRUE(expected.ok());
    EXPECT_TRUE(contains(r.out, "triangles:  " + std::to_string(expected->mesh.triangleCount())))
        << r.out;
}

TEST(BuildingGenerate, WiderHallBayWidensTheBuilding) {
    const fs::path dir = workDir();
    const architecture::TypologySpec* t = style("guangfu").findTypology("sanjian-lianglang");
    ASSERT_NE(t, nullptr);
    ASSERT_TRUE(t->dimensions.count("hallBay"));
    const auto& range = t->dimensions.at("hallBay");
    std::ostringstream narrow, wide;
    narrow << range.min;
    wide << range.max;
    ASSERT_EQ(generate("guangfu", "sanjian-lianglang", dir / "narrow.glb",
                       "--set hallBay=" + narrow.str())
                  .exitCode,
              0);
    ASSERT_EQ(
        generate("guangfu", "sanjian-lianglang", dir / "wide.glb", "--set hallBay=" + wide.str())
            .exitCode,
        0);
    bool finite = false;
    const Model a = import(dir / "narrow.glb"), b = import(dir / "wide.glb");
    ASSERT_TRUE(a.scene && b.scene);
    const float narrowWidth = boundsOf(*a.scene, finite).size().x;
    const float wideWidth = boundsOf(*b.scene, finite).size().x;
    EXPECT_NEAR(wideWidth - narrowWidth, range.max - range.min, 0.05)
        << "the hall bay is the middle of three bays, so the front widens by the difference";
    expectMatchesGenerator(dir / "wide.glb", "guangfu", "sanjian-lianglang",
                           {{"hallBay", wide.str()}});
}

TEST(BuildingGenerate, OutOfRangeSetFailsNamingKeyAndRange) {
    const fs::path dir = workDir();
    const CommandResult r =
        generate("guangfu", "sanjian-lianglang", dir / "house.glb", "--set hallBay=99");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_TRUE(contains(r.out, "hallBay")) << r.out;
    EXPECT_TRUE(contains(r.out, "allowed range")) << r.out;
    EXPECT_TRUE(contains(r.out, "guangfu.json")) << r.out;
    EXPECT_TRUE(filesIn(dir).empty());
}

TEST(BuildingGenerate, MalformedOrUnknownSetFails) {
    const fs::path dir = workDir();
    const CommandResult bad =
        generate("guangfu", "sanjian-lianglang", dir / "a.glb", "--set hallBay");
    EXPECT_EQ(bad.exitCode, 2) << bad.out;
    EXPECT_TRUE(contains(bad.out, "expected key=value")) << bad.out;
    const CommandResult unknown =
        generate("guangfu", "sanjian-lianglang", dir / "b.glb", "--set nosuchKey=1");
    EXPECT_EQ(unknown.exitCode, 2) << unknown.out;
    EXPECT_TRUE(contains(unknown.out, "nosuchKey")) << unknown.out;
    EXPECT_TRUE(contains(unknown.out, "hallBay")) << "lists the allowed keys: " << unknown.out;
    EXPECT_TRUE(filesIn(dir).empty());
}

TEST(BuildingGenerate, UnknownStyleListsTheStyles) {
    const fs::path dir = workDir();
    const CommandResult r = generate("minnan", "sanjian-lianglang", dir / "house.glb");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_TRUE(contains(r.out, "minnan")) << r.out;
    EXPECT_TRUE(contains(r.out, "chaoshan, guangfu, hakka")) << r.out;
    EXPECT_TRUE(filesIn(dir).empty());
}

TEST(BuildingGenerate, UnknownTypologyListsTheStylesTypologies) {
    const fs::path dir = workDir();
    const CommandResult r = generate("guangfu", "tulou-round", dir / "house.glb");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    for (const std::string id : {"sanjian-lianglang", "zhutongwu", "qilou", "citang"})
        EXPECT_TRUE(contains(r.out, id)) << r.out;
    EXPECT_TRUE(filesIn(dir).empty());
}

TEST(BuildingGenerate, UnknownExtensionListsTheFormats) {
    const fs::path dir = workDir();
    const CommandResult r = generate("guangfu", "sanjian-lianglang", dir / "house.fbx");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    for (const std::string ext : {".glb", ".gltf", ".obj"})
        EXPECT_TRUE(contains(r.out, ext)) << r.out;
    EXPECT_TRUE(filesIn(dir).empty());
}

TEST(BuildingGenerate, UnwritableFolderFailsWritingNothing) {
    const fs::path dir = workDir();
    const CommandResult missing =
        generate("guangfu", "sanjian-lianglang", dir / "missing" / "house.obj");
    EXPECT_EQ(missing.exitCode, 2) << missing.out;
    EXPECT_TRUE(contains(missing.out, "missing")) << missing.out;
    // Tests may run as root, which writes through permissions: a file in the folder's place is
    // a folder nobody can write into.
    std::ofstream(dir / "plain-file") << "x";
    const CommandResult notFolder =
        generate("guangfu", "sanjian-lianglang", dir / "plain-file" / "house.glb");
    EXPECT_EQ(notFolder.exitCode, 2) << notFolder.out;
    EXPECT_EQ(filesIn(dir), std::vector<std::string>{"plain-file"});
    for (const CommandResult& r : {missing, notFolder})
        EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << "one line: " << r.out;
}

TEST(BuildingGenerate, SameSeedGivesTheSameBytes) {
    const fs::path dir = workDir();
    for (const std::string ext : {".glb", ".obj"}) {
        fs::create_directories(dir / "a");
        fs::create_directories(dir / "b");
        ASSERT_EQ(generate("hakka", "weilongwu", dir / "a" / ("w" + ext), "--seed 7").exitCode, 0);
        ASSERT_EQ(generate("hakka", "weilongwu", dir / "b" / ("w" + ext), "--seed 7").exitCode, 0);
        const std::string a = bytesOf(dir / "a" / ("w" + ext));
        EXPECT_FALSE(a.empty());
        EXPECT_TRUE(a == bytesOf(dir / "b" / ("w" + ext))) << ext;
        if (ext == ".obj") {
            EXPECT_TRUE(bytesOf(dir / "a/w.mtl") == bytesOf(dir / "b/w.mtl"));
        }
    }
    ASSERT_EQ(generate("hakka", "weilongwu", dir / "c.glb", "--seed 8").exitCode, 0);
    EXPECT_FALSE(bytesOf(dir / "c.glb") == bytesOf(dir / "a/w.glb"))
        << "another seed picks other dimensions";
}
