#pragma once
/// GLSL sources, embedded at build time; CUNJING_SHADER_DIR=<folder> reads them from disk
/// instead, for editing shaders without rebuilding.

#include <osg/Program>
#include <osg/ref_ptr>

#include <string>

namespace cunjing::scene {

/// The source of shaders/<name>; empty when there is no such shader.
std::string shaderSource(const std::string& name);
/// A program from <base>.vert and <base>.frag, linked with common.vert and common.frag.
osg::ref_ptr<osg::Program> shaderProgram(const std::string& base);

/// Vertex attribute index of the per-vertex surface (geo::Surface as a float) that the lit
/// shader textures by; 6 is free of the arrays OSG binds by number.
inline constexpr unsigned kSurfaceAttribute = 6;

/// Texture unit of the sun's shadow map ("shadowTexture" in common.frag); unit 0 holds the
/// terrain's imagery and models' base colour.
inline constexpr unsigned kShadowTextureUnit = 1;

}  // namespace cunjing::scene
