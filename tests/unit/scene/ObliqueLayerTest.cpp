// Oblique photography (倾斜摄影) OSGB tile sets: metadata.xml, placing the tiles in the local
// frame for each kind of SRS, and the paged files resolving, on tile sets the tests write.

#include <cunjing/geo/Crs.h>
#include <cunjing/scene/ObliqueLayer.h>

#include "ObliqueFixture.h"
#include "TestPaths.h"

#include <gtest/gtest.h>

#include <osg/Geode>
#include <osg/Geometry>
#include <osg/MatrixTransform>
#include <osg/NodeVisitor>
#include <osg/PagedLOD>
#include <osgDB/ReadFile>

#include <unistd.h>

#include <cmath>
#include <fstream>

using namespace cunjing;
using namespace cunjing::scene;
namespace fs = std::filesystem;

namespace {

constexpr double kPi = 3.14159265358979323846;
// The demo scene (assets/demo/demo.json): EPSG:4547, local (0, 0) at the DEM's centre.
constexpr double kOriginX = 384350, kOriginY = 2571565;
const std::array<double, 3> kSrsOrigin{384300.5, 2571500.25, 12.0};

fs::path caseDir(const std::string& name) {
    return test::outputDir("unit") / ("oblique-" + std::to_string(::getpid())) / name;
}

ObliqueDescription describe(const fs::path& folder, double heightOffset = 0) {
    ObliqueDescription d;
    d.jsonPath = "$.oblique[0]";
    d.path = folder;
    d.heightOffset = heightOffset;
    return d;
}

/// geo's transform of one point, as the code under test should agree with.
std::array<double, 2> transformed(double x, double y, const std::string& from,
                                  const std::string& to) {
    auto t = geo::Transform::create(geo::Crs::fromUserString(from).value(),
                                    geo::Crs::fromUserString(to).value());
    if (!t || !t->apply(x, y))
        throw std::runtime_error("cannot transform " + from + " -> " + to);
    return {x, y};
}

ObliqueTileSet openFixture(const std::string& name, const test::ObliqueFixtureOptions& options,
                           double heightOffset = 0) {
    const auto f = test::writeObliqueFixture(caseDir(name), options);
    auto set =
        openObliqueTileSet(describe(f.folder, heightOffset), "EPSG:4547", kOriginX, kOriginY);
    if (!set)
        throw std::runtime_error(set.firstError());
    return set.value();
}

Error openError(const fs::path& folder) {
    auto set = openObliqueTileSet(describe(folder), "EPSG:4547", kOriginX, kOriginY);
    EXPECT_FALSE(set.ok());
    return set.errors().empty() ? Error{} : set.errors()[0];
}

const char* kExported = R"(<?xml version="1.0" encoding="utf-8"?>
<ModelMetadata version="1">
	<!--Spatial Reference System-->
	<SRS>EPSG:4547</SRS>
	<!--Origin in Spatial Reference System-->
	<SRSOrigin>441000.5,2560000.25,12</SRSOrigin>
	<Texture>
		<ColorSource>Visible</ColorSource>
	</Texture>
</ModelMetadata>
)";

struct PagedLodFinder : osg::NodeVisitor {
    PagedLodFinder() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
    void apply(osg::PagedLOD& lod) override {
        found.push_back(&lod);
        traverse(lod);
    }
    std::vector<osg::PagedLOD*> found;
};

unsigned triangles(osg::Node& node) {
    struct Counter : osg::NodeVisitor {
        Counter() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
        void apply(osg::Geometry& g) override {
            for (unsigned i = 0; i < g.getNumPrimitiveSets(); ++i)
                n += g.getPrimitiveSet(i)->getNumIndices() / 3;
        }
        unsigned n = 0;
    } counter;
    node.accept(counter);
    return counter.n;
}

}  // namespace

TEST(ObliqueMetadata, ReadsSrsAndOriginAsExported) {
    auto m = parseObliqueMetadata(kExported, "metadata.xml");
    ASSERT_TRUE(m.ok()) << m.firstError();
    EXPECT_EQ(m->srs, "EPSG:4547");
    EXPECT_DOUBLE_EQ(m->srsOrigin[0], 441000.5);
    EXPECT_DOUBLE_EQ(m->srsOrigin[1], 2560000.25);
    EXPECT_DOUBLE_EQ(m->srsOrigin[2], 12);
}

TEST(ObliqueMetadata, DecodesEntitiesOfAWktSrs) {
    auto m = parseObliqueMetadata(
        "<ModelMetadata><SRS>PROJCS[&quot;CGCS2000 / 3-degree Gauss-Kruger CM 114E&quot;,"
        "AUTHORITY[&#34;EPSG&#34;,&#x22;4547&#x22;]]</SRS><SRSOrigin> 1 , 2 ,3 </SRSOrigin>"
        "</ModelMetadata>",
        "m.xml");
    ASSERT_TRUE(m.ok()) << m.firstError();
    EXPECT_EQ(m->srs,
              R"(PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 114E",AUTHORITY["EPSG","4547"]])");
    EXPECT_DOUBLE_EQ(m->srsOrigin[1], 2);
}

TEST(ObliqueMetadata, MissingFileIsNamed) {
    const fs::path file = caseDir("missing") / "metadata.xml";
    auto m = readObliqueMetadata(file);
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.errors()[0].file, file.string());
    EXPECT_NE(m.firstError().find("not found"), std::string::npos) << m.firstError();
}

TEST(ObliqueMetadata, MismatchedTagGivesItsLine) {
    auto m = parseObliqueMetadata(
        "<?xml version=\"1.0\"?>\n<ModelMetadata>\n  <SRS>EPSG:4547</SRSOrigin>\n</ModelMetadata>",
        "broken/metadata.xml");
    ASSERT_FALSE(m.ok());
    const Error& e = m.errors()[0];
    EXPECT_EQ(e.file, "broken/metadata.xml");
    EXPECT_EQ(e.where, "line 3");
    EXPECT_NE(e.message.find("</SRSOrigin>"), std::string::npos) << e.message;
    EXPECT_NE(e.message.find("</SRS>"), std::string::npos) << e.message;
}

TEST(ObliqueMetadata, TruncatedFileSaysWhatIsLeftOpen) {
    auto m = parseObliqueMetadata("<ModelMetadata>\n<SRS>EPSG:4547</SRS>\n", "m.xml");
    ASSERT_FALSE(m.ok());
    EXPECT_NE(m.firstError().find("ends inside <ModelMetadata>"), std::string::npos)
        << m.firstError();
    auto other = parseObliqueMetadata("<Metadata><SRS>EPSG:4547</SRS></Metadata>", "m.xml");
    ASSERT_FALSE(other.ok());
    EXPECT_NE(other.firstError().find("<ModelMetadata>"), std::string::npos);
}

TEST(ObliqueMetadata, NoOrEmptySrsIsAnError) {
    auto none = parseObliqueMetadata("<ModelMetadata><SRSOrigin>1,2,3</SRSOrigin></ModelMetadata>",
                                     "m.xml");
    ASSERT_FALSE(none.ok());
    EXPECT_NE(none.firstError().find("no <SRS>"), std::string::npos) << none.firstError();
    auto empty = parseObliqueMetadata("<ModelMetadata>\n<SRS>  </SRS></ModelMetadata>", "m.xml");
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.errors()[0].where, "line 2, <SRS>");
}

TEST(ObliqueMetadata, OriginMustBeThreeNumbers) {
    for (const char* origin : {"1,2,x", "1;2;3", "1,2,3,4", "", "1e999,2,3"}) {
        auto m =
            parseObliqueMetadata(std::string("<ModelMetadata><SRS>EPSG:4547</SRS><SRSOrigin>") +
                                     origin + "</SRSOrigin></ModelMetadata>",
                                 "m.xml");
        ASSERT_FALSE(m.ok()) << origin;
        EXPECT_NE(m.errors()[0].where.find("<SRSOrigin>"), std::string::npos) << origin;
        EXPECT_NE(m.firstError().find("x,y,z"), std::string::npos) << m.firstError();
    }
}

TEST(ObliqueTileSet, UnknownSrsIsAnErrorNamingIt) {
    for (const char* srs : {"EPSG:999999", "ENU:95,113", "ENU:23.1"}) {
        const auto f = test::writeObliqueFixture(caseDir("unknown-srs"), {srs, kSrsOrigin, 60});
        const Error e = openError(f.folder);
        EXPECT_EQ(e.file, (f.folder / "metadata.xml").string());
        EXPECT_EQ(e.where, "<SRS>");
        EXPECT_NE(e.message.find(srs), std::string::npos) << e.message;
    }
}

TEST(ObliqueTileSet, NoTilesIsAnError) {
    const auto f = test::writeObliqueFixture(caseDir("no-tiles"));
    fs::remove_all(f.folder / "Data");
    const Error e = openError(f.folder);
    EXPECT_EQ(e.file, (f.folder / "Data").string());
    EXPECT_NE(e.message.find("Data/Tile_*/Tile_*.osgb"), std::string::npos) << e.message;
}

TEST(ObliqueTileSet, UnreadableRootTileIsLeftOutWithAWarning) {
    const auto f = test::writeObliqueFixture(caseDir("unreadable"));
    std::ofstream(f.rootFiles[1], std::ios::trunc) << "not an osgb file";
    auto set = openObliqueTileSet(describe(f.folder), "EPSG:4547", kOriginX, kOriginY);
    ASSERT_TRUE(set.ok()) << set.firstError();
    ASSERT_EQ(set->tiles.size(), 1u);
    EXPECT_EQ(set->tiles[0].name, "Tile_+000_+000");
    ASSERT_EQ(set.warnings().size(), 1u);
    EXPECT_EQ(set.warnings()[0].file, f.rootFiles[1].string());

    std::ofstream(f.rootFiles[0], std::ios::trunc) << "neither";
    EXPECT_NE(openError(f.folder).message.find("none of the 2 root tiles"), std::string::npos);
}

TEST(ObliqueTileSet, SameProjectedCrsIsATranslationToSrsOrigin) {
    const ObliqueTileSet set = openFixture("same-crs", {}, 2.5);
    ASSERT_EQ(set.tiles.size(), 2u);
    EXPECT_EQ(set.tiles[0].name, "Tile_+000_+000");
    EXPECT_EQ(set.tiles[1].name, "Tile_+001_+000");
    const geo::Vec3d p = set.localPosition({0, 0, 0});
    EXPECT_DOUBLE_EQ(p.x, kSrsOrigin[0] - kOriginX);
    EXPECT_DOUBLE_EQ(p.y, kSrsOrigin[1] - kOriginY);
    EXPECT_DOUBLE_EQ(p.z, kSrsOrigin[2] + 2.5);
    const geo::Vec3d q = set.localPosition({10, 20, 30});
    EXPECT_DOUBLE_EQ(q.x - p.x, 10);
    EXPECT_DOUBLE_EQ(q.y - p.y, 20);
    EXPECT_DOUBLE_EQ(q.z - p.z, 30);
}

TEST(ObliqueTileSet, BoundsCoverTheRootTilesInTheLocalFrame) {
    const ObliqueTileSet set = openFixture("bounds", {});
    const double x = kSrsOrigin[0] - kOriginX, y = kSrsOrigin[1] - kOriginY;
    // Patch x -60..60, y -30..30 at z 0.5; the marker post reaches 15 m.
    ASSERT_TRUE(set.localBounds.valid());
    EXPECT_NEAR(set.localBounds.min.x, x - 60, 0.01);
    EXPECT_NEAR(set.localBounds.max.x, x + 60, 0.01);
    EXPECT_NEAR(set.localBounds.min.y, y - 30, 0.01);
    EXPECT_NEAR(set.localBounds.max.y, y + 30, 0.01);
    EXPECT_NEAR(set.localBounds.min.z, kSrsOrigin[2] + 0.5, 0.01);
    EXPECT_NEAR(set.localBounds.max.z, kSrsOrigin[2] + 15, 0.01);
}

TEST(ObliqueTileSet, EnuLandsAtItsLatLonTurnedByTheGridConvergence) {
    const auto lonLat = transformed(kSrsOrigin[0], kSrsOrigin[1], "EPSG:4547", "EPSG:4326");
    const double lon = lonLat[0], lat = lonLat[1];
    const ObliqueTileSet set = openFixture("enu", {test::enuSrs(lat, lon), {0, 0, 0}, 60});
    const geo::Vec3d p = set.localPosition({0, 0, 0});
    EXPECT_NEAR(p.x, kSrsOrigin[0] - kOriginX, 0.01);
    EXPECT_NEAR(p.y, kSrsOrigin[1] - kOriginY, 0.01);
    EXPECT_NEAR(p.z, 0, 1e-9);
    // True east is grid east turned by the convergence (Gauss-Kruger, central meridian 114E;
    // west of it, negative), and stretched by the grid's scale (> 1 off the meridian).
    const geo::Vec3d east = set.localPosition({100, 0, 0});
    const double gamma = std::atan(std::tan((lon - 114) * kPi / 180) * std::sin(lat * kPi / 180));
    EXPECT_LT(gamma, -0.005);
    EXPECT_NEAR(std::atan2(east.y - p.y, east.x - p.x), gamma, 2e-5);
    const double k = std::hypot(east.x - p.x, east.y - p.y) / 100;
    EXPECT_GT(k, 1.0);
    EXPECT_LT(k, 1.0005);
    const geo::Vec3d up = set.localPosition({0, 0, 10});
    EXPECT_NEAR(up.z - p.z, 10, 1e-9);
    EXPECT_NEAR(up.x, p.x, 1e-9);
}

TEST(ObliqueTileSet, GeographicSrsIsEnuAtSrsOrigin) {
    const auto lonLat = transformed(kSrsOrigin[0], kSrsOrigin[1], "EPSG:4547", "EPSG:4326");
    const ObliqueTileSet set = openFixture("wgs84", {"EPSG:4326", {lonLat[0], lonLat[1], 7}, 60});
    const geo::Vec3d p = set.localPosition({0, 0, 0});
    EXPECT_NEAR(p.x, kSrsOrigin[0] - kOriginX, 0.01);
    EXPECT_NEAR(p.y, kSrsOrigin[1] - kOriginY, 0.01);
    EXPECT_NEAR(p.z, 7, 1e-9);
}

TEST(ObliqueTileSet, OtherProjectedCrsLandsWhereGeoPutsIt) {
    // UTM 49N (central meridian 111E): a different grid, turned against Gauss-Kruger 114E.
    const auto utm = transformed(kSrsOrigin[0], kSrsOrigin[1], "EPSG:4547", "EPSG:32649");
    const ObliqueTileSet set = openFixture("utm", {"EPSG:32649", {utm[0], utm[1], 12}, 60});
    for (const auto& [dx, dy] : {std::pair{0.0, 0.0}, {100.0, 50.0}, {-60.0, 30.0}}) {
        const auto expected = transformed(utm[0] + dx, utm[1] + dy, "EPSG:32649", "EPSG:4547");
        const geo::Vec3d p = set.localPosition({dx, dy, 3});
        EXPECT_NEAR(p.x, expected[0] - kOriginX, 0.01) << dx << ", " << dy;
        EXPECT_NEAR(p.y, expected[1] - kOriginY, 0.01) << dx << ", " << dy;
        EXPECT_NEAR(p.z, 15, 1e-9);
    }
    // The grids really are turned: tile east is not scene east.
    EXPECT_GT(std::abs(set.toLocal[1]), 0.01);
}

TEST(ObliqueNode, IsNamedAndPlacedByTheTileSet) {
    ObliqueTileSet set = openFixture("node", {});
    osg::ref_ptr<osg::MatrixTransform> layer = obliqueNode(set);
    EXPECT_EQ(layer->getName(), "oblique:node");
    const osg::Vec3d p = osg::Vec3d(0, 0, 0) * layer->getMatrix();
    EXPECT_DOUBLE_EQ(p.x(), kSrsOrigin[0] - kOriginX);
    EXPECT_DOUBLE_EQ(p.y(), kSrsOrigin[1] - kOriginY);
    EXPECT_DOUBLE_EQ(p.z(), kSrsOrigin[2]);
    auto* program = layer->getStateSet()->getAttributePair(osg::StateAttribute::PROGRAM);
    ASSERT_NE(program, nullptr);
    EXPECT_TRUE(program->second & osg::StateAttribute::OVERRIDE);
    set.description.name.en = "Survey 2024";
    EXPECT_EQ(obliqueNode(set)->getName(), "oblique:Survey 2024");
}

TEST(ObliqueNode, PagedRootsAndTheirFineFilesResolve) {
    const auto f = test::writeObliqueFixture(caseDir("paging"));
    auto set = openObliqueTileSet(describe(f.folder), "EPSG:4547", kOriginX, kOriginY);
    ASSERT_TRUE(set.ok()) << set.firstError();
    osg::ref_ptr<osg::MatrixTransform> layer = obliqueNode(set.value());
    ASSERT_EQ(layer->getNumChildren(), 2u);
    for (unsigned i = 0; i < 2; ++i) {
        auto* root = dynamic_cast<osg::PagedLOD*>(layer->getChild(i));
        ASSERT_NE(root, nullptr);
        EXPECT_EQ(root->getNumChildren(), 0u) << "roots are paged, not loaded up front";
        EXPECT_GT(root->getBound().radius(), 30.0f);
        // What the database pager reads: the database path joined with the file name.
        const fs::path rootFile = fs::path(root->getDatabasePath()) / root->getFileName(0);
        EXPECT_TRUE(fs::equivalent(rootFile, f.rootFiles[i]));
        osg::ref_ptr<osg::Node> loaded = osgDB::readRefNodeFile(rootFile.string());
        ASSERT_NE(loaded, nullptr);
        PagedLodFinder finder;
        loaded->accept(finder);
        ASSERT_EQ(finder.found.size(), 1u);
        osg::PagedLOD& lod = *finder.found[0];
        ASSERT_EQ(lod.getNumFileNames(), 2u);
        const fs::path fine = fs::path(lod.getDatabasePath()) / lod.getFileName(1);
        EXPECT_TRUE(fs::equivalent(fine, f.fineFiles[i])) << fine;
        osg::ref_ptr<osg::Node> fineNode = osgDB::readRefNodeFile(fine.string());
        ASSERT_NE(fineNode, nullptr);
        // 8 x 4 ground quads and a house (5 faces), tile 1 also the marker post.
        EXPECT_EQ(triangles(*fineNode), (32u + 5u + (i == 1 ? 5u : 0u)) * 2u);
        EXPECT_LT(triangles(lod), triangles(*fineNode)) << "the inline level is the coarse one";
    }
}
