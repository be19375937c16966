#include "ObliqueFixture.h"

#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Group>
#include <osg/PagedLOD>
#include <osg/Texture2D>
#include <osgDB/WriteFile>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace cunjing::test {

namespace {

using Colour = std::array<unsigned char, 3>;

/// A texture of n x n checks of two colours on `size` pixels (one check when n is 1), with a
/// file name so the osgb writer embeds it as a JPEG, as exporters do.
osg::ref_ptr<osg::Texture2D> checkerTexture(const std::string& name, int size, int n, Colour a,
                                            Colour b) {
    osg::ref_ptr<osg::Image> image = new osg::Image;
    image->allocateImage(size, size, 1, GL_RGB, GL_UNSIGNED_BYTE);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const bool odd = ((x * n / size) + (y * n / size)) % 2 == 1;
            const Colour& c = odd ? b : a;
            std::copy(c.begin(), c.end(), image->data(x, y));
        }
    image->setFileName(name + ".jpg");
    osg::ref_ptr<osg::Texture2D> texture = new osg::Texture2D(image);
    texture->setWrap(osg::Texture::WRAP_S, osg::Texture::CLAMP_TO_EDGE);
    texture->setWrap(osg::Texture::WRAP_T, osg::Texture::CLAMP_TO_EDGE);
    return texture;
}

/// Quads (as triangles) collected into one textured geometry.
class MeshBuilder {
public:
    void quad(const osg::Vec3& p0, const osg::Vec3& p1, const osg::Vec3& p2, const osg::Vec3& p3,
              const osg::Vec2& t0, const osg::Vec2& t2) {
        const unsigned base = unsigned(v_->size());
        for (const osg::Vec3& p : {p0, p1, p2, p3})
            v_->push_back(p);
        tc_->push_back(t0);
        tc_->push_back({t2.x(), t0.y()});
        tc_->push_back(t2);
        tc_->push_back({t0.x(), t2.y()});
        for (unsigned i : {0u, 1u, 2u, 0u, 2u, 3u})
            tris_->push_back(base + i);
    }
    /// A ground grid of nx x ny quads over [x0, x1] x [y0, y1] at height z, texture 0..1.
    void grid(float x0, float y0, float x1, float y1, float z, int nx, int ny) {
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                const float u0 = float(i) / nx, u1 = float(i + 1) / nx;
                const float w0 = float(j) / ny, w1 = float(j + 1) / ny;
                const float xa = x0 + (x1 - x0) * u0, xb = x0 + (x1 - x0) * u1;
                const float ya = y0 + (y1 - y0) * w0, yb = y0 + (y1 - y0) * w1;
                quad({xa, ya, z}, {xb, ya, z}, {xb, yb, z}, {xa, yb, z}, {u0, w0}, {u1, w1});
            }
    }
    /// Four walls and a flat roof (counter-clockwise seen from outside).
    void box(float x0, float y0, float x1, float y1, float z0, float z1) {
        quad({x0, y0, z0}, {x1, y0, z0}, {x1, y0, z1}, {x0, y0, z1}, {0, 0}, {1, 1});
        quad({x1, y0, z0}, {x1, y1, z0}, {x1, y1, z1}, {x1, y0, z1}, {0, 0}, {1, 1});
        quad({x1, y1, z0}, {x0, y1, z0}, {x0, y1, z1}, {x1, y1, z1}, {0, 0}, {1, 1});
        quad({x0, y1, z0}, {x0, y0, z0}, {x0, y0, z1}, {x0, y1, z1}, {0, 0}, {1, 1});
        quad({x0, y0, z1}, {x1, y0, z1}, {x1, y1, z1}, {x0, y1, z1}, {0, 0}, {1, 1});
    }
    osg::ref_ptr<osg::Geometry> geometry(osg::Texture2D* texture) {
        osg::ref_ptr<osg::Geometry> g = new osg::Geometry;
        g->setVertexArray(v_);
        g->setTexCoordArray(0, tc_);
        g->addPrimitiveSet(tris_);
        osg::StateSet* ss = g->getOrCreateStateSet();
        ss->setTextureAttributeAndModes(0, texture);
        // As exported: no normals, lighting off (the photo holds the light).
        ss->setMode(GL_LIGHTING, osg::StateAttribute::OFF);
        return g;
    }

private:
    osg::ref_ptr<osg::Vec3Array> v_ = new osg::Vec3Array;
    osg::ref_ptr<osg::Vec2Array> tc_ = new osg::Vec2Array;
    osg::ref_ptr<osg::DrawElementsUInt> tris_ = new osg::DrawElementsUInt(GL_TRIANGLES);
};

struct TileLook {
    Colour light, dark;
};

/// One tile's level: the ground patch (checks when fine, the mean colour when coarse), the
/// house on its centre, and the marker post on tile 1 (it stands on the shared edge x = 0).
osg::ref_ptr<osg::Geode> tileLevel(int tile, bool fine, const ObliqueFixture& f,
                                   const TileLook& look) {
    const float s = float(f.tileSize), x0 = tile == 0 ? -s : 0, x1 = x0 + s;
    const float z = float(f.patchHeight);
    const std::string id = "tile" + std::to_string(tile) + (fine ? "_fine" : "_coarse");
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    MeshBuilder ground;
    ground.grid(x0, -s / 2, x1, s / 2, z, fine ? 8 : 1, fine ? 4 : 1);
    const Colour mean{static_cast<unsigned char>((look.light[0] + look.dark[0]) / 2),
                      static_cast<unsigned char>((look.light[1] + look.dark[1]) / 2),
                      static_cast<unsigned char>((look.light[2] + look.dark[2]) / 2)};
    geode->addDrawable(ground.geometry(fine ? checkerTexture(id, 64, 8, look.light, look.dark)
                                            : checkerTexture(id, 4, 1, mean, mean)));
    MeshBuilder house;
    const float cx = (x0 + x1) / 2;
    house.box(cx - 6, -4, cx + 6, 4, z, z + 6);
    geode->addDrawable(
        house.geometry(checkerTexture(id + "_house", 16, 1, {150, 150, 145}, {150, 150, 145})));
    if (tile == 1) {
        MeshBuilder post;
        post.box(-1, -1, 1, 1, z, float(f.markerHeight));
        geode->addDrawable(
            post.geometry(checkerTexture(id + "_post", 16, 1, {220, 20, 20}, {220, 20, 20})));
    }
    return geode;
}

void write(const osg::Node& node, const std::filesystem::path& file) {
    // IncludeFile: textures go inside the .osgb as JPEG files, as ContextCapture writes them.
    osg::ref_ptr<osgDB::Options> options = new osgDB::Options("WriteImageHint=IncludeFile");
    if (!osgDB::writeNodeFile(node, file.string(), options.get()))
        throw std::runtime_error("cannot write " + file.string() + " (osgb plugin)");
}

void writeMetadata(const std::filesystem::path& folder, const ObliqueFixtureOptions& o) {
    std::ofstream out(folder / "metadata.xml");
    out << std::fixed << std::setprecision(9)
        << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ModelMetadata version=\"1\">\n"
        << "\t<!--Spatial Reference System-->\n\t<SRS>" << o.srs << "</SRS>\n"
        << "\t<!--Origin in Spatial Reference System-->\n\t<SRSOrigin>" << o.srsOrigin[0] << ','
        << o.srsOrigin[1] << ',' << o.srsOrigin[2] << "</SRSOrigin>\n"
        << "\t<Texture>\n\t\t<ColorSource>Visible</ColorSource>\n\t</Texture>\n"
        << "</ModelMetadata>\n";
    if (!out)
        throw std::runtime_error("cannot write " + (folder / "metadata.xml").string());
}

}  // namespace

ObliqueFixture writeObliqueFixture(const std::filesystem::path& folder,
                                   const ObliqueFixtureOptions& options) {
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    ObliqueFixture f;
    f.folder = folder;
    f.tileSize = options.tileSize;
    writeMetadata(folder, options);
    const TileLook looks[2] = {{{230, 140, 90}, {150, 60, 40}}, {{150, 210, 120}, {40, 110, 60}}};
    for (int tile = 0; tile < 2; ++tile) {
        const std::string name = "Tile_+00" + std::to_string(tile) + "_+000";
        const std::filesystem::path dir = folder / "Data" / name;
        std::filesystem::create_directories(dir);
        const std::string fineName = name + "_L17_0.osgb";
        write(*tileLevel(tile, true, f, looks[tile]), dir / fineName);

        // As exported: ranges in pixels on screen, the coarse level inline, the fine one by a
        // file name relative to this folder (no database path stored).
        osg::ref_ptr<osg::PagedLOD> lod = new osg::PagedLOD;
        lod->setRangeMode(osg::LOD::PIXEL_SIZE_ON_SCREEN);
        lod->addChild(tileLevel(tile, false, f, looks[tile]), 0, f.fineFromPixels);
        lod->setFileName(1, fineName);
        lod->setRange(1, f.fineFromPixels, 1e30f);
        const float s = float(f.tileSize);
        lod->setCenterMode(osg::LOD::USER_DEFINED_CENTER);
        lod->setCenter({tile == 0 ? -s / 2 : s / 2, 0, float(f.markerHeight) / 2});
        lod->setRadius(std::sqrt(s * s / 2 + float(f.markerHeight * f.markerHeight) / 4));
        // Tile 0's root is the PagedLOD itself, tile 1's a Group over it: exporters write both.
        osg::ref_ptr<osg::Node> root = lod;
        if (tile == 1) {
            osg::ref_ptr<osg::Group> group = new osg::Group;
            group->addChild(lod);
            root = group;
        }
        write(*root, dir / (name + ".osgb"));
        f.rootFiles.push_back(dir / (name + ".osgb"));
        f.fineFiles.push_back(dir / fineName);
    }
    return f;
}

std::string enuSrs(double latDeg, double lonDeg) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(9) << "ENU:" << latDeg << ',' << lonDeg;
    return out.str();
}

}  // namespace cunjing::test
