// The wire format between the import worker and the client: a model survives the round trip,
// and bytes from a crashed or hostile worker are refused with a clean error, never a crash,
// a huge allocation or an out-of-range index handed on.

#include <cunjing/models/Wire.h>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

using namespace cunjing::models;
using cunjing::Result;

namespace {

ImportedModel sampleModel() {
    ImportedModel m;
    m.format = "glb";
    m.unitScale = 1.0;
    m.upAxis = 'y';
    m.georeference = Georeference{23.1, 113.2, 8.5, 12};
    m.warnings = {"texture a.png: the file is not there"};
    Texture rgba;
    rgba.name = "*0";
    rgba.width = 2;
    rgba.height = 2;
    rgba.levels = {std::vector<std::uint8_t>(16, 200)};
    Texture bc3;
    bc3.name = "roof.dds";
    bc3.format = Texture::Format::Bc3;
    bc3.width = 8;
    bc3.height = 4;
    for (unsigned level = 0; level < 3; ++level)
        bc3.levels.emplace_back(Texture::levelBytes(bc3.format, 8, 4, level), 7);
    Texture absent;
    absent.name = "gone.png";
    absent.missingReason = "the file is not there";
    m.textures = {rgba, bc3, absent};
    Material mat;
    mat.name = "tile";
    mat.baseColor = {0.5f, 0.25f, 0.125f, 1};
    mat.baseColorTexture = 1;
    mat.alpha = Material::Alpha::Mask;
    mat.doubleSided = true;
    m.materials = {mat};
    MeshPart part;
    part.name = "roof";
    part.positions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {1, 1, 0}};
    part.normals = {{0, 0, 1}, {0, 0, 1}, {0, 0, 1}, {0, 0, 1}};
    part.uvs = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
    part.indices = {0, 1, 2, 2, 1, 3};
    part.material = 0;
    m.meshes = {part};
    return m;
}

std::string decodeError(const ImportedModel& m, const ImportLimits& limits = {}) {
    const auto bytes = encodeModel(m);
    const Result<ImportedModel> r = decodeModel(bytes, limits);
    return r.ok() ? std::string() : r.firstError();
}

/// The invariants decodeModel promises, checked on whatever it accepts.
void expectValid(const ImportedModel& m) {
    for (const MeshPart& p : m.meshes) {
        ASSERT_TRUE(p.normals.empty() || p.normals.size() == p.positions.size());
        ASSERT_TRUE(p.uvs.empty() || p.uvs.size() == p.positions.size());
        ASSERT_EQ(p.indices.size() % 3, 0u);
        for (std::uint32_t i : p.indices)
            ASSERT_LT(i, p.positions.size());
        for (const Vec3& v : p.positions)
            for (float f : v)
                ASSERT_TRUE(std::isfinite(f));
        ASSERT_LT(p.material, static_cast<int>(m.materials.size()));
    }
    for (const Material& mat : m.materials)
        ASSERT_LT(mat.baseColorTexture, static_cast<int>(m.textures.size()));
    for (const Texture& t : m.textures)
        for (unsigned i = 0; i < t.levels.size(); ++i)
            ASSERT_EQ(t.levels[i].size(), Texture::levelBytes(t.format, t.width, t.height, i));
}

}  // namespace

TEST(Wire, RoundTripKeepsEveryField) {
    const ImportedModel in = sampleModel();
    const Result<ImportedModel> out = decodeModel(encodeModel(in));
    ASSERT_TRUE(out.ok()) << out.firstError();
    EXPECT_EQ(out->format, "glb");
    EXPECT_EQ(out->unitScale, 1.0);
    ASSERT_TRUE(out->georeference);
    EXPECT_DOUBLE_EQ(out->georeference->longitude, 113.2);
    EXPECT_DOUBLE_EQ(out->georeference->trueNorthDeg, 12);
    EXPECT_EQ(out->warnings, in.warnings);
    ASSERT_EQ(out->textures.size(), 3u);
    EXPECT_EQ(out->textures[1].format, Texture::Format::Bc3);
    EXPECT_EQ(out->textures[1].levels, in.textures[1].levels);
    EXPECT_TRUE(out->textures[2].missing());
    EXPECT_EQ(out->textures[2].missingReason, "the file is not there");
    EXPECT_EQ(out->materials[0].baseColor, in.materials[0].baseColor);
    EXPECT_EQ(out->materials[0].alpha, Material::Alpha::Mask);
    EXPECT_TRUE(out->materials[0].doubleSided);
    EXPECT_EQ(out->meshes[0].positions, in.meshes[0].positions);
    EXPECT_EQ(out->meshes[0].uvs, in.meshes[0].uvs);
    EXPECT_EQ(out->meshes[0].indices, in.meshes[0].indices);
}

TEST(Wire, EveryTruncationIsRefused) {
    const auto bytes = encodeModel(sampleModel());
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        const auto r = decodeModel(std::span(bytes.data(), n));
        ASSERT_FALSE(r.ok()) << "accepted the first " << n << " bytes";
        EXPECT_NE(r.firstError().find("broken data"), std::string::npos);
    }
}

TEST(Wire, BytesAfterTheModelAreRefused) {
    auto bytes = encodeModel(sampleModel());
    bytes.push_back(0);
    EXPECT_NE(decodeModel(bytes).firstError().find("after the last mesh"), std::string::npos);
}

TEST(Wire, WrongMagicAndVersionAreRefused) {
    auto bytes = encodeModel(sampleModel());
    bytes[0] = '<';
    EXPECT_NE(decodeModel(bytes).firstError().find("magic"), std::string::npos);
    bytes = encodeModel(sampleModel());
    bytes[4] = 9;
    EXPECT_NE(decodeModel(bytes).firstError().find("version"), std::string::npos);
}

TEST(Wire, HugeCountIsRefusedBeforeAllocating) {
    // An empty model ends with three u32 counts: textures, materials, meshes.
    auto bytes = encodeModel(ImportedModel{});
    for (std::size_t at : {bytes.size() - 12, bytes.size() - 8, bytes.size() - 4}) {
        auto hostile = bytes;
        for (std::size_t k = 0; k < 4; ++k)
            hostile[at + k] = 0xFF;
        EXPECT_NE(decodeModel(hostile).firstError().find("more than the data holds"),
                  std::string::npos);
    }
}

TEST(Wire, IndexOutOfRangeIsRefused) {
    ImportedModel m = sampleModel();
    m.meshes[0].indices[4] = 4;
    EXPECT_NE(decodeError(m).find("index 4 is out of range"), std::string::npos);
}

TEST(Wire, IndicesNotInTrianglesAreRefused) {
    ImportedModel m = sampleModel();
    m.meshes[0].indices.pop_back();
    EXPECT_NE(decodeError(m).find("multiple of 3"), std::string::npos);
}

TEST(Wire, NonFiniteNumbersAreRefused) {
    ImportedModel m = sampleModel();
    m.meshes[0].positions[2][1] = std::numeric_limits<float>::quiet_NaN();
    EXPECT_NE(decodeError(m).find("positions is not finite"), std::string::npos);
    m = sampleModel();
    m.meshes[0].normals[0][0] = std::numeric_limits<float>::infinity();
    EXPECT_NE(decodeError(m).find("normals is not finite"), std::string::npos);
    m = sampleModel();
    m.materials[0].roughness = std::numeric_limits<float>::quiet_NaN();
    EXPECT_NE(decodeError(m).find("roughness is not finite"), std::string::npos);
}

TEST(Wire, NormalsOrUvsNotOnePerVertexAreRefused) {
    ImportedModel m = sampleModel();
    m.meshes[0].normals.pop_back();
    EXPECT_FALSE(decodeError(m).empty());
    m = sampleModel();
    m.meshes[0].uvs.push_back({0, 0});
    EXPECT_FALSE(decodeError(m).empty());
}

TEST(Wire, MaterialAndTextureIndicesOutOfRangeAreRefused) {
    ImportedModel m = sampleModel();
    m.meshes[0].material = 1;
    EXPECT_NE(decodeError(m).find("material 1 is out of range"), std::string::npos);
    m = sampleModel();
    m.materials[0].baseColorTexture = 3;
    EXPECT_NE(decodeError(m).find("texture 3 is out of range"), std::string::npos);
}

TEST(Wire, TextureLevelOfTheWrongSizeIsRefused) {
    ImportedModel m = sampleModel();
    m.textures[1].levels[2].pop_back();
    EXPECT_NE(decodeError(m).find("level 2 has the wrong size"), std::string::npos);
    m = sampleModel();
    m.textures[0].levels.push_back(m.textures[0].levels[0]);  // RGBA8 has one level
    EXPECT_FALSE(decodeError(m).empty());
}

TEST(Wire, LimitsAreApplied) {
    const ImportedModel m = sampleModel();
    ImportLimits limits;
    limits.maxTextureSize = 4;
    EXPECT_NE(decodeError(m, limits).find("outside 1..4"), std::string::npos);
    limits = {};
    limits.maxVertices = 3;
    EXPECT_NE(decodeError(m, limits).find("more than 3 vertices"), std::string::npos);
    limits = {};
    limits.maxTriangles = 1;
    EXPECT_NE(decodeError(m, limits).find("more than 1 triangles"), std::string::npos);
}

TEST(Wire, RandomMutationsGiveAValidModelOrAnError) {
    const auto original = encodeModel(sampleModel());
    std::mt19937 random(20240611);
    int refused = 0;
    for (int round = 0; round < 3000; ++round) {
        auto bytes = original;
        const int edits = 1 + static_cast<int>(random() % 4);
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = random() % bytes.size();
            bytes[at] = static_cast<std::uint8_t>(random() % 3 == 0 ? 0xFF : random());
        }
        if (random() % 8 == 0)
            bytes.resize(random() % bytes.size());
        const Result<ImportedModel> r = decodeModel(bytes);
        if (r.ok()) {
            expectValid(r.value());
        } else {
            ++refused;
            ASSERT_FALSE(r.firstError().empty());
        }
    }
    // Most mutations hit counts, indices or floats; a test that refused nothing checked nothing.
    EXPECT_GT(refused, 1000);
}
