#pragma once
/// Oblique photography (倾斜摄影) tile sets: the common OSGB export of ContextCapture (Smart3D),
/// DJI Terra and kin, placed in the scene's local frame and paged in by OSG's database pager.
///
/// The layout on disk:
///   folder/metadata.xml                        SRS and SRSOrigin
///   folder/Data/Tile_+000_+001/Tile_+000_+001.osgb       root of one tile (PagedLOD or Group)
///   folder/Data/Tile_+000_+001/Tile_+000_+001_L17_0.osgb finer levels, named by the root's
///                                                         PagedLODs relative to its folder
/// Vertices are metres relative to SRSOrigin, Z up. The SRS is "EPSG:n" (or WKT) with
/// SRSOrigin an offset in that CRS, or "ENU:lat,lon": a local east-north-up plane tangent at
/// that point (SRSOrigin then usually 0,0,0). A geographic SRS (EPSG:4326) is taken the way
/// the exporters mean it: ENU at SRSOrigin = lon,lat,height.
///
/// The types here hold no OSG objects, so SceneData can keep them; only obliqueNode makes
/// nodes.

#include <cunjing/geo/Crs.h>
#include <cunjing/geo/Mesh.h>
#include <cunjing/geo/Result.h>
#include <cunjing/scene/SceneFile.h>

#include <osg/ref_ptr>

#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace osg {
class MatrixTransform;
}

namespace cunjing::scene {

/// What metadata.xml says.
struct ObliqueMetadata {
    std::filesystem::path file;  ///< the metadata.xml read
    std::string srs;             ///< <SRS> as written (entities decoded), e.g. "EPSG:4547"
    std::array<double, 3> srsOrigin{0, 0, 0};  ///< <SRSOrigin>; 0,0,0 when absent
};

/// Reads metadata.xml. Errors name the file, the line or element, and what is wrong (missing
/// file, XML that is not well formed, no <SRS>, an <SRSOrigin> that is not x,y,z).
Result<ObliqueMetadata> readObliqueMetadata(const std::filesystem::path& file);
/// Same, for text already in memory (file is used in messages).
Result<ObliqueMetadata> parseObliqueMetadata(const std::string& text,
                                             const std::filesystem::path& file);

/// One root tile: Data/<name>/<name>.osgb.
struct ObliqueTile {
    std::string name;            ///< "Tile_+000_+001"
    std::filesystem::path file;  ///< the root .osgb
    geo::Vec3d min, max;         ///< bounding box of the root's geometry, tile coordinates
};

/// A tile set opened and placed in a scene.
struct ObliqueTileSet {
    ObliqueDescription description;
    ObliqueMetadata metadata;
    std::vector<ObliqueTile> tiles;  ///< sorted by name
    /// Tile coordinates -> local scene metres, column-major 4x4 (the layout osg::Matrixd
    /// takes from a pointer): the SRSOrigin's place and the rotation and scale between the
    /// tile grid and the scene's grid (meridian convergence) in the plane, plus SRSOrigin's
    /// height and heightOffset upwards.
    std::array<double, 16> toLocal{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    geo::Bounds localBounds;  ///< of the root tiles' geometry, local metres: for framing

    /// A point in tile coordinates in the local frame.
    geo::Vec3d localPosition(const geo::Vec3d& tile) const;
};

/// Opens description.path: reads metadata.xml, lists the root tiles and reads each root once
/// (the coarsest level, for the bounds; the pager reads them again when they are drawn), and
/// computes the transform into the local frame of a scene in `sceneCrs` (projected, e.g.
/// "EPSG:4547") whose local (0, 0) is (originX, originY). Root tiles that cannot be read are
/// left out with a warning; a set without any readable root tile is an error.
Result<ObliqueTileSet> openObliqueTileSet(const ObliqueDescription& description,
                                          const std::string& sceneCrs, double originX,
                                          double originY);

/// The tile set as a paged layer: a MatrixTransform (name "oblique:<name>", the folder's name
/// when the description has none) over one PagedLOD per root tile, which OSG's database pager
/// (osgViewer's) loads when its bound covers a few pixels; the roots' own PagedLODs then page
/// in finer levels relative to their folders. The layer draws with the unlit textured
/// program shaders/oblique.* (photo textures already hold their light) with the scene's haze,
/// overriding whatever fixed-function state the files carry.
osg::ref_ptr<osg::MatrixTransform> obliqueNode(const ObliqueTileSet& tileSet);

}  // namespace cunjing::scene
