#pragma once
/// GLSL sources, embedded at build time; CUNJING_SHADER_DIR=<folder> reads them from disk
/// instead, for editing shaders without rebuilding.

#include <osg/Program>
#include <osg/ref_ptr>

#include <string>

namespace cunjing::scene {

/// The source of shaders/<name>; empty when there is no such shader.
std::string shaderSource(const std::string& name);
/// A program from <base>.vert and <base>.frag, linked with common.vert and common.frag, and with
/// colour.glsl and <base>.glsl (when there is one) in both stages.
osg::ref_ptr<osg::Program> shaderProgram(const std::string& base);

/// Vertex attribute index of the per-vertex surface (geo::Surface as a float) that the lit
/// shader textures by; 6 is free of the arrays OSG binds by number.
inline constexpr unsigned kSurfaceAttribute = 6;
/// Vertex attributes of an instanced drawable (common.vert), advancing once an instance: the
/// base and yaw, and the horizontal and vertical scale. 7 and 1 are free of OSG's arrays too.
inline constexpr unsigned kInstancePlaceAttribute = 7;
inline constexpr unsigned kInstanceSizeAttribute = 1;
/// The shader define the terrain's state set has when imagery is draped on it.
inline constexpr const char* kImageryDefine = "CUNJING_IMAGERY";
/// The shader define of what the low preset lights per vertex (lit.vert): buildings (one
/// normal a face, so exact), trees and greenery (small facets of smooth crowns, where a
/// vertex's light is a pixel's within the tessellation). On llvmpipe a vertex is shaded once,
/// a pixel once for each of its fragments.
inline constexpr const char* kVertexLightDefine = "CUNJING_VERTEX_LIGHT";
/// The shader define of drawables with faces that shine and mirror the sky (water's tops,
/// glaze): lit.frag compiles that code in for them alone (building batches split such faces
/// off), since a software renderer would run it for every matte pixel too.
inline constexpr const char* kGlossyDefine = "CUNJING_GLOSSY";
/// The shader define an instanced drawable sets on its state set.
inline constexpr const char* kInstancedDefine = "CUNJING_INSTANCED";

/// Texture unit of the sun's shadow map ("shadowTexture" in common.frag); unit 0 holds the
/// terrain's imagery and models' base colour.
inline constexpr unsigned kShadowTextureUnit = 1;

}  // namespace cunjing::scene
